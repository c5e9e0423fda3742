"""Causes of junk records and wrong speakers found by the by-hand BBC audit (#13).

docs/audit-realnews.md lists them; each test is a made-up sentence of the
same shape.
"""

from __future__ import annotations


def records(extractor, text: str) -> list[tuple[str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [
        (q.speaker.text if q.speaker else None, q.speaker_name, q.content.text)
        for q in extractor.extract(text)
    ]


def test_a_hyphen_inside_a_name_does_not_cut_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"Lenders would seek sanctions if the unit fails," said Kim Ji-hoon, '
        "governor of the Harbour Bank."
    )
    ((speaker, name, _),) = records(extractor, text)
    assert (speaker, name) == (
        "Kim Ji-hoon, governor of the Harbour Bank",
        "Kim Ji-hoon",
    )


def test_a_hyphen_inside_an_organisation_does_not_cut_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Blu-Ray Association said on Thursday that two studios would back its format."
    ((speaker, _, content),) = records(extractor, text)
    assert speaker == "The Blu-Ray Association"
    assert content == "two studios would back its format"


def test_a_hyphenated_verb_keeps_its_whole_complement(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Both clubs have pledged to co-operate with the inquiry into the transfer."
    ((_, _, content),) = records(extractor, text)
    assert content == "to co-operate with the inquiry into the transfer"


def test_he_is_the_subject_who_spoke_not_a_name_only_mentioned(extractor) -> None:  # type: ignore[no-untyped-def]
    # Dufresne's gender is not known, Jose Ribeiro's is; Ribeiro is neither a
    # subject nor a speaker.
    text = (
        "Former Porto manager Anatole Dufresne said the club was in good hands. "
        'Dufresne said: "If a good club comes up at the right time then yes, I am '
        'ready to come back."\n\nDufresne has been impressed with the league - '
        "particularly with Jose Ribeiro's work at Porto. He said: \"Porto are doing "
        'very well."'
    )
    last = extractor.extract(text)[-1]
    assert (last.speaker.text if last.speaker else None, last.speaker_name) == (
        "He",
        "Anatole Dufresne",
    )


def test_a_report_nested_in_another_is_not_a_statement_of_its_own(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ana Ruiz said many firms readily admit that their locks are little "
        "protection against skilled thieves."
    )
    kinds = {
        (q.speaker.text if q.speaker else None, q.kind) for q in extractor.extract(text)
    }
    assert kinds == {("Ana Ruiz", "statement"), ("many firms", "other")}


def test_a_participle_report_after_another_clause_stays_a_statement(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thailand has said it does not want a freeze, while India has also "
        "rejected aid, saying it can cope on its own resources."
    )
    india = [q for q in extractor.extract(text) if q.cue and q.cue.text == "saying"]
    assert [q.kind for q in india] == ["statement"]


def test_a_headline_holding_the_subject_is_not_part_of_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rap feud in Ace Crew\n\nUS rap star Ty Bello has said he has thrown "
        "protege The Game out of his gang."
    )
    ((speaker, name, _),) = records(extractor, text)
    assert (speaker, name) == ("US rap star Ty Bello", "Ty Bello")


def test_a_person_of_a_group_is_the_person(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The campaign will now be dropped under the truce. Brett Lock of gay "
        'group OutRage! said they were "wiping the slate clean".'
    )
    ((_, name, _),) = records(extractor, text)
    assert name == "Brett Lock"


def test_a_quote_ending_its_sentence_is_not_the_next_reporters(extractor) -> None:  # type: ignore[no-untyped-def]
    # The next sentence reports its own clause, with a quoted fragment in it.
    text = (
        "The proposals met with disapproval. John Ison, from the group Parents "
        'First, said: "It is very disappointing. What we have is a cynical case of '
        'recycling old laws." Jim Parton, from Families Together, said the new '
        'proposals "lacked compulsion".'
    )
    found = {(name, content[:20]) for _, name, content in records(extractor, text)}
    assert ("John Ison", "It is very disappoin") in found
    assert ("Jim Parton", "It is very disappoin") not in found
