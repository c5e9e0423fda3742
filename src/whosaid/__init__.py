"""whosaid: who said what, to whom, when, in news articles."""

from __future__ import annotations

import logging

# The subpackage first: imported later (lazily, on the first extraction) it
# would rebind `whosaid.extract` from the function to the package, so
# `whosaid.extract(text)` worked once only.
import whosaid.extract as _extract_package  # noqa: F401
from whosaid.model import Article, Attribution, Failure, Quote, Result, Span, Speaker
from whosaid.pipeline import Extractor, extract

__all__ = [
    "Article",
    "Attribution",
    "Extractor",
    "Failure",
    "Quote",
    "Result",
    "Span",
    "Speaker",
    "extract",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
