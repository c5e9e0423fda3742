"""A faster stand-in for spaCy's `attribute_ruler`, with the same output.

spaCy's `AttributeRuler` maps tags to coarse parts of speech, morphology and
a few lemma exceptions with a `Matcher` that tries every one of its patterns
(179 in en_core_web_sm) at every token: on PolNeAR dev that is 1.5 s of a
12 s parse, more than the tagger and lemmatizer together. `FastAttributeRuler`
finds the same matches by indexing the patterns on the values they require
(lowercase form, tag, dependency label, ...) and remembering which patterns
match each combination of token values it has seen, then hands them to
spaCy's own `set_annotations`: the annotations are unchanged, only the
search is faster.

Patterns that use anything beyond plain values and the `IN`, `NOT_IN` and
`REGEX` predicates on the attributes in `_COLUMNS` (quantifiers, extension
attributes, other predicates) are left to spaCy's matcher.

It reads spaCy's matcher layout, which an upgrade may change, so
`use_fast_attribute_ruler` checks each swap: on a probe text (and the words
the patterns name) parsed by the pipeline, the fast search must find exactly
the matches spaCy's matcher finds, or the ruler goes back to spaCy's matcher
with a warning. Since #18 the swap is the default (`fast_attribute_ruler`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

FACTORY = "whosaid_attribute_ruler"
# What a swap is checked on (with the words the patterns name): contractions,
# dialect spellings and whitespace exercise the model's multi-token, REGEX,
# IN/NOT_IN and dependency-label patterns.
PROBE = (
    "Y'all gonna see it, ain't nothin' wrong with that. Let's go, c'mon!  "
    "It's there; there's I, you and it. \n\nHe gets it and got it, but they do "
    "not. I do have to say whether it is so; those who did it said that.\t"
    "\u201cWe won,\u201d said Thomas Reed, who hasn't conceded. She'd've "
    "gone; we're sure they'll say it's the Smiths' and Jones's. Wanna bet?"
)
# The token attributes a fast pattern may test, by pattern key.
_COLUMNS = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "TAG": TAG,
    "POS": POS,
    "DEP": DEP,
    "IS_SPACE": IS_SPACE,
}
_BOOLEAN_KEYS = {"IS_SPACE"}
_STRING_KEYS = set(_COLUMNS) - _BOOLEAN_KEYS
_MAX_MEMO = 500_000  # distinct token-value rows remembered before starting over

# One test on one token: (column, operator, value); see `_test`.
Check = tuple[int, str, Any]
# A token sequence of a pattern: the checks on each of its tokens.
TokenChecks = tuple[tuple[Check, ...], ...]


class UnsupportedPatternError(ValueError):
    """A pattern this module cannot match itself; spaCy's matcher is used."""


def _compile_token(spec: dict[str, Any], columns: list[str]) -> tuple[Check, ...]:
    """Turn one token's pattern dict into checks on the row of token values."""
    checks: list[Check] = []
    for raw_key, value in spec.items():
        key = raw_key.upper() if isinstance(raw_key, str) else raw_key
        if key not in _COLUMNS:
            raise UnsupportedPatternError(f"pattern key {raw_key!r}")
        column = columns.index(key if key != "TEXT" else "ORTH")
        if isinstance(value, bool) and key in _BOOLEAN_KEYS:
            checks.append((column, "eq", int(value)))
        elif isinstance(value, str) and key in _STRING_KEYS:
            checks.append((column, "eq", get_string_id(value)))
        elif isinstance(value, dict) and key in _STRING_KEYS and len(value) == 1:
            checks.append(_compile_predicate(column, *next(iter(value.items()))))
        else:
            raise UnsupportedPatternError(f"pattern value {value!r} for {key}")
    return tuple(checks)


def _compile_predicate(column: int, predicate: str, value: Any) -> Check:
    if predicate in ("IN", "NOT_IN") and isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise UnsupportedPatternError(f"{predicate} values {value!r}")
        return (column, predicate, frozenset(get_string_id(v) for v in value))
    if predicate == "REGEX" and isinstance(value, str):
        return (column, predicate, re.compile(value))
    raise UnsupportedPatternError(f"predicate {predicate!r}")


