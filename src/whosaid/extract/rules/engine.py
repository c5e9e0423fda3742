"""The rule-based engine: quotation marks, cue lexicon, dependency parse.

Stages: `whosaid.clean` marks scraped residue; `RulesFinder` (`find`) pairs
quotation marks and finds direct, indirect and mixed attributions; the shared
tail (`whosaid.extract.finish`) resolves speakers and reads kinds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whosaid import settings
from whosaid.clean import find_residue
from whosaid.errors import WhosaidError
from whosaid.extract.engines import load_spacy
from whosaid.extract.finish import finish_quotes
from whosaid.extract.rules.find import RuleOptions, RulesFinder
from whosaid.extract.syntax import text_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from whosaid.model import Quote

REQUIRED_COMPONENTS = ("parser", "ner")


class RulesEngine:
    """Find quotes with rules over a spaCy parse.

    Example:
        >>> engine = RulesEngine()
        >>> quotes, skipped = engine.find_quotes(engine.nlp(text), "doc-1")
    """

    name = "rules"
    # v2 (2026-12-04): #13's statements, titles and speakers, #12's cue
    # lexicon v3, #18's scoped NER; an index built by v1 re-extracts with
    # `ingest --reextract`. v3 (evening): speakers resolved anew (surnames,
    # pronoun genders, short forms, owners of reports; docs/speakers.md) and
    # the quote-first guard (docs/accuracy.md). v4 (night): line breaks start
    # sentences. v5 (late night): speakers the NER mistags (names as
    # organisations and parties as people), evidence verbs of things that
    # cannot speak (docs/accuracy.md, CHANGELOG). v6-v9: offices, roles
    # before a comma, role nouns. v10: an unnamed spokesperson speaks for
    # the owner the mention names ("a Honda spokesman" is Honda). v11: "the
    # American" is the one person just named. v12: a surname the NER calls an
    # organisation no longer hides the body "the newspaper" refers to. v13:
    # one name per party ("the Tories" is the Conservative Party).
    version = "whosaid.rules.v13"

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
        self.finder = RulesFinder.from_settings(options)

    def find_quotes(self, doc: Doc, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        """Return the finished quotes in `doc` and counts of what was skipped."""
        if not text_of(doc).strip():
            return [], {}
        if not doc.has_annotation("DEP"):
            raise WhosaidError(
                "the rules engine needs a dependency parse: add spaCy's parser "
                f"(and ner) before whosaid; this pipeline has {self.nlp.pipe_names}"
            )
        residue = find_residue(text_of(doc))
        attributions, skipped = self.finder.find(doc, residue=residue)
        quotes = finish_quotes(
            doc, attributions, doc_id=doc_id, engine=self.version, residue=residue
        )
        return quotes, skipped
