"""Find where a gzip file is cut off or corrupt (#16).

warcio reads a `.warc.gz` member by member and stops quietly at a member that
ends early: a download cut off after 4 of 11 records gave 3 articles, exit
code 0 and no message. `find_damage` decompresses the file once more, member
by member, in bounded pieces, and returns the byte offset of the first member
that does not end properly, so the reader can name it.
"""

from __future__ import annotations

import zlib
from pathlib import Path

CHUNK = 1 << 20  # bytes read, and at most bytes inflated, per step


def find_damage(path: Path) -> tuple[int, str] | None:
    """Return (offset of the first bad gzip member, what is wrong), or None.

    Memory stays at a few CHUNKs, whatever the size of the file or of one
    member once inflated.

    Raises:
        OSError: If the file cannot be read.
    """
    offset = 0  # file offset of the start of `data`
    member = 0  # file offset where the current member starts
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    data = b""
    with open(path, "rb") as f:
        while True:
            if not data:
                data = f.read(CHUNK)
                if not data:
                    break
            try:
                inflater.decompress(data, CHUNK)
            except zlib.error as err:
                return member, f"corrupt gzip data ({err})"
            if inflater.eof:
                offset += len(data) - len(inflater.unused_data)
                data, member = inflater.unused_data, offset
                inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            else:
                offset += len(data) - len(inflater.unconsumed_tail)
                data = inflater.unconsumed_tail
    if offset > member:
        return member, "the file ends inside this gzip member (cut off)"
    return None
