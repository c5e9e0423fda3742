"""Load the cue lexicon: reporting verbs and phrases, kept as data.

One file, `whosaid/data/cues.en.v3.tsv` (#12), serves the rules' finder and
the kind reader (`whosaid.extract.kinds.lexicon`). Each line holds a cue (a
lemma, or a lemma phrase such as "point out"), its class (speech, cognition,
intention, evaluation; "-" for a cue that is only read for its kind), the
frames the finder looks for its content in: `ccomp` (a clausal complement),
`direct` (may introduce a quotation), `xcomp` ("vowed to ...", "asked Y to
..."), `prep` ("warned of ..."), `as` ("described the call as ...", "called it
a hoax") and `dobj` ("praised the plan"), then its kind, stance and sources.
The file's header says why class and kind may differ. Changing the file
changes results, so its name carries a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from whosaid.errors import WhosaidError

DEFAULT_LEXICON = "cues.en.v3.tsv"
NOT_FOUND = "-"  # the class and frames of a cue the finder does not look for
FRAMES = frozenset({"ccomp", "direct", "xcomp", "prep", "as", "dobj"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry."""

    lemma: str
    cls: str
    frames: frozenset[str]

    @property
    def particle(self) -> str | None:
        """The particle or preposition of a two-word cue ("out" in "point out")."""
        parts = self.lemma.split(" ", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cues by head lemma: `verbs["point"]` lists "point out"."""

    name: str
    verbs: dict[str, tuple[Cue, ...]]

    def lookup(self, lemma: str, particles: tuple[str, ...] = ()) -> Cue | None:
        """Return the cue for a verb lemma and its particles, if any matches.

        A two-word cue ("point out") wins over the bare verb when the verb has
        that particle; a bare verb without its own entry is not a cue.
        """
        entries = self.verbs.get(lemma.lower())
        if not entries:
            return None
        bare = None
        for cue in entries:
            particle = cue.particle
            if particle is None:
                bare = cue
            elif particle in particles:
                return cue
        return bare

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.verbs.values())


def parse_lexicon(text: str, *, name: str = "inline") -> CueLexicon:
    """Parse the finder's view of lexicon lines; `#` starts a comment.

    A line is `cue, class, frames, kind, stance, sources` (tab-separated), or
    just `cue, class, frames`; a line whose class is "-" is not a finder cue.
    """
    verbs: dict[str, list[Cue]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith(("#", "cue\t")):
            continue
        fields = line.split("\t")
        if len(fields) not in (3, 6):
            raise WhosaidError(
                f"{name}:{number}: a cue line needs 3 tab-separated fields "
                f"(cue, class, frames) or 6 (then kind, stance, sources); got {line!r}"
            )
        lemma, cls, frames = (field.strip() for field in fields[:3])
        if cls == NOT_FOUND:
            continue
        unknown = set(frames.split(",")) - FRAMES
        if unknown:
            raise WhosaidError(
                f"{name}:{number}: frames must be among {', '.join(sorted(FRAMES))}; "
                f"got {', '.join(sorted(unknown))}"
            )
        cue = Cue(lemma.lower(), cls, frozenset(frames.split(",")))
        verbs.setdefault(cue.lemma.split(" ")[0], []).append(cue)
    return CueLexicon(name, {lemma: tuple(cues) for lemma, cues in verbs.items()})


def read_lexicon_text(name: str) -> str:
    """Return the text of a lexicon file shipped in `whosaid/data/`."""
    path = resources.files("whosaid").joinpath("data", name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise WhosaidError(f"cue lexicon {name!r} is not in whosaid/data") from err


@lru_cache(maxsize=4)
def load_lexicon(name: str = DEFAULT_LEXICON) -> CueLexicon:
    """Load the finder's cues from a lexicon shipped in `whosaid/data/`."""
    return parse_lexicon(read_lexicon_text(name), name=name)
