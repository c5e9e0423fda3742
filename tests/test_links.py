"""Links between attributions are content spans, never list positions (#12)."""

from __future__ import annotations

import pytest

from whosaid.extract.links import continued, relink
from whosaid.extract.tagger.merge import merge_direct
from whosaid.model import Attribution, Span

TEXT = '"We won," Reed, the coach, said. Fans called it "a miracle" and cheered.'


def _at(
    kind: str,
    content: tuple[int, int],
    *,
    source: tuple[int, int] | None = None,
    continues: tuple[int, int] | None = None,
) -> Attribution:
    return Attribution(
        kind,  # type: ignore[arg-type]  # test tables use plain strings
        Span.of(TEXT, *content),
        None,
        Span.of(TEXT, *source) if source else None,
        0.9,
        Span.of(TEXT, *continues) if continues else None,
    )


SPEAKER = _at("direct", (1, 8), source=(10, 14))
FOLLOWER = _at("direct", (49, 58), continues=(1, 8))
OTHER = _at("indirect", (33, 37), source=(33, 37))


@pytest.mark.issue(12)
def test_a_link_survives_filtering_and_reordering() -> None:
    assert continued([SPEAKER, OTHER, FOLLOWER], 2) == 0
    assert continued([OTHER, SPEAKER, FOLLOWER], 2) == 1  # a position would break
    assert continued([SPEAKER, FOLLOWER], 1) == 0


def test_a_link_points_only_backwards() -> None:
    assert continued([FOLLOWER, SPEAKER], 0) is None
    assert continued([OTHER, FOLLOWER], 1) is None  # its speaker is gone
    assert continued([SPEAKER], 0) is None


def test_relink_follows_a_rewritten_content() -> None:
    new = Span.of(TEXT, 0, 9)
    speaker, follower = relink([SPEAKER, FOLLOWER], {SPEAKER.content: new})
    assert speaker == SPEAKER and follower.continues == new


@pytest.mark.issue(12)
def test_merge_keeps_a_link_when_the_tagger_rewrites_the_content() -> None:
    # The tagger's content of the rules' direct quote includes the marks;
    # the merge takes it, and the quote continuing it must still point to it.
    tagged = [_at("direct", (0, 9), source=(10, 26))]
    merged = merge_direct(tagged, [SPEAKER, FOLLOWER])
    assert [a.content.text for a in merged] == ['"We won,"', "a miracle"]
    assert merged[1].continues == merged[0].content
    assert continued(merged, 1) == 0
