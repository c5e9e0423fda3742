"""The people an article mentions, from spaCy's PERSON entities (#15).

Names are resolved within the article the way speakers are: leading
honorifics and titles dropped ("Ms Patricia Hewitt" -> "Patricia Hewitt"),
a possessive cut ("Blair's" -> "Blair"), and a one-word name joined to the
full name it ends ("Hewitt" -> "Patricia Hewitt") when exactly one full name
in the article ends with it. The store turns these names into the same keys
as speakers (`whosaid.store.speakers.speaker_key` and alias links), so "people
mentioned" and "people quoted" count the same identities.

Not covered: first-name-only references ("Patricia") and names the NER
misses or labels ORG.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from spacy.tokens import Doc

from .evidence import HONORIFICS, words

_TITLES = words(
    """
    dr prof professor president senator governor minister secretary judge justice
    mayor chairman chairwoman ambassador general director commissioner chancellor
    sen rep gov gen lt col capt coach manager captain rev reverend father
    """
)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def clean_name(text: str) -> str:
    """Drop leading honorifics/titles and a trailing possessive from a name."""
    parts = _POSSESSIVE.sub("", text.strip()).split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in (
        HONORIFICS.keys() | _TITLES
    ):
        parts.pop(0)
    parts = [w for w in parts if any(char.isalpha() for char in w)]
    return " ".join(parts).strip(" ,;:-")


def person_names(doc: Doc) -> Counter[str]:
    """Count the PERSON entities of `doc` by cleaned name (needs `ner`)."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            if name:
                counts[name] += 1
    return counts


def resolve_people(counts: Mapping[str, int]) -> dict[str, int]:
    """Join one-word names to the one full name they end: name -> mentions.

    A one-word name that more than one full name ends with stays one word.
    """
    full = [name for name in counts if " " in name]
    people: Counter[str] = Counter()
    for name, count in counts.items():
        if " " not in name:
            owners = [other for other in full if other.split()[-1] == name]
            if len(owners) == 1:
                name = owners[0]
        people[name] += count
    return dict(people)


def mentioned_people(doc: Doc) -> dict[str, int]:
    """Return the people one parsed article mentions: full name -> mentions."""
    return resolve_people(person_names(doc))
