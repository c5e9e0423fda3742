"""Speed of whosaid against textacy's quote extraction and a bare spaCy parse.

In one run, on the same texts (PolNeAR dev, or tests/gold when PolNeAR is
absent), with 1 and 2 processes: articles/s, words/s and peak RSS of

- spacy:   `nlp.pipe` of the full pipeline whosaid loads (the floor any
           parse-based extractor pays);
- textacy: the same parse plus `textacy.extract.triples.direct_quotations`;
- whosaid: `Extractor.pipe` with the rules engine (parse plus direct,
           indirect and mixed quotes, speaker resolution, kinds).

Each system runs in fresh worker processes; the clock starts once every
worker has loaded its pipeline (load time is reported on its own), so the
figures are throughput. Ratios against textacy and spaCy matter more than the
absolute figures on a shared machine; each system keeps its best of
`--rounds` rounds, the systems alternating within a round. `--profile` adds a cProfile run of
whosaid and the split between parsing and quote finding.

    .venv/bin/python benchmarks/speed.py [--limit N] [--repeat R] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing as mp
import os
import pstats
import queue
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
GOLD_TEXTS = ROOT / "tests" / "gold" / "texts"
SYSTEMS = ("spacy", "textacy", "whosaid")


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    folder = POLNEAR_DEV if POLNEAR_DEV.is_dir() else GOLD_TEXTS
    paths = sorted(folder.glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return str(folder.relative_to(ROOT.parent)), texts


def _runner(system: str) -> Callable[[list[str]], int]:
    """Load `system` and return a function that processes texts, giving a quote count."""
    from whosaid.pipeline import Extractor

    extractor = Extractor("rules")
    if system == "whosaid":
        from whosaid.model import Article, Result

        def run_whosaid(texts: list[str]) -> int:
            articles = (Article(id=str(i), text=t) for i, t in enumerate(texts))
            results = extractor.pipe(articles)
            return sum(len(r.quotes) for r in results if isinstance(r, Result))

        return run_whosaid
    nlp, batch_size = extractor.nlp, extractor.batch_size  # whosaid's batches
    if system == "textacy":
        from textacy.extract.triples import direct_quotations

        def run_textacy(texts: list[str]) -> int:
            found = 0
            for doc in nlp.pipe(texts, batch_size=batch_size):
                try:
                    found += len(list(direct_quotations(doc)))
                except ValueError:  # textacy bails out on unbalanced quotes
                    continue
            return found

        return run_textacy

    def run_spacy(texts: list[str]) -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))

    return run_spacy


def _worker(system: str, texts: list[str], repeat: int, barrier: Any, out: Any) -> None:
    loaded = time.monotonic()
    run = _runner(system)
    run(texts[:1])  # warm up lazy loading, so it is not counted as work
    load_s = time.monotonic() - loaded
    barrier.wait()
    start = time.monotonic()
    found = sum(run(texts) for _ in range(repeat))
    end = time.monotonic()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(
        {
            "start": start,
            "end": end,
            "load_s": load_s,
            "found": found,
            "peak_mb": peak_mb,
        }
    )


def measure(
    system: str, texts: list[str], processes: int, repeat: int
) -> dict[str, Any]:
    """Run `system` over `texts` (`repeat` times) in `processes` workers."""
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(processes), ctx.Queue()
    shards = [texts[k::processes] for k in range(processes)]
    workers = [
        ctx.Process(target=_worker, args=(system, shard, repeat, barrier, out))
        for shard in shards
    ]
    for worker in workers:
        worker.start()
    reports = []
    while len(reports) < len(workers):
        try:
            reports.append(out.get(timeout=5))
        except queue.Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                raise RuntimeError(
                    f"a {system} worker failed; see its traceback"
                ) from None
    for worker in workers:
        worker.join()
    wall = max(r["end"] for r in reports) - min(r["start"] for r in reports)
    words = sum(len(t.split()) for t in texts) * repeat
    return {
        "system": system,
        "processes": processes,
        "articles_per_s": len(texts) * repeat / wall,
        "words_per_s": words / wall,
        "peak_rss_mb": max(r["peak_mb"] for r in reports),
        "load_s": max(r["load_s"] for r in reports),
        "found": sum(r["found"] for r in reports),
    }


def profile_whosaid(texts: list[str]) -> str:
    """Time parsing apart from quote finding, then cProfile the whole run."""
    from whosaid.pipeline import Extractor

    extractor = Extractor("rules")
    extractor.engine.find_quotes(extractor.nlp(texts[0]), "warm-up")
    start = time.monotonic()
    docs = list(extractor.nlp.pipe(texts))
    parsed = time.monotonic()
    for i, doc in enumerate(docs):
        extractor.engine.find_quotes(doc, str(i))
    found = time.monotonic()
    parse_s, find_s = parsed - start, found - parsed
    lines = [
        f"whosaid, one process: spaCy parse {parse_s:.1f} s "
        f"({100 * parse_s / (parse_s + find_s):.0f}%), find_quotes {find_s:.1f} s "
        f"({100 * find_s / (parse_s + find_s):.0f}%)",
        "",
        "cProfile of find_quotes (cumulative time, top 25):",
    ]
    profiler = cProfile.Profile()
    profiler.enable()
    for i, doc in enumerate(docs):
        extractor.engine.find_quotes(doc, str(i))
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
    return "\n".join(lines) + "\n" + buffer.getvalue()


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=2, help="keep each system's best")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    source, texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} articles, {words} words from {source}, x{args.repeat}, "
        f"best of {args.rounds} rounds; load average before: {_load()}"
    )
    # Systems alternate within each round; each keeps its best round, as the
    # machine is shared and a slow round says more about neighbours than code.
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for _ in range(args.rounds):
        for processes in args.processes:
            for system in SYSTEMS:
                row = measure(system, texts, processes, args.repeat)
                key = (system, processes)
                if (
                    key not in best
                    or row["articles_per_s"] > best[key]["articles_per_s"]
                ):
                    best[key] = row
    rows = [
        best[system, processes] for processes in args.processes for system in SYSTEMS
    ]
    print(
        f"{'system':<9}{'procs':>6}{'articles/s':>12}{'words/s':>10}{'peak RSS MB':>13}{'load s':>8}{'found':>7}"
    )
    for r in rows:
        print(
            f"{r['system']:<9}{r['processes']:>6}{r['articles_per_s']:>12.2f}"
            f"{r['words_per_s']:>10.0f}{r['peak_rss_mb']:>13.0f}{r['load_s']:>8.1f}{r['found']:>7}"
        )
    print(f"load average after: {_load()} on {os.cpu_count()} cores")
    print("\nratios (articles/s):")
    by = {(r["system"], r["processes"]): r["articles_per_s"] for r in rows}
    for processes in args.processes:
        whosaid = by["whosaid", processes]
        print(
            f"  {processes} process(es): whosaid/textacy {whosaid / by['textacy', processes]:.2f}, "
            f"whosaid/spacy {whosaid / by['spacy', processes]:.2f}, "
            f"textacy/spacy {by['textacy', processes] / by['spacy', processes]:.2f}"
        )
    if len(args.processes) > 1:
        low, high = min(args.processes), max(args.processes)
        for system in SYSTEMS:
            print(
                f"  {system}: {high} vs {low} processes {by[system, high] / by[system, low]:.2f}x"
            )
    if args.profile:
        print()
        print(profile_whosaid(texts))


if __name__ == "__main__":
    main()
