"""Start-up: ``--help`` and an exact lookup import none of the heavy libraries.

OpenCC, lxml, deep-translator and Babel each cost tens to hundreds of milliseconds to
import; the commands people type most must not pay for them (issue 9). The imports are
read from ``python -X importtime`` in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import glossarykit.cli as cli_module

from .conftest import REPO

HEAVY = ("opencc", "lxml", "deep_translator", "babel")


def imported(args: list[str], cache: Path) -> set[str]:
    """The modules a fresh ``python -m glossarykit ARGS`` imports."""
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
    env.pop("GLOSSARY_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "glossarykit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cache.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    assert "glossarykit.cli" in modules  # the report was read
    return modules


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_help_imports_no_heavy_library_and_no_command(tmp_path: Path) -> None:
    modules = imported(["--help"], tmp_path / "cache")
    assert heavy(modules) == []
    # The command list comes from the commands' docstrings, not from importing them.
    assert not [m for m in modules if m.startswith("glossarykit.services")]


@pytest.mark.parametrize("index", ["building the index", "from the index"])
def test_an_exact_lookup_imports_no_heavy_library(tmp_path: Path, index: str) -> None:
    cache = tmp_path / "cache"
    args = ["--catalogue", str(REPO), "lookup", "三社联动"]
    if index == "from the index":
        imported(args, cache)  # builds it
    modules = imported(args, cache)
    assert heavy(modules) == []
    if index == "from the index":
        # Answered from the index: no PO file is parsed, so no format is even imported.
        assert not [m for m in modules if m.startswith("glossarykit.formats")]


def test_help_lists_commands_as_importing_them_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from_source = CliRunner().invoke(cli_module.cli, ["--help"], terminal_width=100)
    assert all(cli_module._help_only_command(name) for name in cli_module.COMMANDS)
    monkeypatch.setattr(cli_module, "_help_only_command", lambda name: None)
    imported_ = CliRunner().invoke(cli_module.cli, ["--help"], terminal_width=100)
    assert from_source.exit_code == imported_.exit_code == 0
    assert from_source.stdout == imported_.stdout
    assert "lookup" in from_source.stdout
