"""Keep the voices tables in step with the index (#15).

`VoiceWriter` is called by the ingester for each stored article (after its
quotes are inserted) and flushed with each batch: it writes the article's
people and quote rows and then recomputes the gender of every person the
batch touched, across all their articles. Triggers keep `voice_counts`.

`rebuild_voices` recomputes everything from the stored quotes, article texts
and `article_people` (after the migration, or after `name_gender` changes);
`set_gender` records a user decision that no re-ingest overwrites.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from whosaid.errors import WhosaidError
from whosaid.model import Quote, Span
from whosaid.store.speakers import find_speaker, speaker_key

from . import names
from .evidence import (
    FEMALE,
    GENDERS,
    MALE,
    UNKNOWN,
    ArticleEvidence,
    Decision,
    Evidence,
    decide,
    name_parts,
    quote_evidence,
)
from .sources import source_type

NONE = "none"  # the gender column of organisations, documents, unnamed sources


class GenderError(WhosaidError):
    """A gender value that is not one of female, male, unknown, clear."""


@dataclass(slots=True)
class _Person:
    name: str  # as the article's quotes write it
    full: str  # the fullest name known: the linked speaker's for "Bello"
    quotes: int = 0  # statements: a person is "quoted" by what they said (#15)
    evidence: list[Evidence] = field(default_factory=list)


class VoiceWriter:
    """Write one batch's voices rows; `flush()` settles genders across articles.

    Articles are queued by `add_article` and written at `flush()`, after the
    ingester has linked speakers and bare surnames, from what is stored; so
    are articles whose quotes changed speaker since (`voice_stale`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.touched: set[str] = set()
        self.queued: set[int] = set()
        self._links: dict[str, str] = {}
        self.name_library = names.library()

    def add_article(self, article_id: int, people: Mapping[str, int]) -> None:
        """Record the people an article mentions; write its voices at `flush()`."""
        self.conn.execute(
            "DELETE FROM article_people WHERE article_id = ?", (article_id,)
        )
        self.conn.executemany(
            "INSERT INTO article_people (article_id, name, mentions) VALUES (?, ?, ?)",
            [(article_id, name, count) for name, count in people.items()],
        )
        self.queued.add(article_id)

    def flush(self) -> None:
        """Write the queued and stale articles; recompute their people's gender."""
        stale = {
            row[0] for row in self.conn.execute("SELECT article_id FROM voice_stale")
        }
        for article_id in sorted(self.queued | stale):
            self.write_article(article_id)
        self.conn.execute("DELETE FROM voice_stale")
        refresh_genders(self.conn, self.touched, name_library=self.name_library)
        self.touched.clear()
        self.queued.clear()

    def write_article(self, article_id: int) -> None:
        """Replace an article's voices rows with ones made from what is stored."""
        conn = self.conn
        self.touched |= {
            row[0]
            for row in conn.execute(
                "SELECT person FROM voice_people WHERE article_id = ?", (article_id,)
            )
        }
        conn.execute("DELETE FROM voice_people WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM quote_voices WHERE article_id = ?", (article_id,))
        article = conn.execute(
            "SELECT text, outlet, date FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if article is None:
            return
        text, outlet, day = article[0], article[1] or "", article[2] or ""
        found: dict[str, _Person] = {}
        quote_rows = []
        for row in conn.execute(
            "SELECT q.*, s.key AS linked_key, s.name AS linked_name FROM quotes q "
            "LEFT JOIN speakers s ON s.id = q.speaker_id "
            "WHERE q.article_id = ? ORDER BY q.position",
            (article_id,),
        ).fetchall():
            quote = _stored_quote(row)
            source = source_type(quote, text)
            key = row["linked_key"] or row["speaker_key"]
            person = None
            if source == "person" and quote.speaker_name and key:
                person = self._person_key(key, article_id)
                full = _fuller(quote.speaker_name, row["linked_name"])
                entry = found.setdefault(person, _Person(quote.speaker_name, full))
                entry.quotes += quote.kind == "statement"  # query.DEFAULT_KIND
                entry.evidence += quote_evidence(quote)
            quote_rows.append(
                (row["id"], article_id, person, outlet, day, quote.kind, quote.type,
                 source, row["speaker_title"] or "", row["speaker_org"] or "")
            )  # fmt: skip
        for (name,) in conn.execute(
            "SELECT name FROM article_people WHERE article_id = ?", (article_id,)
        ).fetchall():
            key = speaker_key(name)
            if key and not _same_as_quoted(name, found):
                found.setdefault(self._person_key(key, article_id), _Person(name, name))
        # People first, with the gender `flush()` will most likely settle on:
        # the triggers of m018 then add the article's people to its titles and
        # organisations once, instead of moving them at every later change.
        people = self._person_rows(article_id, text, outlet, day, found)
        first = {row[1]: self._first_gender(row) for row in people}
        conn.executemany(
            "INSERT INTO voice_people (article_id, person, name, outlet, day, quotes, "
            "text_gender, text_evidence, evidence_text, name_gender, name_p, gender) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, first[row[1]].gender) for row in people],
        )
        conn.executemany(
            "INSERT INTO quote_voices (quote_id, article_id, person, outlet, day, "
            "kind, type, source, title, org, gender, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, *_quote_gender(row[7], first.get(row[2]))) for row in quote_rows],
        )
        self.touched |= set(found)

    def _first_gender(self, row: tuple[object, ...]) -> Decision:
        """The gender a person row starts with: what is stored for the person,
        else this article's own answer (`refresh_genders` settles it)."""
        person = str(row[1])
        stored = self.conn.execute(
            "SELECT gender, 'user' FROM gender_overrides WHERE person = ? UNION ALL "
            "SELECT gender, evidence FROM speaker_genders WHERE person = ? LIMIT 1",
            (person, person),
        ).fetchone()
        if stored is not None:
            return Decision(str(stored[0]), stored[1])
        if row[6] in (FEMALE, MALE) or row[7] == "conflict":
            return Decision(str(row[6]), str(row[7]))
        if row[9] in (FEMALE, MALE) and self.name_library != "off":
            return Decision(str(row[9]), "name")
        return Decision(UNKNOWN)

    def _person_rows(
        self, article_id: int, text: str, outlet: str, day: str,
        found: dict[str, _Person],
    ) -> list[tuple[object, ...]]:  # fmt: skip
        """One row per person: this article's text decision and the name's answer."""
        surnames: dict[str, set[str]] = defaultdict(set)
        for person_key, entry in found.items():
            parts = name_parts(entry.full)
            if parts:
                surnames[parts[1].lower()].add(person_key)
        rows: list[tuple[object, ...]] = []
        evidence = ArticleEvidence(text)
        for person_key, entry in found.items():
            parts = name_parts(entry.full)
            guess = None
            if parts:
                shared = len(surnames[parts[1].lower()]) > 1
                entry.evidence += evidence.for_person(entry.full, surname_shared=shared)
                guess = names.guess_gender(parts[0], name_library=self.name_library)
            decision = decide(entry.evidence)
            rows.append(
                (article_id, person_key, entry.name, outlet, day, entry.quotes,
                 decision.gender, decision.evidence, decision.text,
                 guess[0] if guess else None, round(guess[1], 4) if guess else None)
            )  # fmt: skip
        return rows

    def _person_key(self, key: str, article_id: int) -> str:
        """The person a speaker key names: its linked speaker, or this article's."""
        if key not in self._links:
            row = self.conn.execute(
                "SELECT speaker_key FROM speaker_links WHERE alias_key = ?", (key,)
            ).fetchone()
            self._links[key] = row[0] if row else key
        linked = self._links[key]
        return linked if " " in linked or linked != key else f"{key}@{article_id}"


def _quote_gender(source: str, first: Decision | None) -> tuple[str, str | None]:
    """A quote row's first gender and evidence: its person's, "none" for others."""
    if source != "person":
        return NONE, None
    return (first.gender, first.evidence) if first else (UNKNOWN, None)


def _fuller(name: str, linked: str | None) -> str:
    """The linked speaker's name when it says more than the quote's ("Bello")."""
    if linked and len(linked.split()) > len(name.split()):
        return linked
    return name


def _same_as_quoted(name: str, found: dict[str, _Person]) -> bool:
    """Whether a mentioned name is a quoted person: the same words, or a word
    that ends exactly one quoted person's name ("Duarte" for "Ines Duarte")."""
    words = name.lower().split()
    if any(entry.full.lower().split() == words for entry in found.values()):
        return True
    if len(words) != 1:
        return False
    owners = [e for e in found.values() if e.full.lower().split()[-1:] == words]
    return len(owners) == 1


def person_gender(
    conn: sqlite3.Connection, person: str, *, name_library: str | None = None
) -> Decision:
    """Weigh a person's evidence across all their articles.

    A user's setting wins. Otherwise each article's text decision is one
    vote; a gender with at least three times the other's votes wins, a
    closer split is a conflict (unknown). Without any text evidence, the name
    library's answer is used, unless `name_gender` is off.
    """
    override = conn.execute(
        "SELECT gender FROM gender_overrides WHERE person = ?", (person,)
    ).fetchone()
    if override is not None:
        return Decision(str(override[0]), "user", None)
    rows = conn.execute(
        "SELECT text_gender, text_evidence, evidence_text, name_gender, name_p "
        "FROM voice_people WHERE person = ?",
        (person,),
    ).fetchall()
    votes = [
        Evidence(row[0], row[1], row[2] or "")
        for row in rows
        if row[0] in (FEMALE, MALE)
    ]
    if votes:
        return decide(votes)
    if any(row[1] == "conflict" for row in rows):
        return Decision(UNKNOWN, "conflict", None)
    if (name_library or names.library()) == "off":
        return Decision(UNKNOWN)
    guesses = [row for row in rows if row[3] in (FEMALE, MALE)]
    if guesses:
        best = max(guesses, key=lambda row: row[4] or 0.0)
        return Decision(best[3], "name", f"p={best[4]}")
    return Decision(UNKNOWN)


def refresh_genders(
    conn: sqlite3.Connection,
    persons: Iterable[str],
    *,
    name_library: str | None = None,
) -> None:
    """Recompute and store the gender of `persons`; triggers move the counts."""
    for person in persons:
        decision = person_gender(conn, person, name_library=name_library)
        votes = conn.execute(
            "SELECT sum(text_gender = 'female'), sum(text_gender = 'male') "
            "FROM voice_people WHERE person = ?",
            (person,),
        ).fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO speaker_genders (person, gender, evidence, "
            "evidence_text, female_articles, male_articles) VALUES (?, ?, ?, ?, ?, ?)",
            (person, decision.gender, decision.evidence, decision.text,
             votes[0] or 0, votes[1] or 0),
        )  # fmt: skip
        conn.execute(
            "UPDATE voice_people SET gender = ? WHERE person = ? AND gender != ?",
            (decision.gender, person, decision.gender),
        )
        conn.execute(
            "UPDATE quote_voices SET gender = ?, evidence = ? WHERE person = ? "
            "AND (gender != ? OR evidence IS NOT ?)",
            (decision.gender, decision.evidence, person, decision.gender,
             decision.evidence),
        )  # fmt: skip


def rebuild_voices(conn: sqlite3.Connection) -> int:
    """Recompute every voices row from the stored quotes, texts and people.

    Returns the number of articles processed. Call inside a transaction.
    """
    for table in ("quote_voices", "voice_people", "speaker_genders", "voice_counts"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
    conn.execute("DELETE FROM voice_periods")  # after voice_counts: its triggers
    conn.execute("DELETE FROM voice_totals")  # after voice_periods: its triggers
    for table in (
        "voice_article_facets", "voice_facet_values", "voice_facet_periods",
        "voice_article_people", "quote_cells", "voice_facet_people",
    ):  # fmt: skip
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - zeros left by the triggers
    writer = VoiceWriter(conn)
    writer.queued = {row[0] for row in conn.execute("SELECT id FROM articles")}
    done = len(writer.queued)
    writer.flush()
    return done


def _stored_quote(row: sqlite3.Row) -> Quote:
    """Rebuild the fields of a Quote that voices reads from a quotes row."""
    speaker = (
        Span(int(row["speaker_start"]), int(row["speaker_end"]), row["speaker_text"])
        if row["speaker_text"] is not None
        else None
    )
    return Quote(
        doc="",
        type=row["type"],
        content=Span(row["content_start"], row["content_end"], row["content"]),
        cue=None,
        speaker=speaker,
        speaker_name=row["speaker_name"],
        speaker_title=row["speaker_title"],
        confidence=float(row["confidence"]),
        kind=row["kind"],
        speaker_org=row["speaker_org"],
        speaker_is_org=bool(row["speaker_is_org"]),
        resolved_by=row["resolved_by"],
    )


def set_gender(conn: sqlite3.Connection, name: str, gender: str | None) -> str:
    """Set (or, with None, clear) a speaker's gender; return a one-line message.

    The decision is kept in `gender_overrides` and survives re-ingest. Call
    inside a transaction.

    Raises:
        GenderError: If `gender` is not female, male or unknown.
        SpeakerError: If no speaker has that name.
    """
    if gender is not None and gender not in GENDERS:
        raise GenderError(
            f"gender must be one of {', '.join(GENDERS)} or 'clear'; got {gender!r}"
        )
    row = find_speaker(conn, name)
    person = str(row["key"])
    if gender is None:
        conn.execute("DELETE FROM gender_overrides WHERE person = ?", (person,))
    else:
        conn.execute(
            "INSERT OR REPLACE INTO gender_overrides (person, gender, set_at) "
            "VALUES (?, ?, ?)",
            (person, gender, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    refresh_genders(conn, [person])
    decision = person_gender(conn, person)
    how = (
        "set by you"
        if decision.evidence == "user"
        else f"from {decision.evidence or 'no evidence'}"
    )
    return f"{row['name']}: {decision.gender} ({how})"
