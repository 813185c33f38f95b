"""`glossary check`: findings in text, JSON and GitHub form; exit 1 on findings, 0 clean, 2 bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import DATA, Invoke

QA = DATA / "qa"
CATALOGUE = QA / "catalogue"
SAMPLE = QA / "sample.tsv"

EXPECTED_TEXT = f"""\
{SAMPLE}:3: 三社联动: the target has none of the approved renderings “three-society linkage” or “three-society coordination” [missing-rendering]
{SAMPLE}:5: 长江主轴: the target uses “Yangtze River spindle”, a rendering to avoid; use “Yangtze River main axis” or “Changjiang Axis” [avoided-rendering]
{SAMPLE}:7: 四水共治: the target uses “four waters”, a rendering to avoid; use “four-water co-governance” [avoided-rendering]
{SAMPLE}:9: 红色引擎工程: the target uses “Red Engine Engineering”, a rendering to avoid; use “Red Engine Project” [avoided-rendering]
{SAMPLE}:11: 第七届世界军人运动会 (七军会): the target has none of the approved renderings “7th CISM Military World Games” or “Seventh Military World Games” [missing-rendering]
{SAMPLE}:16: 四水共治: the target has none of the approved renderings “four-water co-governance” [missing-rendering]
"""


def test_text_findings_one_line_each_and_exit_1(run: Invoke) -> None:
    result = run("check", str(SAMPLE), catalogue=CATALOGUE)
    assert result.exit_code == 1
    assert result.stdout == EXPECTED_TEXT
    assert result.stderr == "6 findings in 18 segments (16 with glossary terms).\n"


@pytest.mark.parametrize("name", ["sample.po", "sample-1.2.xlf", "sample-2.0.xlf"])
def test_every_input_format_gives_the_same_findings(run: Invoke, name: str) -> None:
    result = run("check", str(QA / name), "--format", "json", catalogue=CATALOGUE)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["check"], f["id"]) for f in data["findings"]] == [
        ("missing-rendering", "qa-01"),
        ("avoided-rendering", "qa-02"),
        ("avoided-rendering", "qa-03"),
        ("avoided-rendering", "qa-04"),
        ("missing-rendering", "qa-05"),
        ("missing-rendering", "qa-03"),
    ]


def test_json_report(run: Invoke) -> None:
    result = run("check", str(SAMPLE), "--format", "json", catalogue=CATALOGUE)
    data = json.loads(result.stdout)
    assert list(data) == ["file", "segments", "segments_with_terms", "findings"]
    assert (data["file"], data["segments"], data["segments_with_terms"]) == (
        str(SAMPLE),
        18,
        16,
    )
    assert data["findings"][1] == {
        "check": "avoided-rendering",
        "file": str(SAMPLE),
        "line": 5,
        "segment": "",
        "id": "qa-02",
        "term": "长江主轴",
        "form": "长江主轴",
        "expected": ["Yangtze River main axis", "Changjiang Axis"],
        "found": "Yangtze River spindle",
        "message": "长江主轴: the target uses “Yangtze River spindle”, a rendering to avoid; "
        "use “Yangtze River main axis” or “Changjiang Axis”",
    }


def test_xliff_findings_carry_the_segment_id(run: Invoke) -> None:
    result = run(
        "check", str(QA / "sample-2.0.xlf"), "--format", "json", catalogue=CATALOGUE
    )
    data = json.loads(result.stdout)
    assert [f["segment"] for f in data["findings"]] == [
        "u3/1",
        "u5/1",
        "u7/1",
        "u9/1",
        "u11/1",
        "u16/1",
    ]


def test_github_annotations(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "a,b.tsv"
    path.write_text(
        "打造长江主轴。\tBuild the Yangtze River spindle: 100%\n", encoding="utf-8"
    )
    result = run("check", str(path), "--format", "github", catalogue=CATALOGUE)
    assert result.exit_code == 1
    assert result.stderr == "1 finding in 1 segment (1 with glossary terms).\n"
    escaped = str(path).replace(",", "%2C")
    assert result.stdout == (
        f"::error file={escaped},line=1,title=glossary avoided-rendering::"
        "长江主轴: the target uses “Yangtze River spindle”, a rendering to avoid; "
        "use “Yangtze River main axis” or “Changjiang Axis”\n"
    )


def test_a_clean_translation_exits_0(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "clean.tsv"
    path.write_text(
        "深化三社联动。\tDeepen the Three-Society Linkages.\n"
        "对接长江主轴。\tAlign with the Changjiang axis.\n"
        "地区生产总值\tGDP\n",
        encoding="utf-8",
    )
    result = run("check", str(path), catalogue=CATALOGUE)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No findings in 3 segments (2 with glossary terms).\n"


def test_quiet_prints_only_findings(run: Invoke) -> None:
    result = run("-q", "check", str(SAMPLE), catalogue=CATALOGUE)
    assert result.exit_code == 1
    assert result.stdout == EXPECTED_TEXT
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "bad.tsv",
            "三社联动\tok\nno tab here\n",
            "{path}:2: has no TAB between the Chinese and the English. "
            "Write each segment as Chinese<TAB>English on one line",
        ),
        (
            "bad.docx",
            "x",
            "{path}: cannot tell the format of a .docx file. Name it .po (bilingual PO), "
            ".xlf/.xliff (XLIFF 1.2 or 2.0) or .tsv (Chinese<TAB>English lines)",
        ),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    run: Invoke, tmp_path: Path, name: str, content: str, error: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("check", str(path), catalogue=CATALOGUE)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: " + error.format(path=path) + "\n"


def test_a_missing_file_exits_2(run: Invoke, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "none.po"), catalogue=CATALOGUE)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {tmp_path / 'none.po'}: no such file. Check the path\n"
    )


def test_malformed_xml_names_its_line_and_what_to_do(
    run: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text("<xliff version='1.2'>\n<file>", encoding="utf-8")
    result = run("check", str(path), catalogue=CATALOGUE)
    assert result.exit_code == 2
    # The reason in brackets is libxml2's own wording, which varies between versions.
    assert result.stderr.startswith(f"Error: {path}:2: is not well-formed XML (")
    assert result.stderr.endswith(
        "). Fix the XML there, or export the file again from the CAT tool\n"
    )


def test_a_locale_the_catalogue_lacks_is_refused(run: Invoke) -> None:
    # Checking against no renderings at all would pass everything silently.
    result = run("check", str(SAMPLE), "--locale", "fr", catalogue=CATALOGUE)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the catalogue has no fr locale. "
        "Use --locale with one it has (en, zh_Hant_TW)\n"
    )
