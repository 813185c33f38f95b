"""``glossary mine`` through the CLI: output formats, errors, encodings, progress and --add."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from glossarykit.formats.po import read_po, write_po

from ..conftest import DATA, REPO, SOURCE_REPORT, Invoke

DISTRICT = DATA / "mine" / "district-2019-report.txt"
SEED_REF = "glossary/sources/wuchang-2017-work-report.txt"

DISTRICT_TEXT = """\
{path}: 18 lines
appendix: 名词解释, line 10, 3 entries
  1、 三治融合  line 12
      自治、法治、德治相结合。
      components: 自治、法治、德治
  2、 两山  line 13
      绿水青山就是金山银山。
  3、 一河一策  line 14
      每条河流制定一套治理方案，明确责任人和治理时限。
candidates: 9, 6 new, showing 5
   1. 三治融合  13  appendix numbered quoted enumerated  ×2  lines 5, 12  [appendix 1]
      components: 自治、法治、德治
      5: 深化“三治融合”，基层治理更加有效。
   2. 一河一策  12  appendix numbered quoted  ×2  lines 5, 14  [appendix 3]
      5: 践行“两山”理念，落实“一河一策”，河道水质明显好转。
   3. 两山  11  appendix numbered quoted  ×2  lines 5, 13  [appendix 2]
      5: 践行“两山”理念，落实“一河一策”，河道水质明显好转。
   4. “五个一”工程  10.5  numbered quoted campaign enumerated  ×1  lines 7
      components: 一所学校、一座公园、一条绿道、一个广场、一家医院
      7: 围绕“五个一”工程，建设一所学校、一座公园、一条绿道、一个广场、一家医院。
   5. 智慧社区+  6  quoted plus  ×1  lines 6
      6: 探索“智慧社区+”模式，打造湖滨+。
"""


def test_text_output(run: Invoke) -> None:
    result = run("mine", str(DISTRICT), "--no-known", "--limit", "5")
    assert result.exit_code == 0
    assert result.stdout == DISTRICT_TEXT.format(path=DISTRICT.as_posix())
    assert result.stderr == ""


def test_json_output(run: Invoke, golden: Callable[[str, str], None]) -> None:
    result = run("mine", str(DISTRICT), "--no-known", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    report = data["reports"][0]
    assert report["path"] == DISTRICT.as_posix()
    golden(
        "mine/district-2019.json",
        result.stdout.replace(DISTRICT.as_posix(), "DISTRICT"),
    )


def test_tsv_output(run: Invoke) -> None:
    result = run("mine", str(DISTRICT), "--no-known", "--format", "tsv")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == [
        "report",
        "rank",
        "term",
        "score",
        "kinds",
        "count",
        "lines",
        "known",
        "appendix",
        "components",
        "definition",
        "context",
    ]
    assert all(len(row) == 12 for row in rows)
    assert [row[1] for row in rows[1:]] == ["A1", "A2", "A3", *map(str, range(1, 10))]
    assert rows[7][2:] == [
        "“五个一”工程",
        "10.5",
        "numbered,quoted,campaign,enumerated",
        "1",
        "7",
        "",
        "",
        "一所学校、一座公园、一条绿道、一个广场、一家医院",
        "一所学校、一座公园、一条绿道、一个广场、一家医院。",
        "围绕“五个一”工程，建设一所学校、一座公园、一条绿道、一个广场、一家医院。",
    ]


def test_the_seed_report_top_candidates(
    run: Invoke, golden: Callable[[str, str], None]
) -> None:
    """The seed's appendix and its 40 best candidates, by the rules alone (no catalogue)."""
    result = run(
        "mine", str(SOURCE_REPORT), "--no-known", "--limit", "40", "--format", "json"
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)["reports"][0]
    assert len(report["appendix"]["entries"]) == 17
    assert len(report["candidates"]) == 40
    golden(
        "mine/seed-top40.json", result.stdout.replace(SOURCE_REPORT.as_posix(), "SEED")
    )


