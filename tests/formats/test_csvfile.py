"""CSV: the fixed header, formula escaping and its undoing, the status column, tool shapes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossarykit.errors import CatalogueParseError, UnknownFormatError
from glossarykit.formats import ExportOptions, read_catalogue, render_catalogue
from glossarykit.formats.csvfile import FIXED_COLUMNS, escape_formula, unescape_formula

from ..exchange_sample import make_sample_catalogue


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "value",
    [
        "=SUM(A1)",
        "+1",
        "-x",
        "@cmd",
        "\tx",
        "\rx",
        "'=x",
        "''",
        "'x",
        "大湖+",
        "",
        "a=b",
    ],
)
def test_escape_round_trips(value: str) -> None:
    assert unescape_formula(escape_formula(value)) == value


def test_header_starts_with_the_design_columns(tmp_path: Path) -> None:
    rows = _rows(render_catalogue(make_sample_catalogue(tmp_path), "csv"))
    assert tuple(rows[0][: len(FIXED_COLUMNS)]) == FIXED_COLUMNS
    assert rows[0][-1] == "base"
    record = dict(zip(rows[0], rows[3], strict=True))
    assert record["zh"] == "大湖+"
    assert record["note"] == "'=SUM(A1) is not a formula"  # escaped for spreadsheets
    assert record["status"] == "untranslated"  # its definition is not translated
    assert record["en_comments"] == "suggested-by: test"


def test_bom_and_no_escaping(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path)
    data = render_catalogue(
        catalogue, "csv", ExportOptions(bom=True, escape_formulas=False)
    )
    assert data.startswith("\ufeffid,zh,".encode())
    assert (
        dict(zip(*_rows(data)[0::3], strict=True))["note"]
        == "=SUM(A1) is not a formula"
    )


def _edit(tmp_path: Path, column: str, value: str, row: int = 1) -> Path:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    rows = _rows(render_catalogue(catalogue, "csv"))
    rows[row][rows[0].index(column)] = value
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_status_cell_edits_the_flags(tmp_path: Path) -> None:
    result = read_catalogue(_edit(tmp_path, "status", "approved", row=2))
    assert result.records[1]["en:flags"] == "ignore-numeral-count"
    result = read_catalogue(_edit(tmp_path / "b", "status", "needs-review", row=3))
    assert result.records[2]["en:flags"] == "fuzzy"


def test_impossible_status_is_reported(tmp_path: Path) -> None:
    result = read_catalogue(_edit(tmp_path, "status", "finished", row=2))
    # The row starts on line 4: the first row's references cell spans lines 2-3.
    assert [(u.line, u.what) for u in result.unrecognised] == [
        (
            4,
            "status 'finished' cannot be set (use approved, needs-review or machine; "
            "empty the rendering for untranslated)",
        )
    ]


def test_unknown_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "id,zh,en,Reviewer\ns-1,三社联动,three-society linkage,Li\n", encoding="utf-8"
    )
    result = read_catalogue(path)
    assert result.unrecognised[0].what == "column 'Reviewer'"
    assert result.records == [
        {"id": "s-1", "term": "三社联动", "en:rendering": "three-society linkage"}
    ]
    assert result.fields == {"id", "term", "en:rendering"}


def test_not_a_glossary_csv(tmp_path: Path) -> None:
    path = tmp_path / "omegat.csv"
    path.write_text("三社联动,three-society linkage,\n", encoding="utf-8")
    with pytest.raises(CatalogueParseError) as caught:
        read_catalogue(path)
    assert str(caught.value) == (
        f"{path}:1: not a glossary CSV: the header must start with id,zh. "
        "Only CSV exported with --csv-shape full can be imported"
    )


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'id,zh\ns-1,ok\ns-2,"bad"x\n')
    with pytest.raises(CatalogueParseError) as caught:
        read_catalogue(path)
    assert caught.value.line == 3


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("id,zh\ns-1,三社联动\n".encode("gb18030"))
    with pytest.raises(CatalogueParseError) as caught:
        read_catalogue(path)
    assert (
        str(caught.value)
        == f"{path}:2: is not valid UTF-8. Save the spreadsheet as CSV UTF-8"
    )


def test_omegat_shape_has_no_header_and_one_row_per_form(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path)
    rows = _rows(render_catalogue(catalogue, "csv", ExportOptions(csv_shape="omegat")))
    assert [r[:2] for r in rows] == [
        ["三社联动", "three-society linkage"],
        ["三社聯動", "three-society linkage"],
        ["七军会", "7th CISM Military World Games"],
        ["第七届世界军人运动会", "7th CISM Military World Games"],
        ["七軍會", "7th CISM Military World Games"],
        ["第七屆世界軍人運動會", "7th CISM Military World Games"],
    ]  # 大湖+ is a machine suggestion: left out


def test_ttk_shape_names_its_columns(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path)
    rows = _rows(render_catalogue(catalogue, "csv", ExportOptions(csv_shape="ttk")))
    assert rows[0] == [
        "location",
        "source",
        "target",
        "translator_comments",
        "developer_comments",
    ]
    assert rows[1][:3] == ["s-01", "三社联动", "three-society linkage"]
    assert len(rows) == 4  # head terms and the one synonym; no Traditional forms


def test_unknown_shape(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormatError):
        render_catalogue(
            make_sample_catalogue(tmp_path), "csv", ExportOptions(csv_shape="x")
        )
