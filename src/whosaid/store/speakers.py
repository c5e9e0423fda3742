"""Speakers across articles: the public names of the modules that do the work.

- `whosaid.store.names`: keys, identity keys, generic mentions;
- `whosaid.store.plans`: how each quote of one article is linked;
- `whosaid.store.linker`: the speaker of each quote while an ingest writes;
- `whosaid.store.surnames`: bare surnames linked across articles;
- `whosaid.store.decisions`: find, merge and split (user decisions);
- `whosaid.store.aliases`: alias files;
- `whosaid.store.matching`: what a `--speaker` value means, with "did you mean";
- `whosaid.store.relink`: the rules applied again to an existing index.
"""

from __future__ import annotations

from whosaid.store.aliases import AliasEntry, apply_aliases, read_alias_file
from whosaid.store.decisions import (
    SpeakerError,
    find_speaker,
    merge_speakers,
    split_speaker,
)
from whosaid.store.linker import SpeakerLinker, refresh_speakers
from whosaid.store.names import HONORIFICS, display_name, is_linkable, speaker_key

__all__ = [
    "HONORIFICS", "AliasEntry", "SpeakerError", "SpeakerLinker", "apply_aliases",
    "display_name", "find_speaker", "is_linkable", "merge_speakers",
    "read_alias_file", "refresh_speakers", "speaker_key", "split_speaker",
]  # fmt: skip
