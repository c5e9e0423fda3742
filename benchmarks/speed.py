"""Speed of whosaid against textacy's quote extraction and a bare spaCy parse.

In one run, on the same texts (PolNeAR dev, or tests/gold when PolNeAR is
absent), with 1 and 2 processes: articles/s, words/s and peak RSS of

- spacy:       `nlp.pipe` of the stock spaCy pipeline (`spacy.load`), the
               parse textacy's users run and the floor it pays;
- textacy:     that parse plus `textacy.extract.triples.direct_quotations`,
               as textacy's documentation runs it;
- textacy-min: the same without the stock pipeline's `ner`, which
               `direct_quotations` never reads (it reads parts of speech,
               lemmas and the parse): the least textacy can run on;
- whosaid:     `Extractor("rules").pipe`: whosaid's pipeline (the stock one,
               with `FastAttributeRuler` when WHOSAID_FAST_ATTRIBUTE_RULER=1)
               plus direct, indirect and mixed quotes, speaker resolution and
               kinds;
- model:       `Extractor("model").pipe`, the trained engine (the default).

Each system runs in fresh worker processes; the clock starts once every
worker has loaded its pipeline (load time is reported on its own), so the
figures are throughput. Besides wall-clock articles/s it reports articles per
CPU second of the workers, which neighbours on a shared machine disturb far
less: compare systems by its ratios. Each system keeps its best of `--rounds`
rounds, the systems alternating within a round. `--profile` adds where whosaid's time goes: each
spaCy component's time, the rule stages' time, and a cProfile of the rules.

    .venv/bin/python benchmarks/speed.py [--limit N] [--rounds R] [--profile]
        [--processes 1 2] [--systems spacy textacy textacy-min whosaid model]
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
SYSTEMS = ("spacy", "textacy", "textacy-min", "whosaid", "model")
DEFAULT_SYSTEMS = ("spacy", "textacy", "textacy-min", "whosaid")

Runner = Callable[[list[str]], int]


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    folder = POLNEAR_DEV if POLNEAR_DEV.is_dir() else GOLD_TEXTS
    paths = sorted(folder.glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return str(folder.relative_to(ROOT.parent)), texts


def _components(nlp: Any) -> str:
    return " ".join(
        f"{name}({type(pipe).__name__})" if name == "attribute_ruler" else name
        for name, pipe in nlp.pipeline
    )


def _runner(system: str) -> tuple[Runner, str]:
    """Load `system`: a function that processes texts giving a quote count, and
    the spaCy components it runs."""
    from whosaid import settings

    batch_size = int(settings.get("batch_size"))  # every system's nlp.pipe batch
    if system in ("whosaid", "model"):
        return _whosaid_runner("rules" if system == "whosaid" else system)
    import spacy

    exclude = ["ner"] if system == "textacy-min" else []
    nlp = spacy.load(settings.get("spacy_model"), exclude=exclude)
    if system == "spacy":

        def run_spacy(texts: list[str]) -> int:
            return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))

        return run_spacy, _components(nlp)
    from textacy.extract.triples import direct_quotations

    def run_textacy(texts: list[str]) -> int:
        found = 0
        for doc in nlp.pipe(texts, batch_size=batch_size):
            try:
                found += len(list(direct_quotations(doc)))
            except ValueError:  # textacy bails out on unbalanced quotes
                continue
        return found

    return run_textacy, _components(nlp)


def _whosaid_runner(engine: str) -> tuple[Runner, str]:
    from whosaid.model import Article, Result
    from whosaid.pipeline import Extractor

    extractor = Extractor(engine)

    def run_whosaid(texts: list[str]) -> int:
        articles = (Article(id=str(i), text=t) for i, t in enumerate(texts))
        results = extractor.pipe(articles)
        return sum(len(r.quotes) for r in results if isinstance(r, Result))

    components = _components(extractor.nlp)
    parse_nlp = getattr(extractor.engine, "parse_nlp", None)  # the model's parse
    if parse_nlp is not None:
        components += " + " + _components(parse_nlp)
    return run_whosaid, components


def _worker(system: str, texts: list[str], repeat: int, barrier: Any, out: Any) -> None:
    loaded = time.monotonic()
    run, components = _runner(system)
    run(texts[:1])  # warm up lazy loading, so it is not counted as work
    load_s = time.monotonic() - loaded
    barrier.wait()
    start, cpu_start = time.monotonic(), time.process_time()
    found = sum(run(texts) for _ in range(repeat))
    end, cpu_s = time.monotonic(), time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put(
        {
            "start": start,
            "end": end,
            "cpu_s": cpu_s,
            "load_s": load_s,
            "found": found,
            "peak_mb": peak_mb,
            "components": components,
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
        # Per CPU second of the workers: what neighbours on a shared machine
        # disturb least, so the figure to compare systems by.
        "articles_per_cpu_s": len(texts) * repeat / sum(r["cpu_s"] for r in reports),
        "words_per_s": words / wall,
        "peak_rss_mb": max(r["peak_mb"] for r in reports),
        "load_s": max(r["load_s"] for r in reports),
        "found": sum(r["found"] for r in reports),
        "components": reports[0]["components"],
    }


def _component_times(
    nlp: Any, texts: list[str], batch_size: int
) -> tuple[dict[str, float], list[Any]]:
    """Run `nlp` component by component over `texts`: CPU seconds of each."""
    times = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    times["tokenizer"] = time.process_time() - start
    for name, pipe in nlp.pipeline:
        start = time.process_time()
        docs = list(pipe.pipe(docs, batch_size=batch_size))
        times[name] = time.process_time() - start
    return times, docs


def _rule_stage_times(extractor: Any, docs: list[Any]) -> dict[str, float]:
    """CPU seconds in each stage of the rules engine's `find_quotes`."""
    from whosaid.clean import find_residue
    from whosaid.extract.kinds.classify import assign_kinds
    from whosaid.extract.speakers.resolve import resolve_speakers

    engine = extractor.engine
    times = dict.fromkeys(("residue", "attributions", "speakers", "kinds"), 0.0)
    for i, doc in enumerate(docs):
        clock = [time.process_time()]
        residue = find_residue(doc.text)
        clock.append(time.process_time())
        attributions, _ = engine.finder.find(doc, residue=residue)
        clock.append(time.process_time())
        quotes = resolve_speakers(
            doc, attributions, str(i), engine.version, residue=residue
        )
        clock.append(time.process_time())
        assign_kinds(doc, quotes)
        clock.append(time.process_time())
        for k, stage in enumerate(times):
            times[stage] += clock[k + 1] - clock[k]
    return times


