"""Run a pipeline's `ner` only around capitalised words (#18).

en_core_web_sm's `ner` has a tok2vec of its own and costs about as much as
its tok2vec, tagger and parser together (docs/speed.md). What whosaid reads
from it are names: people, organisations, places and groups (speakers, their
organisations, people mentioned), and a name has a capital letter. With the
`ner_context` setting at N > 0 (3 by default), `ScopedNER` stands in for the `ner`: for each
doc it runs the wrapped `ner` on one shorter doc made of the stretches of N
tokens on either side of every capitalised token, joined by a newline token,
and copies the entities found back into the doc. The wrapped `ner` sees the
same words around each name, so the names it finds are almost always the
same (figures in docs/speed.md); what it no longer sees are dates, numbers
and amounts far from any capital, which no rule reads.

A `ner` that listens to a shared tok2vec (whosaid's small pipeline, #18)
reads `doc.tensor` at prediction time instead of embedding the words itself:
the shorter doc then gets the rows of the whole doc's tensor for its tokens
(zeros for a separator), so each token keeps the context of the whole text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy
from spacy.language import Language
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from spacy.pipeline import EntityRecognizer

FACTORY = "whosaid_scoped_ner"
_SEPARATOR = "\n"  # between two stretches: a token the ner never puts in a name
_NOT_NAMES = frozenset({"I"})  # capitalised, never a name
# Function words that are capitalised only because they start a sentence or
# a quotation: never a name, so no reason to run the ner around them.
_FUNCTION_WORDS_TEXT = (
    "a an the this that these those he she it they we you his her its "
    "their our my your there here but and or so yet if when while as at in "
    "on of for to from by with after before since because although though "
    "what who which where why how not no"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


def stretches(doc: Doc, context: int) -> list[tuple[int, int]]:
    """Token ranges `[start, end)` around the capitalised tokens of `doc`, merged."""
    found: list[tuple[int, int]] = []
    n = len(doc)
    for token in doc:
        text = token.text
        if not text[:1].isupper() or text in _NOT_NAMES:
            continue
        if text.lower() in _FUNCTION_WORDS and _starts_clause(doc, token.i):
            continue
        start, end = max(0, token.i - context), min(n, token.i + context + 1)
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def _starts_clause(doc: Doc, i: int) -> bool:
    """Say whether token `i` is capitalised by position: after an end or a mark."""
    if i == 0:
        return True
    before = doc[i - 1]
    return before.is_space or before.is_punct or before.is_quote


class ScopedNER:
    """A `ner` component that only reads the stretches around capitalised tokens.

    Example:
        >>> use_scoped_ner(nlp, context=3)  # nlp.get_pipe("ner") is now a ScopedNER
    """

    def __init__(self, name: str, context: int) -> None:
        self.name = name
        self.context = context
        self.ner: EntityRecognizer | None = None  # set by `use_scoped_ner`
        self.listens = False  # the ner reads doc.tensor (set by `use_scoped_ner`)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Find the entities of `docs` with the wrapped `ner`, in batches."""
        if self.ner is None:
            raise ValueError("ScopedNER has no ner to run: use use_scoped_ner()")
        iterator = iter(docs)
        while batch := list(islice(iterator, batch_size)):
            scoped = [self.scope(doc) for doc in batch]
            tagged = self.ner.pipe([sub for sub, _ in scoped], batch_size=batch_size)
            for doc, (_, index), sub in zip(batch, scoped, tagged, strict=True):
                copy_entities(doc, sub, index)
                yield doc

    def scope(self, doc: Doc) -> tuple[Doc, list[int]]:
        """The shorter doc the `ner` reads, and each of its tokens' index in `doc`.

        A separator token has index -1.
        """
        words: list[str] = []
        spaces: list[bool] = []
        index: list[int] = []
        for start, end in stretches(doc, self.context):
            if words:
                words.append(_SEPARATOR)
                spaces.append(False)
                index.append(-1)
            for token in doc[start:end]:
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
                index.append(token.i)
        sub = Doc(doc.vocab, words=words, spaces=spaces)
        if self.listens and doc.tensor.size and words:
            rows = numpy.asarray(index)
            tensor = doc.tensor[numpy.maximum(rows, 0)]
            tensor[rows < 0] = 0
            sub.tensor = tensor
        return sub, index


def copy_entities(doc: Doc, sub: Doc, index: list[int]) -> None:
    """Set the entities found in `sub` on `doc`; every other token is outside one.

    An entity that spans a separator, or two stretches, is dropped: its
    tokens are not one stretch of `doc`.
    """
    spans = []
    for ent in sub.ents:
        tokens = index[ent.start : ent.end]
        if tokens[0] < 0 or tokens[-1] - tokens[0] != len(tokens) - 1:
            continue
        spans.append(Span(doc, tokens[0], tokens[-1] + 1, label=ent.label))
    doc.set_ents(spans, default="outside")


@Language.factory(FACTORY, default_config={"context": 3})
def make_scoped_ner(nlp: Language, name: str, context: int) -> ScopedNER:
    return ScopedNER(name, context)


def use_scoped_ner(nlp: Language, *, context: int, name: str = "ner") -> None:
    """Put a `ScopedNER` with `context` tokens in place of `nlp`'s `name` component."""
    if name not in nlp.pipe_names or context <= 0:
        return
    ner: Any = nlp.get_pipe(name)
    if isinstance(ner, ScopedNER):
        ner.context = context
        return
    scoped = nlp.replace_pipe(name, FACTORY, config={"context": context})
    if not isinstance(scoped, ScopedNER):  # pragma: no cover - spaCy's contract
        raise TypeError(f"{FACTORY} made a {type(scoped).__name__}")
    scoped.ner = ner
    scoped.listens = listens_to_tok2vec(ner)


def listens_to_tok2vec(pipe: Any) -> bool:
    """Say whether `pipe`'s model reads a shared tok2vec (so `doc.tensor`)."""
    model = getattr(pipe, "model", None)
    return model is not None and any(
        isinstance(node, Tok2VecListener) for node in model.walk()
    )
