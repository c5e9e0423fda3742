"""Hostile texts: long space-free runs through the CLI and the web server (#19).

`cli`: `whosaid extract` on one file of N emoji (no spaces), each size in a
fresh process; prints seconds and the child's peak RSS.

`server`: serves a small index with uvicorn (the default engine, loaded
first), then sends `POST /api/extract` with N "!" while a second client sends
`GET /api/quotes` in a loop; prints the POST's status and seconds and the
GETs' p50/p95/max latency during it.

    .venv/bin/python benchmarks/hostile_text.py cli [--sizes 5000,10000,20000,40000]
    .venv/bin/python benchmarks/hostile_text.py server [--chars 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path


def run_cli(sizes: list[int], engine: str | None) -> None:
    print(f"{'emoji':>7} {'seconds':>8} {'peak RSS MB':>11} {'exit':>4}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"emoji-{size}.txt"
            path.write_text("\U0001f600" * size, encoding="utf-8")
            args = [sys.executable, "-m", "whosaid", "extract", str(path)]
            args += ["--engine", engine] if engine else []
            start = time.perf_counter()
            process = subprocess.run(args, capture_output=True, check=False)
            seconds = time.perf_counter() - start
            # ru_maxrss of children: the largest child so far (sizes ascend).
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{size:>7,} {seconds:>8.1f} {peak:>11,.0f} {process.returncode:>4}")


def _index(path: Path) -> None:
    from whosaid.model import Article, Quote, Result, Span
    from whosaid.store.db import connect
    from whosaid.store.ingest import Ingester

    results = []
    for i in range(200):
        text = f"\u201cWe will build bridge {i} this year,\u201d said Ann Lee."
        quote = Quote(
            doc=f"a{i}",
            type="direct",
            content=Span.of(text, 0, text.index(",") + 2),
            cue=None,
            speaker=None,
            speaker_name="Ann Lee",
            speaker_title=None,
            confidence=0.9,
        )
        results.append(Result(Article(id=f"a{i}", text=text), [quote]))
    conn = connect(path)
    Ingester(conn, engine="bench:1").ingest(results)
    conn.close()


def run_server(chars: int) -> None:
    import uvicorn

    from whosaid.pipeline import Extractor
    from whosaid.web import create_app

    folder = tempfile.mkdtemp()
    db = Path(folder) / "index.db"
    _index(db)
    extractor = Extractor()
    app = create_app(db, extractor_factory=lambda: extractor)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    latencies: list[float] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            start = time.perf_counter()
            with urllib.request.urlopen(f"{base}/api/quotes?q=bridge", timeout=60) as r:
                r.read()
            latencies.append(time.perf_counter() - start)

    urllib.request.urlopen(f"{base}/api/quotes", timeout=60).read()  # warm
    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.5)
    body = json.dumps({"text": "!" * chars}).encode()
    request = urllib.request.Request(
        f"{base}/api/extract", data=body, headers={"Content-Type": "application/json"}
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as err:
        status = err.code
    seconds = time.perf_counter() - start
    time.sleep(0.5)
    done.set()
    thread.join()
    server.should_exit = True
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f'POST /api/extract {chars:,} "!": {status} in {seconds:.2f} s')
    print(
        f"GET /api/quotes meanwhile: {len(ms)} requests, p50 "
        f"{statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    cli = sub.add_parser("cli")
    cli.add_argument("--sizes", default="5000,10000,20000,40000")
    cli.add_argument("--engine", default=None)
    server = sub.add_parser("server")
    server.add_argument("--chars", type=int, default=20_000)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if args.what == "cli":
        run_cli([int(s) for s in args.sizes.split(",")], args.engine)
    else:
        run_server(args.chars)


if __name__ == "__main__":
    main()
