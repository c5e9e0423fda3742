"""The rules engine on whosaid's small pipeline, `rules-small` (#18)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.extract import engines, small
from whosaid.extract.line_breaks import NAME as LINE_BREAKS
from whosaid.extract.ner_scope import ScopedNER, listens_to_tok2vec
from whosaid.extract.rules.engine import RulesEngine

pytestmark = pytest.mark.issue(18)

TEXT = (
    "Transport Minister Graham Holt spoke on Wednesday in London. "
    '"I would urge the union to call off the strike," Holt said.\n\n'
    "The union's leader, Maria Okafor, said the talks had failed."
)


@pytest.fixture(scope="module")
def small_extractor() -> Any:
    from whosaid import Extractor

    return Extractor("rules-small")


def test_the_small_pipeline_has_one_shared_tok2vec(small_extractor: Any) -> None:
    nlp = small_extractor.nlp
    names = nlp.pipe_names
    assert [n for n in names if n != LINE_BREAKS] == list(small.REQUIRED)
    assert names.index(LINE_BREAKS) == names.index("parser") - 1
    tok2vec = nlp.get_pipe("tok2vec")
    assert sorted(tok2vec.listening_components) == ["parser", "tagger"]
    ner = nlp.get_pipe("ner")  # ScopedNER (the default ner_context) wraps the ner
    assert isinstance(ner, ScopedNER) and ner.listens
    assert listens_to_tok2vec(ner.ner)
    # Cut to the labels whosaid reads, plus DATE and LOC (docs/speed.md).
    assert set(ner.ner.labels) == {"PERSON", "ORG", "GPE", "NORP", "DATE", "LOC"}


def test_rules_small_finds_quotes_and_speakers(small_extractor: Any) -> None:
    records = [q.to_record() for q in small_extractor.extract(TEXT)]
    found = {(r["content"]["text"], r["speaker_name"]) for r in records}
    assert (
        "I would urge the union to call off the strike,",
        "Graham Holt",
    ) in found
    assert ("the talks had failed", "Maria Okafor") in found
    assert {r["engine"] for r in records} == {small_extractor.engine.version}


def test_its_identity_is_read_from_meta_and_matches_the_loaded_engine(
    small_extractor: Any,
) -> None:
    identity = engines.engine_identity("rules-small")
    assert identity == engines.identity_of(small_extractor.engine)
    assert identity.version.startswith(f"{RulesEngine.version}+small-")


def test_a_missing_small_pipeline_is_a_one_line_error_naming_it(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(small.SmallModelError, match=str(missing)) as err:
        small.load_small(missing)
    assert "\n" not in str(err.value)
    with pytest.raises(small.SmallModelError, match="meta.json"):
        small.read_meta(missing)


def test_a_corrupt_small_pipeline_is_a_one_line_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "small"
    shutil.copytree(small.small_path(), broken)
    (broken / "ner" / "model").write_bytes(b"not a model")
    with pytest.raises(small.SmallModelError, match=str(broken)) as err:
        small.load_small(broken)
    assert "\n" not in str(err.value)
    monkeypatch.setenv("WHOSAID_SMALL_MODEL", str(broken))  # the setting names it
    assert small.small_path() == broken
    result = CliRunner().invoke(
        main, ["extract", "-", "--engine", "rules-small"], input=TEXT
    )
    assert result.exit_code != 0
    assert str(broken) in result.output + (result.stderr or "")


def test_the_shipped_meta_records_how_it_was_trained() -> None:
    meta = json.loads((small.small_path() / "meta.json").read_text(encoding="utf-8"))
    trained = meta["whosaid"]
    assert len(trained["config_sha256"]) == 64
    assert len(trained["data"]["data_sha256"]) == 64
    assert trained["data"]["texts"] > 3000


def test_a_missing_small_model_setting_fails_the_cli_with_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-pipeline"
    monkeypatch.setenv("WHOSAID_SMALL_MODEL", str(missing))
    result = CliRunner().invoke(
        main, ["extract", "-", "--engine", "rules-small"], input=TEXT
    )
    assert result.exit_code != 0
    assert f"cannot load whosaid's small spaCy pipeline from {missing}" in (
        result.output + (result.stderr or "")
    )
