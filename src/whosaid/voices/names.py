"""Gender from first-name statistics, offline, above a threshold (#15).

Used only when the article gives no text evidence. Two libraries are wired in
and compared in `benchmarks/voices_gender.py`:

- `nomquamgender`: p(female) per name from many name-gender sources; a name
  is labelled when p >= threshold (female) or p <= 1 - threshold (male);
- `gender-guesser`: a curated dictionary; only its "male"/"female" answers
  count (not "mostly_", "andy" or "unknown"), so it has no threshold.

The setting `name_gender` picks one, or `off` turns name inference off
entirely. A name the library does not know is unknown, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from whosaid import settings
from whosaid.errors import WhosaidError

from .evidence import FEMALE, MALE

LIBRARIES = ("nomquamgender", "gender-guesser", "off")

Guess = tuple[str, float]  # (gender, the library's probability for it)


class NameLibraryError(WhosaidError):
    """The `name_gender` setting names no known library."""

    def __init__(self, value: str) -> None:
        super().__init__(
            f"setting name_gender must be one of {', '.join(LIBRARIES)}; got {value!r}"
        )


def library() -> str:
    """Return the configured library name ("off" when name inference is off)."""
    value = str(settings.get("name_gender")).strip().lower()
    if value in ("no", "false", "0", "none"):
        return "off"
    if value not in LIBRARIES:
        raise NameLibraryError(value)
    return value


def threshold() -> float:
    """Return the probability a name needs before it gives a gender."""
    return float(settings.get("name_gender_threshold"))


def guess_gender(first_name: str, *, name_library: str | None = None) -> Guess | None:
    """Return (gender, probability) for a first name, or None when unsure.

    An initial ("J.") or a name the library does not know gives None, as does
    a probability under `threshold()`.
    """
    chosen = name_library or library()
    name = first_name.strip(".,'\u2019 ")
    if chosen == "off" or len(name) < 2 or not name.isalpha():
        return None
    guess = _guesser(chosen)(name)
    if guess is None or guess[1] < threshold():
        return None
    return guess


@cache
def _guesser(name_library: str) -> Callable[[str], Guess | None]:
    if name_library == "nomquamgender":
        return _nomquamgender()
    if name_library == "gender-guesser":
        return _gender_guesser()
    raise NameLibraryError(name_library)


def _nomquamgender() -> Callable[[str], Guess | None]:
    import nomquamgender as nqg

    model = nqg.NBGC()

    def guess(name: str) -> Guess | None:
        pgf = float(model.get_pgf([name])[0])
        if math.isnan(pgf):
            return None
        return (FEMALE, pgf) if pgf >= 0.5 else (MALE, 1.0 - pgf)

    return guess


def _gender_guesser() -> Callable[[str], Guess | None]:
    import gender_guesser.detector as gender_detector

    detector = gender_detector.Detector(case_sensitive=False)

    def guess(name: str) -> Guess | None:
        answer = detector.get_gender(name)
        # Its dictionary marks names "male"/"female" only when they are
        # (nearly) always so in every country it covers: probability 1.
        return {"female": (FEMALE, 1.0), "male": (MALE, 1.0)}.get(answer)

    return guess


def is_first_name(word: str) -> bool:
    """Whether `word` is a first name, for source types ("Sven-Goran
    Eriksson", not "But Yukos"), whatever the `name_gender` setting (#15).

    With the default library (nomquamgender, loaded anyway for genders) a
    name it places above the threshold; with name inference off or
    gender-guesser, a name gender-guesser's dictionary knows (any answer but
    "unknown"), so `name_gender = "off"` no longer loads nomquamgender's table
    (1-5 s per process) only for this.
    """
    name = word.strip(".,'\u2019 ")
    if len(name) < 2 or not name.isalpha():
        return False
    if library() == "nomquamgender":
        return guess_gender(name) is not None
    return _first_names()(name) != "unknown"


@cache
def _first_names() -> Callable[[str], str]:
    import gender_guesser.detector as gender_detector

    detector = gender_detector.Detector(case_sensitive=False)

    def answer(name: str) -> str:
        return str(detector.get_gender(name))

    return answer
