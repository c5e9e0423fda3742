"""Synthetic news for benchmarks: varied speakers, outlets, dates, repeated quotes.

Every article is rendered from a plan, so the generator can hand out both the
`Article` (for the real extraction engine) and a `Result` whose quotes point
exactly into the text (to build a million-quote index without running the
engine). Word frequencies follow a Zipf law over a 20,000-word vocabulary, so
full-text queries hit common, middling and rare words as in real news;
speakers and outlets have Zipf popularity too; about a quarter of the quotes
are soundbites reused across outlets, some truncated or re-punctuated.

Usage:
    python benchmarks/synth.py --articles 1000 > corpus.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from whosaid.model import Article, Quote, Result, Span
from whosaid.read.text import dumps


def _split(text: str) -> list[str]:
    return text.split()


COMMON = _split(
    "the be to of and a in that have it for not on with as you do at this but by "
    "from they we say her she or an will my one all would there their what so up "
    "out if about who get which go me when make can like time no just him know "
    "take people into year your good some could them see other than then now "
    "look only come its over think also back after use two how our work first "
    "well way even new want because any these give day most us government plan "
    "deal tax economy country president policy border vote law court market jobs "
    "budget health school energy climate trade war security police election bill "
    "talks "
)
SYLLABLES = _split("ka ri to ne sa mo lu pe di ga ve ro chi an el or us im ta be ")
FIRST = _split(
    "Thomas Maria Ana James Li Fatima John Elena Omar Grace Peter Aisha David "
    "Sofia Daniel Mei Carlos Hannah Ahmed Julia Robert Priya Michael Laura Ivan "
    "Chloe Samuel Nadia George Emma Lucas Zara Victor Olga Kevin Amara Paul Ines "
    "Mark Yuki Henry Leila Oscar Rosa Ethan Noor Felix Clara Adam Eva "
)
LAST = _split(
    "Reed Okafor Lima Clinton Chen Haddad Novak Park Silva Kowalski Brown "
    "Ivanova Mensah Garcia Rossi Tanaka Muller Dubois Khan Schmidt Jones Costa "
    "Nguyen Petrov Sato Walsh Ortiz Becker Moreau Adeyemi Larsen Fischer Romero "
    "Weber Hughes Patel Kim Martin Ali Nowak Bauer Santos Kelly Popescu Horvat "
    "Yilmaz Andersen Murphy Hoffman Ramos "
)
TITLES = (
    "Senator", "Governor", "Mayor", "Minister", "spokeswoman", "spokesman",
    "chief executive", "economist", "professor", "deputy national security adviser",
    "representative", "police chief", "union leader", "analyst", "ambassador",
)  # fmt: skip
ORGS = (
    "the Treasury", "the Pentagon", "the central bank", "the city council",
    "Acme Corp", "the teachers' union", "the World Bank", "the health ministry",
    "the state department", "Northwind Energy", "the university", "the port authority",
)  # fmt: skip
OUTLETS = [f"{a} {b}" for a, b in itertools.product(
    ("Daily", "Evening", "Morning", "National", "City", "Global", "Metro", "Valley"),
    ("Planet", "Globe", "Herald", "Courier", "Wire"),
)]  # fmt: skip
KINDS = (
    ("statement", 75),
    ("belief", 8),
    ("intention", 8),
    ("evaluation", 6),
    ("other", 3),
)
CUES = {
    "statement": ["said", "told reporters", "announced", "wrote"],
    "belief": ["believes", "thinks", "fears"],
    "intention": ["plans", "wants", "vowed"],
    "evaluation": ["criticised", "praised"],
    "other": ["suggested"],
}
STANCES = {"said": "neutral", "told reporters": "neutral", "announced": "neutral",
           "wrote": "neutral", "insisted": "assertive", "claimed": "distancing"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    title: str
    org: str
    is_org: bool = False


def _zipf_weights(n: int, s: float = 1.07) -> list[float]:
    return list(itertools.accumulate(1 / (rank**s) for rank in range(1, n + 1)))


class Corpus:
    """A seeded generator of plausible, varied news articles."""

    def __init__(
        self, seed: int = 7, *, speakers: int = 5000, soundbites: int = 20000
    ) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        made = {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(30000)
        }
        self.vocab = COMMON + sorted(made - set(COMMON))[:20000]
        self.vocab_weights = _zipf_weights(len(self.vocab))
        names = [f"{first} {last}" for first, last in itertools.product(FIRST, LAST)]
        rng.shuffle(names)
        self.people = [
            Person(name, rng.choice(TITLES), rng.choice(ORGS))
            for name in names[:speakers]
        ]
        self.people += [
            Person(org[4:].title() if org.startswith("the ") else org, "", "", True)
            for org in ORGS
        ]
        rng.shuffle(self.people)
        self.people_weights = _zipf_weights(len(self.people), 0.9)
        self.outlet_weights = _zipf_weights(len(OUTLETS), 0.8)
        self.soundbites = [
            (self._person(), self._words(8, 28)) for _ in range(soundbites)
        ]
        self.soundbite_weights = _zipf_weights(len(self.soundbites), 1.0)
        self.start = date(2024, 1, 1)

    def _words(self, low: int, high: int) -> list[str]:
        return self.rng.choices(
            self.vocab, cum_weights=self.vocab_weights, k=self.rng.randint(low, high)
        )

    def _person(self) -> Person:
        return self.rng.choices(self.people, cum_weights=self.people_weights)[0]

    def _quote_words(self) -> tuple[Person, list[str]]:
        rng = self.rng
        if rng.random() < 0.25:
            person, words = rng.choices(
                self.soundbites, cum_weights=self.soundbite_weights
            )[0]
            if rng.random() < 0.2 and len(words) > 10:  # a truncated version
                cut = rng.randint(7, len(words) - 1)
                words = words[:cut] if rng.random() < 0.5 else words[-cut:]
            return person, words
        return self._person(), self._words(6, 30)

    def results(self, count: int) -> Iterator[Result]:
        """Yield `count` articles, each with quotes whose spans match its text."""
        for number in range(count):
            yield self._article(number)

    def articles(self, count: int) -> Iterator[Article]:
        for result in self.results(count):
            yield result.article

    def _article(self, number: int) -> Result:
        rng = self.rng
        doc_id = f"synth-{number:07d}"
        parts: list[str] = []
        quotes: list[Quote] = []
        introduced: set[str] = set()
        offset = 0

        def add(text: str) -> int:
            nonlocal offset
            start = offset
            parts.append(text)
            offset += len(text)
            return start

        add(" ".join(self._words(10, 25)).capitalize() + ". ")
        for _ in range(rng.randint(3, 17)):
            person, words = self._quote_words()
            kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
            cue_text = rng.choice(CUES[kind])
            if kind == "statement" and rng.random() < 0.1:
                cue_text = rng.choice(["insisted", "claimed"])
            apposition = ""
            if person.name in introduced or person.is_org:
                mention = person.name if person.is_org else person.name.split()[-1]
            else:
                introduced.add(person.name)
                mention = person.name
                if person.title[:1].isupper():
                    mention = f"{person.title} {person.name}"
                else:
                    apposition = f", the {person.title} at {person.org},"
            content_text = " ".join(words)
            kind_of = rng.random()
            if kind_of < 0.55:
                qtype = "direct"
                content_start = add("\u201c")
                add(content_text.capitalize() + ",\u201d")
                content = Span(
                    content_start,
                    offset,
                    "\u201c" + content_text.capitalize() + ",\u201d",
                )
                add(" ")
                speaker_start = add(mention)
                add(apposition + " ")
                cue_start = add(cue_text)
                add(". ")
            elif kind_of < 0.9:
                qtype = "indirect"
                speaker_start = add(mention)
                add(apposition + " ")
                cue_start = add(cue_text)
                add(" that ")
                content_start = add(content_text)
                content = Span(content_start, offset, content_text)
                add(". ")
            else:
                qtype = "mixed"
                speaker_start = add(mention)
                add(apposition + " ")
                cue_start = add(cue_text)
                add(" the plan was \u201c")
                content_start = add(content_text)
                content = Span(content_start, offset, content_text)
                add(".\u201d ")
            quotes.append(
                Quote(
                    doc=doc_id,
                    type=qtype,
                    content=content,  # type: ignore[arg-type]  # literal by construction
                    cue=Span(cue_start, cue_start + len(cue_text), cue_text),
                    speaker=Span(speaker_start, speaker_start + len(mention), mention),
                    speaker_name=person.name,
                    speaker_title=person.title or None,
                    confidence=round(rng.uniform(0.5, 1.0), 3),
                    kind=kind,  # type: ignore[arg-type]  # literal
                    cue_stance=STANCES.get(cue_text, "neutral"),  # type: ignore[arg-type]  # literal
                    speaker_org=person.org or None,
                    speaker_is_org=person.is_org,
                    resolved_by="name" if mention == person.name else "surname",
                    engine="synth:1",
                )  # fmt: skip
            )
            if rng.random() < 0.5:
                add(" ".join(self._words(8, 20)).capitalize() + ". ")
        text = "".join(parts)
        published = self.start + timedelta(days=rng.randint(0, 729))
        article = Article(
            id=doc_id, text=text, url=f"https://news.example/{doc_id}",
            title=" ".join(self._words(4, 9)).title(),
            outlet=rng.choices(OUTLETS, cum_weights=self.outlet_weights)[0],
            published=published.isoformat(), source="synth",
        )  # fmt: skip
        return Result(article, quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for article in Corpus(args.seed).articles(args.articles):
        sys.stdout.write(dumps(article) + "\n")


if __name__ == "__main__":
    main()
