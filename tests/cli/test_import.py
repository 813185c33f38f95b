"""``glossary import``: the diff, three-way merge and conflicts, dry runs, PO, errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossarykit.services.catalogue import load_catalogue, save_catalogue

from ..conftest import Invoke
from ..exchange_sample import make_sample_catalogue
from ..strategies import catalogue_bytes

EN_PO = Path("locales/en/LC_MESSAGES/glossary.po")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    make_sample_catalogue(tmp_path / "cat")
    return tmp_path / "cat"


def export_csv(run: Invoke, root: Path) -> list[list[str]]:
    result = run("export", "--format", "csv", catalogue=root)
    return list(csv.reader(io.StringIO(result.stdout, newline="")))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def edit(rows: list[list[str]], row: int, column: str, value: str) -> None:
    rows[row][rows[0].index(column)] = value


def set_rendering(root: Path, term: str, value: str) -> None:
    catalogue = load_catalogue(root)
    concept = catalogue.locales["en"].get(term)
    assert concept is not None
    concept.target = value
    save_catalogue(catalogue)


def test_dry_run_prints_the_diff_and_writes_nothing(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    rows = export_csv(run, sample)
    edit(rows, 1, "en", "three-sector linkage")
    edit(rows, 2, "status", "approved")
    path = write_csv(tmp_path / "edited.csv", rows)
    before = catalogue_bytes(sample)
    result = run("import", str(path), "--dry-run", catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == (
        "  s-01 三社联动\n"
        '~ en:rendering: "three-society linkage" -> "three-sector linkage"\n'
        "  s-02 七军会\n"
        '~ en:flags: "fuzzy, ignore-numeral-count" -> "ignore-numeral-count"\n'
    )
    assert result.stderr == (
        f"{path}: 0 concepts added, 2 fields changed, 0 conflicts, "
        "0 newer catalogue values kept. Dry run: nothing written.\n"
    )
    assert catalogue_bytes(sample) == before


def test_import_writes_the_changed_files_only(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    rows = export_csv(run, sample)
    edit(rows, 3, "note", "'=A1 stays text")
    path = write_csv(tmp_path / "edited.csv", rows)
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == (
        '  s-03 大湖+\n~ en:note: "=SUM(A1) is not a formula" -> "=A1 stays text"\n'
    )
    assert result.stderr.endswith("Wrote locales/en/LC_MESSAGES/glossary.po.\n")
    assert "# note: =A1 stays text\n" in (sample / EN_PO).read_text(encoding="utf-8")
    again = run("import", str(path), catalogue=sample)
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr.endswith("0 newer catalogue values kept. Nothing to write.\n")


def test_catalogue_edit_since_export_is_kept(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "old.csv", export_csv(run, sample))
    set_rendering(sample, "三社联动", "three-sector linkage")
    before = catalogue_bytes(sample)
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == (
        "  s-01 三社联动\n"
        '= en:rendering: newer in the catalogue, kept "three-sector linkage" '
        '(file: "three-society linkage")\n'
    )
    assert catalogue_bytes(sample) == before


@pytest.fixture
def conflicting(run: Invoke, sample: Path, tmp_path: Path) -> Path:
    rows = export_csv(run, sample)
    edit(rows, 1, "en", "three-party linkage")
    edit(rows, 2, "en_avoid", "Military World Games")
    set_rendering(sample, "三社联动", "three-sector linkage")
    return write_csv(tmp_path / "both.csv", rows)


def test_conflict_blocks_and_writes_nothing(
    run: Invoke, sample: Path, conflicting: Path
) -> None:
    before = catalogue_bytes(sample)
    result = run("import", str(conflicting), catalogue=sample)
    assert result.exit_code == 1
    assert result.stdout == (
        "  s-01 三社联动\n"
        '! en:rendering: conflict: catalogue "three-sector linkage", file "three-party linkage"\n'
        "  s-02 七军会\n"
        '~ en:avoid: "World Military Games" -> "Military World Games"\n'
    )
    assert result.stderr == (
        f"{conflicting}: 0 concepts added, 1 field changed, 1 conflict, "
        "0 newer catalogue values kept. Nothing written: rerun with --theirs (take the "
        "file's values) or --ours (keep the catalogue's).\n"
    )
    assert catalogue_bytes(sample) == before


@pytest.mark.parametrize(
    ("flag", "rendering"),
    [("--theirs", "three-party linkage"), ("--ours", "three-sector linkage")],
)
def test_conflict_resolution(
    run: Invoke, sample: Path, conflicting: Path, flag: str, rendering: str
) -> None:
    result = run("import", str(conflicting), flag, catalogue=sample)
    assert result.exit_code == 0
    catalogue = load_catalogue(sample)
    assert catalogue.locales["en"].concepts[0].target == rendering
    assert catalogue.locales["en"].concepts[1].avoid == ["Military World Games"]


def test_tbx_edit_is_imported(run: Invoke, sample: Path, tmp_path: Path) -> None:
    text = run("export", catalogue=sample).stdout
    edited = text.replace(
        "<term>three-society coordination</term>",
        "<term>three-society cooperation</term>",
    )
    path = tmp_path / "edited.tbx"
    path.write_text(edited, encoding="utf-8")
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == (
        "  s-01 三社联动\n"
        '~ en:alt: "three-society coordination" -> "three-society cooperation"\n'
    )
    assert load_catalogue(sample).locales["en"].concepts[0].alternatives == [
        "three-society cooperation"
    ]


def test_new_concept_is_added_everywhere(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    rows = export_csv(run, sample)
    new = [""] * len(rows[0])
    for column, value in [
        ("id", "s-04"),
        ("zh", "四水共治"),
        ("en", "four-water co-governance"),
        ("definition_zh", "防洪水、排涝水、治污水、保供水。"),
        ("origin", "mined"),
    ]:
        new[rows[0].index(column)] = value
    path = write_csv(tmp_path / "new.csv", [*rows, new])
    result = run("import", str(path), catalogue=sample)
    assert (result.exit_code, result.stdout) == (0, "+ s-04 四水共治\n")
    catalogue = load_catalogue(sample)
    assert catalogue.concepts[-1].term == "四水共治"
    assert catalogue.locales["en"].concepts[-1].target == "four-water co-governance"
    assert catalogue.locales["zh_Hant_TW"].concepts[-1].target == ""


def test_renamed_term_makes_translations_fuzzy(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    rows = export_csv(run, sample)
    edit(rows, 1, "zh", "三社联动机制")
    path = write_csv(tmp_path / "renamed.csv", rows)
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 0
    english = load_catalogue(sample).locales["en"].concepts[0]
    assert (english.term, english.flags, english.previous_term) == (
        "三社联动机制",
        ["fuzzy"],
        "三社联动",
    )
    assert english.definition_context == "definition|三社联动机制"


def test_po_import_without_export_record_is_all_conflicts(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    text = (sample / EN_PO).read_text(encoding="utf-8")
    path = tmp_path / "reviewed.po"
    path.write_text(
        text.replace('msgstr "Great Lakes Plus"', 'msgstr "Greater Lakes Plus"'),
        encoding="utf-8",
    )
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 1
    assert result.stdout == (
        "  s-03 大湖+\n"
        '! en:rendering: conflict: catalogue "Great Lakes Plus", file "Greater Lakes Plus"\n'
    )
    result = run("import", str(path), "--theirs", catalogue=sample)
    assert result.exit_code == 0
    assert (
        load_catalogue(sample).locales["en"].concepts[2].target == "Greater Lakes Plus"
    )


def test_po_without_language_needs_locale(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    text = (
        (sample / EN_PO).read_text(encoding="utf-8").replace('"Language: en\\n"\n', "")
    )
    path = tmp_path / "nolang.po"
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: cannot tell which locale this PO holds (no Language header). "
        "Pass --locale\n"
    )
    result = run("import", str(path), "--locale", "en", catalogue=sample)
    assert (result.exit_code, result.stdout) == (0, "")


def test_unrecognised_columns_are_reported(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    rows = export_csv(run, sample)
    rows[0].append("Reviewer")
    for row in rows[1:]:
        row.append("Li")
    path = write_csv(tmp_path / "extra.csv", rows)
    result = run("import", str(path), "--dry-run", catalogue=sample)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {path}:1: ignored column 'Reviewer'\n")


def test_malformed_file_is_one_line_and_exit_2(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "broken.tbx"
    path.write_text("<martif>\n<text>\n</martif>\n", encoding="utf-8")
    before = catalogue_bytes(sample)
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}:3: not well-formed XML (")
    assert result.stderr.count("\n") == 1
    assert catalogue_bytes(sample) == before


def test_unreadable_formats(run: Invoke, sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text("[]\n", encoding="utf-8")
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: json files cannot be imported. Import one of: tbx, tbx3, csv, po, xlsx\n"
    )
    unknown = run("import", str(tmp_path / "g.ods"), catalogue=sample)
    assert unknown.stderr == (
        f"Error: {tmp_path / 'g.ods'}: cannot tell the format from the extension "
        "'.ods'. Pass --format (tbx, tbx3, csv, tsv, po, mo, json, xlsx)\n"
    )
    missing = run("import", str(tmp_path / "none.csv"), catalogue=sample)
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"Error: {tmp_path / 'none.csv'}: no such file\n",
    )
