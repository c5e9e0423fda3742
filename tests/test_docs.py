"""Every command has help with an example; every setting is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from whosaid import settings
from whosaid.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
    return found


@pytest.mark.parametrize(("name", "command"), _commands(main))
def test_every_command_has_help_with_an_example(
    name: str, command: click.Command
) -> None:
    assert command.help, f"whosaid {name} has no help"
    assert "Example" in command.help, f"whosaid {name} help has no Example: block"
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting: settings.Setting) -> None:
    assert f"`{setting.name}`" in README, f"setting {setting.name} is not in the README"


def test_env_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHOSAID_BATCH_SIZE", "3")
    assert settings.get("batch_size") == 3
    assert settings.get("batch_size", 5) == 5


def test_config_file_overrides_only_its_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "custom.toml"
    config.write_text('db = "corpus.db"\n')
    monkeypatch.setenv("WHOSAID_CONFIG", str(config))
    assert settings.get("db") == "corpus.db"
    assert settings.get("batch_size") == 16


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_readme_gives_each_settings_default(setting: settings.Setting) -> None:
    # The README once said the engine default was `model` after #13 made it rules (#12).
    row = next(
        line for line in README.splitlines() if line.startswith(f"| `{setting.name}` |")
    )
    written = row.split("|")[2].strip().strip("`").replace(",", "").lower()
    expected = (
        "(none)" if setting.default in (None, "") else str(setting.default).lower()
    )
    assert written == expected, f"README gives {setting.name} default {written!r}"
