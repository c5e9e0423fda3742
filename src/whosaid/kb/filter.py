"""Cut a Wikidata dump down to people, organisations and the items they refer to.

    python -m whosaid.kb.filter latest-all.json.gz people-orgs.json.gz

The output is a dump in the same format (one entity per line between `[` and
`]`, gzip when the name ends in .gz) holding the people (P31 = Q5), the
organisations (`whosaid.kb.entity.ORG_CLASSES`) and the offices, parties and
occupations they point to, each line copied unchanged. It is what
`whosaid link --kb` keeps anyway, in a file a few percent of the size, to
share or to index again quickly. Two streaming passes over the input; memory
holds the set of referenced ids only (tens of MB for the full dump).

`whosaid link --kb` also reads the full dump directly; this is optional.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from typing import IO

from whosaid.kb.dump import iter_lines, parse_entity
from whosaid.kb.entity import kind_of, read_entity, referenced


def filter_dump(source: Path, target: Path) -> tuple[int, int, int]:
    """Write `source`'s people, organisations and referenced items to `target`.

    Returns (entities read, people and organisations kept, referenced kept).

    Raises:
        KBFormatError: If `source` is not a Wikidata JSON dump.
    """
    wanted: set[str] = set()
    kept: set[str] = set()
    lines = 0
    for number, text in iter_lines(source):
        lines += 1
        data = parse_entity(source, number, text)
        kind = kind_of(data)
        entity = read_entity(data, kind) if kind else None
        if entity is not None:
            kept.add(entity.qid)
            wanted |= referenced(entity)
    wanted -= kept
    extra = 0
    opener = gzip.open if target.suffix == ".gz" else open
    with opener(target, "wt", encoding="utf-8") as out:
        previous: str | None = None
        out.write("[\n")
        for number, text in iter_lines(source):
            entity_id = parse_entity(source, number, text)["id"]
            if entity_id in kept or entity_id in wanted:
                extra += entity_id in wanted
                previous = _write(out, previous, text)
        if previous is not None:
            out.write(previous + "\n")
        out.write("]\n")
    return lines, len(kept), extra


def _write(out: IO[str], previous: str | None, text: str) -> str:
    if previous is not None:
        out.write(previous + ",\n")
    return text


def main(argv: list[str]) -> int:
    """Run the filter from the command line; return the exit code."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    from whosaid.errors import WhosaidError

    started = time.perf_counter()
    try:
        lines, kept, extra = filter_dump(Path(argv[0]), Path(argv[1]))
    except WhosaidError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    print(
        f"kept {kept:,} people and organisations and {extra:,} items they refer to, "
        f"of {lines:,} entities, in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
