"""Word lists kept as data files in `whosaid/data/`, not as code (#12).

`honorifics()` is the one honorifics list (speaker resolution, the speaker
index and the evaluator read it); `word_list(file, name)` reads one named list
of a `list<TAB>word` file such as `people.en.v1.tsv`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from whosaid.errors import WhosaidError

HONORIFICS_FILE = "honorifics.en.v1.tsv"


def _rows(file: str) -> list[list[str]]:
    path = resources.files("whosaid").joinpath("data", file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise WhosaidError(f"word list {file!r} is not in whosaid/data") from err
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not all(field.strip() for field in fields):
            raise WhosaidError(f"{file}:{number}: expected 2 tab-separated fields")
        rows.append([field.strip() for field in fields])
    return rows


@lru_cache(maxsize=1)
def honorifics() -> dict[str, str]:
    """Honorifics in lower case ("mr", "mr.", "dr") -> gender: m, f or -."""
    return dict(_rows(HONORIFICS_FILE))


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
