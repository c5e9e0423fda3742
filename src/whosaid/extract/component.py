"""The spaCy component: `nlp.add_pipe("whosaid")` sets `doc._.quotes`.

The factory is registered through the `spacy_factories` entry point declared in
pyproject.toml, so importing this module must stay cheap. The `Doc` extension
is registered when the factory runs, never at import time.

Which engine: the same default as `whosaid.extract` and the CLI (the `engine`
setting, `rules` unless changed), so the three agree on the same text (#12).
`nlp.add_pipe("whosaid", config={"engine": "rules"})` chooses the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from whosaid.extract.engines import Engine
    from whosaid.model import Quote


class WhosaidComponent:
    """Find quotes in a `Doc` and store them in `doc._.quotes`.

    With the rules engine the quotes come from the annotations of the earlier
    components of `nlp`, which must set sentence boundaries, a dependency
    parse, lemmas and named entities (en_core_web_sm does); the component
    adds `whosaid_line_breaks` before the parser of `nlp`, so that a line
    break starts a sentence as in `whosaid.extract`. The model engine
    reads the doc's text with its own pipeline (its tagger, then its own
    en_core_web_sm parse), so its quotes are exactly those of
    `whosaid.extract`; the earlier components' annotations are not used, and
    a pipeline that already parses pays for a second parse.
    Skip counts go to `doc._.quotes_skipped`.
    """

    def __init__(self, nlp: Language, name: str, *, engine: str | None = None) -> None:
        from whosaid import settings
        from whosaid.extract.engines import load_engine
        from whosaid.extract.line_breaks import use_line_breaks
        from whosaid.extract.rules.engine import RulesEngine

        self.name = name
        engine = str(settings.get("engine", engine))
        # The rules read the caller's parse; other engines run their own nlp.
        self.reads_own_doc = engine != "rules"
        if not self.reads_own_doc:
            # The parse the rules read: sentences start at line breaks, as in
            # `whosaid.extract` (`whosaid.extract.line_breaks`)
            use_line_breaks(nlp)
        self.engine: Engine = (
            load_engine(engine, spacy_model=str(settings.get("spacy_model")))
            if self.reads_own_doc
            else RulesEngine(nlp=nlp)
        )

    def __call__(self, doc: Doc) -> Doc:
        own = self.engine.nlp(doc.text) if self.reads_own_doc else doc
        return self._set_quotes(doc, own)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 16) -> Iterator[Doc]:
        """Process a stream of docs; the model engine's pipeline runs in batches."""
        if not self.reads_own_doc:
            yield from map(self, docs)
            return
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            own_docs = self.engine.nlp.pipe(doc.text for doc in batch)
            for doc, own in zip(batch, own_docs, strict=True):
                yield self._set_quotes(doc, own)

    def _set_quotes(self, doc: Doc, own: Doc) -> Doc:
        doc_id = doc.user_data.get("whosaid_id", "text")
        quotes: list[Quote]
        quotes, skipped = self.engine.find_quotes(own, str(doc_id))
        doc._.quotes = quotes
        doc._.quotes_skipped = skipped
        return doc


@Language.factory("whosaid", default_config={"engine": None})
def make_whosaid(nlp: Language, name: str, engine: str | None) -> WhosaidComponent:
    """Build the whosaid component; registers `doc._.quotes` on first use.

    `engine` is "model" or "rules"; None (the default) means the `engine`
    setting, the engine `whosaid.extract` and the CLI use.
    """
    for attr in ("quotes", "quotes_skipped"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return WhosaidComponent(nlp, name, engine=engine)
