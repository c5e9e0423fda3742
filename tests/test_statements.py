"""Real-news behaviour of both engines on texts written for these tests (#13).

Every rule here is a general rule of English news writing: statements, not
noun phrases; direct quotes to the right speaker; an unbalanced quotation mark
costs only its own quote.
"""

from __future__ import annotations

from typing import Any

import pytest

Row = tuple[str, str | None, str]


def rows(extractor: Any, text: str, *, kind: str = "statement") -> list[Row]:
    return [
        (quote.type, quote.speaker_name, quote.content.text)
        for quote in extractor.extract(text)
        if kind == "all" or quote.kind == kind
    ]


@pytest.fixture(params=["rules", "model"], scope="module")
def engine(request: pytest.FixtureRequest) -> Any:
    fixture = "extractor" if request.param == "rules" else "model_extractor"
    return request.getfixturevalue(fixture)


@pytest.mark.issue(13)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_unclosed_mark_costs_only_its_own_quote(engine: Any, line_end: str) -> None:
    text = (
        'Graham Holt said the union had "run out of patience with the plan.'
        + line_end * 2
        + '"We will not back down," Aisha Bello told reporters.'
        + line_end
    )
    quotes = engine.extract(text)
    assert [(q.type, q.speaker_name) for q in quotes] == [
        ("mixed", "Graham Holt"),
        ("direct", "Aisha Bello"),
    ]
    holt, bello = quotes
    assert holt.content.text.startswith("the union had")
    assert "Graham Holt" not in bello.content.text
    assert bello.content.text == "We will not back down,"
    assert holt.confidence < 0.7 < bello.confidence  # the unclosed one says so
