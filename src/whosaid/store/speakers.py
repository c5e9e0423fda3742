"""Speakers across articles: one record per person or organisation.

Each quote's `speaker_name` (already resolved within its article by the engine)
is normalised to a key: accents and case folded, punctuation and leading
honorifics ("Mr.", "Dr.") dropped. Quotes with the same key share a speaker, so
"Thomas Reed" in two outlets is one speaker, while "Bill Clinton" and "Hillary
Clinton" stay two. A one-word person name ("Reed") is linked only when the
article itself resolved it to a full name, or when an alias file or a merge
names it; otherwise the quote keeps its text and no speaker.

User decisions live in `speaker_links` (alias key -> speaker key, with origin
merge, split or file) and are applied on every ingest, so they survive
re-ingest and `--reextract`. Merge/split decisions beat alias-file lines.

Not covered: two different people with the same full name stay one speaker
(split works on aliases, not on articles); nicknames ("Tom"/"Thomas") need an
alias file.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from whosaid.errors import WhosaidError

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "fr",
    ]
)


class SpeakerError(WhosaidError):
    """A speaker name that cannot be found, merged or split."""


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One line of an alias file: a canonical name and the names it covers."""

    name: str
    aliases: tuple[str, ...] = ()
    external_id: str | None = None


def speaker_key(name: str) -> str:
    """Normalise a name: fold accents and case, drop punctuation and honorifics."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace("\u2019", "'")
    words = []
    for raw in text.split():
        word = "".join(char for char in raw if char.isalnum() or char in "'-")
        word = word.strip("'-")
        if word.endswith("'s") and len(word) > 3:
            word = word[:-2]
        if word:
            words.append(word)
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def display_name(name: str) -> str:
    """Return `name` without leading honorifics and extra spaces."""
    words = name.split()
    while len(words) > 1 and speaker_key(words[0]) in HONORIFICS:
        words.pop(0)
    return " ".join(words).strip(" ,;:")


def is_linkable(key: str, *, is_org: bool) -> bool:
    """Whether a name may be linked across articles without a user decision."""
    return bool(key) and (is_org or " " in key)


class SpeakerLinker:
    """Map quotes' speaker names to speaker ids inside one write transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[str, int] = {}
        self._links: dict[str, str | None] = {}
        # Speakers whose counts are recomputed from their quotes (after deletes).
        self.recount: set[int] = set()
        # Counts added by this batch: id -> [quotes, articles, first, last date].
        self._added: dict[int, list[Any]] = {}

    def link(self, name: str | None, *, is_org: bool) -> tuple[str | None, int | None]:
        """Return (the name's own key, its speaker id or None)."""
        if not name:
            return None, None
        key = speaker_key(name)
        if key not in self._links:
            row = self.conn.execute(
                "SELECT speaker_key FROM speaker_links WHERE alias_key = ?", (key,)
            ).fetchone()
            self._links[key] = row[0] if row else None
        target = self._links[key]
        if target is None and not is_linkable(key, is_org=is_org):
            return key or None, None
        speaker_id = self.speaker_id(target or key, display_name(name), is_org=is_org)
        return key, speaker_id

    def count_article(self, speaker_ids: list[int | None], day: str | None) -> None:
        """Add one article's quotes to its speakers' counts (O(1) per quote)."""
        for speaker_id in speaker_ids:
            if speaker_id is not None:
                self._added.setdefault(speaker_id, [0, 0, day, day])[0] += 1
        for speaker_id in {s for s in speaker_ids if s is not None}:
            counts = self._added[speaker_id]
            counts[1] += 1
            counts[2] = _earliest(counts[2], day)
            counts[3] = _latest(counts[3], day)

    def forget(self) -> None:
        """After a rollback: recount everything this batch touched, drop caches."""
        self.recount |= set(self._added)
        self._added.clear()
        self._ids.clear()
        self._links.clear()

    def flush(self) -> None:
        """Write this batch's counts; recount speakers that lost quotes."""
        self.conn.executemany(
            """
            UPDATE speakers SET
                quote_count = quote_count + ?2,
                article_count = article_count + ?3,
                first_seen = CASE WHEN first_seen IS NULL OR ?4 < first_seen
                             THEN coalesce(?4, first_seen) ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR ?5 > last_seen
                            THEN coalesce(?5, last_seen) ELSE last_seen END
            WHERE id = ?1
            """,
            [
                (sid, *counts)
                for sid, counts in self._added.items()
                if sid not in self.recount
            ],
        )
        refresh_speakers(self.conn, self.recount)
        self._added.clear()
        self.recount.clear()

    def speaker_id(self, key: str, name: str, *, is_org: bool) -> int:
        if key in self._ids:
            return self._ids[key]
        row = self.conn.execute(
            "SELECT id FROM speakers WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            cursor = self.conn.execute(
                "INSERT INTO speakers (key, name, is_org) VALUES (?, ?, ?)",
                (key, name, int(is_org)),
            )
            speaker_id = int(cursor.lastrowid or 0)
        else:
            speaker_id = int(row[0])
        self._ids[key] = speaker_id
        return speaker_id


