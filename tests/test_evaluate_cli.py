"""`whosaid eval gold|polnear` end to end, with a stand-in engine that answers from a table."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.extract import engines
from whosaid.model import Quote, Span

GOLD_DIR = Path(__file__).parent / "gold"
ANSWERS: dict[str, list[Quote]] = {}


class TableEngine:
    """Answers each document with the quotes in ANSWERS (a blank spaCy pipeline)."""

    name = "table"
    version = "test"

    def __init__(self, *, spacy_model: str) -> None:
        import spacy

        self.nlp = spacy.blank("en")

    def find_quotes(self, doc: Any, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        if doc_id == "boom":
            raise RuntimeError("engine fell over")
        return list(ANSWERS.get(doc_id, [])), {}


@pytest.fixture
def table_engine(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Quote]]:
    monkeypatch.setitem(engines.ENGINES, "table", f"{__name__}:TableEngine")
    ANSWERS.clear()
    return ANSWERS


def _gold_quotes() -> dict[str, list[Quote]]:
    by_doc: dict[str, list[Quote]] = {}
    for line in (GOLD_DIR / "gold.jsonl").open(encoding="utf-8"):
        quote = Quote.from_record(json.loads(line))
        by_doc.setdefault(quote.doc, []).append(quote)
    return by_doc


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, ["eval", *args, "--engine", "table"])


def test_gold_set_scored_against_itself_is_perfect(
    table_engine: dict[str, list[Quote]], tmp_path: Path
) -> None:
    table_engine.update(_gold_quotes())
    out = tmp_path / "scores.json"
    result = _run(
        "gold",
        str(GOLD_DIR / "gold.jsonl"),
        "--texts",
        str(GOLD_DIR / "texts"),
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["attribution"]["f1"] == 1.0
    assert scores["direct"]["f1"] == 1.0
    assert all(
        mode["f1"] == 1.0 for role in scores["roles"].values() for mode in role.values()
    )
    assert scores["docs"] >= 15
    assert scores["resolved_names"]["accuracy"] == 1.0


def test_wrong_speakers_and_statement_filter(
    table_engine: dict[str, list[Quote]], tmp_path: Path
) -> None:
    nobody = Span(0, 0, "")
    for doc, quotes in _gold_quotes().items():
        table_engine[doc] = [
            replace(q, speaker=nobody, speaker_name="Nobody") for q in quotes
        ]
    out, errors = tmp_path / "scores.json", tmp_path / "errors.jsonl"
    args = ["gold", str(GOLD_DIR / "gold.jsonl"), "--texts", str(GOLD_DIR / "texts")]
    result = _run(*args, "--json", str(out), "--errors", str(errors))
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["attribution"]["f1"] == 0.0
    assert scores["roles"]["content"]["exact"]["f1"] == 1.0
    records = [json.loads(line) for line in errors.open()]
    assert {r["error"] for r in records} == {"miss", "false_alarm"}
    assert any(
        r["reason"].startswith("content matches, speaker wrong") for r in records
    )
    assert all("[[" in r["context"] for r in records)
    result = _run(*args, "--json", str(out), "--kind", "statement")
    statements = json.loads(out.read_text())
    assert statements["kind"] == "statement"
    assert statements["attribution"]["n_gold"] < scores["attribution"]["n_gold"]


@pytest.mark.issue(13)
def test_gold_set_offsets_count_crlf_as_two_characters(
    table_engine: dict[str, list[Quote]], tmp_path: Path
) -> None:
    # Offsets point into the file as stored (newline=""): the CR of each
    # CRLF counts, as in the real-news set's US files.
    text = 'Budget row\r\n\r\nTalks stalled.\r\n\r\n"We will wait," Ana Ruiz said.\r\n'
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "crlf.txt").write_bytes(text.encode("utf-8"))
    start = text.index("We will")
    quote = Quote(
        "crlf",
        "direct",
        Span.of(text, start, start + len("We will wait,")),
        Span.of(text, text.index("said"), text.index("said") + 4),
        Span.of(text, text.index("Ana"), text.index("Ana") + 8),
        "Ana Ruiz",
        None,
        0.9,
    )
    gold = tmp_path / "gold.jsonl"
    record = {k: v for k, v in quote.to_record().items() if k != "kind"}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    table_engine["crlf"] = [quote]
    out = tmp_path / "scores.json"
    result = _run("gold", str(gold), "--texts", str(texts), "--json", str(out))
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["attribution"]["f1"] == 1.0
    assert scores["direct_speakers"] == {"found": 1, "right": 1, "accuracy": 1.0}
    result = _run(
        "gold",
        str(gold),
        "--texts",
        str(texts),
        "--json",
        str(out),
        "--kind",
        "statement",
    )
    assert (
        json.loads(out.read_text())["attribution"]["n_gold"] == 1
    )  # no kind: a statement


def _polnear(root: Path) -> Path:
    text = "“We won,” Reed said. He added that it was close."
    for name in ("text", "attributions"):
        (root / "dev" / name).mkdir(parents=True)
    (root / "dev" / "text" / "a.txt").write_text(text, encoding="utf-8")
    (root / "dev" / "text" / "boom.txt").write_text(text, encoding="utf-8")
    ann = (
        "T1\tContent 0 9\t“We won,”\nT2\tSource 10 14\tReed\nT3\tCue 15 19\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
    )
    for stem in ("a_00aa", "a_11bb", "boom_00aa"):
        (root / "dev" / "attributions" / f"{stem}.ann").write_text(
            ann, encoding="utf-8"
        )
    return root


def test_polnear_command_widens_direct_quotes_and_reports_failures(
    table_engine: dict[str, list[Quote]], tmp_path: Path
) -> None:
    data = _polnear(tmp_path / "polnear")
    text = (data / "dev" / "text" / "a.txt").read_text(encoding="utf-8")
    table_engine["a"] = [
        Quote(
            "a",
            "direct",
            Span.of(text, 1, 8),
            Span.of(text, 15, 19),
            Span.of(text, 10, 14),
            "Reed",
            None,
            0.9,
        )
    ]
    out = tmp_path / "dev.json"
    result = _run("polnear", "--data", str(data), "--json", str(out))
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["roles"]["content"]["exact"]["pred_correct"] == 1
    assert scores["attribution"]["recall"] == 0.5  # boom.txt failed: its gold is missed
    assert scores["failed"] and "engine fell over" in scores["failed"][0]
    assert "1 articles have several annotators" in " ".join(scores["notes"])
    assert len(scores["digest"]) == 64
    assert "content" in result.output and "attributions" in result.output


def test_polnear_command_without_data_is_a_clear_error(
    table_engine: Any, tmp_path: Path
) -> None:
    result = _run("polnear", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no PolNeAR split" in result.output
