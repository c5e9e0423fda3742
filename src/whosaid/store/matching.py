"""What a name typed by a user means: `--speaker`, the web filter, `whosaid speaker`.

In order: `#ID`; a speaker's own name (any spacing, initials or honorifics:
"Donald J. Trump", "TimeWarner"); a name as written next to its quotes ("Trump"
when those quotes were linked to Donald Trump) or a label or alias of its
Wikidata item ("William Jefferson Clinton"); then the speakers whose name has
every word typed ("Clinton"). When several fit, the one with the most
quotes is chosen and the others are returned as candidates ("did you mean")
(#14).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from whosaid.store.decisions import SpeakerError, find_speaker
from whosaid.store.names import identity_key, speaker_key


@dataclass(frozen=True, slots=True)
class Candidate:
    """A speaker a name may mean."""

    id: int
    name: str
    quote_count: int

    def label(self) -> str:
        return f"{self.name} (#{self.id}, {self.quote_count} quotes)"


@dataclass(frozen=True, slots=True)
class SpeakerMatch:
    """The speaker chosen for a name, and the others it may mean."""

    query: str
    chosen: Candidate | None
    others: list[Candidate] = field(default_factory=list)
    how: str = "none"  # id | name | alias | word | none

    @property
    def ids(self) -> list[int]:
        return [self.chosen.id] if self.chosen else []

    @property
    def tied(self) -> bool:
        """Whether the best two have as many quotes: no reason to prefer one."""
        return bool(
            self.chosen
            and self.others
            and self.others[0].quote_count == self.chosen.quote_count
        )

    def did_you_mean(self) -> str:
        """One line for stderr or a page; empty when there is nothing to add."""
        if not self.others:
            return ""
        names = "; ".join(candidate.label() for candidate in self.others[:5])
        more = f" and {len(self.others) - 5} more" if len(self.others) > 5 else ""
        chosen = f"{self.query!r} is {self.chosen.label()}; " if self.chosen else ""
        return f"{chosen}did you mean: {names}{more}?"


def _candidates(
    conn: sqlite3.Connection, sql: str, params: tuple[object, ...]
) -> list[Candidate]:
    return [
        Candidate(int(row[0]), row[1], int(row[2]))
        for row in conn.execute(
            f"SELECT id, name, quote_count FROM speakers WHERE {sql} "
            "ORDER BY quote_count DESC, article_count DESC, id LIMIT 200",
            params,
        )
    ]


def match_speaker(conn: sqlite3.Connection, name: str) -> SpeakerMatch:
    """Return the speaker `name` means and the other speakers it may mean."""
    text = name.strip()
    if text.startswith("#") and text[1:].isdigit():
        try:
            row = find_speaker(conn, text)
        except SpeakerError:
            return SpeakerMatch(text, None)
        return SpeakerMatch(
            text,
            Candidate(int(row["id"]), row["name"], int(row["quote_count"])),
            how="id",
        )
    key = speaker_key(text)
    if not key:
        return SpeakerMatch(text, None)
    words = _candidates(conn, _word_clause(key), _word_params(key))
    try:
        row = find_speaker(conn, text)
        own = Candidate(int(row["id"]), row["name"], int(row["quote_count"]))
        return SpeakerMatch(text, own, [c for c in words if c.id != own.id], "name")
    except SpeakerError:
        pass
    written = _candidates(
        conn,
        "id IN (SELECT DISTINCT speaker_id FROM quotes WHERE speaker_key IN (?, ?) "
        "AND speaker_id IS NOT NULL) OR key IN (SELECT speaker_key FROM "
        "speaker_kb_names WHERE ident = ?)",
        (key, identity_key(key), identity_key(key)),
    )
    pool = written + [c for c in words if c not in written]
    if not pool:
        return SpeakerMatch(text, None)
    if " " not in key:
        # A surname: the person with the most quotes under it, before first
        # names and names written that way in one article ("Howard" is
        # Michael Howard, not Howard Flight).
        surnamed = {
            c.id for c in words if c.name and speaker_key(c.name).endswith(f" {key}")
        }
        pool.sort(key=lambda c: (c.id not in surnamed, -c.quote_count, c.id))
    else:
        pool.sort(key=lambda c: (c not in written, -c.quote_count, c.id))
    return SpeakerMatch(
        text, pool[0], pool[1:], "alias" if pool[0] in written else "word"
    )


def _word_clause(key: str) -> str:
    return " AND ".join("(' ' || key || ' ') LIKE ?" for _ in key.split())


def _word_params(key: str) -> tuple[object, ...]:
    return tuple(f"% {word} %" for word in key.split())


def resolve_one(
    conn: sqlite3.Connection, name: str
) -> tuple[sqlite3.Row, SpeakerMatch]:
    """Return the one speaker `name` means (for `whosaid speaker NAME`).

    Raises:
        SpeakerError: If none fits, or the best two have as many quotes; the
            message lists the candidates.
    """
    match = match_speaker(conn, name)
    if match.chosen is None:
        raise SpeakerError(
            f"no speaker named {name!r}; list them with: whosaid speakers"
        )
    if match.tied and match.how != "name":
        names = "; ".join(c.label() for c in [match.chosen, *match.others][:10])
        raise SpeakerError(
            f"{name!r} fits several speakers: {names}; give a full name or #ID"
        )
    return find_speaker(conn, f"#{match.chosen.id}"), match
