"""The cue lexicon (#8): cue lemmas and phrases mapped to a kind and a stance.

The lexicon is data, `whosaid/data/<name>.tsv`, versioned by name
(`cues.en.v3`, the one file the rules' finder reads too, #12). Lookup works on
lemmas, all from spaCy's tables (`whosaid.extract.lemmas`): a key word matches
a word whose form or lemma it is. Context (negation, hedges) is not read here;
`whosaid.extract.kinds.classify` does that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import get_args

from whosaid.errors import WhosaidError
from whosaid.extract.cues import read_lexicon_text
from whosaid.extract.lemmas import word_lemmas
from whosaid.model import CueStance, QuoteKind

LEXICON_VERSION = "cues.en.v3"

# A lexicon phrase may not start on one of these unless it is the whole cue
# ("For most Democrats, ..." is a cue; the "to" of "declined to say" is not).
_FUNCTION_WORDS = frozenset(
    {"to", "for", "in", "of", "about", "on", "as", "at", "by", "with", "from"}
    | {":", "-", "\u2014"}  # a colon or dash is a cue only on its own
)

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|n't|[:\u2014-]")


class LexiconError(WhosaidError):
    """A cue lexicon file has a malformed line."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One lexicon line: a cue lemma or lemma phrase and what it reports."""

    cue: str
    kind: QuoteKind
    stance: CueStance
    sources: str


@dataclass(frozen=True, slots=True)
class CueWord:
    """A cue word: its form, every lemma it may have, and spaCy's own choice.

    `lemma` is the token's `lemma_` (empty for a word given as bare text).
    """

    text: str
    lemmas: frozenset[str]
    lemma: str = ""


class Lexicon:
    """Cue phrases (tuples of lemmas) mapped to their entries."""

    def __init__(self, entries: list[CueEntry]) -> None:
        self.entries = {tuple(entry.cue.split(" ")): entry for entry in entries}
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.entries, key=len, reverse=True):
            self._by_first.setdefault(phrase[0], []).append(phrase)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, words: list[CueWord]) -> CueEntry | None:
        """Return the leftmost, then longest, entry found in `words`."""
        for i, word in enumerate(words):
            if len(words) > 1 and word.text in _FUNCTION_WORDS:
                continue
            found = [
                phrase
                for first in word.lemmas
                for phrase in self._by_first.get(first, [])
                if _matches(phrase, words[i:])
            ]
            if found:
                # The longest phrase wins ("known as" over "know"); between two
                # of one length, the one spaCy lemmatised the words to: "is
                # determined to" (an adjective) is the key "determined", an
                # intention, and "the court determined that" the key
                # "determine", a belief (#12). Then the sorted-first.
                return self.entries[
                    min(found, key=lambda p: (-len(p), -_chosen(p, words[i:]), p))
                ]
        return None


def _chosen(phrase: tuple[str, ...], words: list[CueWord]) -> int:
    """How many of the phrase's words are spaCy's own lemma of the word."""
    return sum(key == word.lemma for key, word in zip(phrase, words, strict=False))


def _matches(phrase: tuple[str, ...], words: list[CueWord]) -> bool:
    if len(phrase) > len(words):
        return False
    return all(
        lemma in word.lemmas
        for lemma, word in zip(phrase, words[: len(phrase)], strict=True)
    )


@lru_cache(maxsize=4)
def load_lexicon(name: str = LEXICON_VERSION) -> Lexicon:
    """Load a bundled cue lexicon by its versioned name.

    Raises:
        LexiconError: If a line does not have a cue, a known kind and stance.
    """
    text = read_lexicon_text(f"{name}.tsv")
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("cue\t"):
            continue
        entries.append(parse_entry(line, f"{name}.tsv:{number}"))
    return Lexicon(entries)


def parse_entry(line: str, where: str) -> CueEntry:
    """Read the kind reader's view of one lexicon line (6 tab-separated fields)."""
    fields = line.split("\t")
    if len(fields) != 6 or not fields[0].strip():
        raise LexiconError(
            where,
            "expected 6 tab-separated fields: cue class frames kind stance sources",
        )
    cue, _, _, kind, stance, sources = (field.strip() for field in fields)
    if kind not in get_args(QuoteKind):
        raise LexiconError(where, f"unknown kind {kind!r}")
    if stance not in get_args(CueStance):
        raise LexiconError(where, f"unknown stance {stance!r}")
    return CueEntry(" ".join(cue.lower().split()), kind, stance, sources)  # type: ignore[arg-type]  # checked against the Literal above


def words_of_text(text: str) -> list[CueWord]:
    text = text.lower().replace("\u2019", "'").replace("cannot", "can not")
    text = text.replace("n't", " n't")
    return [CueWord(word, word_lemmas(word)) for word in _TOKEN.findall(text)]
