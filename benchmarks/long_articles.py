"""Time and peak memory of one very long article, 1k to 20k paragraphs (#19).

Each size runs in a fresh process (so peak RSS is that size's own): load the
engine, then extract the quotes of one synthetic article of N short
paragraphs (about 34 characters each, one in three a quote with its
attribution, the rest narration and named people). Reported: paragraphs,
characters, quotes found, seconds for `Extractor.pipe` (wall clock and CPU
time of the process: the machine may be shared; the clock starts once the
engine is loaded, load time on its own) and the process's peak RSS.

    .venv/bin/python benchmarks/long_articles.py [--engine model|rules]
        [--sizes 1000,2000,5000,10000,20000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
from typing import Any

NAMES = ("Maria Okafor", "Tom Reyes", "Ana Lind", "Omar Haddad", "Jo Park")
LINES = (
    "{name} spoke on day {i}.",
    '"We will not stop," {last} said.',
    "The vote is due on day {i}.",
    "Critics were not convinced.",
    "{last} said costs would rise.",
    '"It is over," she said.',
)


def synthetic_article(paragraphs: int) -> str:
    """Return `paragraphs` short paragraphs, one per line."""
    lines = []
    for i in range(paragraphs):
        name = NAMES[(i // len(LINES)) % len(NAMES)]
        line = LINES[i % len(LINES)]
        lines.append(line.format(name=name, last=name.split()[-1], i=i))
    return "\n".join(lines) + "\n"


def _run(engine: str | None, paragraphs: int, out: Any) -> None:
    from whosaid.model import Article, Result
    from whosaid.pipeline import Extractor

    start = time.perf_counter()
    extractor = Extractor(engine)
    loaded = time.perf_counter() - start
    text = synthetic_article(paragraphs)
    start, cpu_start = time.perf_counter(), time.process_time()
    (result,) = extractor.pipe([Article(id="long", text=text)])
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    quotes = len(result.quotes) if isinstance(result, Result) else -1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put((len(text), quotes, loaded, seconds, cpu, peak_mb))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default=None, help="model (default) or rules")
    parser.add_argument("--sizes", default="1000,2000,5000,10000,20000")
    args = parser.parse_args()
    context = mp.get_context("spawn")
    print(
        f"{'paragraphs':>10} {'chars':>9} {'quotes':>7} {'load s':>7} "
        f"{'extract s':>9} {'CPU s':>6} {'peak RSS MB':>11}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        out = context.Queue()
        process = context.Process(target=_run, args=(args.engine, size, out))
        process.start()
        chars, quotes, loaded, seconds, cpu, peak_mb = out.get()
        process.join()
        print(
            f"{size:>10,} {chars:>9,} {quotes:>7,} {loaded:>7.1f} "
            f"{seconds:>9.1f} {cpu:>6.1f} {peak_mb:>11,.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
