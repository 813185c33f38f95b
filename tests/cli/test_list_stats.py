"""`glossary list` and `glossary stats`, and the CLI's error boundary."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from glossarykit.cli import cli

from ..conftest import REPO, Invoke


def test_list_text_has_one_line_per_concept(run: Invoke) -> None:
    result = run("list", "--origin", "annotated", catalogue=REPO)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert len(lines) == 17
    assert lines[5] == "wc2017-a06  三社联动              three-society linkage"


def test_list_table_aligns_cjk_columns(run: Invoke) -> None:
    result = run(
        "list",
        "--origin",
        "annotated",
        "--domain",
        "公共安全",
        "--format",
        "table",
        catalogue=REPO,
    )
    assert result.stdout == (
        "id          term                rendering                                            origin     domain    status\n"
        "----------  ------------------  ---------------------------------------------------  ---------  --------  --------\n"
        "wc2017-a07  三打击两整治一提升  three crackdowns, two clean-ups and one improvement  annotated  公共安全  approved\n"
        "wc2017-a15  一感两度两率        one sense, two satisfaction ratings and two rates    annotated  公共安全  approved\n"
    )


def test_list_csv_and_json_agree(run: Invoke) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(run("list", "--format", "csv", catalogue=REPO).stdout)
        )
    )
    records = json.loads(run("list", "--format", "json", catalogue=REPO).stdout)
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["rendering"] == records[0]["rendering"]
    jsonl = run("list", "--format", "jsonl", catalogue=REPO).stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == records


def test_list_status_filter_finds_untranslated(
    run: Invoke, catalogue_copy: Path
) -> None:
    english = catalogue_copy / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    text = english.read_text(encoding="utf-8").replace(
        'msgstr "four report cards"', 'msgstr ""'
    )
    english.write_text(text, encoding="utf-8")
    result = run("list", "--status", "untranslated", catalogue=catalogue_copy)
    assert result.stdout == "wc2017-a11  四张成绩单\n"


def test_stats_counts_origins_domains_and_locales(run: Invoke) -> None:
    data = json.loads(run("stats", "--format", "json", catalogue=REPO).stdout)
    assert data["concepts"] == len(
        json.loads(run("list", "--format", "json", catalogue=REPO).stdout)
    )
    assert data["origins"]["annotated"] == 17
    assert sum(data["domains"].values()) == data["concepts"]
    assert (
        data["locales"]["en"]["untranslated"] + data["locales"]["en"]["approved"]
        <= data["concepts"]
    )
    text = run("stats", catalogue=REPO).stdout
    assert text.startswith(f"concepts  {data['concepts']}\n")
    assert "\nen  " in text


def test_unknown_option_is_a_usage_error(run: Invoke) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["list", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_internal_errors_are_one_line_with_exit_70(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("glossarykit.cli.lookup.lookup_at", broken)
    result = CliRunner().invoke(cli, ["--catalogue", str(REPO), "lookup", "x"])
    assert result.exit_code == 70
    assert result.stderr == "internal error: RuntimeError: boom (rerun with --debug)\n"
    debug = CliRunner().invoke(
        cli, ["--debug", "--catalogue", str(REPO), "lookup", "x"]
    )
    assert isinstance(debug.exception, RuntimeError)


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "glossarykit",
            "--catalogue",
            str(REPO),
            "lookup",
            "九定",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "九定  nine-point standardization"
