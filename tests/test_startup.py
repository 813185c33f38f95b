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
# Standard modules that cost a few ms each and that neither path needs (imported inside
# the functions that write files, log, or locate the bundled seed glossary).
SLOW_STDLIB = ("logging", "tempfile", "random", "csv", "importlib.resources")


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
    # Nor does it build the model's dataclasses or import pathlib (glossarykit's
    # __init__ exports the model lazily).
    assert not {"glossarykit.model", "pathlib", *SLOW_STDLIB} & modules


@pytest.mark.parametrize("index", ["building the index", "from the index"])
def test_an_exact_lookup_imports_no_heavy_library(tmp_path: Path, index: str) -> None:
    cache = tmp_path / "cache"
    args = ["--catalogue", str(REPO), "lookup", "三社联动"]
    if index == "from the index":
        imported(args, cache)  # builds it
    modules = imported(args, cache)
    assert heavy(modules) == []
    if index == "from the index":
        assert not set(SLOW_STDLIB) & modules
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


def test_the_package_exports_its_names_on_first_use() -> None:
    """``glossarykit`` re-exports the model and the errors lazily (PEP 562)."""
    import glossarykit
    from glossarykit import errors, model

    for name in glossarykit.__all__:
        if name != "__version__":
            value = getattr(glossarykit, name)
            assert value is getattr(model, name, None) or value is getattr(errors, name)
    assert set(glossarykit.__all__) <= set(dir(glossarykit))
    with pytest.raises(AttributeError, match="no_such_name"):
        glossarykit.no_such_name  # noqa: B018
