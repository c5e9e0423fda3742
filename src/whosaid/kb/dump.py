"""Read Wikidata's JSON dump format, streaming: one entity per line.

The published dumps (`latest-all.json.gz`, `.bz2`) are one JSON array written
one entity per line: a line `[`, then `{...},` lines, the last entity without
its comma, then `]`. This reader takes that format plain, gzip or bzip2 (told
apart by their first bytes, not the file name), and also the same lines
without the brackets (what `jq -c '.[]'` writes). Memory stays at one line.

Errors name the file and the line, on one line: a line that is not JSON, an
entity without an `id` or `claims`, a compressed stream that ends early, an
array whose closing `]` never comes (a truncated download).
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from whosaid.errors import WhosaidError


class KBFormatError(WhosaidError):
    """A knowledge-base file that is not (or no longer) a Wikidata JSON dump."""


def open_text(path: Path) -> IO[str]:
    """Open a dump as text, uncompressing gzip or bzip2 by its first bytes."""
    try:
        with path.open("rb") as raw:
            magic = raw.read(3)
    except OSError as err:
        raise KBFormatError(f"{path}: cannot read ({err.strerror})") from err
    if magic[:2] == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if magic == b"BZh":
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def iter_entities(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, entity) for every entity in a dump.

    Raises:
        KBFormatError: On the first line that is not a dump's; the message
            is `FILE:LINE: what is wrong`.
    """
    for number, text in iter_lines(path):
        yield number, parse_entity(path, number, text)


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, entity JSON text) without parsing the JSON.

    Checks the array's brackets, so a dump cut short raises at its end.
    """
    number, opened, closed = 0, False, False
    with open_text(path) as stream:
        try:
            for number, line in enumerate(stream, start=1):
                text = line.strip()
                if not text:
                    continue
                if closed:
                    raise KBFormatError(f"{path}:{number}: text after the closing ']'")
                if text == "[" and not opened and number == 1:
                    opened = True
                    continue
                if text == "]" and opened:
                    closed = True
                    continue
                if not text.startswith("{"):
                    raise KBFormatError(
                        f"{path}:{number}: expected one entity object per line "
                        "(the Wikidata JSON dump format)"
                    )
                yield number, text.removesuffix(",")
        except (EOFError, OSError, UnicodeDecodeError) as err:
            raise KBFormatError(
                f"{path}:{number + 1}: cannot read on ({err}); truncated download?"
            ) from err
    if number == 0:
        raise KBFormatError(f"{path}: empty; expected a Wikidata JSON dump")
    if opened and not closed:
        raise KBFormatError(
            f"{path}:{number}: the dump ends without its closing ']'; "
            "truncated download?"
        )


def parse_entity(path: Path, number: int, text: str) -> dict[str, Any]:
    """Parse one entity line; raise `KBFormatError` naming FILE:LINE."""
    try:
        entity = json.loads(text)
    except json.JSONDecodeError as err:
        raise KBFormatError(
            f"{path}:{number}: not JSON ({err.msg}); a Wikidata dump has one "
            "entity per line"
        ) from err
    if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
        raise KBFormatError(
            f"{path}:{number}: not a Wikidata entity (no 'id'); expected the "
            "JSON dump format of dumps.wikimedia.org/wikidatawiki/entities"
        )
    if not isinstance(entity.get("claims", {}), dict):
        raise KBFormatError(f"{path}:{number}: 'claims' is not an object")
    return entity
