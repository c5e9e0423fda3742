"""Throughput from WARC to quotes: 1 and 2 worker processes, and the Ray engine.

    python benchmarks/scale.py --articles 200

writes a WARC of made-up news pages (tests/warcgen.py: about 4,000 characters
of article text in 60 KB pages), then runs each configuration in a fresh
Python process, so model loads and peak memory are measured per run:

- read: WARC parsing only (warcio), then WARC -> trafilatura -> language check;
- workers=1: `pipe_parallel` in this process (the same as `Extractor.pipe`);
- workers=2: `pipe_parallel` with two worker processes;
- ray: `run_ray` with two actors on a local `ray.init(num_cpus=2)`, writing
  Parquet shards.

For each it prints articles/s and MB/s (WARC bytes, gzipped) over the whole
run including model loading, articles/s after start-up where that can be told
apart, and peak resident memory of each process that loads a model. It ends
with the projected core-hours for 100 million articles, with the arithmetic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TARGET = 100_000_000


def _kib_to_mb(kib: float) -> float:
    return kib / 1024


def _cpu_s() -> float:
    """CPU seconds used by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _count(results: object) -> tuple[int, int]:
    from whosaid.model import Result

    articles = quotes = 0
    for item in results:  # type: ignore[attr-defined]
        if isinstance(item, Result):
            articles += 1
            quotes += len(item.quotes)
    return articles, quotes


def run_read(warc: Path) -> dict[str, object]:
    from whosaid.read import ReadOptions, read_inputs
    from whosaid.read.walk import InputFile
    from whosaid.read.warc import WarcPage, iter_warc

    started = time.perf_counter()
    pages = sum(
        isinstance(item, WarcPage)
        for item in iter_warc(InputFile(warc, warc.name), ReadOptions())
    )
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    articles = sum(hasattr(item, "text") for item in read_inputs([warc]))
    extracted = time.perf_counter() - started
    return {
        "pages": pages,
        "warc_parse_s": round(parsed, 3),
        "html_extract_s": round(extracted - parsed, 3),
        "articles": articles,
        "articles_per_s": round(articles / extracted, 2),
    }


def run_workers(warc: Path, workers: int) -> dict[str, object]:
    from whosaid.parallel import pipe_parallel
    from whosaid.read import read_pending

    cpu = _cpu_s()
    started = time.perf_counter()
    results = pipe_parallel(read_pending([warc]), workers=workers)
    ready = time.perf_counter()
    articles, quotes = _count(results)
    done = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "articles": articles,
        "quotes": quotes,
        "wall_s": round(done - started, 2),
        "cpu_s": round(_cpu_s() - cpu, 2),
        "startup_s": round(ready - started, 2),
        "steady_articles_per_s": round(articles / (done - ready), 2),
        "peak_mb_per_worker": round(_kib_to_mb(children if workers > 1 else own)),
        "peak_mb_main": round(_kib_to_mb(own)),
    }


def _actor_peaks(
    peaks: dict[int, int], cpu: dict[int, float], stop: threading.Event
) -> None:
    """Sample peak RSS (VmHWM) and CPU time of Ray's extraction actors."""
    tick = os.sysconf("SC_CLK_TCK")
    while not stop.is_set():
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"_ExtractActor" not in cmdline:
                    continue
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[int(pid)] = int(line.split()[1])
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                cpu[int(pid)] = (int(fields[11]) + int(fields[12])) / tick
            except OSError:
                continue
        stop.wait(0.5)


def run_ray(warc: Path, workers: int) -> dict[str, object]:
    import ray

    from whosaid.scale.ray_engine import run_ray as run

    started = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, logging_level="ERROR")
    ready = time.perf_counter()
    peaks: dict[int, int] = {}
    actor_cpu: dict[int, float] = {}
    stop = threading.Event()
    sampler = threading.Thread(
        target=_actor_peaks, args=(peaks, actor_cpu, stop), daemon=True
    )
    sampler.start()
    with tempfile.TemporaryDirectory() as out:
        report = run([str(warc)], out, workers=workers)
    done = time.perf_counter()
    stop.set()
    sampler.join()
    ray.shutdown()
    return {
        "articles": report.articles,
        "quotes": report.quotes,
        "wall_s": round(done - started, 2),
        "ray_init_s": round(ready - started, 2),
        "actor_cpu_s": round(sum(actor_cpu.values()), 2),
        "peak_mb_per_worker": round(_kib_to_mb(max(peaks.values(), default=0))),
        "actors_seen": len(peaks),
    }


def one(config: str, warc: Path) -> dict[str, object]:
    if config == "read":
        return run_read(warc)
    if config == "ray":
        return run_ray(warc, 2)
    return run_workers(warc, int(config.removeprefix("workers=")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--warc", type=Path, help="Use this WARC instead.")
    parser.add_argument("--configs", default="read,workers=1,workers=2,ray")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.warc)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        warc = args.warc or Path(tmp) / "bench.warc.gz"
        if args.warc is None:
            from warcgen import write_warc

            write_warc(warc, articles=args.articles, paragraphs=20, bulk_kb=60)
        size_mb = warc.stat().st_size / 1e6
        print(f"input: {warc.name}, {size_mb:.2f} MB, load {os.getloadavg()[0]:.1f}")
        rows = {}
        for config in args.configs.split(","):
            command = [sys.executable, __file__, "--one", config, "--warc", str(warc)]
            output = subprocess.run(command, capture_output=True, text=True, check=True)
            row = json.loads(output.stdout.strip().splitlines()[-1])
            if "wall_s" in row:
                row["articles_per_s"] = round(row["articles"] / row["wall_s"], 2)
                row["mb_per_s"] = round(size_mb / row["wall_s"], 3)
            rows[config] = row
            print(f"{config}: {json.dumps(row)}", flush=True)
        _project(rows)


def _project(rows: dict[str, dict[str, object]]) -> None:
    one_worker = rows.get("workers=1")
    if not one_worker:
        return
    rate = float(one_worker["steady_articles_per_s"])  # type: ignore[arg-type]
    hours = TARGET / rate / 3600
    print(
        f"projection (wall): {TARGET:,} articles / {rate} articles/s per core "
        f"/ 3600 s/h = {hours:,.0f} core-hours"
    )
    for config, row in rows.items():
        cpu = row.get("cpu_s", row.get("actor_cpu_s"))  # ray: the actors only
        if cpu is not None:
            per = float(cpu) / int(row["articles"])  # type: ignore[arg-type]
            print(
                f"projection (CPU, {config}): {TARGET:,} articles x {per:.3f} "
                f"CPU-s/article / 3600 s/h = {TARGET * per / 3600:,.0f} core-hours"
            )
    two = rows.get("workers=2")
    if two:
        ratio = float(two["articles_per_s"]) / float(one_worker["articles_per_s"])  # type: ignore[arg-type]
        steady = float(two["steady_articles_per_s"]) / rate  # type: ignore[arg-type]
        print(
            f"scaling workers=2 / workers=1: {ratio:.2f} over the whole run, "
            f"{steady:.2f} after start-up"
        )


if __name__ == "__main__":
    main()
