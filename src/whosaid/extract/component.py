"""The spaCy component: `nlp.add_pipe("whosaid")` sets `doc._.quotes`.

The factory is registered through the `spacy_factories` entry point declared in
pyproject.toml, so importing this module must stay cheap. The `Doc` extension
is registered when the factory runs, never at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from whosaid.extract.rules.engine import RulesEngine


class WhosaidComponent:
    """Find quotes in a parsed `Doc` and store them in `doc._.quotes`.

    Needs the earlier components of `nlp` to set sentence boundaries, a
    dependency parse, lemmas and named entities (en_core_web_sm does).
    Skip counts go to `doc._.quotes_skipped`.
    """

    def __init__(self, nlp: Language, name: str, *, engine: str = "rules") -> None:
        from whosaid.extract.rules.engine import RulesEngine

        if engine != "rules":
            raise ValueError(
                f"the whosaid component runs engine 'rules' only; got {engine!r}"
            )
        self.name = name
        self.finder: RulesEngine = RulesEngine(nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc_id = doc.user_data.get("whosaid_id", "text")
        quotes, skipped = self.finder.find_quotes(doc, str(doc_id))
        doc._.quotes = quotes
        doc._.quotes_skipped = skipped
        return doc


@Language.factory("whosaid", default_config={"engine": "rules"})
def make_whosaid(nlp: Language, name: str, engine: str) -> WhosaidComponent:
    """Build the whosaid component; registers `doc._.quotes` on first use."""
    for attr in ("quotes", "quotes_skipped"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    return WhosaidComponent(nlp, name, engine=engine)
