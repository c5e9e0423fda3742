"""Speed of whosaid's engines side by side: `model` (the default) and `rules`.

One worker process per engine, each on one thread (OMP/OpenBLAS limited to 1),
over the same texts (PolNeAR dev, or tests/gold when PolNeAR is absent). The
engines alternate within each round and each keeps its best of `--rounds`
rounds, as the machine is shared. The clock starts once the engine is loaded
(load time is reported on its own). Reported: articles/s and words/s of
`Extractor.pipe` (wall clock), articles per CPU-second of the worker (what one
core it had to itself would give; less sensitive to a busy machine), peak RSS, and where the time goes (the spaCy pipeline in
`nlp.pipe`, split for the model engine into the tagger and the parse step,
then `find_quotes`).

    .venv/bin/python benchmarks/engines.py [--limit N] [--rounds R]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
GOLD_TEXTS = ROOT / "tests" / "gold" / "texts"
ENGINES = ("model", "rules")
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    folder = POLNEAR_DEV if POLNEAR_DEV.is_dir() else GOLD_TEXTS
    paths = sorted(folder.glob("*.txt"))[:limit]
    return folder.name, [p.read_text(encoding="utf-8") for p in paths]


def _timed_stages(extractor: Any, texts: list[str]) -> dict[str, float]:
    """Seconds in the spaCy pipeline (the tagger alone, for the model) and in find_quotes."""
    nlp = extractor.nlp
    stages: dict[str, float] = {}
    if "whosaid_parse" in nlp.pipe_names:
        start = time.perf_counter()
        with nlp.select_pipes(disable=["whosaid_parse"]):
            for _ in nlp.pipe(texts, batch_size=extractor.batch_size):
                pass
        stages["tagger_s"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=extractor.batch_size))
    stages["pipeline_s"] = time.perf_counter() - start
    start = time.perf_counter()
    for i, doc in enumerate(docs):
        extractor.engine.find_quotes(doc, str(i))
    stages["find_quotes_s"] = time.perf_counter() - start
    return stages


def _worker(engine: str, texts: list[str], commands: Any, out: Any) -> None:
    from whosaid.model import Article, Result
    from whosaid.pipeline import Extractor

    loaded = time.perf_counter()
    extractor = Extractor(engine)
    extractor.extract("Reed said the plan failed.")  # warm up lazy loading
    out.put({"load_s": time.perf_counter() - loaded})
    while (command := commands.get()) != "stop":
        if command == "stages":
            out.put(_timed_stages(extractor, texts))
            continue
        start, cpu = time.perf_counter(), time.process_time()
        articles = (Article(id=str(i), text=t) for i, t in enumerate(texts))
        found = sum(
            len(r.quotes) for r in extractor.pipe(articles) if isinstance(r, Result)
        )
        out.put(
            {
                "seconds": time.perf_counter() - start,
                "cpu": time.process_time() - cpu,
                "found": found,
            }
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put({"peak_mb": peak_mb, "version": extractor.engine.version})


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="use the first N articles")
    parser.add_argument("--rounds", type=int, default=3, help="keep each one's best")
    args = parser.parse_args()
    for name in THREAD_VARS:
        os.environ[name] = "1"
    source, texts = load_texts(args.limit)
    words = sum(len(t.split()) for t in texts)
    print(
        f"{len(texts)} articles, {words} words from {source}; best of "
        f"{args.rounds} rounds, one thread each; load average before: {_load()}"
    )
    ctx = mp.get_context("spawn")
    workers = {}
    for engine in ENGINES:
        commands, out = ctx.Queue(), ctx.Queue()
        process = ctx.Process(target=_worker, args=(engine, texts, commands, out))
        process.start()
        workers[engine] = (process, commands, out)
    rows: dict[str, dict[str, Any]] = {
        engine: out.get(timeout=600) for engine, (_, _, out) in workers.items()
    }
    for _ in range(args.rounds):
        for engine, (_, commands, out) in workers.items():
            commands.put("run")
            run = out.get(timeout=3600)
            if run["seconds"] < rows[engine].get("seconds", float("inf")):
                rows[engine] |= run
    for engine, (process, commands, out) in workers.items():
        commands.put("stages")
        rows[engine] |= out.get(timeout=3600)
        commands.put("stop")
        rows[engine] |= out.get(timeout=600)
        process.join()
    print(
        f"{'engine':<7}{'articles/s':>11}{'per CPU-s':>10}{'words/s':>9}"
        f"{'peak RSS MB':>12}{'load s':>8}{'quotes':>7}  time split (s)"
    )
    for engine, row in rows.items():
        split = ", ".join(
            f"{key[:-2]} {value:.1f}"
            for key, value in row.items()
            if key.endswith("_s") and key != "load_s"
        )
        print(
            f"{engine:<7}{len(texts) / row['seconds']:>11.2f}"
            f"{len(texts) / row['cpu']:>10.2f}"
            f"{words / row['seconds']:>9.0f}{row['peak_mb']:>12.0f}"
            f"{row['load_s']:>8.1f}{row['found']:>7}  {split}"
        )
    print(f"load average after: {_load()} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
