"""Base confidence of a rules attribution, by how it was found.

Tuned on PolNeAR train. For the model engine these are provisional: its
confidence comes from the calibration table (`whosaid.extract.calibration`).
"""

from __future__ import annotations

CONFIDENCE = {
    "direct:after": 0.95,
    "direct:before": 0.92,
    "direct:colon": 0.6,
    "direct:lead-in": 0.55,  # mixed: words of the clause before the quote
    "direct:lead": 0.75,  # mixed: 'said Paris "will not…"' found from the quote
    "fragment": 0.85,  # 'called the plan "reckless"' (#13)
    "continues": 0.9,
    "subject": 0.6,
    "ccomp": 0.8,
    "reverse": 0.7,
    "as-report": 0.7,  # "As X reported, …" (real news)
    "according": 0.75,
    "xcomp": 0.55,
    "prep": 0.55,
    "as": 0.6,
    "dobj": 0.45,
}
# Measured on PolNeAR: a clause reported by a cue of thinking or wanting is
# annotated far less consistently than one reported by a cue of saying.
NOT_SPEECH_FACTOR = 0.55
MIXED_BONUS = 0.05
# A quote whose closing mark is missing ends with its paragraph, a guess: its
# record keeps 0.7 of its confidence (#13).
UNCLOSED_FACTOR = 0.7
