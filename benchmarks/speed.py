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
- textacy-numpy: textacy with whosaid's change to the networks' matrix
               products (numpy's BLAS, `whosaid.extract.blas`): what textacy
               would gain from it;
- whosaid:     `Extractor("rules").pipe` with the default settings: the
               default engine (whosaid's pipeline, the stock one, plus direct,
               indirect and mixed quotes, speaker resolution and kinds);
- whosaid-*:   the same with some settings changed (`VARIANTS`), the options
               of #18 measured beside the default; whosaid-small*: the rules
               on whosaid's small pipeline (`--engine rules-small`, #18);
- model:       `Extractor("model").pipe`, the trained engine (opt-in).

Each system runs in fresh worker processes. The throughput clock starts once
every worker has loaded its pipeline; the load (imports, `spacy.load`, one
warm-up article) is measured too, in wall and CPU seconds, and the figures
"with load" count it (#18: model load included and excluded). Besides
wall-clock articles/s it reports articles per CPU second of the workers,
which neighbours on a shared machine disturb far less: compare systems by its
ratios. Each system keeps its best of `--rounds` rounds, the systems
alternating within a round. The 100M-article projection divides 10^8 by the
one-process rate per CPU second. `--paired N` runs the systems in one
process taking turns batch by batch (the steadiest ratios); `--profile` adds
where whosaid's time goes (`speed_profile.py`).

    .venv/bin/python benchmarks/speed.py [--limit N] [--rounds R] [--profile]
        [--processes 1 2] [--paired N] [--systems spacy textacy whosaid ...]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import os
import queue
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_profile import profile_whosaid  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
GOLD_TEXTS = ROOT / "tests" / "gold" / "texts"
# whosaid's systems: the engine, and the settings (environment) it runs with;
# every setting named here is reset to its default for the others.
VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "whosaid": ("rules", {}),
    "whosaid-ner0": ("rules", {"WHOSAID_NER_CONTEXT": "0"}),  # before #18
    "whosaid-ner2": ("rules", {"WHOSAID_NER_CONTEXT": "2"}),
    # spaCy's own attribute ruler, the default before #18 made the fast one it
    "whosaid-stockruler": ("rules", {"WHOSAID_FAST_ATTRIBUTE_RULER": "0"}),
    # thinc's blis for the networks' matrix products, as before the blas setting
    "whosaid-blis": ("rules", {"WHOSAID_BLAS": "blis"}),
    # The rules on whosaid's small pipeline (one shared tok2vec), #18.
    "whosaid-small": ("rules-small", {}),
    "whosaid-small-ner0": ("rules-small", {"WHOSAID_NER_CONTEXT": "0"}),
    # The same with the folder named by WHOSAID_SMALL_MODEL_B (another build).
    "whosaid-small-b": (
        "rules-small",
        {"WHOSAID_SMALL_MODEL": os.environ.get("WHOSAID_SMALL_MODEL_B", "")},
    ),
    "whosaid-small-stockruler": (
        "rules-small",
        {"WHOSAID_FAST_ATTRIBUTE_RULER": "0"},
    ),
    "whosaid-small-blis": ("rules-small", {"WHOSAID_BLAS": "blis"}),
    "model": ("model", {}),
}
# textacy on the stock pipeline with whosaid's numpy matrix products: what
# textacy would gain from the same change (#18)
SYSTEMS = ("spacy", "textacy", "textacy-min", "textacy-numpy", *VARIANTS)
DEFAULT_SYSTEMS = ("spacy", "textacy", "textacy-min", "whosaid")
ARTICLES_TO_PROJECT = 100_000_000  # the #18 projection: core-hours for 10^8 articles

Runner = Callable[[list[str]], int]


def _spacy_version() -> str:
    from importlib.metadata import version

    return version("spacy")


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    folder = POLNEAR_DEV if POLNEAR_DEV.is_dir() else GOLD_TEXTS
    paths = sorted(folder.glob("*.txt"))[:limit]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return str(folder.relative_to(ROOT.parent)), texts


def _components(nlp: Any) -> str:
    return " ".join(
        f"{name}({type(pipe).__name__})" if name in ("attribute_ruler", "ner") else name
        for name, pipe in nlp.pipeline
    )


def _runner(system: str) -> tuple[Runner, str]:
    """Load `system`: a function that processes texts giving a quote count, and
    the spaCy components it runs."""
    from whosaid import settings

    batch_size = int(settings.get("batch_size"))  # every system's nlp.pipe batch
    if system in VARIANTS:
        with variant_settings(system):
            return _whosaid_runner(VARIANTS[system][0])
    import spacy

    exclude = ["ner"] if system == "textacy-min" else []
    nlp = spacy.load(settings.get("spacy_model"), exclude=exclude)
    blas = contextlib.nullcontext
    if system == "textacy-numpy":
        from whosaid.extract.blas import one_blas_thread, use_numpy_blas

        with variant_settings("whosaid"):  # the blas setting at its default
            use_numpy_blas(nlp)
        blas = one_blas_thread
    if system == "spacy":

        def run_spacy(texts: list[str]) -> int:
            return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))

        return run_spacy, _components(nlp)
    from textacy.extract.triples import direct_quotations

    def run_textacy(texts: list[str]) -> int:
        found = 0
        with blas():
            for doc in nlp.pipe(texts, batch_size=batch_size):
                try:
                    found += len(list(direct_quotations(doc)))
                except ValueError:  # textacy bails out on unbalanced quotes
                    continue
        return found

    return run_textacy, _components(nlp)


