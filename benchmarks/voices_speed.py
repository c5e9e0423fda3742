"""Time the voices report pages on a large index (#15).

    python benchmarks/index.py build --quotes 1000000 --db /tmp/bench.db
    whosaid voices rebuild --db /tmp/bench.db      # an index made before #15
    python benchmarks/voices_speed.py --db /tmp/bench.db --rounds 5
    python benchmarks/voices_speed.py --db /tmp/bench.db --only topic --topics we,the
    python benchmarks/voices_speed.py --db /tmp/bench.db --check   # topic pages = scan
    python benchmarks/voices_speed.py --db /tmp/bench.db --web     # /voices, end to end

A "page" is what `/voices` computes: the report per outlet and the report per
period, for one measure and one set of filters (`voices_reports`, one call, as
the page makes it). Pages are drawn from every
measure and period, alone and with an outlet, a date range, a kind, a title,
an organisation and topic words (`--topics`: words of different frequency,
each printed with its number of matching quotes); each is timed `--rounds` times through the
library call (`voices_report`, what the CLI and the web app call), on a warm
connection, and the p50/p95 over all timings are printed per filter kind.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from whosaid.store import connect
from whosaid.voices import query, report
from whosaid.voices.report import VoiceFilter, voices_reports

try:  # #15: the copy in memory; absent before it (timing an older checkout)
    from whosaid.voices import columns
except ImportError:
    columns = None  # type: ignore[assignment]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


PERIOD_BYS = [("outlet", "month", "week", "year"), ("outlet", "month"),
              ("outlet", "week"), ("outlet", "year")]  # fmt: skip
KIND_BYS = ("kind", "type", "all")
PERIODS = ("month", "week", "year")


def _summed(by: str, rows: list[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for group, category, n in rows:
        key = (report._label(by, group), category)
        totals[key] = totals.get(key, 0) + n
    return {key: n for key, n in totals.items() if n}


def _paths() -> dict[str, Callable[[], None]]:
    """Ways to count a topic page: SQL (`topic`), the copy in memory (`columns`)."""
    if columns is None:
        return {"sql": lambda: None}
    real = columns.column_rows

    def sql() -> None:
        columns.column_rows = lambda *args: None

    def memory() -> None:
        columns.column_rows = real
        columns.COLUMNS_FROM = 0

    return {"sql": sql, "memory": memory}


def _check(conn: sqlite3.Connection, words: list[str]) -> None:
    """Topic reports equal the scan of the quotes (`counted_from_quotes`), #15,
    read through SQL and through the copy in memory."""
    first = conn.execute("SELECT min(day) FROM voice_counts WHERE day != ''")
    day = first.fetchone()[0]
    outlet = conn.execute(
        "SELECT outlet FROM voice_counts WHERE outlet != '' LIMIT 1"
    ).fetchone()[0]
    compared = wrong = 0
    paths = _paths()
    for word in words:
        for filters in (
            VoiceFilter(topic=word),
            VoiceFilter(topic=word, since=day[:8] + "10", until=day[:5] + "03-20"),
            VoiceFilter(topic=word, outlet=outlet),
            VoiceFilter(topic=word, kind="statement", type="direct"),
            VoiceFilter(topic=word, title="Governor"),  # a title of the benchmark
        ):
            for measure in ("gender", "source", "people"):
                if measure == "people" and filters.kind:
                    continue
                pages = PERIOD_BYS + ([] if measure == "people" else [KIND_BYS])
                # A page grouped by kind counts every kind (`with_default_kind`).
                every = replace(filters, kind=filters.kind or "all")
                scans = {
                    (by, every_kind): _summed(
                        by,
                        query.counted_from_quotes(
                            conn, by, measure, every if every_kind else filters
                        ),
                    )
                    for by, every_kind in {
                        (by, "kind" in bys) for bys in pages for by in bys
                    }
                }
                for path, use in paths.items():
                    use()
                    for bys in pages:  # one read for every grouping, and pages
                        reports = voices_reports(
                            conn, bys=bys, measure=measure, filters=filters
                        )
                        for by, found in zip(bys, reports, strict=True):
                            compared += 1
                            if _counts(found) != scans[(by, "kind" in bys)]:
                                wrong += 1
                                print(f"differs ({path}): {filters} {measure} by {by}")
        print(f"{word}: {compared} topic reports compared so far, {wrong} differ")
    print(f"{compared} topic reports compared with the scan, {wrong} differ")


def _counts(found: report.VoiceReport) -> dict[tuple[str, str], int]:
    return {(g.group, c): n for g in found.groups for c, n in g.counts.items() if n}


def _web(db: str, words: list[str], rounds: int) -> None:
    """Time `/voices?topic=...` end to end (FastAPI's test client: routing,
    the reports, the template), per topic word, every measure and period."""
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    client = TestClient(create_app(db))
    client.get("/voices").raise_for_status()  # templates and caches, not timed
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    for word in words:
        started = time.perf_counter()
        client.get(f"/voices?topic={word}").raise_for_status()
        print(
            f"/voices topic {word:>8}: first request "
            f"{1000 * (time.perf_counter() - started):.0f} ms (not counted below)"
        )
        walls: list[float] = []
        for show in ("gender", "source", "people"):
            for period in ("month", "week", "year"):
                path = f"/voices?topic={word}&show={show}&period={period}"
                for _ in range(rounds):
                    started = time.perf_counter()
                    response = client.get(path)
                    walls.append(1000 * (time.perf_counter() - started))
                    response.raise_for_status()
        print(
            f"/voices topic {word:>8}: p50 {statistics.median(walls):7.1f} ms, "
            f"p95 {_percentile(walls, 0.95):7.1f} ms, max {max(walls):7.1f} ms "
            f"({len(walls)} requests)"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def _live(db: str, word: str, batches: int, size: int) -> None:
    """Pages of `word` right after an ingest batch commits beside them (#15):
    the copy in memory reads the batch's rows again. Writes synthetic
    articles (benchmarks/synth.py) into `db`: run it on a copy."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synth import Corpus

    from whosaid.store import Ingester

    writer = connect(db)  # first: it migrates
    reader = connect(db, readonly=True)
    filters = VoiceFilter(topic=word)
    voices_reports(reader, bys=("outlet", "month"), filters=filters)  # loads the copy
    corpus, number = Corpus(11), 9_000_000
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    after: dict[str, list[float]] = defaultdict(list)
    for _ in range(batches):
        results = [corpus._article(number + i) for i in range(size)]
        number += size
        Ingester(writer, engine="synth:live", batch_size=size).ingest(results)
        for name in ("first page after the batch", "second page"):
            started, cpu = time.perf_counter(), time.process_time()
            voices_reports(reader, bys=("outlet", "month"), filters=filters)
            after[f"{name}, wall"].append(1000 * (time.perf_counter() - started))
            after[f"{name}, CPU"].append(1000 * (time.process_time() - cpu))
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    for name, values in after.items():
        print(
            f"topic {word}, {batches} batches of {size} articles, {name}: "
            f"p50 {statistics.median(values):6.1f} ms, "
            f"p95 {_percentile(values, 0.95):6.1f} ms, max {max(values):6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--topics",
        default="budget,people,good,we,have",
        help="comma-separated topic words (#15: the cost of a topic grows with its matches)",
    )
    parser.add_argument("--only", help="time only the filter sets whose name starts so")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare topic pages with the full scan instead of timing (slow)",
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help="topic words also with an outlet, a date range, a kind and type, "
        "and pages grouped by kind and type",
    )
    parser.add_argument(
        "--web",
        action="store_true",
        help="time the Voices page per topic word through the web app instead",
    )
    parser.add_argument(
        "--live",
        type=int,
        metavar="BATCHES",
        help="time the first topic page after each of BATCHES ingest batches of "
        "50 synthetic articles (writes to --db: use a copy)",
    )
    args = parser.parse_args()
    if args.live:
        _live(args.db, args.topics.split(",")[0], args.live, 50)
        return
    if args.web:
        _web(args.db, args.topics.split(","), args.rounds)
        return
    conn = connect(args.db, readonly=True)
    if args.check:
        _check(conn, args.topics.split(","))
        return
    quotes = conn.execute("SELECT count(*) FROM quote_voices").fetchone()[0]
    counters = conn.execute("SELECT count(*) FROM voice_counts").fetchone()[0]
    outlets = [
        row[0]
        for row in conn.execute(
            "SELECT outlet FROM voice_counts WHERE outlet != '' GROUP BY outlet "
            "ORDER BY sum(n) DESC LIMIT 3"
        )
    ]
    days = conn.execute(
        "SELECT min(day), max(day) FROM voice_counts WHERE day != ''"
    ).fetchone()
    title = conn.execute(
        "SELECT speaker_title FROM quotes WHERE speaker_title IS NOT NULL LIMIT 1"
    ).fetchone()
    org = conn.execute(
        "SELECT speaker_org FROM quotes WHERE speaker_org IS NOT NULL LIMIT 1"
    ).fetchone()
    filter_sets = {
        "none": VoiceFilter(),
        "outlet": VoiceFilter(outlet=outlets[0] if outlets else None),
        "dates": VoiceFilter(since=days[0], until=days[0][:8] + "28")
        if days[0]
        else VoiceFilter(),
        "kind": VoiceFilter(kind="statement"),
        "title": VoiceFilter(title=title[0].split()[-1] if title else "minister"),
        "org": VoiceFilter(org=org[0] if org else "Treasury"),
    }
    for word in args.topics.split(","):
        matches = conn.execute(
            "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?",
            (f'content : ("{word}")',),
        ).fetchone()[0]
        name = f"topic {word} ({matches:,})"
        filter_sets[name] = VoiceFilter(topic=word)
        if args.wide and days[0]:  # the other filters of the Voices page
            filter_sets[f"{name} +outlet"] = VoiceFilter(topic=word, outlet=outlets[0])
            filter_sets[f"{name} +dates"] = VoiceFilter(
                topic=word, since=days[0][:8] + "10", until=days[0][:5] + "03-20"
            )
            filter_sets[f"{name} +kind"] = VoiceFilter(
                topic=word, kind="statement", type="direct"
            )
            filter_sets[f"{name} +title"] = VoiceFilter(
                topic=word, title=filter_sets["title"].title
            )
    if args.only:
        filter_sets = {k: v for k, v in filter_sets.items() if k.startswith(args.only)}
    print(
        f"index: {quotes:,} quotes, {counters:,} counter rows; {args.rounds} rounds per page"
    )
    print(f"load average at the start: {os.getloadavg()[0]:.1f}")
    for name, filters in filter_sets.items():  # not counted below: said here
        if name.startswith("topic") and " +" not in name:
            started, cpu = time.perf_counter(), time.process_time()
            voices_reports(conn, bys=("outlet", "month"), filters=filters)
            print(
                f"first page, {name}: {1000 * (time.perf_counter() - started):.0f} ms"
                f" wall, {1000 * (time.process_time() - cpu):.0f} ms CPU"
                " (#15: the first frequent word loads the copy in memory)"
            )
    timings: dict[str, list[float]] = defaultdict(list)
    cpu_times: dict[str, list[float]] = defaultdict(list)  # this process only
    # Topic pages per measure: their cost is per match, people the largest (#15).
    topic_times: dict[str, list[float]] = defaultdict(list)
    topic_cpu: dict[str, list[float]] = defaultdict(list)
    for name, filters in filter_sets.items():
        for measure in ("gender", "source", "people"):
            kinds = [("kind", "type")] if args.wide and measure != "people" else []
            for bys in [("outlet", period) for period in PERIODS] + kinds:
                if measure == "people" and filters.kind:
                    continue
                for _ in range(args.rounds):
                    started, cpu = time.perf_counter(), time.process_time()
                    voices_reports(conn, bys=bys, measure=measure, filters=filters)
                    timings[name].append(1000 * (time.perf_counter() - started))
                    cpu_times[name].append(1000 * (time.process_time() - cpu))
                    if name.startswith("topic"):
                        topic_times[f"topic, {measure}"].append(timings[name][-1])
                        topic_cpu[f"topic, {measure}"].append(cpu_times[name][-1])
    every = [t for values in timings.values() for t in values]
    every_cpu = [t for values in cpu_times.values() for t in values]
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print("wall time per page, then the process's CPU time (the machine is shared)")
    cpu_times.update(topic_cpu)
    for name, values in [*timings.items(), ("all pages", every), *topic_times.items()]:
        spent = cpu_times.get(name, every_cpu)
        print(
            f"{name:>24}: p50 {statistics.median(values):7.1f} ms, "
            f"p95 {_percentile(values, 0.95):7.1f} ms, max {max(values):7.1f} ms "
            f"({len(values)} pages); CPU p50 {statistics.median(spent):6.1f} ms, "
            f"p95 {_percentile(spent, 0.95):6.1f} ms"
        )


if __name__ == "__main__":
    main()
