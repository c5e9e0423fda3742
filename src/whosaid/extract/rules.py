"""The rule-based engine: quotation marks, cue lexicon, dependency parse.

Stages: `whosaid.clean` marks scraped residue; `attribute.find_attributions`
pairs quotation marks and finds direct, indirect and mixed attributions;
`resolve.resolve_speakers` resolves who each speaker is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whosaid import settings
from whosaid.clean import find_residue
from whosaid.errors import WhosaidError
from whosaid.extract.attribute import RuleOptions, find_attributions
from whosaid.extract.cues import load_lexicon
from whosaid.extract.engines import load_spacy
from whosaid.extract.resolve import resolve_speakers
from whosaid.extract.syntax import text_of
from whosaid.model import Quote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

REQUIRED_COMPONENTS = ("parser", "ner")


class RulesEngine:
    """Find quotes with rules over a spaCy parse.

    Example:
        >>> engine = RulesEngine()
        >>> quotes, skipped = engine.find_quotes(engine.nlp(text), "doc-1")
    """

    name = "rules"
    version = "whosaid.rules.v1"

    def __init__(
        self,
        *,
        spacy_model: str | None = None,
        nlp: Language | None = None,
        options: RuleOptions | None = None,
    ) -> None:
        if nlp is None:
            nlp = load_spacy(settings.get("spacy_model", spacy_model))
        self.nlp = nlp
        self.options = options or RuleOptions(
            min_quote_words=int(settings.get("min_quote_words"))
        )
        self.lexicon = load_lexicon(self.options.lexicon)

    def find_quotes(self, doc: Doc, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        """Return the quotes in `doc` and counts of what was skipped, by reason."""
        if not text_of(doc).strip():
            return [], {}
        if not doc.has_annotation("DEP"):
            raise WhosaidError(
                "the rules engine needs a dependency parse: add spaCy's parser "
                f"(and ner) before whosaid; this pipeline has {self.nlp.pipe_names}"
            )
        residue = find_residue(text_of(doc))
        attributions, skipped = find_attributions(
            doc, options=self.options, lexicon=self.lexicon, residue=residue
        )
        quotes = resolve_speakers(
            doc, attributions, doc_id, self.version, residue=residue
        )
        return quotes, skipped