class FastAttributeRuler(AttributeRuler):
    """spaCy's `AttributeRuler` with an indexed, memoized pattern search.

    Example:
        >>> nlp = spacy.load("en_core_web_sm")
        >>> use_fast_attribute_ruler(nlp)  # same annotations, less time
    """

    def __init__(
        self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any
    ) -> None:
        super().__init__(vocab, name, **kwargs)
        self._search: _PatternSearch | None = None
        self._fallback = False

    def clear(self) -> None:
        super().clear()
        self._search, self._fallback = None, False

    def add(
        self, patterns: Any, attrs: dict[str, Any], index: int = 0
    ) -> None:  # the patterns' type is spaCy's
        super().add(patterns, attrs, index)
        self._search, self._fallback = None, False

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Return the matches spaCy's `AttributeRuler.match` would, in its order."""
        if self._search is None and not self._fallback:
            try:
                self._search = _PatternSearch(self.vocab, self._alternatives())
            except UnsupportedPatternError:
                self._fallback = True
        if self._search is None:
            matches: list[tuple[int, int, int, int]] = super().match(doc)
            return matches
        return self._search.find(doc)

    def use_spacy_matcher(self) -> None:
        """Match with spaCy's own matcher from now on (the same annotations)."""
        self._search, self._fallback = None, True

    def _alternatives(self) -> list[list[list[dict[str, Any]]]]:
        """Each pattern's alternative token sequences, by attribute index."""
        found = []
        for i in range(len(self.attrs)):
            entry = self.matcher.get(self.vocab.strings[str(i)])
            found.append(entry[1] if entry else [])
        return found