@contextlib.contextmanager
def variant_settings(system: str) -> Iterator[None]:
    """Set the environment of whosaid variant `system` while it loads."""
    names = {name for _, env in VARIANTS.values() for name in env}
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.pop(name, None)
    os.environ.update(VARIANTS[system][1])
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


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
    loaded, loaded_cpu = time.monotonic(), time.process_time()
    run, components = _runner(system)
    run(texts[:1])  # warm up lazy loading, so it is not counted as work
    load_s = time.monotonic() - loaded
    load_cpu_s = time.process_time() - loaded_cpu
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
            "load_cpu_s": load_cpu_s,
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
    articles = len(texts) * repeat
    cpu_s = sum(r["cpu_s"] for r in reports)
    return {
        "system": system,
        "processes": processes,
        "articles_per_s": articles / wall,
        # Per CPU second of the workers: what neighbours on a shared machine
        # disturb least, so the figure to compare systems by.
        "articles_per_cpu_s": articles / cpu_s,
        # The same with each worker's load counted (#18).
        "articles_per_s_with_load": articles
        / (wall + max(r["load_s"] for r in reports)),
        "articles_per_cpu_s_with_load": articles
        / (cpu_s + sum(r["load_cpu_s"] for r in reports)),
        "words_per_s": words / wall,
        "peak_rss_mb": max(r["peak_mb"] for r in reports),
        "load_s": max(r["load_s"] for r in reports),
        "load_cpu_s": max(r["load_cpu_s"] for r in reports),
        "found": sum(r["found"] for r in reports),
        "components": reports[0]["components"],
    }


def _pairs(systems: list[str]) -> list[tuple[str, str]]:
    """The ratios worth printing: each whosaid system against textacy and the floor."""
    ours = [s for s in systems if s in VARIANTS]
    others = ("textacy", "textacy-numpy", "textacy-min", "spacy")
    pairs = [(a, b) for a in ours for b in others]
    pairs += [(a, "whosaid") for a in ours if a != "whosaid"]
    pairs += [("textacy", "spacy"), ("textacy-min", "spacy")]
    return [(a, b) for a, b in pairs if a in systems and b in systems]


