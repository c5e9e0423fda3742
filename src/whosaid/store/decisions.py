"""User decisions on speakers: find one, merge two, split an alias off.

Decisions live in `speaker_links` (alias key -> speaker key, with origin
merge, split or file) and `whosaid.store.linker` applies them on every
ingest, so they survive re-ingest and `--reextract`. Merge and split beat
alias-file lines (`whosaid.store.aliases`) and the automatic surname links of
`whosaid.store.surnames`: `speakers split "Donald Trump" "Trump"` undoes one.

Not covered: two different people with the same full name stay one speaker
(split works on names as written, not on articles).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from whosaid.errors import WhosaidError
from whosaid.store.linker import SpeakerLinker, refresh_speakers
from whosaid.store.names import display_name, identity_key, speaker_key


class SpeakerError(WhosaidError):
    """A speaker name that cannot be found, merged or split."""


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
        key = linked[0] if linked else key
        row = conn.execute(
            "SELECT * FROM speakers WHERE key = ? OR ident = ? "
            "ORDER BY key = ? DESC, quote_count DESC LIMIT 1",
            (key, identity_key(key), key),
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
        save_link(conn, key, keep["key"], key, "merge")
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
    save_link(conn, alias_key, alias_key, display_name(alias), "split")
    linker = SpeakerLinker(conn)
    target_id = linker.speaker_id(
        alias_key, display_name(alias), is_org=bool(source["is_org"]), exact=True
    )
    moved = conn.execute(
        "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ? AND speaker_key = ?",
        (target_id, source["id"], alias_key),
    ).rowcount
    # Surname links of these quotes are undone with them (#14).
    conn.execute(
        "DELETE FROM speaker_evidence WHERE quote_id IN "
        "(SELECT id FROM quotes WHERE speaker_id = ? AND speaker_key = ?)",
        (target_id, alias_key),
    )
    refresh_speakers(conn, [source["id"], target_id])
    return int(moved)


def save_link(
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