def test_known_terms_are_marked_and_new_only_leaves_them_out(
    run: Invoke, catalogue_copy: Path
) -> None:
    report = catalogue_copy / SEED_REF
    result = run("mine", str(report), "--format", "json", catalogue=catalogue_copy)
    data = json.loads(result.stdout)["reports"][0]
    known = {c["term"]: c["known"] for c in data["candidates"] if c["known"]}
    assert known["三社联动"] == "wc2017-a06"
    assert known["长江主轴"] == "wc2017-a02"
    assert {e["known"] for e in data["appendix"]["entries"]} == {
        f"wc2017-a{n:02d}" for n in range(1, 18)
    }
    result = run(
        "mine", str(report), "--new-only", "--format", "json", catalogue=catalogue_copy
    )
    data = json.loads(result.stdout)["reports"][0]
    assert data["appendix"]["entries"] == []
    assert all(c["known"] is None and c["appendix"] is None for c in data["candidates"])


def test_nothing_found_exits_1_like_grep(run: Invoke, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("一年来，我们做了三个方面的工作。\n", encoding="utf-8")
    result = run("mine", str(plain), "--no-known")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: no appendix entries and no candidates in {plain}\n"
    result = run("mine", str(plain), "--no-known", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["reports"][0]["candidates"] == []


def test_binary_input_is_refused_with_its_line(run: Invoke, tmp_path: Path) -> None:
    binary = tmp_path / "report.doc"
    binary.write_bytes("深化“三社联动”。\n".encode() + b"\x00\x01\x02")
    result = run("mine", str(binary), "--no-known")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {binary}:2: is binary, not text (it holds a NUL byte). "
        "Give a plain-text file (UTF-8 or GB18030)\n"
    )


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-8-sig"])
def test_gb18030_gbk_and_bom_are_detected(
    run: Invoke, tmp_path: Path, codec: str
) -> None:
    converted = tmp_path / "report.txt"
    converted.write_bytes(DISTRICT.read_text(encoding="utf-8").encode(codec))
    result = run("mine", str(converted), "--no-known", "--limit", "5")
    assert result.exit_code == 0
    assert result.stdout == DISTRICT_TEXT.format(path=converted.as_posix())


def test_encoding_option(run: Invoke, tmp_path: Path) -> None:
    converted = tmp_path / "report.txt"
    converted.write_bytes(DISTRICT.read_text(encoding="utf-8").encode("gb18030"))
    result = run(
        "mine", str(converted), "--no-known", "--encoding", "gb18030", "--limit", "5"
    )
    assert result.stdout == DISTRICT_TEXT.format(path=converted.as_posix())
    result = run("mine", str(converted), "--no-known", "--encoding", "utf-8")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {converted}:1: does not decode as utf-8. "
        "Save it as UTF-8, or name its encoding with --encoding (e.g. gb18030)\n"
    )
    result = run("mine", str(converted), "--no-known", "--encoding", "klingon")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown encoding 'klingon'. Name a Python codec such as utf-8, gb18030 or big5\n"
    )


