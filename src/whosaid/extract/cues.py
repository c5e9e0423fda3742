"""Load the cue lexicon: reporting verbs and phrases, kept as data.

The lexicon (`whosaid/data/cues.en.v1.tsv`) has one cue per line: its lemma
(a verb, or a verb plus particle such as "point out"), the class of what it
reports (speech, cognition, intention, evaluation) and the frames it takes:
`ccomp` (a clausal complement), `direct` (may introduce a quotation), `xcomp`
("vowed to ...", "asked Y to ..."), `prep` ("warned of ..."), `as` ("described the call as ...", "called it a hoax")
and `dobj` ("praised the plan"). Changing the file changes results, so its name
carries a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from whosaid.errors import WhosaidError

DEFAULT_LEXICON = "cues.en.v1.tsv"
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
    """Parse lexicon lines (`cue<TAB>class<TAB>frames`; `#` starts a comment)."""
    verbs: dict[str, list[Cue]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise WhosaidError(
                f"{name}:{number}: a cue line needs 3 tab-separated fields; got {line!r}"
            )
        lemma, cls, frames = fields
        unknown = set(frames.split(",")) - FRAMES
        if unknown:
            raise WhosaidError(
                f"{name}:{number}: frames must be among {', '.join(sorted(FRAMES))}; "
                f"got {', '.join(sorted(unknown))}"
            )
        cue = Cue(lemma.strip().lower(), cls.strip(), frozenset(frames.split(",")))
        verbs.setdefault(cue.lemma.split(" ")[0], []).append(cue)
    return CueLexicon(name, {lemma: tuple(cues) for lemma, cues in verbs.items()})


@lru_cache(maxsize=4)
def load_lexicon(name: str = DEFAULT_LEXICON) -> CueLexicon:
    """Load a lexicon shipped in `whosaid/data/`."""
    path = resources.files("whosaid").joinpath("data", name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise WhosaidError(f"cue lexicon {name!r} is not in whosaid/data") from err
    return parse_lexicon(text, name=name)
