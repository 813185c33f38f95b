"""Every command has help text with examples and a section in the README (sqlite-utils' test_docs idea)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from glossarykit.cli import COMMANDS, cli

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_examples(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"glossary {name}" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_documented_in_the_readme(name: str) -> None:
    assert f"### glossary {name}\n" in README


def test_root_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"], catch_exceptions=False)
    listed = result.stdout.split("Commands:\n", 1)[1]
    assert sorted(
        line.split()[0] for line in listed.splitlines() if line.strip()
    ) == sorted(COMMANDS)