class _PatternSearch:
    """The attribute ruler's patterns, indexed by the values they require."""

    def __init__(
        self, vocab: Vocab, patterns: list[list[list[dict[str, Any]]]]
    ) -> None:
        self.vocab = vocab
        keys = {
            "ORTH" if k.upper() == "TEXT" else k.upper()
            for alternatives in patterns
            for sequence in alternatives
            for spec in sequence
            for k in spec
        }
        if not keys <= set(_COLUMNS):
            raise UnsupportedPatternError(
                f"pattern keys {sorted(keys - set(_COLUMNS))}"
            )
        self.columns = sorted(keys)
        self.attr_ids = [_COLUMNS[k] for k in self.columns]
        self.sequences: list[tuple[int, int, TokenChecks]] = []
        for i, alternatives in enumerate(patterns):
            match_id = vocab.strings.add(str(i))
            for sequence in alternatives:
                if not sequence:
                    raise UnsupportedPatternError("an empty pattern")
                compiled = tuple(
                    _compile_token(spec, self.columns) for spec in sequence
                )
                self.sequences.append((i, match_id, compiled))
        self.index: dict[tuple[int, int], list[int]] = {}
        self.unindexed: list[int] = []
        for n, (_, _, compiled) in enumerate(self.sequences):
            self._index_sequence(n, compiled[0])
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def _index_sequence(self, n: int, first: tuple[Check, ...]) -> None:
        for column, operator, value in first:
            if operator == "eq":
                self.index.setdefault((column, value), []).append(n)
                return
            if operator == "IN":
                for item in value:
                    self.index.setdefault((column, item), []).append(n)
                return
        self.unindexed.append(n)

    def find(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Return (attribute index, match id, start, end) for every match, sorted."""
        if len(doc) == 0:
            return []
        if not self.attr_ids:  # only patterns that match any token
            rows: list[tuple[int, ...]] = [()] * len(doc)
        else:
            array = doc.to_array(self.attr_ids).reshape(len(doc), len(self.attr_ids))
            values: list[list[int]] = array.tolist()  # type: ignore[assignment]  # a uint64 array gives ints
            rows = [tuple(row) for row in values]
        if len(self.memo) > _MAX_MEMO:
            self.memo.clear()
        strings = doc.vocab.strings  # may not be the ruler's (the model engine)
        matches = []
        for start, row in enumerate(rows):
            starting = self.memo.get(row)
            if starting is None:
                starting = self.memo[row] = self._starting_at(row, strings)
            for n in starting:
                i, match_id, compiled = self.sequences[n]
                end = start + len(compiled)
                if end > len(rows):
                    continue
                if all(
                    self._test(checks, rows[start + k], strings)
                    for k, checks in enumerate(compiled[1:], 1)
                ):
                    matches.append((i, match_id, start, end))
        matches.sort()
        return matches

    def _starting_at(
        self, row: tuple[int, ...], strings: StringStore
    ) -> tuple[int, ...]:
        """The sequences whose first token matches a token with these values."""
        candidates = [*self.unindexed]
        for column, value in enumerate(row):
            candidates.extend(self.index.get((column, value), ()))
        return tuple(
            n for n in candidates if self._test(self.sequences[n][2][0], row, strings)
        )

    def _test(
        self, checks: tuple[Check, ...], row: tuple[int, ...], strings: StringStore
    ) -> bool:
        for column, operator, value in checks:
            actual = row[column]
            if operator == "eq":
                ok = actual == value
            elif operator == "IN":
                ok = actual in value
            elif operator == "NOT_IN":
                ok = actual not in value
            else:  # REGEX on the string, from the doc's vocab as in spaCy's matcher
                ok = bool(value.search(strings[actual]))
            if not ok:
                return False
        return True


@Language.factory(
    FACTORY,
    default_config={
        "validate": False,
        "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"},
    },
)
def make_fast_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None
) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_fast_attribute_ruler(
    nlp: Language, names: Sequence[str] = ("attribute_ruler",)
) -> None:
    """Swap spaCy's attribute rulers named `names` in `nlp` for `FastAttributeRuler`.

    Only active components of spaCy's own `AttributeRuler` class are swapped;
    their patterns move over unchanged. Each swap is checked with
    `agrees_with_spacy`; a ruler that disagrees keeps spaCy's matcher.
    """
    for name in names:
        if name not in nlp.pipe_names:
            continue
        ruler = nlp.get_pipe(name)
        if type(ruler) is not AttributeRuler:
            continue
        patterns = ruler.patterns
        fast = cast(FastAttributeRuler, nlp.replace_pipe(name, FACTORY))
        fast.add_patterns(patterns)
        if not agrees_with_spacy(nlp, name):
            log.warning(
                "the fast attribute ruler %r disagrees with spaCy's matcher on "
                "the probe text: using spaCy's (the same annotations, more CPU)",
                name,
            )
            fast.use_spacy_matcher()


def agrees_with_spacy(nlp: Language, name: str) -> bool:
    """Say whether the fast ruler `name` finds spaCy's matches on the probe.

    The probe (`PROBE` as written, lowercased and uppercased, and the words
    the patterns name) goes through the components before the ruler, so the
    tags and dependency labels its patterns test are the pipeline's own.
    """
    fast = cast(FastAttributeRuler, nlp.get_pipe(name))
    named = " ".join(sorted(_named_words(fast.patterns)))
    before = nlp.pipeline[: nlp.pipe_names.index(name)]
    for text in (PROBE, PROBE.lower(), PROBE.upper(), named):
        doc = nlp.make_doc(text)
        for _, pipe in before:
            doc = pipe(doc)
        try:
            if fast.match(doc) != AttributeRuler.match(fast, doc):
                return False
        except Exception:  # any failure of the fast search is a disagreement
            log.debug("fast attribute ruler failed on the probe", exc_info=True)
            return False
    return True


def _named_words(patterns: list[dict[str, Any]]) -> set[str]:
    """The literal ORTH, TEXT and LOWER values in the rulers' patterns."""
    words: set[str] = set()
    for entry in patterns:
        for sequence in entry.get("patterns", []):
            for spec in sequence:
                for key, value in spec.items():
                    if str(key).upper() not in ("ORTH", "TEXT", "LOWER"):
                        continue
                    if isinstance(value, str):
                        words.add(value)
                    elif isinstance(value, dict):
                        for listed in value.get("IN", []):
                            if isinstance(listed, str):
                                words.add(listed)
    return {word for word in words if word.strip()}
