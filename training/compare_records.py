"""Records of two engines side by side: where they differ (#18).

Runs `--engine A` and `--engine B` over the real-news texts and PolNeAR dev
and prints the counts and up to `--show` differing records (keyed by
document and content span), so a reader can judge the differences by hand.

An engine named `rules-small:FOLDER` runs on the small pipeline in FOLDER
(the `small_model` setting) instead of the shipped one, so two builds can be
compared.

Usage:
    python training/compare_records.py rules rules-small --show 40
    python training/compare_records.py rules-small:/tmp/old-small rules-small
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
FOLDERS = (SHARED / "realnews" / "text", SHARED / "polnear" / "dev" / "text")


def records(engine: str) -> dict[tuple[str, int, int], dict[str, Any]]:
    name, _, folder = engine.partition(":")
    before = os.environ.get("WHOSAID_SMALL_MODEL")
    if folder:
        os.environ["WHOSAID_SMALL_MODEL"] = folder
    try:
        return _records(name)
    finally:
        if before is None:
            os.environ.pop("WHOSAID_SMALL_MODEL", None)
        else:
            os.environ["WHOSAID_SMALL_MODEL"] = before


def _records(engine: str) -> dict[tuple[str, int, int], dict[str, Any]]:
    from whosaid.model import Article, Result
    from whosaid.pipeline import Extractor

    extractor = Extractor(engine)
    found = {}
    for folder in FOLDERS:
        articles = [
            Article(
                id=f"{folder.parent.name}/{p.stem}", text=p.read_text(encoding="utf-8")
            )
            for p in sorted(folder.glob("*.txt"))
        ]
        for result in extractor.pipe(iter(articles)):
            if isinstance(result, Result):
                for quote in result.quotes:
                    r = quote.to_record()
                    r.pop("engine", None)
                    found[r["doc"], r["content"]["start"], r["content"]["end"]] = r
    return found


def _short(r: dict[str, Any] | None) -> str:
    if r is None:
        return "-"
    cue = (r.get("cue") or {}).get("text")
    return (
        f"{r['type']} {r['kind']} cue={cue!r} speaker={r['speaker_name']!r} "
        f"title={r.get('speaker_title')!r} org={r.get('speaker_org')!r} "
        f"by={r.get('resolved_by')} conf={r['confidence']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args()
    a, b = records(args.a), records(args.b)
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    print(
        f"{args.a}: {len(a)} records, {args.b}: {len(b)}; the same span and fields "
        f"{len(set(a) & set(b)) - len(changed)}, the same span but other fields "
        f"{len(changed)}, only {args.a} {len(only_a)}, only {args.b} {len(only_b)}"
    )
    keys = [*only_a, *only_b, *changed]
    random.Random(18).shuffle(keys)
    for key in keys[: args.show]:
        r = a.get(key) or b[key]
        print(
            f"\n{key[0]} [{key[1]}:{key[2]}] {json.dumps(r['content']['text'][:160])}"
        )
        print(f"  {args.a}: {_short(a.get(key))}")
        print(f"  {args.b}: {_short(b.get(key))}")


if __name__ == "__main__":
    main()
