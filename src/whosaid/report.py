"""What a run did: one summary type for `extract`, `ingest` and `run` (#12, #16).

`RunSummary` counts results, failures, skips and warnings as they stream
past, renders the run's one summary line, and gives the hints that match
what went wrong. It never prints; the CLI does.

Every `Failure` has a `kind`; the kinds and their hints are listed in `HINTS`.
A `Skipped` (a `Failure` subclass) is an input left out on purpose and is
counted, not reported as an error.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from whosaid.model import Failure, Result

VERBS = {"extract": "extracted", "ingest": "indexed", "run": "extracted"}
# Skips whose detail the summary counts: "not English (es 9, fr 3)". Other
# details (the id a duplicate repeats) are for `whosaid errors` only.
COUNTED_DETAILS = ("language",)

# The kinds of failure, skip and warning, each with what to do about it (#16).
HINTS: dict[str, str] = {
    "missing": "check the paths given",
    "unreadable": "check the permissions of the files and folders named",
    "unsupported": "only .txt, .jsonl, .html, .htm, .warc, .warc.gz and "
    ".parquet files are read",
    "binary": "these are not text files; leave them out",
    "encoding": "name the encoding for the run: --encoding cp1252 (or the "
    "setting encoding)",
    "too-large": "raise the setting max_file_bytes or max_article_chars, or "
    "split the input",
    "empty": "these files or records hold no text",
    "malformed": "each error names the file and line or row: fix or remove "
    "those records",
    "truncated": "the file ends early (a broken download?): fetch it again",
    "no-text": "no article text was found in these pages",
    "engine": "an engine error: run again with -v for the traceback",
    "store": "the index refused these articles: see the reason given",
    "language": "--language any keeps articles in every language",
    "not-article": "these web archive records are not news pages",
    "duplicate": "read before (the same text, or the same URL in a web archive): "
    "kept once",
    "id-renamed": "two different texts had the same id: the later one got a "
    "suffix (id~hash); give each article its own id to avoid it",
    "bad-date": "the articles were stored without a date",
    "error": "see the reason given",
}


@dataclass
class RunSummary:
    """Counts for a run's one summary line, and its failures and warnings.

    Attributes:
        command: "extract", "ingest" or "run": the verb of the summary line.
        articles: Articles extracted (for ingest: added or re-extracted).
        replaced: Of those, articles re-extracted over an older engine's quotes.
        quotes: Quotes found in them.
        shards: Shard pairs written (run).
        already_indexed: Articles the index held already (ingest).
        bad_dates: Articles stored without their unreadable date (ingest).
        failures: Inputs that failed, each with its kind and reason.
        warnings: Inputs kept with a change the user should know of (an id
            that got a suffix).
        skipped: Inputs left out on purpose, by reason.
        skipped_details: Those by (reason, detail): ("not English", "es").
        skip_kinds: Those by kind, for the hints.
        quote_skips: Quoted spans the engine left out, by reason.
        seconds: Wall time of the run, when measured.
    """

    command: str = "extract"
    articles: int = 0
    replaced: int = 0
    quotes: int = 0
    shards: int = 0
    already_indexed: int = 0
    bad_dates: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_details: Counter[tuple[str, str]] = field(default_factory=Counter)
    skip_kinds: Counter[str] = field(default_factory=Counter)
    quote_skips: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, item: Result | Failure) -> None:
        """Count one result, failure or skip."""
        from whosaid.read.items import Skipped

        if isinstance(item, Skipped):
            self.skip(item)
        elif isinstance(item, Failure):
            self.failures.append(item)
        else:
            self.articles += 1
            self.quotes += len(item.quotes)
            self.quote_skips.update(item.skipped)

    def skip(self, item: Failure) -> None:
        """Count an input left out on purpose."""
        self.skipped[item.reason] += 1
        self.skip_kinds[item.kind] += 1
        if item.detail and item.kind in COUNTED_DETAILS:
            self.skipped_details[item.reason, item.detail] += 1

    def merge(self, other: RunSummary) -> None:
        """Add another summary's counts (a shard's, a Ray task's) to this one."""
        for name in ("articles", "replaced", "quotes", "shards", "already_indexed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bad_dates += other.bad_dates
        self.failures += other.failures
        self.warnings += other.warnings
        self.skipped.update(other.skipped)
        self.skipped_details.update(other.skipped_details)
        self.skip_kinds.update(other.skip_kinds)
        self.quote_skips.update(other.quote_skips)

    @property
    def failed(self) -> bool:
        """Whether any input failed: the exit code is 1."""
        return bool(self.failures)

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())

    def summary(self, output: str | None = None) -> str:
        """The run's one line: "indexed 40 quotes from 12 articles (...)"."""
        verb = VERBS.get(self.command, self.command)
        line = f"{verb} {self.quotes} quotes from {self.articles} articles"
        if self.command == "run":
            line += f" into {self.shards} shards" + (f" in {output}" if output else "")
        notes = self._notes()
        line += f" ({'; '.join(notes)})" if notes else ""
        if self.seconds:
            seen = self.articles + self.already_indexed
            line += f" in {self.seconds:.1f} s ({seen / self.seconds:.1f} articles/s)"
        return line

    def _notes(self) -> list[str]:
        notes = []
        if self.replaced:
            notes.append(f"{self.replaced} re-extracted")
        if self.already_indexed:
            notes.append(f"{self.already_indexed} already indexed")
        if self.failures:
            by_kind = Counter(failure.kind for failure in self.failures)
            kinds = ", ".join(f"{kind} {count}" for kind, count in by_kind.items())
            notes.append(f"{len(self.failures)} inputs failed: {kinds}")
        if self.warnings:
            notes.append(f"{len(self.warnings)} ids given a suffix")
        if self.bad_dates:
            notes.append(f"{self.bad_dates} bad dates, stored undated")
        for reason, count in self.skipped.items():
            details = [
                f"{detail} {n}"
                for (why, detail), n in self.skipped_details.most_common()
                if why == reason
            ]
            detail = f" ({', '.join(details)})" if details else ""
            notes.append(f"{count} skipped: {reason}{detail}")
        notes += [
            f"{count} skipped: {why}"
            for why, count in self.quote_skips.items()
            if count
        ]
        return notes

    def hints(self) -> list[str]:
        """One line per kind of failure, warning or skip met: what to do."""
        kinds = Counter(item.kind for item in (*self.failures, *self.warnings))
        kinds.update(self.skip_kinds)
        return [f"{kind}: {HINTS.get(kind, HINTS['error'])}" for kind in kinds]

    def to_dict(self) -> dict[str, Any]:
        """Counts and failures as JSON-ready values."""
        return {
            "command": self.command,
            "articles": self.articles,
            "replaced": self.replaced,
            "quotes": self.quotes,
            "shards": self.shards,
            "already_indexed": self.already_indexed,
            "bad_dates": self.bad_dates,
            "failures": [[f.source, f.reason, f.kind] for f in self.failures],
            "warnings": [[f.source, f.reason, f.kind] for f in self.warnings],
            "skipped": dict(self.skipped),
            "quote_skips": dict(self.quote_skips),
        }
