"""Read PolNeAR's brat standoff annotations.

PolNeAR (Newell et al., LREC 2018) annotates attributions as brat text-bound
spans (Source, Cue, Content; possibly discontinuous, "12 20;25 40") linked by
Attribution events. An article annotated by several people has one `.ann` file
per annotator (`<name>_<annotator>.ann`): we use the first in sorted order.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whosaid.evaluate.spans import Fragment, GoldSpan

log = logging.getLogger(__name__)

ROLES = ("source", "cue", "content")
_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: content with its cue and source, if any."""

    content: GoldSpan | None
    cue: GoldSpan | None
    source: GoldSpan | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article's text and its annotated attributions."""

    id: str
    text: str
    annotator: str
    attributions: tuple[GoldAttribution, ...]
    extra_annotators: tuple[str, ...] = ()


def _trim(text: str, start: int, end: int) -> Fragment | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Fragment(start, end) if start < end else None


def _parse_offsets(text: str, offsets: str) -> GoldSpan | None:
    fragments = []
    for piece in offsets.split(";"):
        start, end = (int(n) for n in piece.split())
        fragment = _trim(text, start, end)
        if fragment:
            fragments.append(fragment)
    return (
        GoldSpan(tuple(sorted(fragments, key=lambda f: f.start))) if fragments else None
    )


def parse_ann(text: str, ann: str) -> tuple[GoldAttribution, ...]:
    """Parse one brat `.ann` file into attributions over `text`.

    Text-bound spans not linked by any event, and Discard/Discuss spans, are
    ignored. An event with two Content arguments ("Content2") joins them.
    """
    spans: dict[str, GoldSpan | None] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        if match := _TEXT_BOUND.match(line):
            spans[match.group(1)] = _parse_offsets(text, match.group(3))
        elif match := _EVENT.match(line):
            args: dict[str, list[str]] = {}
            for arg in match.group(2).split():
                role, _, ref = arg.partition(":")
                args.setdefault(role.rstrip("0123456789").lower(), []).append(ref)
            events.append(args)
    attributions = []
    for args in events:

        def span_of(role: str, args: dict[str, list[str]] = args) -> GoldSpan | None:
            parts = [spans.get(ref) for ref in args.get(role, [])]
            fragments = sorted(
                (f for part in parts if part for f in part.fragments),
                key=lambda f: f.start,
            )
            return GoldSpan(tuple(fragments)) if fragments else None

        attributions.append(
            GoldAttribution(span_of("content"), span_of("cue"), span_of("source"))
        )
    return tuple(attributions)


def load_split(data_dir: Path | str, split: str = "dev") -> Iterator[GoldArticle]:
    """Yield the gold articles of one PolNeAR split, sorted by name.

    Raises:
        FileNotFoundError: If `data_dir/split` has no `text/` folder.
    """
    root = Path(data_dir) / split
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"no PolNeAR split at {root} (expected {text_dir})")
    by_name: dict[str, list[Path]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        if match := _ANN_NAME.match(path.name):
            by_name.setdefault(match.group("name"), []).append(path)
    for text_path in sorted(text_dir.glob("*.txt")):
        name = text_path.stem
        anns = by_name.get(name)
        if not anns:
            log.warning("%s has no annotation file; skipped", text_path)
            continue
        # Open with newline="" so offsets match the bytes brat counted.
        with open(text_path, encoding="utf-8", newline="") as f:
            text = f.read()
        first, *others = anns
        annotator = _ANN_NAME.match(first.name).group("annotator")  # type: ignore[union-attr]  # matched above
        yield GoldArticle(
            id=name,
            text=text,
            annotator=annotator,
            attributions=parse_ann(text, first.read_text(encoding="utf-8")),
            extra_annotators=tuple(
                _ANN_NAME.match(p.name).group("annotator")  # type: ignore[union-attr]  # matched above
                for p in others
            ),
        )
