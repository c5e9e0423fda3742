"""Tokenize long runs of characters without spaces in linear time (#19).

spaCy's tokenizer splits a space-free string by peeling one prefix or suffix
at a time, and each step searches, copies and hashes the whole remaining
string: a run of n punctuation marks or emoji costs O(n²) (4,000 "!" took
2.3 s, 40,000 emoji several minutes). `bound_run_length` wraps an `nlp`'s
tokenizer so that a run longer than `MAX_RUN` characters is tokenized in
pieces of at most `MAX_RUN` characters, cut between two non-space characters:
O(n · MAX_RUN) for the whole text. Texts without such a run (every normal
article: a long URL is about 100 characters) go through the tokenizer
unchanged, so their tokens are exactly what they were.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

MAX_RUN = 200
"""Longest space-free run tokenized in one piece (cost about MAX_RUN² each)."""

# Characters that attach to the one before them (combining marks, ZWJ,
# variation selectors, emoji skin tones): a cut never lands before one.
_ATTACHING = frozenset({"Mn", "Me", "Cf", "Sk"})


class RunBoundedTokenizer:
    """A spaCy tokenizer that tokenizes over-long space-free runs in pieces.

    Everything but `__call__` is delegated to the wrapped tokenizer, so
    `nlp.to_disk`, `explain` and special cases work as before.
    """

    def __init__(self, tokenizer: Tokenizer, *, max_run: int = MAX_RUN) -> None:
        self.tokenizer = tokenizer
        self.max_run = max_run
        self._long_run = re.compile(rf"\S{{{max_run + 1},}}")

    def __call__(self, text: str) -> Doc:
        if self._long_run.search(text) is None:
            doc: Doc = self.tokenizer(text)
            return doc
        from spacy.tokens import Doc

        pieces = [self.tokenizer(piece) for piece in self._pieces(text)]
        return Doc.from_docs(pieces, ensure_whitespace=False)

    def _pieces(self, text: str) -> Iterator[str]:
        """Split `text` only inside long runs, every `max_run` characters or so."""
        start = 0
        for run in self._long_run.finditer(text):
            cut = run.start() + self.max_run
            while cut < run.end():
                cut = _attachable_cut(text, cut, run.end())
                if cut >= run.end():
                    break
                yield text[start:cut]
                start = cut
                cut += self.max_run
        yield text[start:]

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> RunBoundedTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        data: bytes = self.tokenizer.to_bytes(**kwargs)
        return data

    def from_bytes(self, data: bytes, **kwargs: Any) -> RunBoundedTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def _attachable_cut(text: str, cut: int, end: int) -> int:
    """Move `cut` forward past characters that attach to the one before."""
    limit = min(end, cut + 16)
    while cut < limit and unicodedata.category(text[cut]) in _ATTACHING:
        cut += 1
    return cut


def bound_run_length(nlp: Language, *, max_run: int = MAX_RUN) -> Language:
    """Make `nlp` tokenize space-free runs in linear time; returns `nlp`.

    Idempotent: an `nlp` already wrapped is left as it is.
    """
    if not isinstance(nlp.tokenizer, RunBoundedTokenizer):
        nlp.tokenizer = RunBoundedTokenizer(nlp.tokenizer, max_run=max_run)
    return nlp
