"""XLSX: the workbook's shape, lossless round trips, edits made in a spreadsheet, bad files,
and the file opened by a program we did not write (LibreOffice)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

from glossarykit.errors import CatalogueParseError, GlossaryError
from glossarykit.formats import ExportOptions, format_for, read_catalogue
from glossarykit.formats.csvfile import full_columns
from glossarykit.model import Catalogue
from glossarykit.services.catalogue import load_catalogue, save_catalogue
from glossarykit.services.exchange import export_catalogue

from ..conftest import Invoke
from ..exchange_sample import make_sample_catalogue
from ..strategies import catalogue_bytes, catalogues, save_new_catalogue
from .test_exchange_roundtrip import assert_round_trip

SOFFICE = shutil.which("soffice")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    make_sample_catalogue(tmp_path / "cat")
    return tmp_path / "cat"


def export(root: Path, **options: object) -> bytes:
    return export_catalogue(load_catalogue(root), "xlsx", ExportOptions(**options))  # type: ignore[arg-type]


def sheet_of(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data)).active


def test_the_extension_names_the_format() -> None:
    assert format_for(Path("glossary.XLSX")).name == "xlsx"


def test_one_sheet_with_the_csv_columns_frozen_filtered_and_wrapped(
    sample: Path,
) -> None:
    data = export(sample)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["glossary"]
    sheet = workbook.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header == full_columns(["en", "zh_Hant_TW"])
    assert header[:15] == [
        "id", "zh", "zh_Hant_TW", "zh_Hant_HK", "en", "en_alt", "en_avoid",
        "definition_zh", "definition_en", "origin", "components", "domain", "status",
        "references", "note",
    ]  # fmt: skip
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    column = {name: i + 1 for i, name in enumerate(header)}
    definition = sheet.cell(2, column["definition_en"])
    assert definition.alignment.wrap_text
    assert not sheet.cell(2, column["id"]).alignment.wrap_text
    widths = {
        name: sheet.column_dimensions[sheet.cell(1, i).column_letter].width
        for name, i in column.items()
    }
    assert widths["definition_en"] == 60 and widths["id"] == 14 and widths["en"] == 32
    assert sheet.max_row == 4


def test_cells_are_text_never_formulas(sample: Path) -> None:
    sheet = sheet_of(export(sample))
    header = [c.value for c in sheet[1]]
    note = sheet.cell(4, header.index("note") + 1)
    # The CSV writes '=SUM(A1)…; a text cell needs no escape and is never run.
    assert note.value == "=SUM(A1) is not a formula"
    assert note.data_type == "s"
    assert sheet.cell(3, header.index("synonyms") + 1).value == (
        "第七届世界军人运动会 (fullForm)"
    )
    assert (
        sheet.cell(2, header.index("en_alt") + 1).value == "three-society coordination"
    )


def test_the_same_catalogue_gives_the_same_bytes(sample: Path) -> None:
    first = export(sample)
    assert export(sample) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 30, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-11-30T00:00:00Z</dcterms:modified>" in core


def test_sample_round_trip(sample: Path, tmp_path: Path) -> None:
    assert_round_trip(sample, tmp_path, "xlsx", ExportOptions())


def test_full_glossary_round_trip(catalogue_copy: Path, tmp_path: Path) -> None:
    assert_round_trip(catalogue_copy, tmp_path, "xlsx", ExportOptions())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_generated_catalogue_round_trip(catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        save_new_catalogue(catalogue, work / "cat")
        assert_round_trip(work / "cat", work, "xlsx", ExportOptions())


def test_ooxml_escapes_and_edge_text_survive(sample: Path, tmp_path: Path) -> None:
    catalogue = load_catalogue(sample)
    english = catalogue.locales["en"].concepts[0]
    # After the other note: comments of one key stay together (the canonical order).
    english.comments.insert(3, "note: a_x0041_b, _x005F_x0041_ and _x12_ stay literal")
    english.definition_target = "  =SUM(A1)\r\n“quoted” <b>&amp;</b>\tend  "
    save_catalogue(catalogue)
    assert_round_trip(sample, tmp_path, "xlsx", ExportOptions())


def edited(data: bytes, changes: dict[tuple[int, str], object]) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    for (row, column), value in changes.items():
        sheet.cell(row, header.index(column) + 1).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_edit_made_in_a_spreadsheet_is_imported(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "edited.xlsx"
    path.write_bytes(
        edited(
            export(sample),
            {(2, "en"): "three-sector linkage", (3, "status"): "approved"},
        )
    )
    before = catalogue_bytes(sample)
    result = run("import", str(path), "--dry-run", catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == (
        "  s-01 三社联动\n"
        '~ en:rendering: "three-society linkage" -> "three-sector linkage"\n'
        "  s-02 七军会\n"
        '~ en:flags: "fuzzy, ignore-numeral-count" -> "ignore-numeral-count"\n'
    )
    assert catalogue_bytes(sample) == before
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 0
    rendering = load_catalogue(sample).locales["en"].concepts[0].target
    assert rendering == "three-sector linkage"


def test_numbers_typed_into_cells_are_read_as_text(
    sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "numbers.xlsx"
    path.write_bytes(
        edited(export(sample), {(2, "components"): 125, (3, "domain"): 2.0})
    )
    records = read_catalogue(path).records
    assert records[0]["components"] == "125"
    assert records[1]["domain"] == "2"


def test_export_and_import_through_the_cli(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "glossary.xlsx"
    result = run("export", "--format", "xlsx", "-o", str(path), catalogue=sample)
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {path} (xlsx, 3 concepts).\n"
    assert path.read_bytes() == export(sample)
    again = run("import", str(path), catalogue=sample)
    assert again.exit_code == 0
    assert again.stdout == ""


def test_a_file_that_is_no_workbook(run: Invoke, sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    path.write_text("id,zh\n", encoding="utf-8")
    before = catalogue_bytes(sample)
    result = run("import", str(path), catalogue=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}: not a readable XLSX workbook (BadZipFile: File is not a zip "
        "file). Save it from the spreadsheet as Excel 2007-365 (.xlsx)\n"
    )
    assert catalogue_bytes(sample) == before


def test_a_workbook_that_is_no_glossary(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["term", "translation"])
    path = tmp_path / "other.xlsx"
    workbook.save(path)
    with pytest.raises(CatalogueParseError) as caught:
        read_catalogue(path)
    assert str(caught.value) == (
        f"{path}:1: not a glossary workbook: the first row must start with id, zh. "
        "Only XLSX exported with `glossary export --format xlsx` can be imported"
    )


def test_text_a_cell_cannot_hold_is_refused(sample: Path) -> None:
    catalogue = load_catalogue(sample)
    catalogue.locales["en"].concepts[0].definition_target = "x" * 32768
    with pytest.raises(GlossaryError) as caught:
        export_catalogue(catalogue, "xlsx", ExportOptions())
    assert str(caught.value) == (
        "row 2, column definition_en: 32768 characters, more than a spreadsheet cell "
        "holds (32767). Shorten the text, or export CSV"
    )
    catalogue.locales["en"].concepts[0].definition_target = "bell \x07"
    with pytest.raises(GlossaryError) as caught:
        export_catalogue(catalogue, "xlsx", ExportOptions())
    assert str(caught.value) == (
        "row 2, column definition_en: a control character that XLSX cannot hold. "
        "Remove it from the catalogue, or export CSV"
    )


def soffice_csv(workbook: Path, work: Path) -> list[list[str]]:
    """The workbook converted to CSV by LibreOffice (UTF-8, comma, quote ")."""
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false",
            "--outdir",
            str(work),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (work / workbook.with_suffix(".csv").name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)",
)
def test_libreoffice_reads_every_cell(catalogue_copy: Path, tmp_path: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    english = catalogue.locales["en"].concepts[0]
    english.comments.append("note: =SUM(A1), a_x0041_b and +1 stay text")
    save_catalogue(catalogue)
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(export(catalogue_copy))
    expected = list(
        csv.reader(
            io.StringIO(
                export_catalogue(
                    load_catalogue(catalogue_copy),
                    "csv",
                    ExportOptions(escape_formulas=False),
                ).decode("utf-8"),
                newline="",
            )
        )
    )
    found = soffice_csv(path, tmp_path)
    width = len(expected[0])
    assert [row + [""] * (width - len(row)) for row in found] == expected
    assert len(expected) == len(catalogue.concepts) + 1
