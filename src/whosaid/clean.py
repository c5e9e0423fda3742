"""Find scraped residue in an article: regions the engine must ignore.

Web pages and wire feeds leave text that is not the story: photo captions with
agency credits ("Prime Minister Ana Ruiz. Reuters"), "This story was edited
by ...", "Short URL: ...", "Read more: ...", share and subscribe prompts,
bylines ("By Jane Doe") and datelines ("WASHINGTON (AP) —"). `find_residue`
marks them as character regions and never changes the text, so every offset
the engine reports still points into the text exactly as read.

Not covered: boilerplate in the middle of a sentence, and captions without a
credit (they read like any other sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AGENCIES = (
    r"Reuters|AP|AFP|Getty Images|Getty|EPA|Bloomberg|Associated Press|"
    r"Agence France-Presse|Xinhua|PA|PA Images|Shutterstock|ANP|dpa|DPA|"
    r"Anadolu Agency|Alamy|Pool|File Photo|File"
)
_CREDIT = re.compile(
    rf"(?:[.)]\s+|\s*[/|(]\s*)(?:Photo(?:graph)?:?\s*)?(?i:{_AGENCIES})"
    rf"(?:\s*(?:Photo|Images|Pictures))?(?:\s*/\s*[A-Z][\w.\- ]+)?\)?\s*\.?\s*$"
)
_CAPTION_PREFIX = re.compile(
    r"^\s*(?:\(?(?:Photo|Image|Picture|Caption|File photo)s?\b[:)]|©)", re.I
)
_WHOLE_LINE = re.compile(
    r"^\s*(?:"
    r"This (?:story|article|report) (?:was|has been) (?:edited|updated|corrected|reported)\b"
    r"|(?:Additional )?(?:Reporting|Editing|Writing) by\b"
    r"|Short URL\s*:"
    r"|Read (?:more|also|the rest|the full story)\b"
    r"|(?:Related|See also|Also read|More on this|Recommended)\s*:"
    r"|Share (?:this|on|via)\b|Share\s*$"
    r"|(?:Click|Tap) here\b"
    r"|(?:Subscribe|Sign up|Follow us|Follow @|Like us on|Join us on|Get our|Download our)\b"
    r"|(?:Copyright|©)\s"
    r"|All rights reserved\b"
    r"|Advertisement\s*$"
    r"|(?:Updated|Published|Posted|Last updated)\s*:?\s*(?:\d|[A-Z][a-z]{2,8}\.? \d)"
    r"|By [A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3}(?:(?:,| and) [A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3})*"
    r"(?:\s*[,|/]\s*[A-Z][\w ]{0,40})?\s*$"
    r")"
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,4})?\s*"
    r"\((?:AP|Reuters|AFP|UPI|Bloomberg|CNN|dpa|[A-Z]{2,6})\)\s*[—–-]{1,2}\s*"
    r"|^\s*[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]+){0,3}\s*[—–]\s+"
)


@dataclass(frozen=True, slots=True)
class Residue:
    """A region of scraped residue: `text[start:end]`, and what it is."""

    start: int
    end: int
    kind: str


def _lines(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in re.finditer(r"\n", text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _classify_line(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if _WHOLE_LINE.match(stripped):
        return "boilerplate"
    if _CAPTION_PREFIX.match(stripped):
        return "caption"
    if (
        len(stripped) < 300
        and _CREDIT.search(stripped)
        and not re.search(r"[\"“”]", stripped)
    ):
        return "caption"
    return None


def find_residue(text: str) -> list[Residue]:
    """Return the residue regions of `text`, in order; the text is unchanged."""
    regions: list[Residue] = []
    for start, end in _lines(text):
        line = text[start:end]
        kind = _classify_line(line)
        if kind:
            regions.append(Residue(start, end, kind))
            continue
        if match := _DATELINE.match(line):
            regions.append(Residue(start, start + match.end(), "dateline"))
    return regions


def in_residue(regions: list[Residue], start: int, end: int) -> bool:
    """Say whether `[start, end)` overlaps any residue region."""
    return any(r.start < end and start < r.end for r in regions)
