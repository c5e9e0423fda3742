"""What a cue reports (#8): a quote's kind and the cue's stance.

`lexicon` reads the cue lexicon (kind and stance per cue); `classify` reads
a cue in its context (negation, hedges, refusals) and sets both fields.
"""
