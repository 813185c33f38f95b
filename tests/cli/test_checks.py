"""`glossary checks`: every registered check with its severity and description."""

from __future__ import annotations

import json
from collections.abc import Callable

from glossarykit.checks import all_checks

from ..conftest import Invoke


def test_text_lists_every_check(
    run: Invoke, golden: Callable[[str, str], None]
) -> None:
    result = run("checks")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [c.id for c in all_checks()]
    assert lines[0].split()[1] == "error" and lines[-1].split()[1] == "warning"
    golden("checks.txt", result.stdout)


def test_json_has_the_metadata(run: Invoke) -> None:
    result = run("checks", "--format", "json")
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == [c.id for c in all_checks()]
    numeral = next(d for d in data if d["id"] == "numeral-count")
    assert numeral == {
        "id": "numeral-count",
        "name": "Numeral count",
        "severity": "error",
        "scope": "concept",
        "default_enabled": True,
        "description": "A numbered formula lists a different number of components than its numerals announce.",
    }
    assert all(set(d) == set(numeral) for d in data)


def test_checks_needs_no_catalogue(run: Invoke, tmp_path: object) -> None:
    # An unusable --catalogue does not matter: the list comes from the registry.
    result = run("checks", catalogue=tmp_path)  # type: ignore[arg-type]
    assert result.exit_code == 0 and result.stdout.startswith("cjk-in-rendering")
