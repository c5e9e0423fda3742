"""Lemmas from spaCy's English lemmatizer, for a token or a bare word (#12).

whosaid keeps no lemma table of its own. A token's lemma is spaCy's
(`token.lemma_`), but a cue needs a little more than that one lemma:

- spaCy's rule lemmatizer keeps the first of its candidates, and for some
  cues the first is the wrong one: "hoped" and "hoping" become "hop" (its
  verb index holds "hop" and "hope"), which would turn an intention into
  nothing;
- a cue tagged with the wrong part of speech keeps its form ("Said Ellis:"
  read as a name, "said" as an adjective);
- a cue given only as text (a PolNeAR gold cue, a record's cue read back)
  has no part of speech at all.

So `word_lemmas` gives every lemma the installed pipeline's own tables allow
for a form: the lemmatizer's candidates (`lemma_exc`, `lemma_rules`,
`lemma_index`) as a verb and a noun, the attribute ruler's
lemma under any tag ("is", "'s" -> "be"; "has" -> "have"), and the form
itself. `token_lemmas` adds the token's own `lemma_`. A cue lexicon's keys are
never lemmatised: a key word matches a word whose form or lemma it is
("according to", "known as" are written as used).
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from whosaid.errors import WhosaidError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Token
    from spacy.vocab import Vocab

# The parts of speech a cue word is tried as when its own is unknown or wrong.
# Not ADJ: its rules undo comparatives, and read "backer" as "back" (#12).
_PARTS_OF_SPEECH = ("VERB", "NOUN")
# Components the lemma tables do not need (the en_core_web_sm pipeline's names).
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "senter", "ner"]


# Pipelines already loaded, by the name their lemma tables are asked for:
# their lemmatizer and attribute ruler are read instead of loading the
# pipeline a second time (#18: 0.36 CPU s and about 35 MB per process). The
# lemmatizer's cache is keyed by form, part of speech and morphology, so
# sharing it gives every token the lemmas it would get alone.
_LOADED: weakref.WeakValueDictionary[str, Language] = weakref.WeakValueDictionary()


def share_tables(spacy_model: str, nlp: Language) -> None:
    """Let the lemma tables of `spacy_model` be read from `nlp`, already loaded.

    `nlp` must have that pipeline's lemmatizer and attribute ruler (the
    pipeline itself, or one whose two components were sourced from it).
    """
    if "lemmatizer" in nlp.pipe_names:
        _LOADED.setdefault(spacy_model, nlp)


class _Tables:
    """spaCy's lemmatizer and attribute-ruler lemmas of one installed pipeline."""

    def __init__(self, spacy_model: str) -> None:
        from whosaid.extract.engines import load_spacy

        nlp = _LOADED.get(spacy_model)
        if nlp is None:
            nlp = load_spacy(spacy_model, exclude=_NOT_NEEDED)
        if "lemmatizer" not in nlp.pipe_names:
            raise WhosaidError(
                f"spaCy pipeline {spacy_model!r} has no lemmatizer; "
                "whosaid needs one such as en_core_web_sm's"
            )
        self.vocab: Vocab = nlp.vocab
        self.lemmatizer: Lemmatizer = nlp.get_pipe("lemmatizer")  # type: ignore[assignment]  # get_pipe is typed as any component
        self.ruled: dict[str, set[str]] = {}
        if "attribute_ruler" in nlp.pipe_names:
            ruler = nlp.get_pipe("attribute_ruler")
            for rule in ruler.patterns:  # type: ignore[attr-defined]  # AttributeRuler.patterns
                self._add_ruled(rule["patterns"], rule["attrs"].get("LEMMA"))

    def _add_ruled(
        self, patterns: list[list[dict[str, object]]], lemma: object
    ) -> None:
        """Keep the lemma of each one-token pattern that sets one, by form."""
        for pattern in patterns if isinstance(lemma, str) else []:
            spec = pattern[0].get("LOWER") if len(pattern) == 1 else None
            forms = spec.get("IN", []) if isinstance(spec, dict) else [spec]
            for form in forms:
                if isinstance(form, str):
                    self.ruled.setdefault(form, set()).add(str(lemma).lower())

    def candidates(self, form: str, pos: str) -> list[str]:
        """Every lemma spaCy's rule lemmatizer allows for `form` as `pos`."""
        token = Doc(self.vocab, words=[form], pos=[pos])[0]
        return list(self.lemmatizer.rule_lemmatize(token))


@lru_cache(maxsize=2)
def _tables(spacy_model: str) -> _Tables:
    return _Tables(spacy_model)


def _default_model() -> str:
    from whosaid import settings

    return str(settings.get("spacy_model"))


@lru_cache(maxsize=65536)
def word_lemmas(form: str, spacy_model: str | None = None) -> frozenset[str]:
    """The lemmas spaCy's tables allow for a word given without a sentence.

    Args:
        form: The word in lower case, as written ("said", "hoping", "'s").
        spacy_model: The pipeline whose tables to read; the `spacy_model`
            setting when None. Only its lemmatizer and attribute ruler load.

    Returns:
        The form itself, its lemmas as a verb and a noun, and the
        attribute ruler's lemmas for it ("was" -> {"was", "be", "wa"}).
    """
    tables = _tables(spacy_model or _default_model())
    lemmas = {form} | tables.ruled.get(form, set())
    for pos in _PARTS_OF_SPEECH:
        lemmas.update(lemma.lower() for lemma in tables.candidates(form, pos))
    return frozenset(lemmas)


@lru_cache(maxsize=1024)
def verb_lemma(form: str) -> str:
    """spaCy's lemma of a lower-case form read as a verb ("told" -> "tell")."""
    return _tables(_default_model()).candidates(form, "VERB")[0].lower()


def token_lemmas(token: Token) -> frozenset[str]:
    """A token's spaCy lemma plus what `word_lemmas` allows for its form."""
    form = token.lower_.replace("\u2019", "'")
    return word_lemmas(form) | ({token.lemma_.lower()} - {""})
