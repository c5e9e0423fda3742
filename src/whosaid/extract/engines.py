"""The engine registry: which code turns a parsed `Doc` into `Quote`s.

An engine owns its spaCy pipeline (`nlp`) and a `find_quotes(doc, doc_id)`
method that returns finished quotes: both engines end with the same tail
(`whosaid.extract.finish`: speakers, kinds, confidence). Engines are
registered by name with a lazy import path so that loading one never imports
another's dependencies.

An engine's identity, its name and version (`engine_identity`), is known
without loading any model; the index stores it with every article, so
`whosaid ingest --reextract` re-extracts after an engine or a model changes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from whosaid.errors import ModelNotInstalledError, UnknownEngineError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from whosaid.model import Quote

ENGINES: dict[str, str] = {
    "rules": "whosaid.extract.rules.engine:RulesEngine",
    "model": "whosaid.extract.tagger.engine:ModelEngine",
    "rules-small": "whosaid.extract.small:SmallRulesEngine",  # #18
}


@dataclass(frozen=True, slots=True)
class EngineIdentity:
    """Which engine, and which version of it: what the index records."""

    name: str  # "rules", "model"
    version: str  # "whosaid.rules.v13", "whosaid.tagger.polnear_tagger-1.0.0+whosaid.rules.v13"

    @property
    def label(self) -> str:
        """Return "name:version", as stored in `articles.engine`."""
        return f"{self.name}:{self.version}"


class Engine(Protocol):
    name: str
    version: str
    nlp: Language

    def find_quotes(self, doc: Doc, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        """Return the finished quotes in `doc` and counts of what was skipped, by reason."""
        ...


def load_spacy(name: str, **kwargs: object) -> Language:
    """Load an installed spaCy pipeline; never downloads anything.

    With the `fast_attribute_ruler` setting on (the default since #18), its
    `attribute_ruler` is swapped for `FastAttributeRuler`: the same
    annotations for less CPU, checked against spaCy's matcher at load
    (`whosaid.extract.fast_ruler`; figures in docs/speed.md). The networks multiply matrices
    with numpy's BLAS unless the `blas` setting says `blis`
    (`whosaid.extract.blas`, #18). With `ner_context` above 0 (the
    default) the `ner` reads only the stretches around capitalised words
    (`whosaid.extract.ner_scope`, #18).
    """
    import spacy

    from whosaid import settings
    from whosaid.extract.blas import use_numpy_blas
    from whosaid.extract.line_breaks import use_line_breaks

    try:
        nlp = spacy.load(name, **kwargs)  # type: ignore[arg-type]  # spaCy's kwargs are loosely typed
    except OSError as err:
        raise ModelNotInstalledError(name) from err
    use_line_breaks(nlp)
    use_numpy_blas(nlp)  # before the ner is wrapped: it has the network
    if settings.get("fast_attribute_ruler"):
        from whosaid.extract.fast_ruler import use_fast_attribute_ruler

        use_fast_attribute_ruler(nlp)
    if int(settings.get("ner_context")) > 0:
        from whosaid.extract.ner_scope import use_scoped_ner

        use_scoped_ner(nlp, context=int(settings.get("ner_context")))
    if not kwargs:  # the whole pipeline: its lemma tables need no second load
        from whosaid.extract.lemmas import share_tables

        share_tables(name, nlp)
    return nlp


def _engine_class(name: str) -> type:
    if name not in ENGINES:
        raise UnknownEngineError(name, sorted(ENGINES))
    module_name, _, class_name = ENGINES[name].partition(":")
    engine_class: type = getattr(importlib.import_module(module_name), class_name)
    return engine_class


def engine_identity(name: str) -> EngineIdentity:
    """Return the name and version of the engine registered as `name`.

    Loads no model: an engine class whose version depends on its model (the
    model engine) reads it in a classmethod `identity()`; for the others the
    class attribute `version` is the version.

    Raises:
        UnknownEngineError: If no engine is registered as `name`.
    """
    engine_class = _engine_class(name)
    identity = getattr(engine_class, "identity", None)
    if callable(identity):
        found = identity()
        if isinstance(found, EngineIdentity):
            return found
    return EngineIdentity(name, str(getattr(engine_class, "version", "")))


def identity_of(engine: Engine) -> EngineIdentity:
    """Return the identity of a loaded engine."""
    return EngineIdentity(engine.name, engine.version)


def load_engine(name: str, *, spacy_model: str) -> Engine:
    """Instantiate the engine registered as `name`."""
    engine: Engine = _engine_class(name)(spacy_model=spacy_model)
    return engine
