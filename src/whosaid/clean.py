"""Find scraped residue in an article: regions the engine must ignore.

Web pages and wire feeds leave text that is not the story: photo captions with
agency credits ("Prime Minister Ana Ruiz. Reuters"), "This story was edited
by ...", "Short URL: ...", "Read more: ...", share and subscribe prompts,
bylines ("By Jane Doe") and datelines ("WASHINGTON (AP) —"); and, inside
lines (#13), photo credits ("(Jane Roe/Agency)", "Photo: Jane Roe"),
live-blog timestamps ("07.49 ..."), crossheads in capitals, footnote numbers glued to the next
sentence ("...in 2004.16He said") and bullet points without quotation marks
("• Plane thought to be upside down"), and a related story's headline over a
"Read more" link, share bars and video players' titles and times. `find_residue` marks them as
character regions and never changes the text, so every offset the engine
reports still points into the text exactly as read.

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


# A photo credit in parentheses: one to four capitalised words (a name, in
# any case), a slash, then the agency: "(CARLO ALLEGRI/REUTERS)",
# "(Jane Roe/The Daily Post)" (#13). A parenthesis with a slash and no name
# ("(and/or)") does not match.
_PAREN_CREDIT = re.compile(
    r"\((?:Photo(?:graph)?:?\s*)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}"
    r"\s*/\s*[A-Z][\w.&'\-]*(?:\s+(?:[A-Z][\w.&'\-]*|of|the|for|and)){0,5}\)"
)
# "Photo: Jane Roe" or "Photograph by Jane Roe" to the end of the line, also
# glued to a caption's last word ("...Max Magazine.Photo: Jane Roe").
_TAIL_CREDIT = re.compile(
    r"(?:(?<=[\s.)])|^)(?:Photo(?:graph)?s?|Picture|Image|Credit)"
    r"(?:\s*:\s*|\s+by\s+)[A-Z][^\n\"“”]{0,60}$",
    re.M,
)
# A live-blog entry's time stamp at the start of a line: "07.49 ", "14:05 GMT - ".
_TIMESTAMP = re.compile(
    r"^[ \t]*(?:[01]?\d|2[0-3])[.:][0-5]\d(?:\s*(?:GMT|BST|UTC|CET|ET|EST|EDT|PT|"
    r"[ap]\.?m\.?))?[ \t]*[:\-–—]?[ \t]+(?=\S)",
    re.M,
)
# A footnote number glued between a sentence's end and the next sentence
# ("...in 2004.16He said"), which the tokenizer would join to the next word.
_FOOTNOTE = re.compile(
    r"(?:(?<=[A-Za-z)\]][.!?])|(?<=[.!?][\"”’]))\d{1,3}(?=[A-Z][a-z])"
)
# A crosshead in capitals at the start of a paragraph or after a sentence
# (archives flatten them into the text): "... in 1968. THE SHOW ALWAYS GOES ON
# Not even war has ..." (#13); the capitals are a heading, not a sentence.
_CROSSHEAD = re.compile(
    r"(?:^[ \t]*|(?<=[.!?] )|(?<=[.!?][\"”’] ))"
    r"(?:[A-Z][A-Z'’\-]+[ \t]+){2,}[A-Z][A-Z'’\-]+(?=[ \t]+[A-Z][a-z])",
    re.M,
)
# A bullet point: summary lines of a list, not the story's sentences.
_BULLET = re.compile(r"^\s*[•●▪◦‣∙·]\s*\S")


# A link line under a related story's headline.
_READ_MORE = re.compile(r"^\s*Read more\s*$")


_HEADLINE = re.compile(r"\A[ \t]*(\S[^\n]{0,119}?)[ \t]*\r?\n[ \t]*\r?\n")


def _headline(text: str) -> Residue | None:
    """The headline on the first line, set apart by a blank line.

    "Tories urge 'change at the top'" over a BBC story summarises it; the
    statement is in the story. A first line that ends a sentence is the
    story's first paragraph, not a headline.
    """
    match = _HEADLINE.match(text)
    if (
        match is None
        or not _is_headline(match.group(1))
        or match.group(1).rstrip()[-1] in ":,;"  # "Thomas Reed said:" leads on
    ):
        return None
    return Residue(match.start(1), match.end(1), "headline")


def _is_headline(line: str) -> bool:
    """A short line with no sentence end: a headline, not a paragraph."""
    stripped = line.strip()
    return 0 < len(stripped) <= 200 and stripped[-1] not in '."”’'


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


# A video player or share bar scraped with its page: a line that ends in share
# buttons ("… Facebook Twitter Google Plus Embed") or a video's running time
# ("FBI completes its review 2:25", "Play Video3:26", "0:00") (real news).
_WIDGET_TAIL = re.compile(
    r"(?:\b(?:Facebook|Twitter|Google Plus|Google\+|LinkedIn|Email|E-mail|WhatsApp|"
    r"Pinterest|Reddit|Embed|Share|Print)\s*){2,}$"
    r"|(?:Play Video\s*|\s|^)\d{1,2}:\d{2}$"
)


def _classify_line(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if _WHOLE_LINE.match(stripped):
        return "boilerplate"
    if _CAPTION_PREFIX.match(stripped):
        return "caption"
    if len(stripped) < 300 and _WIDGET_TAIL.search(stripped):
        return "widget"
    if _BULLET.match(stripped) and not re.search(r"[\"“”]", stripped):
        return "bullet"
    if len(stripped) < 300 and _TAIL_CREDIT.search(stripped):
        return "caption"  # "Ana Ruiz (right) in Madrid.Photo: Jane Roe" (#13)
    if (
        len(stripped) < 300
        and _CREDIT.search(stripped)
        and not re.search(r"[\"“”]", stripped)
    ):
        return "caption"
    return None


def _inline_regions(line: str, offset: int) -> list[Residue]:
    """Residue inside a story line: credits, a time stamp, footnote numbers."""
    regions = [
        Residue(offset + m.start(), offset + m.end(), "credit")
        for m in _PAREN_CREDIT.finditer(line)
    ]
    regions += [
        Residue(offset + m.start(), offset + m.end(), "crosshead")
        for m in _CROSSHEAD.finditer(line)
    ]
    if match := _TIMESTAMP.match(line):
        regions.append(Residue(offset, offset + match.end(), "timestamp"))
    regions += [
        Residue(offset + m.start(), offset + m.end(), "footnote")
        for m in _FOOTNOTE.finditer(line)
    ]
    return regions


def find_residue(text: str) -> list[Residue]:
    """Return the residue regions of `text`, in order; the text is unchanged."""
    regions: list[Residue] = []
    previous: tuple[int, str] | None = None  # the last non-empty line
    if (headline := _headline(text)) is not None:
        regions.append(headline)
    for start, end in _lines(text):
        line = text[start:end].rstrip("\r")  # a CRLF line keeps its CR (#13)
        kind = _classify_line(line)
        if _READ_MORE.match(line) and previous and _is_headline(previous[1]):
            # A related story's headline over a "Read more" link: "Don't let
            # China ties slide into 'full conflict mode', Obama urges Trump"
            # is a link, not Obama speaking (real news, rand_real_1002).
            regions.append(
                Residue(previous[0], previous[0] + len(previous[1]), "related")
            )
        if line.strip():
            previous = (start, line)
        if kind:
            regions.append(Residue(start, start + len(line), kind))
            continue
        if match := _DATELINE.match(line):
            regions.append(Residue(start, start + match.end(), "dateline"))
        regions += _inline_regions(line, start)
    return sorted(regions, key=lambda r: (r.start, r.end))


def in_residue(regions: list[Residue], start: int, end: int) -> bool:
    """Say whether `[start, end)` overlaps any residue region."""
    return any(r.start < end and start < r.end for r in regions)
