"""The engine registry: which code turns a parsed `Doc` into `Quote`s.

An engine owns its spaCy pipeline (`nlp`) and a `find_quotes(doc, doc_id)`
method that returns finished quotes: both engines end with the same tail
(`whosaid.extract.finish`: speakers, kinds, confidence). Engines are registered by name with a lazy import path so that loading
one never imports another's dependencies.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from whosaid.errors import ModelNotInstalledError, UnknownEngineError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from whosaid.model import Quote

ENGINES: dict[str, str] = {
    "rules": "whosaid.extract.rules.engine:RulesEngine",
    "model": "whosaid.extract.tagger.engine:ModelEngine",
}


class Engine(Protocol):
    name: str
    version: str
    nlp: Language

    def find_quotes(self, doc: Doc, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        """Return the finished quotes in `doc` and counts of what was skipped, by reason."""
        ...


def load_spacy(name: str, **kwargs: object) -> Language:
    """Load an installed spaCy pipeline; never downloads anything.

    Its `attribute_ruler` is swapped for `FastAttributeRuler`, which sets the
    same attributes faster (`whosaid.extract.fast_ruler`; docs/speed.md).
    """
    import spacy

    from whosaid.extract.fast_ruler import use_fast_attribute_ruler

    try:
        nlp = spacy.load(name, **kwargs)  # type: ignore[arg-type]  # spaCy's kwargs are loosely typed
    except OSError as err:
        raise ModelNotInstalledError(name) from err
    use_fast_attribute_ruler(nlp)
    return nlp


def load_engine(name: str, *, spacy_model: str) -> Engine:
    """Instantiate the engine registered as `name`."""
    if name not in ENGINES:
        raise UnknownEngineError(name, sorted(ENGINES))
    module_name, _, class_name = ENGINES[name].partition(":")
    engine_class = getattr(importlib.import_module(module_name), class_name)
    engine: Engine = engine_class(spacy_model=spacy_model)
    return engine