def projection(system: str, articles_per_cpu_s: float) -> str:
    """The #18 projection: core-hours for 10^8 articles at a per-core rate."""
    hours = ARTICLES_TO_PROJECT / articles_per_cpu_s / 3600
    return (
        f"  {system:<24}{ARTICLES_TO_PROJECT:,} / {articles_per_cpu_s:.2f} articles "
        f"per CPU s / 3,600 = {hours:,.0f} core-hours"
    )


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
    rates = {}
    for system in runners:
        seconds = [cpu[system] for cpu in passes_cpu]
        rates[system] = len(texts) * passes / sum(seconds)
        lines.append(
            f"  {system:<24}"
            + " ".join(f"{x:6.2f}" for x in seconds)
            + f"   {rates[system]:.2f}"
        )
    for a, b in _pairs(list(runners)):
        ratios = sorted(cpu[b] / cpu[a] for cpu in passes_cpu)
        total = sum(cpu[b] for cpu in passes_cpu) / sum(cpu[a] for cpu in passes_cpu)
        lines.append(
            f"  {a}/{b} (articles per CPU s): {total:.3f} over all passes; "
            f"per pass {ratios[0]:.3f} to {ratios[-1]:.3f}"
        )
    lines.append("100M-article projection from the paired rates:")
    lines += [projection(system, rate) for system, rate in rates.items()]
    return "\n".join(lines)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _print_ratios(
    rows: list[dict[str, Any]], processes: list[int], metric: str
) -> None:
    by = {(r["system"], r["processes"]): r[metric] for r in rows}
    pairs = _pairs(list(dict.fromkeys(r["system"] for r in rows)))
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
    for metric in (
        "articles_per_s",
        "words_per_s",
        "articles_per_cpu_s",
        "articles_per_s_with_load",
        "articles_per_cpu_s_with_load",
    ):
        merged[metric] = max(row[metric], kept[metric])
    merged["peak_rss_mb"] = max(row["peak_rss_mb"], kept["peak_rss_mb"])  # the worst
    for metric in ("load_s", "load_cpu_s"):
        merged[metric] = min(row[metric], kept[metric])
    return merged


def _print_table(rows: list[dict[str, Any]]) -> None:
    print(
        f"{'system':<24}{'procs':>6}{'art/s':>7}{'words/s':>9}{'art/CPU s':>10}"
        f"{'with load':>19}{'peak RSS MB':>12}{'load s (CPU)':>14}{'found':>7}"
    )
    print(f"{'':<38}{'':>10}{'art/s':>9}{'art/CPU s':>10}")
    for r in rows:
        print(
            f"{r['system']:<24}{r['processes']:>6}{r['articles_per_s']:>7.2f}"
            f"{r['words_per_s']:>9.0f}{r['articles_per_cpu_s']:>10.2f}"
            f"{r['articles_per_s_with_load']:>9.2f}"
            f"{r['articles_per_cpu_s_with_load']:>10.2f}{r['peak_rss_mb']:>12.0f}"
            f"{r['load_s']:>7.1f} ({r['load_cpu_s']:.1f}){r['found']:>7}"
        )


def _separate_processes(args: argparse.Namespace, texts: list[str]) -> None:
    """Each system in its own fresh processes: the table, ratios and projection."""
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
        print(f"  {system:<24}{best[system, args.processes[0]]['components']}")
    _print_table(rows)
    print(f"load average after: {_load()} on {os.cpu_count()} cores")
    for metric in (
        "articles_per_s",
        "articles_per_cpu_s",
        "articles_per_s_with_load",
        "articles_per_cpu_s_with_load",
    ):
        _print_ratios(rows, args.processes, metric)
    low = min(args.processes)
    print(f"\n100M-article projection ({low} process(es), load excluded):")
    for system in args.systems:
        print(projection(system, best[system, low]["articles_per_cpu_s"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--systems", nargs="+", choices=SYSTEMS, default=list(DEFAULT_SYSTEMS)
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="keep each system's best; 0: no separate processes (--paired only)",
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="whosaid",
        choices=[
            s for s, (engine, _) in VARIANTS.items() if engine.startswith("rules")
        ],
        help="say where this whosaid system's time goes (default: whosaid)",
    )
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
    # spaCy's 3.11 wheels carry Cython profiling hooks: its parse costs about
    # twice the CPU there as on 3.12 (docs/speed.md), so say which ran
    print(f"Python {sys.version.split()[0]}, spaCy {_spacy_version()}")
    if args.rounds > 0:
        _separate_processes(args, texts)
    if args.paired:
        print()
        print(compare_paired(texts, args.systems, args.paired))
        print(f"load average after the paired run: {_load()}")
    if args.profile:
        from whosaid.pipeline import Extractor

        with variant_settings(args.profile):
            extractor = Extractor(VARIANTS[args.profile][0])
        print(f"\nwhere {args.profile}'s time goes (CPU s, one process):")
        print(profile_whosaid(texts, extractor))


if __name__ == "__main__":
    main()