def _earliest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def refresh_speakers(conn: sqlite3.Connection, speaker_ids: Iterable[int]) -> None:
    """Recount quotes, articles and first/last seen; drop speakers left empty."""
    for speaker_id in set(speaker_ids):
        conn.execute(
            """
            UPDATE speakers SET
                quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = :id),
                article_count = (SELECT count(DISTINCT article_id) FROM quotes
                                 WHERE speaker_id = :id),
                first_seen = (SELECT min(date) FROM quotes WHERE speaker_id = :id),
                last_seen = (SELECT max(date) FROM quotes WHERE speaker_id = :id)
            WHERE id = :id
            """,
            {"id": speaker_id},
        )
        conn.execute(
            "DELETE FROM speakers WHERE id = ? AND quote_count = 0 "
            "AND external_id IS NULL",
            (speaker_id,),
        )


def find_speaker(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """Return the speaker row for a name, an alias, or `#ID`.

    Raises:
        SpeakerError: If no speaker or more than one matches.
    """
    if name.startswith("#") and name[1:].isdigit():
        row = conn.execute(
            "SELECT * FROM speakers WHERE id = ?", (int(name[1:]),)
        ).fetchone()
    else:
        key = speaker_key(name)
        linked = conn.execute(
            "SELECT speaker_key FROM speaker_links WHERE alias_key = ?", (key,)
        ).fetchone()
        row = conn.execute(
            "SELECT * FROM speakers WHERE key = ?", (linked[0] if linked else key,)
        ).fetchone()
    if row is None:
        raise SpeakerError(
            f"no speaker named {name!r} (or several share that word); use a full "
            "name or #ID from: whosaid speakers"
        )
    return row  # type: ignore[no-any-return]  # sqlite3.Row from a typed query


def merge_speakers(conn: sqlite3.Connection, into: str, other: str) -> int:
    """Merge speaker `other` into `into`; return the number of quotes moved.

    Every name that resolved to `other` now resolves to `into`, on this index
    and on every later ingest. Call inside a transaction.
    """
    keep, gone = find_speaker(conn, into), find_speaker(conn, other)
    if keep["id"] == gone["id"]:
        raise SpeakerError(f"{into!r} and {other!r} are already one speaker")
    keys = {gone["key"]} | {
        row[0]
        for row in conn.execute(
            "SELECT alias_key FROM speaker_links WHERE speaker_key = ?", (gone["key"],)
        )
    }
    keys |= {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT speaker_key FROM quotes WHERE speaker_id = ?",
            (gone["id"],),
        )
        if row[0]
    }
    for key in keys:
        _save_link(conn, key, keep["key"], key, "merge")
    moved = conn.execute(
        "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?",
        (keep["id"], gone["id"]),
    ).rowcount
    if gone["external_id"] and not keep["external_id"]:
        conn.execute(
            "UPDATE speakers SET external_id = ? WHERE id = ?",
            (gone["external_id"], keep["id"]),
        )
    conn.execute("DELETE FROM speakers WHERE id = ?", (gone["id"],))
    refresh_speakers(conn, [keep["id"]])
    return int(moved)


