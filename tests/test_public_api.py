"""The public API stays callable after use (a subpackage named like a function)."""

from __future__ import annotations

import subprocess
import sys


def test_extract_is_still_the_function_after_a_first_call() -> None:
    """`whosaid.extract(text)` twice in a fresh interpreter: the first call
    imports `whosaid.extract.*`, which must not rebind the name."""
    code = (
        "import whosaid\n"
        "text = 'The talks failed, sources said.'\n"
        "first = whosaid.extract(text)\n"
        "second = whosaid.extract(text)\n"
        "assert callable(whosaid.extract) and first == second, type(whosaid.extract)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
