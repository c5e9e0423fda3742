"""Word lists kept as data files in `whosaid/data/`, not as code (#12).

`honorifics()` is the one honorifics list (speaker resolution, the speaker
index, the evaluator and whose-voices read it, each the kinds it needs);
`word_list(file, name)` reads one named list of a `list<TAB>word` file such
as `people.en.v1.tsv`; `first_names()` the one first-name list (the
extractor's pronoun and person rules, the index's speaker linking);
`party_names()` the one name of each political party its mentions use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from whosaid.errors import WhosaidError

HONORIFICS_FILE = "honorifics.en.v2.tsv"
FIRST_NAMES_FILE = "names.en.v2.tsv"
# The word lists the speaker resolver and the kind rules read (#12).
PEOPLE_WORDS = "people.en.v1.tsv"
PARTIES_FILE = "parties.en.v1.tsv"
HONORIFIC_KINDS = ("courtesy", "foreign", "peerage", "royal")
# What the index and the evaluator drop before a name: all but royal (#12).
NAME_HONORIFICS = ("courtesy", "foreign", "peerage")


def _rows(file: str, fields: int = 2) -> list[list[str]]:
    path = resources.files("whosaid").joinpath("data", file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise WhosaidError(f"word list {file!r} is not in whosaid/data") from err
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != fields or not all(field.strip() for field in row):
            raise WhosaidError(
                f"{file}:{number}: expected {fields} tab-separated fields"
            )
        rows.append([field.strip() for field in row])
    return rows


@lru_cache(maxsize=8)
def honorifics(*kinds: str) -> dict[str, str]:
    """Honorifics of `kinds` in lower case ("mr", "mr.", "dr") -> gender: m, f or -.

    Args:
        kinds: Any of `HONORIFIC_KINDS`; none gives `NAME_HONORIFICS`, the
            words dropped before a name when names are compared.

    Raises:
        WhosaidError: If a kind is unknown or the file is malformed.
    """
    wanted = kinds or NAME_HONORIFICS
    unknown = set(wanted) - set(HONORIFIC_KINDS)
    if unknown:
        raise WhosaidError(
            f"honorific kinds are {', '.join(HONORIFIC_KINDS)}; got {sorted(unknown)}"
        )
    rows = _rows(HONORIFICS_FILE, fields=3)
    return {word: gender for word, gender, kind in rows if kind in wanted}


@lru_cache(maxsize=8)
def word_list(file: str, name: str) -> frozenset[str]:
    """The words of list `name` in `file`.

    Raises:
        WhosaidError: If the file is missing, malformed or has no such list.
    """
    words = frozenset(word for list_name, word in _rows(file) if list_name == name)
    if not words:
        raise WhosaidError(f"{file}: no word list {name!r}")
    return words


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First names in lower case -> the pronoun gender their bearers usually take (m/f).

    One list for the extractor (antecedents of "he"/"she", a name is a
    person's) and the index (a surname links to a named person; two first
    names of different genders are not variants of one).
    """
    return {name: gender for name, gender in _rows(FIRST_NAMES_FILE)}


@lru_cache(maxsize=1)
def party_names() -> dict[str, str]:
    """What a mention calls a party, lower case without "the" -> its one name:
    "tories" -> "Conservative Party"."""
    return {alias.lower(): name for alias, name in _rows(PARTIES_FILE)}
