"""Hand-built articles and quotes for the store tests: fast and deterministic."""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whosaid.model import Article, Quote, Result, Span
from whosaid.store import Ingester, connect


@dataclass(frozen=True)
class Said:
    """One quote to write into a test article."""

    speaker: str | None
    words: str
    title: str | None = None
    kind: str = "statement"
    type: str = "direct"
    stance: str = "neutral"
    is_org: bool = False
    org: str | None = None


def make_result(
    doc_id: str,
    said: list[Said],
    *,
    outlet: str | None = "Daily Planet",
    published: str | None = "2026-03-01",
    engine: str = "test:1",
    filler: str = "",
) -> Result:
    """Write an article whose text holds each quote, with exact spans."""
    text, quotes = filler, []
    for item in said:
        text += " " if text else ""
        start = len(text)
        if item.type == "direct":
            text += f"\u201c{item.words},\u201d "
        else:  # reported speech, perhaps with quoted fragments: no marks around it
            text += f"{item.words}, "
        content = Span.of(text, start, len(text) - 1)
        mention = item.speaker or "someone"
        cue_start = len(text)
        text += "said "
        cue = Span.of(text, cue_start, cue_start + 4)
        speaker_start = len(text)
        text += f"{mention}."
        speaker = Span.of(text, speaker_start, speaker_start + len(mention))
        quotes.append(
            Quote(
                doc=doc_id,
                type=item.type,  # type: ignore[arg-type]  # test data is well-formed
                content=content,
                cue=cue,
                speaker=speaker,
                speaker_name=item.speaker,
                speaker_title=item.title,
                speaker_org=item.org,
                confidence=0.9,
                kind=item.kind,  # type: ignore[arg-type]  # test data is well-formed
                cue_stance=item.stance,  # type: ignore[arg-type]  # test data
                speaker_is_org=item.is_org,
                engine=engine,
            )
        )
    article = Article(
        id=doc_id, text=text, outlet=outlet, published=published, source=f"{doc_id}.txt"
    )
    return Result(article, quotes)


def dated_index(
    articles: int, said_of: Callable[[int], list[Said]]
) -> sqlite3.Connection:
    """An in-memory index of `articles` articles, article n saying `said_of(n)`.

    The articles alternate between two outlets and spread over three months,
    so outlet and date filters have something to tell apart.
    """
    conn = connect(":memory:")
    results = [
        make_result(
            f"a{n}",
            said_of(n),
            outlet=("Herald", "Gazette")[n % 2],
            published=f"2026-0{1 + n % 3}-{10 + n % 15:02d}",
        )
        for n in range(articles)
    ]
    Ingester(conn, engine="test:1").ingest(results)
    return conn


_SAID = re.compile(
    r"\u201c([^\u201d]+)\u201d said ((?:Mr\. |Ms\. )?[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"
)


class FakeEngine:
    """A regex engine for CLI tests: `“...,” said Name.`; no model to load.

    `FAKE_ENGINE_DELAY` (seconds per article) slows it down so a test can kill
    an ingest half-way.
    """

    name = "fake"
    version = "1"

    def __init__(self, spacy_model: str = "") -> None:
        import spacy

        self.nlp = spacy.blank("en")

    def find_quotes(self, doc: Any, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        time.sleep(float(os.environ.get("FAKE_ENGINE_DELAY", "0")))
        quotes = []
        for match in _SAID.finditer(doc.text):
            name = match.group(2)
            quotes.append(
                Quote(
                    doc=doc_id,
                    type="direct",
                    content=Span.of(doc.text, match.start(), match.end(1) + 1),
                    cue=Span.of(doc.text, match.end(1) + 2, match.end(1) + 6),
                    speaker=Span.of(doc.text, match.start(2), match.end(2)),
                    speaker_name=name,
                    speaker_title=None,
                    confidence=0.9,
                    engine=f"fake:{self.version}",
                )
            )
        return quotes, {}


def register_fake_engine() -> None:
    """Make `--engine fake` (or WHOSAID_ENGINE=fake) load `FakeEngine`."""
    from whosaid.extract.engines import ENGINES

    ENGINES["fake"] = "store_helpers:FakeEngine"
