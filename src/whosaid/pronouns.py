"""Say whether a text is only a pronoun: never the content of a statement (#13).

A record whose content is `who`, `which` or `him` (a relative clause or an
object mistaken for what was said) tells a reader nothing. The evaluator counts
such records and the extractor refuses them.
"""

from __future__ import annotations

_PRONOUN_WORDS = """
    i me my mine myself you your yours yourself yourselves he him his himself
    she her hers herself it its itself we us our ours ourselves they them their
    theirs themselves who whom whose which that what whatever whoever this these
    those one someone somebody something anyone anybody anything everyone
    everybody everything nobody nothing none so
"""
PRONOUNS = frozenset(_PRONOUN_WORDS.split())
_EDGE = "\"'“”‘’«»„.,;:!?()[]—–- \t\r\n"


def is_pronoun_content(text: str) -> bool:
    """True when `text`, without quotation marks and punctuation, is one pronoun.

    "it" and "“Him.”" are; "it is" and a name are not (a bare name is judged
    by the extractor, which knows the entities).
    """
    word = text.strip(_EDGE).lower()
    return word in PRONOUNS