def test_a_missing_report_is_a_usage_error(run: Invoke, tmp_path: Path) -> None:
    result = run("mine", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_progress_bar_for_many_reports_never_in_quiet(
    run: Invoke, tmp_path: Path
) -> None:
    paths = []
    for number in range(10):
        path = tmp_path / f"r{number}.txt"
        shutil.copy(DISTRICT, path)
        paths.append(str(path))
    result = run("mine", *paths, "--no-known", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Mining")
    assert len(json.loads(result.stdout)["reports"]) == 10
    result = run("-q", "mine", *paths, "--no-known", "--format", "json")
    assert result.stderr == ""
    result = run("mine", paths[0], "--no-known", "--format", "json")
    assert result.stderr == ""


def test_help_explains_the_ranking(run: Invoke) -> None:
    result = run("mine", "--help")
    assert "Candidates are ranked by score" in result.stdout
    assert "Examples:" in result.stdout


# --- --add ----------------------------------------------------------------------------------


@pytest.fixture
def annotated_only(tmp_path: Path) -> Path:
    """A catalogue of the seed's 17 annotated concepts only (the template and English), so
    that these tests do not move when editors add mined concepts to the real one."""
    root = tmp_path / "cat"
    sources = root / "glossary" / "sources"
    sources.mkdir(parents=True)
    shutil.copy(SOURCE_REPORT, sources)
    for relative in ("glossary/glossary.pot", "locales/en/LC_MESSAGES/glossary.po"):
        file = read_po(REPO / relative)
        file.concepts = [c for c in file.concepts if c.origin == "annotated"]
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(write_po(file), encoding="utf-8")
    return root


def test_add_twice_leaves_the_catalogue_byte_identical(
    run: Invoke, annotated_only: Path
) -> None:
    template = annotated_only / "glossary" / "glossary.pot"
    english = annotated_only / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    before, english_before = template.read_bytes(), english.read_bytes()
    report = str(annotated_only / SEED_REF)
    args = ("mine", report, "--new-only", "--limit", "30", "--add", "--format", "tsv")

    first = run(*args, catalogue=annotated_only)
    assert first.exit_code == 0
    after = template.read_bytes()
    assert after.startswith(before)  # existing concepts untouched, new ones appended
    added = after[len(before) :].decode()
    assert "#. id: wc2017-m01\n#. origin: mined\n" in added
    assert first.stderr.startswith("Added ")
    assert first.stderr.endswith(
        ".\nRun `glossary update` to carry them into the locale catalogues.\n"
    )
    assert english.read_bytes() == english_before  # --add touches only the template

    second = run(*args, catalogue=annotated_only)
    assert second.exit_code == 1  # everything shown before is known now
    assert second.stderr == (
        "Nothing new to add to glossary/glossary.pot.\n"
        f"Error: no appendix entries and no candidates in {report}. "
        "Drop --new-only to see known terms\n"
    )
    assert template.read_bytes() == after
    third = run(
        "mine",
        report,
        "--limit",
        "30",
        "--add",
        "--format",
        "json",
        catalogue=annotated_only,
    )
    assert third.exit_code == 0
    assert template.read_bytes() == after


def test_added_concepts(run: Invoke, annotated_only: Path) -> None:
    report = str(annotated_only / SEED_REF)
    run(
        "-q",
        "mine",
        report,
        "--new-only",
        "--limit",
        "30",
        "--add",
        catalogue=annotated_only,
    )
    result = run("lookup", "“三办”改革", "--format", "json", catalogue=annotated_only)
    concept = json.loads(result.stdout)["concepts"][0]
    assert concept["id"].startswith("wc2017-m")
    assert concept["origin"] == "mined"
    assert concept["status"] == "untranslated"
    assert concept["components"] == ["马上办", "网上办", "一次办"]
    assert concept["definition"] == "马上办、网上办、一次办。"
    assert concept["references"] == [f"{SEED_REF}:60"]
    result = run("lookup", "一岗双责", "--format", "json", catalogue=annotated_only)
    concept = json.loads(result.stdout)["concepts"][0]
    assert (concept["definition"], concept["components"]) == ("", [])


@pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext is not installed"
)
def test_the_template_stays_valid_for_msgfmt(run: Invoke, annotated_only: Path) -> None:
    report = str(annotated_only / SEED_REF)
    run("-q", "mine", report, "--new-only", "--add", catalogue=annotated_only)
    template = annotated_only / "glossary" / "glossary.pot"
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(template)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_add_with_a_prefix_and_a_report_outside_the_catalogue(
    run: Invoke, annotated_only: Path
) -> None:
    result = run(
        "mine",
        str(DISTRICT),
        "--add",
        "--prefix",
        "d2019",
        "--format",
        "tsv",
        catalogue=annotated_only,
    )
    assert result.exit_code == 0
    text = (annotated_only / "glossary" / "glossary.pot").read_text(encoding="utf-8")
    assert "#. id: d2019-a01\n#. origin: annotated 1\n" in text
    assert (
        f'#: {DISTRICT.as_posix()}:5\n#: {DISTRICT.as_posix()}:12\nmsgid "三治融合"'
        in text
    )
    assert "#. id: d2019-m01\n#. origin: mined\n" in text
