"""`glossary validate`: exact output in text, json (against its schema) and github form, exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from ..conftest import DATA, Invoke

BROKEN = DATA / "broken"
SCHEMA = json.loads(
    (resources.files("glossarykit") / "schemas" / "validate.schema.json").read_text(
        encoding="utf-8"
    )
)
FUZZY_12 = (
    "fuzzy.po:12: warning [fuzzy] the rendering of “三社联动” needs review (fuzzy); "
    "review it, then remove the flag"
)
FUZZY_24 = (
    "fuzzy.po:24: warning [fuzzy] the translated definition of “两工互动” needs review "
    "(fuzzy); review it, then remove the flag"
)
COUNT_14 = (
    "numeral-count.pot:14: error [numeral-count] “三社联动” announces 3 components but "
    "lists 2; fix the components, or flag an ordinal with ignore-numeral-count"
)


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(BROKEN)
    return BROKEN


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/data/valid: template, en, zh_Hant_TW, sources; all clean."""
    root = tmp_path / "valid"
    shutil.copytree(DATA / "valid", root)
    return root


def test_a_clean_catalogue_validates_silently(run: Invoke, valid_copy: Path) -> None:
    result = run("validate", catalogue=valid_copy)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_the_default_is_the_located_catalogue(
    run: Invoke, valid_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale = valid_copy / "locales/en/LC_MESSAGES/glossary.po"
    text = locale.read_text(encoding="utf-8")
    locale.write_text(
        text.replace("#, ignore-numeral-count\n", "#, fuzzy\n", 1), encoding="utf-8"
    )
    monkeypatch.chdir(valid_copy / "locales")
    result = run(
        "validate"
    )  # found upwards from the working folder: template and locales
    # Paths are shown relative to the working folder; the line is that of the flag.
    assert result.stdout == (
        "en/LC_MESSAGES/glossary.po:73: warning [fuzzy] the rendering of “七军会” needs "
        "review (fuzzy); review it, then remove the flag\n"
    )
    assert result.stderr == "0 errors, 1 warning in 3 files.\n"
    assert result.exit_code == 0


def test_text_output_and_exit_1_on_errors(run: Invoke, in_broken: Path) -> None:
    result = run(
        "validate", "fuzzy.po", "numeral-count.pot", "--select", "fuzzy,numeral-count"
    )
    assert result.stdout.splitlines()[:3] == [FUZZY_12, FUZZY_24, COUNT_14]
    assert len(result.stdout.splitlines()) == 5
    assert result.stderr == "3 errors, 2 warnings in 2 files.\n"
    assert result.exit_code == 1


def test_warnings_fail_only_under_fail_on_warning(run: Invoke, in_broken: Path) -> None:
    relaxed = run("validate", "fuzzy.po")
    assert (relaxed.exit_code, relaxed.stdout) == (0, f"{FUZZY_12}\n{FUZZY_24}\n")
    assert relaxed.stderr == "0 errors, 2 warnings in 1 file.\n"
    strict = run("validate", "fuzzy.po", "--fail-on", "warning")
    assert (strict.exit_code, strict.stdout) == (1, relaxed.stdout)


def test_quiet_drops_the_summary(run: Invoke, in_broken: Path) -> None:
    result = run("-q", "validate", "fuzzy.po")
    assert (result.stdout, result.stderr) == (f"{FUZZY_12}\n{FUZZY_24}\n", "")


def test_select_and_ignore_take_commas_and_repeats(
    run: Invoke, in_broken: Path
) -> None:
    both = ["fuzzy.po", "numeral-count.pot", "untranslated.po"]
    repeated = run("validate", *both, "--select", "fuzzy", "--select", "untranslated")
    commas = run("validate", *both, "--select", "fuzzy,untranslated")
    assert repeated.stdout == commas.stdout
    assert {line.split()[2] for line in commas.stdout.splitlines()} == {
        "[fuzzy]",
        "[untranslated]",
    }
    ignored = run("validate", *both, "--ignore", "fuzzy,untranslated")
    assert {line.split()[2] for line in ignored.stdout.splitlines()} == {
        "[numeral-count]"
    }
    assert ignored.exit_code == 1


def test_github_annotations(run: Invoke, in_broken: Path) -> None:
    result = run("validate", "variant-missing", "--format", "github")
    tw = "variant-missing/locales/zh_Hant_TW/LC_MESSAGES/glossary.po"
    assert result.stdout.splitlines() == [
        f"::error file={tw},title=variant-missing::“两工互动” of the template is missing; "
        "run `glossary update` and `glossary convert`",
        f"::error file={tw},line=25,title=variant-missing::“四水共治” has no variant; "
        "run `glossary convert`",
    ]
    assert result.exit_code == 1


def test_github_annotations_escape_their_separators(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "a,b:c%.po"
    shutil.copy(BROKEN / "machine-suggested.po", odd)
    monkeypatch.chdir(tmp_path)
    result = run("validate", odd.name, "--format", "github")
    assert result.stdout.startswith(
        "::warning file=a%2Cb%3Ac%25.po,line=12,title=machine-suggested::"
    )


def test_json_output_follows_its_schema(run: Invoke, in_broken: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    # The whole broken folder: both severities, a whole-file finding (line null), parse errors.
    result = run("validate", ".", "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["failed"] is True and data["fail_on"] == "warning"
    assert {f["check_id"] for f in data["findings"]} == set(data["checks"])
    assert any(f["line"] is None for f in data["findings"])
    assert data["counts"]["error"] + data["counts"]["warning"] == len(data["findings"])
    assert sum(data["counts"]["by_check"].values()) == len(data["findings"])


def test_json_output_of_a_clean_run(run: Invoke, valid_copy: Path) -> None:
    result = run("validate", "--format", "json", catalogue=valid_copy)
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["findings"] == [] and data["failed"] is False
    assert data["counts"] == {"error": 0, "warning": 0, "by_check": {}}
    assert (result.exit_code, result.stderr) == (0, "")


def test_json_key_order_is_stable(run: Invoke, in_broken: Path) -> None:
    data = json.loads(run("validate", "fuzzy.po", "--format", "json").stdout)
    assert list(data) == [
        "version",
        "files",
        "checks",
        "findings",
        "counts",
        "fail_on",
        "failed",
    ]
    assert data["findings"][0] == {
        "path": "fuzzy.po",
        "line": 12,
        "severity": "warning",
        "check_id": "fuzzy",
        "message": "the rendering of “三社联动” needs review (fuzzy); review it, then remove the flag",
        "concept_id": "t-01",
        "term": "三社联动",
    }


def test_the_broken_folder_as_text(
    run: Invoke, in_broken: Path, golden: Callable[[str, str], None]
) -> None:
    result = run("validate", ".")
    assert result.exit_code == 1
    golden("validate-broken.txt", result.stdout)


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["nope.po"],
            "Error: nope.po: no such file or folder. Pass PO/POT files or catalogue folders\n",
        ),
        (
            ["--select", "fuzzy,nope"],
            "Error: unknown check id nope. `glossary checks` lists the ids\n",
        ),
        (
            ["--ignore", "bogus"],
            "Error: unknown check id bogus. `glossary checks` lists the ids\n",
        ),
        (
            ["empty"],
            "Error: empty: nothing to check: no PO or POT file in this folder. Pass PO/POT files or a folder that holds glossary/glossary.pot\n",
        ),
    ],
)
def test_unusable_input_exits_2(
    run: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    stderr: str,
) -> None:
    (tmp_path / "empty").mkdir()
    shutil.copy(BROKEN / "fuzzy.po", tmp_path / "fuzzy.po")
    monkeypatch.chdir(tmp_path)
    result = run(
        "validate", *args, *([] if args[0] in ("nope.po", "empty") else ["fuzzy.po"])
    )
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_a_parse_error_does_not_stop_the_run(run: Invoke, in_broken: Path) -> None:
    result = run("validate", "parse-error")
    assert result.stdout.splitlines() == [
        "parse-error/still-checked.po:13: warning [fuzzy] the rendering of “长江主轴” needs "
        "review (fuzzy); review it, then remove the flag",
        "parse-error/unterminated.po:15: error [parse-error] unterminated string (a missing "
        "or unescaped double quote). Fix that line (msgfmt --check shows the same problem)",
    ]
    assert result.exit_code == 1