def split_speaker(conn: sqlite3.Connection, name: str, alias: str) -> int:
    """Give the quotes written as `alias` under speaker `name` their own speaker.

    Returns the number of quotes moved. The decision survives re-ingest. Call
    inside a transaction.
    """
    source = find_speaker(conn, name)
    alias_key = speaker_key(alias)
    if alias_key == source["key"]:
        raise SpeakerError(
            f"{alias!r} is {name!r}'s own name; split off one of its other aliases"
        )
    _save_link(conn, alias_key, alias_key, display_name(alias), "split")
    linker = SpeakerLinker(conn)
    target_id = linker.speaker_id(
        alias_key, display_name(alias), is_org=bool(source["is_org"])
    )
    moved = conn.execute(
        "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ? AND speaker_key = ?",
        (target_id, source["id"], alias_key),
    ).rowcount
    refresh_speakers(conn, [source["id"], target_id])
    return int(moved)


def read_alias_file(path: Path) -> list[AliasEntry]:
    """Read an alias file: CSV (name, aliases, external_id) or JSON.

    CSV `aliases` separates names with "|". JSON is a list of objects with
    `name`, `aliases` (a list) and optional `external_id` (or `id`).

    Raises:
        SpeakerError: If the file cannot be read or has no `name` column.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SpeakerError(f"{path}: cannot read alias file ({err})") from err
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise SpeakerError(f"{path}: not valid JSON ({err.msg})") from err
        rows = [
            (
                item.get("name"),
                item.get("aliases") or [],
                item.get("external_id") or item.get("id"),
            )
            for item in data
            if isinstance(item, dict)
        ]
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise SpeakerError(f"{path}: an alias CSV needs a 'name' column")
        rows = [
            (
                row.get("name"),
                (row.get("aliases") or "").split("|"),
                row.get("external_id"),
            )
            for row in reader
        ]
    return [
        AliasEntry(
            str(name).strip(),
            tuple(a.strip() for a in aliases if a and a.strip()),
            str(external_id).strip() if external_id else None,
        )
        for name, aliases, external_id in rows
        if name and str(name).strip()
    ]


def apply_aliases(conn: sqlite3.Connection, entries: Iterable[AliasEntry]) -> int:
    """Record alias-file links and relink the quotes already indexed.

    Lines never override a `merge` or `split` decision. Returns the number of
    quotes that moved. Call inside a transaction.
    """
    moved, touched = 0, set()
    linker = SpeakerLinker(conn)
    for entry in entries:
        canonical = speaker_key(entry.name)
        target_id = linker.speaker_id(canonical, display_name(entry.name), is_org=False)
        conn.execute(
            "UPDATE speakers SET name = ?, external_id = coalesce(?, external_id) "
            "WHERE id = ?",
            (display_name(entry.name), entry.external_id, target_id),
        )
        touched.add(target_id)
        for alias in entry.aliases:
            alias_key = speaker_key(alias)
            if alias_key == canonical or not _save_link(
                conn, alias_key, canonical, alias, "file", entry.external_id
            ):
                continue
            touched |= {
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT speaker_id FROM quotes WHERE speaker_key = ? "
                    "AND speaker_id IS NOT NULL",
                    (alias_key,),
                )
            }
            moved += conn.execute(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_key = ? "
                "AND (speaker_id IS NULL OR speaker_id != ?)",
                (target_id, alias_key, target_id),
            ).rowcount
    refresh_speakers(conn, touched)
    return moved


def _save_link(
    conn: sqlite3.Connection,
    alias_key: str,
    speaker_key_: str,
    alias: str,
    origin: str,
    external_id: str | None = None,
) -> bool:
    """Store a link; a `file` link never replaces a user's merge or split."""
    if origin == "file":
        row = conn.execute(
            "SELECT origin FROM speaker_links WHERE alias_key = ?", (alias_key,)
        ).fetchone()
        if row is not None and row[0] != "file":
            return False
    conn.execute(
        "INSERT OR REPLACE INTO speaker_links "
        "(alias_key, speaker_key, alias, origin, external_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            alias_key,
            speaker_key_,
            alias,
            origin,
            external_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    return True
