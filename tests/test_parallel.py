"""Worker processes on one machine give exactly the single-process results."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from warcgen import as_records, write_warc
from whosaid import parallel
from whosaid.cli import main
from whosaid.errors import WhosaidError
from whosaid.model import Article, Result
from whosaid.parallel import pipe_parallel
from whosaid.read import read_inputs, read_pending
from whosaid.scale.shards import read_shards


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crawl") / "crawl.warc.gz"
    write_warc(path, articles=12, truncate=True)
    return path


def test_two_workers_match_one_process(extractor, crawl: Path) -> None:  # type: ignore[no-untyped-def]
    single = list(extractor.pipe(read_inputs([crawl])))  # the default engine
    both = list(pipe_parallel(read_pending([crawl]), workers=2, batch_size=2))
    assert both == single  # same results, same order, failures in place
    assert sum(len(r.quotes) for r in both if isinstance(r, Result)) > 12


def test_one_chunk_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no worker processes for a small input")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    article = Article("a", '"We are ready for the vote," Maria Okafor said on Monday.')
    (result,) = list(pipe_parallel([article], workers=2))
    assert isinstance(result, Result) and result.quotes


def test_bad_engine_is_raised_before_any_result() -> None:
    articles = [Article(f"a{n}", "Text.") for n in range(6)]
    with pytest.raises(WhosaidError, match="nope"):
        pipe_parallel(articles, workers=2, engine="nope", batch_size=2)


def test_run_local_writes_the_single_process_quotes(
    extractor,  # type: ignore[no-untyped-def]  # the default engine (#13)
    crawl: Path,
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        main, ["run", str(crawl), "--output", str(tmp_path), "--workers", "1"]
    )
    assert result.exit_code == 1, result.output  # the cut-off record
    assert "1 inputs failed" in result.stderr and "duplicate URL" in result.stderr
    expected = list(extractor.pipe(read_inputs([crawl])))
    assert as_records(read_shards(tmp_path)) == as_records(expected)


def test_address_needs_the_ray_runner(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["run", "x.warc", "--output", str(tmp_path), "--address", "auto"]
    )
    assert result.exit_code == 2
    assert "--address needs --runner ray" in result.output


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("args", "runner", "engine", "warning"),
    [
        ([], "local", None, None),
        (["--engine", "rules"], "local", "rules", None),
        (["--runner", "local", "--engine", "model"], "local", "model", None),
        (["--engine", "local"], "local", None, "use --runner local"),
        (["--extractor", "rules"], "local", "rules", "use --engine"),
    ],
)
def test_run_takes_a_runner_and_an_extraction_engine(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    runner: str,
    engine: str | None,
    warning: str | None,
) -> None:
    from whosaid.report import RunSummary
    from whosaid.scale import local

    calls: list[dict[str, object]] = []

    def fake_run_local(*_: object, **kwargs: object) -> RunSummary:
        calls.append(kwargs)
        return RunSummary(command="run")

    monkeypatch.setattr(local, "run_local", fake_run_local)
    result = CliRunner().invoke(main, ["run", "x.txt", "-o", str(tmp_path), *args])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["engine"] == engine
    assert (warning in result.stderr) if warning else "warning" not in result.stderr


def test_run_refuses_two_runners(tmp_path: Path) -> None:
    args = ["run", "x.txt", "-o", str(tmp_path), "--runner", "ray", "--engine", "local"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "old spelling of --runner" in result.output


def test_ingest_loads_run_shards_into_the_index(
    extractor,  # type: ignore[no-untyped-def]  # the default engine (#13)
    crawl: Path,
    tmp_path: Path,
) -> None:
    import sqlite3

    out, db = tmp_path / "out", tmp_path / "news.db"
    CliRunner().invoke(main, ["run", str(crawl), "-o", str(out), "--workers", "1"])
    result = CliRunner().invoke(main, ["ingest", str(out), "--db", str(db)])
    assert "not HTML" in result.stderr and "1 inputs failed" in result.stderr
    expected = [
        r for r in extractor.pipe(read_inputs([crawl])) if isinstance(r, Result)
    ]
    with sqlite3.connect(db) as conn:
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        (quotes,) = conn.execute("SELECT count(*) FROM quotes").fetchone()
    assert articles == len(expected) == 12
    assert quotes == sum(len(r.quotes) for r in expected)
