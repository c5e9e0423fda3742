"""Benchmark the quote index: build, search latency, end-to-end ingest.

    python benchmarks/index.py build --quotes 1000000 --db /tmp/bench.db
    python benchmarks/index.py search --db /tmp/bench.db --queries 300
    python benchmarks/index.py queries --db /tmp/bench.db
    python benchmarks/index.py pages --db /tmp/bench.db
    python benchmarks/index.py ingest --articles 300 --workers 1 2

`build` writes synthetic results (benchmarks/synth.py) straight into the store,
so it measures the database writer alone (FTS, speakers, clustering), reports
its rate per 100,000-quote segment to show how clustering cost grows, and the
database size per 1,000 articles. `search` times `search_quotes` (the library
call behind `whosaid search`, without process start-up) for single words of
three frequency bands, phrases and prefixes, with and without filters.
`--count` times them as the web app's search runs them, with the total
counted. `pages` times web pages end to end (FastAPI's test client: routing,
queries, templates), the whole-index cache emptied before each request (CPU time there is the
whole process's: the request runs in the test client's threads).
`ingest` compares extraction alone with extraction plus the writer, with 1 and
2 worker processes, on synthetic articles run through the real engine.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import Corpus  # noqa: E402

from whosaid.model import Result  # noqa: E402
from whosaid.store import Ingester, connect  # noqa: E402
from whosaid.store.clusters import Clusterer  # noqa: E402
from whosaid.store.queries import QuoteFilter, search_quotes  # noqa: E402


def _timed_results(
    corpus: Corpus, quotes: int, clock: dict[str, float]
) -> Iterator[Result]:
    """Yield results until `quotes` quotes; time generation and segment marks."""
    made = 0
    number = 0
    mark = 100_000
    while made < quotes:
        started = time.perf_counter()
        result = corpus._article(number)
        clock["generate"] += time.perf_counter() - started
        number += 1
        made += len(result.quotes)
        yield result
        if made >= mark:
            now = time.perf_counter()
            clock[f"segment {mark}"] = now - clock["generate"] - clock["cluster"]
            clock[f"cluster {mark}"] = clock["cluster"]
            mark += 100_000


def build(args: argparse.Namespace) -> None:
    db = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = connect(db)
    clock = {"generate": 0.0, "cluster": 0.0}
    assign = Clusterer.assign

    def timed_assign(self: Clusterer, content: str) -> tuple[int | None, int | None]:
        started = time.perf_counter()
        try:
            return assign(self, content)
        finally:
            clock["cluster"] += time.perf_counter() - started

    Clusterer.assign = timed_assign  # type: ignore[method-assign]  # benchmark probe
    ingester = Ingester(conn, engine="synth:1", batch_size=args.batch_size)
    started = time.perf_counter()
    clock["start"] = started
    report = ingester.ingest(_timed_results(Corpus(args.seed), args.quotes, clock))
    total = time.perf_counter() - started
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    writer = total - clock["generate"]
    print(f"articles {report.articles:,}, quotes {report.quotes:,}")
    print(f"writer alone: {writer:.1f} s = {report.articles / writer:,.0f} articles/s, "
          f"{report.quotes / writer:,.0f} quotes/s (generation {clock['generate']:.1f} s excluded)")  # fmt: skip
    previous_writer, previous_cluster, previous_mark = 0.0, 0.0, 0
    for mark in range(100_000, args.quotes + 1, 100_000):
        key = f"segment {mark}"
        if key not in clock:
            break
        # Segment time: wall clock since start minus generation, per 100k quotes.
        seg_writer = (
            clock[key] - clock["start"] + clock[f"cluster {mark}"] - previous_writer
        )
        seg_cluster = clock[f"cluster {mark}"] - previous_cluster
        print(f"  quotes {previous_mark:>9,}-{mark:>9,}: writer {100_000 / seg_writer:8,.0f} quotes/s, "
              f"clustering {seg_cluster / 100_000 * 1e6:6.1f} us/quote")  # fmt: skip
        previous_writer += seg_writer
        previous_cluster = clock[f"cluster {mark}"]
        previous_mark = mark
    counts = conn.execute(
        "SELECT (SELECT count(*) FROM speakers), (SELECT count(*) FROM clusters), "
        "(SELECT count(*) FROM clusters WHERE article_count > 1)"
    ).fetchone()
    print(f"speakers {counts[0]:,}, clusters {counts[1]:,}, repeated {counts[2]:,}")
    size = db.stat().st_size
    print(f"database {size / 1e6:,.0f} MB = {size / report.articles * 1000 / 1e6:.1f} MB "
          "per 1,000 articles")  # fmt: skip


def _percentiles(values: list[float]) -> str:
    values = sorted(values)
    p50 = statistics.median(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms"


def _timed(
    run: Callable[[], object], clock: Callable[[], float] = time.thread_time
) -> tuple[float, float]:
    """Return (wall, CPU) seconds of one call; CPU time ignores other processes."""
    wall, cpu = time.perf_counter(), clock()
    run()
    return time.perf_counter() - wall, clock() - cpu


def _report(label: str, times: list[tuple[float, float]]) -> None:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    print(
        f"{label:62} wall {_percentiles(walls)} | cpu {_percentiles(cpus)} (n={len(times)})"
    )


def _machine(when: str) -> None:
    """Print the load and a baseline: what wall time fixed CPU work gets now.

    Search times are worth little without the load they ran under (this
    project's machine is shared); the baseline is 20 runs of the same pure
    Python loop, so its wall / CPU ratio is the load's share of any figure.
    """
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    times = [_timed(lambda: sum(i * i for i in range(200_000))) for _ in range(20)]
    print(f"machine {when}: load average {load} ({os.cpu_count()} cores)")
    _report("baseline: fixed CPU work (20 runs)", times)


def search(args: argparse.Namespace) -> None:
    conn = connect(args.db, readonly=True)
    _machine("at start")
    rng = random.Random(args.seed)
    corpus = Corpus(args.seed)
    vocab = corpus.vocab
    speakers = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM speakers ORDER BY quote_count DESC LIMIT 200"
        )
    ]
    outlets = [row[0] for row in conn.execute("SELECT DISTINCT outlet FROM articles")]
    max_id = conn.execute("SELECT max(id) FROM quotes").fetchone()[0]

    def phrase() -> str:
        content = conn.execute(
            "SELECT content FROM quotes WHERE id = ?", (rng.randint(1, max_id),)
        ).fetchone()
        words = [
            w.strip("\u201c\u201d,.")
            for w in (content[0] if content else "the plan").split()
        ]
        start = rng.randrange(max(1, len(words) - 1))
        return '"' + " ".join(words[start : start + 2]) + '"'

    texts = {
        "common word (rank < 100)": lambda: rng.choice(vocab[:100]),
        "mid word (rank 100-2,000)": lambda: rng.choice(vocab[100:2000]),
        "rare word (rank > 2,000)": lambda: rng.choice(vocab[2000:]),
        "two-word phrase": phrase,
        "prefix (4 letters*)": lambda: rng.choice(vocab[100:5000])[:4] + "*",
    }

    def window() -> tuple[str, str]:
        day = rng.randint(0, 639)
        start = (
            f"2024-{1 + day // 60 % 12:02d}-01"
            if day < 360
            else f"2025-{1 + (day - 360) // 30 % 12:02d}-01"
        )
        return start, start[:5] + f"{min(12, int(start[5:7]) + 2):02d}-28"

    filters = {
        "no filter": lambda: QuoteFilter(),
        "--speaker": lambda: QuoteFilter(speaker=rng.choice(speakers)),
        "--outlet": lambda: QuoteFilter(outlet=rng.choice(outlets)),
        "--since/--until (2 months)": lambda: QuoteFilter(
            since=(w := window())[0], until=w[1]
        ),
        "--kind statement --type direct": lambda: QuoteFilter(
            kind="statement", type="direct"
        ),
    }
    groups: dict[str, list[tuple[float, float]]] = {"no filter": [], "filters": []}
    for filter_name, make_filter in filters.items():
        group = groups["no filter" if filter_name == "no filter" else "filters"]
        cells = [*texts.items(), ("(no text, newest first)", lambda: None)]
        for text_name, make_text in cells:
            times = []
            for _ in range(args.queries):
                text, quote_filter = make_text(), make_filter()
                # `count` only when asked: the benchmark also runs on older code.
                extra = {"count": True} if args.count else {}
                run = functools.partial(
                    search_quotes, conn, text, quote_filter, limit=20, **extra
                )
                times.append(_timed(run))
            _report(f"{filter_name:31} {text_name}", times)
            group += times
    quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    print(f"index of {quotes:,} quotes")
    _report("without filters", groups["no filter"])
    _report("with filters", groups["filters"])
    _report("all queries", groups["no filter"] + groups["filters"])
    _machine("at end")


def queries(args: argparse.Namespace) -> None:
    """Time the aggregate queries behind `speakers`, `speaker`, `stats`."""
    from whosaid.store import queries as q

    conn = connect(args.db, readonly=True)
    names = [
        conn.execute(
            "SELECT name FROM speakers ORDER BY quote_count DESC LIMIT 1 OFFSET ?", (n,)
        ).fetchone()[0]
        for n in (0, 100, 1000)
    ]
    cluster = q.list_clusters(conn, top=1)[0].id
    calls: list[tuple[str, Callable[[], object]]] = [
        ("list_speakers()", lambda: q.list_speakers(conn)),
        (
            "list_speakers(kind='statement')",
            lambda: q.list_speakers(conn, kind="statement"),
        ),
        (
            "list_speakers(since=2025-06-01)",
            lambda: q.list_speakers(conn, since="2025-06-01"),
        ),
        ("list_clusters()", lambda: q.list_clusters(conn)),
        ("get_cluster(most repeated)", lambda: q.get_cluster(conn, cluster)),
        ("overview()", lambda: q.overview(conn)),
    ]
    for rank, name in zip((1, 101, 1001), names, strict=True):
        size = conn.execute("SELECT quote_count FROM speakers WHERE name = ?", (name,))
        label = f"get_speaker(#{rank} by quotes, {size.fetchone()[0]:,} quotes)"
        calls.append((label, functools.partial(q.get_speaker, conn, name)))
    for label, call in calls:
        _report(label, [_timed(call) for _ in range(args.repeat)])


def pages(args: argparse.Namespace) -> None:
    """Time web pages; each request gets a fresh app (no whole-index cache)."""
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    conn = connect(args.db, readonly=True)
    top = conn.execute("SELECT id, quote_count FROM speakers ORDER BY quote_count DESC")
    speaker_id, speaker_quotes = top.fetchone()
    word = Corpus(args.seed).vocab[50]
    cluster_id, cluster_articles = conn.execute(
        "SELECT id, article_count FROM clusters ORDER BY article_count DESC LIMIT 1"
    ).fetchone()
    paths = [
        ("/ (home)", "/"),
        ("/overview", "/overview"),
        (
            f"/speakers/{{most quoted}} ({speaker_quotes:,} quotes)",
            f"/speakers/{speaker_id}",
        ),
        (f"/?q={word} (a common word, with total)", f"/?q={word}"),
        ("/?kind=all&sort=confidence", "/?kind=all&sort=confidence"),
        ("/articles/", "/articles/"),
        ("/clusters", "/clusters"),
        ("/clusters?sort=recent", "/clusters?sort=recent"),
        (
            f"/clusters/{{most repeated}} ({cluster_articles:,} articles)",
            f"/clusters/{cluster_id}",
        ),
    ]
    app = create_app(args.db)
    client = TestClient(app)
    client.get("/")  # templates compiled, a connection opened: not timed
    for label, path in paths:
        times = []
        for _ in range(args.repeat):
            # Whole-index answers (overview, home lists) are cached until the
            # index changes; time them as the first request after a change.
            app.state.ctx.cache.entries.clear()

            def get(path: str = path) -> None:
                if client.get(path).status_code != 200:
                    raise SystemExit(f"{path}: not 200")

            # The request runs in the test client's threads: process CPU time.
            times.append(_timed(get, time.process_time))
        _report(label, times)


def ingest(args: argparse.Namespace) -> None:
    from whosaid.parallel import pipe_parallel
    from whosaid.read import read_pending
    from whosaid.read.text import dumps

    folder = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    corpus_path = folder / "corpus.jsonl"
    with corpus_path.open("w", encoding="utf-8") as f:
        for article in Corpus(args.seed).articles(args.articles):
            f.write(dumps(article) + "\n")
    for workers in args.workers:
        results = pipe_parallel(read_pending([corpus_path]), workers=workers)
        started = time.perf_counter()
        count = sum(1 for _ in results)
        alone = time.perf_counter() - started
        db = folder / f"ingest-{workers}.db"
        conn = connect(db)
        ingester = Ingester(conn, engine="rules")
        results = pipe_parallel(read_pending([corpus_path]), workers=workers)
        started = time.perf_counter()
        report = ingester.ingest(results)
        total = time.perf_counter() - started
        print(f"workers {workers}: extraction alone {count / alone:6.1f} articles/s; "
              f"extraction + index {report.articles / total:6.1f} articles/s "
              f"({report.quotes:,} quotes from {report.articles} articles)")  # fmt: skip
    print(
        f"(cores available: {len(os.sched_getaffinity(0))}; engine load time excluded)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser(
        "build", help="Build an index of synthetic quotes."
    )
    build_parser.add_argument("--quotes", type=int, default=1_000_000)
    build_parser.add_argument("--db", default="bench.db")
    build_parser.add_argument("--batch-size", type=int, default=500)
    build_parser.add_argument("--seed", type=int, default=7)
    search_parser = commands.add_parser(
        "search", help="Time searches on a built index."
    )
    search_parser.add_argument("--db", default="bench.db")
    search_parser.add_argument("--queries", type=int, default=100, help="Per cell.")
    search_parser.add_argument("--seed", type=int, default=7)
    search_parser.add_argument(
        "--count", action="store_true", help="Count the total too, as the web does."
    )
    queries_parser = commands.add_parser("queries", help="Time speaker/stats queries.")
    queries_parser.add_argument("--db", default="bench.db")
    queries_parser.add_argument("--repeat", type=int, default=5)
    pages_parser = commands.add_parser("pages", help="Time web pages end to end.")
    pages_parser.add_argument("--db", default="bench.db")
    pages_parser.add_argument("--repeat", type=int, default=5)
    pages_parser.add_argument("--seed", type=int, default=7)
    ingest_parser = commands.add_parser("ingest", help="Time extraction vs ingest.")
    ingest_parser.add_argument("--articles", type=int, default=300)
    ingest_parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ingest_parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    commands_by_name = {"build": build, "search": search, "queries": queries}
    commands_by_name["pages"] = pages
    commands_by_name["ingest"] = ingest
    commands_by_name[args.command](args)


if __name__ == "__main__":
    main()
