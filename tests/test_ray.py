"""The Ray engine on a real local Ray instance: same quotes as one process."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from warcgen import as_records, write_warc
from whosaid.model import Failure, Result
from whosaid.read import read_inputs
from whosaid.read.items import Skipped
from whosaid.scale.shards import read_shards

if TYPE_CHECKING:
    from whosaid.pipeline import Extractor
    from whosaid.report import RunSummary

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _key(item: Result | Failure) -> tuple[str, str]:
    if isinstance(item, Result):
        return ("ok", item.article.id)
    return (type(item).__name__, item.source + item.reason)


def _ray_and_one_process(
    extractor: Extractor, inputs: Path, shard_rows: int
) -> tuple[RunSummary, list[Result | Failure], list[Result | Failure]]:
    """Run `inputs` on Ray with 2 actors and in this process, each sorted by key."""
    from whosaid.scale.ray_engine import run_ray

    out = inputs.parent / "out"
    report = run_ray([str(inputs)], str(out), workers=2, shard_rows=shard_rows)
    expected = sorted(extractor.pipe(read_inputs([inputs])), key=_key)
    return report, expected, sorted(read_shards(out), key=_key)


def test_ray_shards_hold_the_single_process_results(
    extractor,  # type: ignore[no-untyped-def]  # the default engine (#13)
    local_ray: None,
    tmp_path: Path,
) -> None:
    crawls = tmp_path / "crawls"
    crawls.mkdir()
    write_warc(crawls / "a.warc.gz", articles=6, truncate=True)
    write_warc(crawls / "b.warc", articles=3, extras=False, first=100)
    report, expected, stored = _ray_and_one_process(extractor, crawls, 4)

    assert as_records(stored) == as_records(expected)  # same quotes, skips, failures
    assert report.articles == 9
    assert report.quotes == sum(
        len(r.quotes) for r in expected if isinstance(r, Result)
    )
    assert report.quotes > 9
    assert len(report.failures) == 1 and "cut off" in report.failures[0].reason
    skipped = Counter(i.reason for i in expected if isinstance(i, Skipped))
    assert +report.skipped >= skipped


def test_one_file_is_shared_by_every_actor_and_each_item_kept_once(
    extractor,  # type: ignore[no-untyped-def]  # the default engine (#13)
    local_ray: None,
    tmp_path: Path,
) -> None:
    crawl = tmp_path / "one.warc.gz"
    write_warc(crawl, articles=5, truncate=True)
    report, expected, stored = _ray_and_one_process(extractor, crawl, 2)

    assert as_records(stored) == as_records(expected)  # nothing lost or doubled
    assert report.articles == 5
    assert len(report.failures) == 1


def test_a_file_read_in_parts_gives_each_item_to_exactly_one_part(
    tmp_path: Path,
) -> None:
    import pickle

    from whosaid.read import ReadOptions
    from whosaid.scale.ray_engine import _read_file

    crawl = tmp_path / "one.warc.gz"
    write_warc(crawl, articles=5, truncate=True)
    row = {"path": str(crawl), "doc_id": "one", "options": pickle.dumps(ReadOptions())}
    whole = [
        pickle.loads(item["item"]) for item in _read_file(row | {"part": 0, "parts": 1})
    ]
    parts = [
        [
            pickle.loads(item["item"])
            for item in _read_file(row | {"part": part, "parts": 3})
        ]
        for part in range(3)
    ]
    assert all(parts)  # every part has work
    kept = [item for part in parts for item in part]
    assert sorted(map(repr, kept)) == sorted(map(repr, whole))


def test_run_command_with_ray_engine(local_ray: None, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from whosaid.cli import main

    write_warc(tmp_path / "c.warc.gz", articles=2, extras=False)
    out = tmp_path / "out"
    args = ["run", "--runner", "ray", str(tmp_path / "c.warc.gz"), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "from 2 articles into 1 shards" in result.stderr
    assert len(list(read_shards(out))) == 2
