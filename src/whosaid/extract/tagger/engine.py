"""The "model" engine: a trained tagger composed with the rules' finder.

The shipped pipeline (`whosaid/data/model/`, trained by `training/`) is a
tok2vec and an entity recognizer with the labels SOURCE, CUE and CONTENT, then
a sentencizer. The sentencizer runs after the recognizer on purpose: spaCy's
recognizer never continues an entity over a sentence start, and content spans
often run over several sentences. Inference needs spaCy only, never PyTorch.

Per doc: the rules' finder (`whosaid.extract.rules.find.RulesFinder`) finds
its attributions on the parse; the tags are linked (`link`) and merged with
them (`merge`); the shared tail (`whosaid.extract.finish`) resolves speakers,
reads kinds and sets the confidence from the table measured on train.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid import settings
from whosaid.clean import find_residue
from whosaid.errors import WhosaidError
from whosaid.extract.calibration import load_table
from whosaid.extract.engines import EngineIdentity
from whosaid.extract.finish import finish_quotes
from whosaid.extract.rules.engine import RulesEngine
from whosaid.extract.rules.find import RulesFinder
from whosaid.extract.tagger.merge import combine_with_rules
from whosaid.extract.tagger.parse import TAGS_KEY, ParseStep

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from whosaid.model import Quote


class ModelMissingError(WhosaidError):
    """The shipped model folder is missing or unreadable."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot load whosaid's trained model from {path}: {reason}; "
            "reinstall whosaid, or use --engine rules"
        )


def model_path() -> Path:
    """Return the folder of the model shipped inside the package."""
    return Path(str(resources.files("whosaid") / "data" / "model"))


def model_version(meta: dict[str, Any]) -> str:
    """Return the engine version: the model's name and version from its meta,
    and the rules' version, whose finder and tail make half of its records."""
    model = f"{meta.get('name', 'model')}-{meta.get('version', '0')}"
    return f"whosaid.tagger.{model}+{RulesEngine.version}"


def read_model_version(path: Path | None = None) -> str:
    """Read the model's version from its meta.json, without loading the model."""
    path = path or model_path()
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelMissingError(path, f"no readable meta.json ({err})") from err
    if not isinstance(meta, dict):
        raise ModelMissingError(path, "meta.json is not a JSON object")
    return model_version(meta)


def load_model(path: Path | None = None) -> Language:
    """Load the trained pipeline from `path` (default: the shipped model)."""
    import spacy

    from whosaid.extract.blas import use_numpy_blas

    path = path or model_path()
    if not (path / "config.cfg").is_file():
        raise ModelMissingError(path, "no config.cfg")
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as err:
        raise ModelMissingError(path, str(err).splitlines()[0]) from err
    use_numpy_blas(nlp)
    return nlp


class ModelEngine:
    """Find quotes with the trained tagger shipped in the package.

    The tagger finds source, cue and content spans; the rules' direct quotes
    replace the tagged ones they overlap (`merge_direct`); the shared tail
    resolves speakers and reads kinds. The rules and the resolver need a
    dependency parse, lemmas and PERSON/ORG entities: en_core_web_sm
    (`spacy_model`) runs as the pipeline's last component (`whosaid_parse`),
    so `nlp.pipe` batches it; `parse_nlp` is that parse pipeline. Confidence
    comes from the table measured on PolNeAR train
    (`whosaid.extract.calibration`).

    Example:
        >>> engine = ModelEngine()
        >>> quotes, skipped = engine.find_quotes(engine.nlp(text), "doc-1")
    """

    name = "model"

    def __init__(
        self, *, spacy_model: str | None = None, path: Path | None = None
    ) -> None:
        self.nlp = load_model(path)
        self.version = model_version(self.nlp.meta)
        step = self.nlp.add_pipe(
            "whosaid_parse",
            config={"spacy_model": settings.get("spacy_model", spacy_model)},
        )
        if not isinstance(step, ParseStep):
            raise ModelMissingError(
                path or model_path(),
                f"its 'whosaid_parse' component is a {type(step).__name__}, "
                "not whosaid's parse step",
            )
        self.parse_nlp: Language = step.parse_nlp
        self.finder = RulesFinder.from_settings()
        self.confidence = load_table()

    @classmethod
    def identity(cls) -> EngineIdentity:
        """Name and version of the shipped model, read without loading it."""
        return EngineIdentity(cls.name, read_model_version())

    def find_quotes(self, doc: Doc, doc_id: str) -> tuple[list[Quote], dict[str, int]]:
        """Return the finished quotes of a doc run through `nlp`, and skip counts.

        Afterwards `doc` also carries en_core_web_sm's annotations: `doc.ents`
        holds its entities, not the tags.
        """
        if not doc.text.strip():
            return [], {}
        if TAGS_KEY not in doc.spans:
            raise WhosaidError(
                "the model engine needs docs from its own pipeline (engine.nlp); "
                f"this doc has no {TAGS_KEY!r} spans"
            )
        residue = find_residue(doc.text)
        rules, skipped = self.finder.find(doc, residue=residue)
        attributions = combine_with_rules(
            doc, rules, residue=residue, lexicon=self.finder.lexicon
        )
        quotes = finish_quotes(
            doc,
            attributions,
            doc_id=doc_id,
            engine=self.version,
            residue=residue,
            confidence=self.confidence,
        )
        return quotes, skipped
