"""Workers die with their parent: kill -9 of `whosaid ingest --workers 2` (#19)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"

# The fake engine is registered at import, so the spawned workers (which
# import this script as their __mp_main__) know it too.
SCRIPT = """
import sys
from whosaid.extract import engines
engines.ENGINES["fake"] = "store_helpers:FakeEngine"
if __name__ == "__main__":
    from whosaid.cli import main
    main(sys.argv[1:])
"""


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found |= {int(child) for child in text.split()}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.issue(19)
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_exit_when_ingest_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {"id": f"a{i}", "text": f"\u201cWe are here {i},\u201d said Ann Lee."}
        )
        for i in range(400)
    ]
    corpus.write_text("\n".join(lines) + "\n")
    script = tmp_path / "ingest.py"
    script.write_text(SCRIPT)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)]),
        "WHOSAID_ENGINE": "fake",
        "FAKE_ENGINE_DELAY": "0.2",
    }
    args = ["ingest", str(corpus), "--db", str(tmp_path / "i.db"), "--workers", "2"]
    parent = subprocess.Popen(
        [sys.executable, str(script), *args, "--batch-size", "2", "--silent"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 3 and time.monotonic() < deadline:
            # two workers and multiprocessing's resource tracker
            time.sleep(0.2)
            workers = _children(parent.pid)
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(3)  # let them load and take work
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [pid for pid in workers if _alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert left == [], "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
