"""What the CLI prints besides results: trafilatura stays quiet unless -v (#19)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from whosaid.cli import main


@pytest.mark.issue(19)
def test_trafilatura_is_quiet_on_empty_html_unless_verbose(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html></html>")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(page), "--engine", "rules"])
    assert result.exit_code == 1
    assert "no article text found" in result.stderr
    assert logging.getLogger("trafilatura").getEffectiveLevel() > logging.ERROR
    runner.invoke(main, ["-v", "extract", str(page), "--engine", "rules"])
    assert logging.getLogger("trafilatura").getEffectiveLevel() <= logging.ERROR