def profile_whosaid(texts: list[str]) -> str:
    """Say where whosaid's time goes on one process.

    Each spaCy component of the stock pipeline beside whosaid's, each stage of
    the rules, then a cProfile of the rules' `find_quotes` (kinds included).
    """
    import spacy

    from whosaid import settings
    from whosaid.pipeline import Extractor

    extractor = Extractor("rules")
    stock = spacy.load(settings.get("spacy_model"))
    for nlp in (stock, extractor.nlp):
        list(nlp.pipe(texts[:2]))  # warm-up
    stock_times, times = {}, {}
    for _ in range(2):  # alternating, keeping each component's best pass
        for kept, nlp in ((stock_times, stock), (times, extractor.nlp)):
            seconds, docs = _component_times(nlp, texts, extractor.batch_size)
            # `docs` ends up whosaid's: its pipeline runs last.
            for name, value in seconds.items():
                kept[name] = min(value, kept.get(name, value))
    lines = [f"{'spaCy, CPU s':<24}{'stock':>8}{'whosaid':>9}"]
    for name in times:
        lines.append(f"{name:<24}{stock_times[name]:>8.2f}{times[name]:>9.2f}")
    parse_s = sum(times.values())
    lines.append(f"{'total':<24}{sum(stock_times.values()):>8.2f}{parse_s:>9.2f}")
    _rule_stage_times(extractor, docs[:2])  # warm-up
    stages = min(
        (_rule_stage_times(extractor, docs) for _ in range(2)),
        key=lambda t: sum(t.values()),
    )
    rules_s = sum(stages.values())
    lines += [
        "",
        f"whosaid rules after the parse: {rules_s:.2f} s, "
        f"{1000 * rules_s / len(docs):.1f} ms an article, "
        f"{100 * rules_s / (rules_s + parse_s):.0f}% of parse plus rules; by stage: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()),
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


def compare_paired(texts: list[str], systems: list[str], passes: int) -> str:
    """Run `systems` in one process, interleaved batch by batch, in CPU seconds.

    Neighbours slow every system alike when the systems take turns on each
    batch of articles, so the ratios of this comparison are the steadiest.
    """
    from whosaid import settings

    batch_size = int(settings.get("batch_size"))
    runners = {system: _runner(system)[0] for system in systems}
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    for run in runners.values():
        run(texts[:1])  # warm-up
    passes_cpu = []
    for n in range(passes):
        cpu = dict.fromkeys(runners, 0.0)
        order = list(runners) if n % 2 == 0 else list(reversed(runners))
        for batch in batches:
            for system in order:
                start = time.process_time()
                runners[system](batch)
                cpu[system] += time.process_time() - start
        passes_cpu.append(cpu)
    lines = [
        f"one process, systems interleaved batch by batch, {passes} passes "
        f"(CPU s per pass; articles per CPU s over all passes):"
    ]
    for system in runners:
        seconds = [cpu[system] for cpu in passes_cpu]
        rate = len(texts) * passes / sum(seconds)
        lines.append(
            f"  {system:<12}"
            + " ".join(f"{x:6.2f}" for x in seconds)
            + f"   {rate:.2f}"
        )
    for a, b in (
        ("whosaid", "textacy"),
        ("whosaid", "textacy-min"),
        ("whosaid", "spacy"),
        ("textacy", "spacy"),
    ):
        if a in runners and b in runners:
            ratios = sorted(cpu[b] / cpu[a] for cpu in passes_cpu)
            total = sum(cpu[b] for cpu in passes_cpu) / sum(
                cpu[a] for cpu in passes_cpu
            )
            lines.append(
                f"  {a}/{b} (articles per CPU s): {total:.3f} over all passes; "
                f"per pass {ratios[0]:.3f} to {ratios[-1]:.3f}"
            )
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _print_ratios(
    rows: list[dict[str, Any]], processes: list[int], metric: str
) -> None:
    by = {(r["system"], r["processes"]): r[metric] for r in rows}
    pairs = [
        ("whosaid", "textacy"),
        ("whosaid", "textacy-min"),
        ("whosaid", "spacy"),
        ("textacy", "spacy"),
        ("textacy-min", "spacy"),
        ("model", "textacy"),
        ("model", "whosaid"),
    ]
    print(f"\nratios ({metric.replace('_per_', '/').replace('_', ' ')}):")
    for n in processes:
        found = [
            f"{a}/{b} {by[a, n] / by[b, n]:.2f}"
            for a, b in pairs
            if (a, n) in by and (b, n) in by
        ]
        print(f"  {n} process(es): " + ", ".join(found))
    if len(processes) > 1 and metric == "articles_per_s":
        low, high = min(processes), max(processes)
        for system in dict.fromkeys(r["system"] for r in rows):
            print(
                f"  {system}: {high} vs {low} processes "
                f"{by[system, high] / by[system, low]:.2f}x"
            )


def _keep_best(kept: dict[str, Any] | None, row: dict[str, Any]) -> dict[str, Any]:
    """Merge a round into the best so far, measure by measure."""
    if kept is None:
        return row
    merged = dict(row)
    for metric in ("articles_per_s", "words_per_s", "articles_per_cpu_s"):
        merged[metric] = max(row[metric], kept[metric])
    merged["peak_rss_mb"] = max(row["peak_rss_mb"], kept["peak_rss_mb"])  # the worst
    merged["load_s"] = min(row["load_s"], kept["load_s"])
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--systems", nargs="+", choices=SYSTEMS, default=list(DEFAULT_SYSTEMS)
    )
    parser.add_argument("--rounds", type=int, default=2, help="keep each system's best")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--paired",
        type=int,
        metavar="PASSES",
        help="also interleave the systems in one process",
    )
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
            for system in args.systems:
                row = measure(system, texts, processes, args.repeat)
                best[system, processes] = _keep_best(best.get((system, processes)), row)
    rows = [best[s, n] for n in args.processes for s in args.systems]
    print("spaCy components:")
    for system in args.systems:
        print(f"  {system:<12}{best[system, args.processes[0]]['components']}")
    print(
        f"{'system':<12}{'procs':>6}{'articles/s':>12}{'words/s':>10}"
        f"{'art/CPU s':>11}{'peak RSS MB':>13}{'load s':>8}{'found':>7}"
    )
    for r in rows:
        print(
            f"{r['system']:<12}{r['processes']:>6}{r['articles_per_s']:>12.2f}"
            f"{r['words_per_s']:>10.0f}{r['articles_per_cpu_s']:>11.2f}"
            f"{r['peak_rss_mb']:>13.0f}"
            f"{r['load_s']:>8.1f}{r['found']:>7}"
        )
    print(f"load average after: {_load()} on {os.cpu_count()} cores")
    _print_ratios(rows, args.processes, "articles_per_s")
    _print_ratios(rows, args.processes, "articles_per_cpu_s")
    if args.paired:
        systems = [s for s in args.systems if s != "model"]
        print()
        print(compare_paired(texts, systems, args.paired))
    if args.profile:
        print()
        print(profile_whosaid(texts))


if __name__ == "__main__":
    main()
