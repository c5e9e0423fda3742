"""Alias files: a canonical name, the names it covers, an optional Wikidata id.

CSV with columns `name,aliases,external_id` (aliases separated by "|") or
JSON `[{"name": ..., "aliases": [...], "external_id": "Q..."}]`. Lines are
stored in `speaker_links` with origin `file` and never replace a user's merge
or split (`whosaid.store.decisions`).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whosaid.store.decisions import SpeakerError, save_link
from whosaid.store.linker import SpeakerLinker, refresh_speakers
from whosaid.store.names import display_name, speaker_key


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One line of an alias file: a canonical name and the names it covers."""

    name: str
    aliases: tuple[str, ...] = ()
    external_id: str | None = None


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
            if alias_key == canonical or not save_link(
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
