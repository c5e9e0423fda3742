"""Matrix products through numpy's BLAS instead of thinc's blis (#18).

spaCy's networks multiply matrices with thinc's `NumpyOps`, which calls the
blis library bundled with thinc. On machines with AVX-512 numpy's OpenBLAS
multiplies the same float32 matrices several times faster (figures in
docs/speed.md), and a network's token encoder is mostly matrix products.
With the `blas` setting at `numpy` (the default), `use_numpy_blas` gives
every network of a pipeline `NumpyOps(use_blis=False)`, whose products
go through numpy: the same arithmetic in another order, the same
annotations on every text measured. The transition steps of the parser and
the ner still call blis through thinc's C interface; they are not affected.

OpenBLAS starts one thread per core. whosaid scales out with one process per
core, so `one_blas_thread` holds it to one thread while a batch is parsed:
two threads on two busy cores spend more CPU per article, not less.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, Any

from whosaid.errors import WhosaidError

if TYPE_CHECKING:
    from spacy.language import Language

CHOICES = ("numpy", "blis")


class BlasSettingError(WhosaidError):
    """The `blas` setting names no library whosaid can use."""

    def __init__(self, value: str) -> None:
        super().__init__(
            f"blas setting {value!r}: expected one of {', '.join(CHOICES)}"
        )


def use_numpy_blas(nlp: Language) -> int:
    """Give every network of `nlp` numpy's matrix products; return how many nodes.

    Reads the `blas` setting: with `blis`, nothing changes.
    """
    from thinc.api import NumpyOps

    if blas_setting() == "blis":
        return 0
    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not isinstance(model.ops, NumpyOps):
            continue  # no network, or not on the CPU
        for node in model.walk():
            node.ops = ops
            changed += 1
    return changed


def blas_setting() -> str:
    from whosaid import settings

    value = str(settings.get("blas"))
    if value not in CHOICES:
        raise BlasSettingError(value)
    return value


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread inside the block (nothing else changes)."""
    controller = _controller()
    with controller.limit(limits=1, user_api="blas") if controller else nullcontext():
        yield


@cache
def _controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries (built once: 1 ms)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a dependency of whosaid
        return None
    return ThreadpoolController()
