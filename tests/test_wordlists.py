"""Word lists are data files, and there is one honorifics list (#12)."""

from __future__ import annotations

import pytest

from whosaid.errors import WhosaidError
from whosaid.wordlists import honorifics, word_list


def test_one_honorifics_list_serves_resolver_index_and_evaluator() -> None:
    from whosaid.evaluate.report import _HONORIFICS
    from whosaid.extract.speakers.people import HONORIFICS as RESOLVER
    from whosaid.store.names import HONORIFICS as INDEX

    assert RESOLVER == {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f"} | {
        "ms.": "f", "miss": "f", "sir": "m", "dame": "f", "lady": "f", "lord": "m"
    }  # fmt: skip
    assert set(RESOLVER) <= INDEX == set(honorifics())
    assert INDEX | {"the"} == _HONORIFICS
    assert not INDEX & {"prince", "queen", "king"}  # "Prince Charles" keeps his rank


def test_voices_reads_the_one_honorifics_list() -> None:
    # voices/evidence.py kept a fourth list of its own (#12).
    from whosaid.voices.evidence import FEMALE, HONORIFICS, MALE

    every = honorifics("courtesy", "foreign", "peerage", "royal")
    assert set(HONORIFICS) == {
        word for word, gender in every.items() if gender != "-" and "." not in word
    }
    assert HONORIFICS["prince"] == MALE
    assert HONORIFICS["baroness"] == FEMALE
    assert "dr" not in HONORIFICS


def test_an_unknown_honorific_kind_is_an_error() -> None:
    with pytest.raises(WhosaidError, match="honorific kinds are"):
        honorifics("noble")


def test_the_resolvers_lists_are_read_from_data() -> None:
    roles = word_list("people.en.v1.tsv", "role")
    assert "spokesman" in word_list("people.en.v1.tsv", "role_noun") | roles
    assert "department" in word_list("people.en.v1.tsv", "org_noun")


def test_an_unknown_list_is_an_error() -> None:
    with pytest.raises(WhosaidError, match="no word list 'nouns'"):
        word_list("people.en.v1.tsv", "nouns")
    with pytest.raises(WhosaidError, match="not in whosaid/data"):
        word_list("nowhere.tsv", "role")
