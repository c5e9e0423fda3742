"""What a cue reports (#8): a quote's kind and the cue's stance.

`lexicon` reads the cue lexicon (kind and stance per cue); `classify` reads
a cue in its context (negation, hedges, refusals) and sets both fields.
`kind_of_cue` and `read_cue` are the stable entry points for a cue given as
text (the evaluator marks PolNeAR gold attributions with `kind_of_cue`).
"""

from whosaid.extract.kinds.classify import kind_of_cue, read_cue

__all__ = ["kind_of_cue", "read_cue"]
