"""XLSX for spreadsheet users and agencies (openpyxl): one sheet with the full CSV's columns.

Only this module imports openpyxl, and only when an XLSX file is written or read. The rows
are the CSV module's (``csvfile``), so both formats carry the same fields and import the
same way. Every cell is a text cell, which a spreadsheet never runs as a formula, so no
``'`` escaping is needed. The same catalogue gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import warnings
import zipfile
from typing import Any, BinaryIO

from ..errors import CatalogueParseError, GlossaryError
from ..model import Catalogue
from .base import ExportOptions, ReadResult
from .csvfile import (
    BASE_COLUMN,
    CsvFormat,
    _drop_unused_locales,
    escape_formula,
)

SHEET_TITLE = "glossary"
# Excel's limit on the characters of one cell.
CELL_LIMIT = 32767
# Column widths in characters (a CJK character takes about two).
WIDTHS = {
    "id": 14,
    "zh": 20,
    "zh_Hant_TW": 20,
    "zh_Hant_HK": 20,
    "en": 32,
    "en_alt": 32,
    "en_avoid": 28,
    "definition_zh": 60,
    "definition_en": 60,
    "origin": 14,
    "components": 30,
    "domain": 14,
    "status": 14,
    "references": 50,
    "note": 60,
    BASE_COLUMN: 16,
}
DEFAULT_WIDTH = 24
# Short codes, not prose: these stay on one line.
UNWRAPPED = {"id", "origin", "domain", "status", BASE_COLUMN}
# OOXML escapes a character as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19): a literal "_x0041_"
# is written "_x005F_x0041_" so that Excel and LibreOffice do not read it as "A".
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPED = re.compile(r"_x005[Ff]_(?=x[0-9A-Fa-f]{4}_)")
_DATE_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)")
_EPOCH = datetime.datetime(1980, 1, 1)


class XlsxFormat(CsvFormat):
    """XLSX: the full CSV shape as a workbook for Excel, LibreOffice and CAT tools."""

    name: str = "xlsx"
    extensions: tuple[str, ...] = (".xlsx",)
    description: str = (
        "Excel and LibreOffice; memoQ, Phrase, Trados MultiTerm (map the columns)"
    )
    can_read: bool = True
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """One sheet: a bold, frozen, filtered header row, wrapped text, fixed widths."""
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        rows = self._rows(catalogue, dataclasses.replace(options, csv_shape="full"))
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None  # a new workbook has one sheet
        sheet.title = SHEET_TITLE
        header, body = rows[0], rows[1:]
        wrap = Alignment(wrap_text=True, vertical="top")
        top = Alignment(vertical="top")
        bold = Font(bold=True)
        for number, name in enumerate(header, start=1):
            sheet.cell(row=1, column=number, value=name).font = bold
            letter = get_column_letter(number)
            sheet.column_dimensions[letter].width = WIDTHS.get(name, DEFAULT_WIDTH)
        for row_number, row in enumerate(body, start=2):
            for number, value in enumerate(row, start=1):
                if not value:
                    continue
                cell = sheet.cell(row=row_number, column=number)
                _set_text(cell, value, header[number - 1], row_number)
                cell.alignment = top if header[number - 1] in UNWRAPPED else wrap
        last = f"{get_column_letter(len(header))}{len(rows)}"
        sheet.freeze_panes = "C2"  # the header row, and the id and term columns
        sheet.auto_filter.ref = f"A1:{last}"
        stamp = _catalogue_date(catalogue)
        workbook.properties.creator = "glossarykit"
        workbook.properties.created = stamp
        buffer = io.BytesIO()
        workbook.save(buffer)
        stream.write(_reproducible(buffer.getvalue(), stamp))

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read the first sheet of a workbook written by ``export --format xlsx``."""
        rows = _sheet_rows(stream.read(), path)
        header = rows[0] if rows else []
        if header[:2] != ["id", "zh"]:
            raise CatalogueParseError(
                "not a glossary workbook: the first row must start with id, zh",
                path=path,
                line=1,
                hint="Only XLSX exported with `glossary export --format xlsx` can be imported",
            )
        result = ReadResult()
        columns = self._columns(header, result)
        for number, row in enumerate(rows[1:], start=2):
            # The CSV reader undoes formula escapes; escaping first makes that a no-op.
            self._read_row([escape_formula(v) for v in row], columns, number, result)
        _drop_unused_locales(result)
        return result


def _set_text(cell: Any, value: str, column: str, row: int) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    if len(value) > CELL_LIMIT:
        raise GlossaryError(
            f"row {row}, column {column}: {len(value)} characters, more than a "
            f"spreadsheet cell holds ({CELL_LIMIT})",
            hint="Shorten the text, or export CSV",
        )
    try:
        cell.value = _OOXML_ESCAPE.sub("_x005F_", value)
    except IllegalCharacterError as exc:
        raise GlossaryError(
            f"row {row}, column {column}: a control character that XLSX cannot hold",
            hint="Remove it from the catalogue, or export CSV",
        ) from exc
    cell.data_type = "s"  # text, even when it starts with "=": never a formula


def _sheet_rows(data: bytes, path: str) -> list[list[str]]:
    """The cells of the workbook's first sheet as text, trailing empty cells dropped."""
    from openpyxl import load_workbook

    try:
        # openpyxl warns (on stderr) about odd workbooks; the error below says it once.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            sheet = workbook.worksheets[0]
            rows = [[_text(v) for v in r] for r in sheet.iter_rows(values_only=True)]
            workbook.close()
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML and value errors
        reason = " ".join(str(exc).split())  # libxml2 messages may span lines
        raise CatalogueParseError(
            f"not a readable XLSX workbook ({type(exc).__name__}: {reason})",
            path=path,
            hint="Save it from the spreadsheet as Excel 2007-365 (.xlsx)",
        ) from exc
    for row in rows:
        while row and not row[-1]:
            row.pop()
    return rows


def _text(value: Any) -> str:
    """A cell's value as the text it shows (a number typed into a cell is a number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return _OOXML_ESCAPED.sub("_", str(value))


def _catalogue_date(catalogue: Catalogue) -> datetime.datetime:
    """The newest date in the catalogue's headers (POT-Creation-Date, PO-Revision-Date)."""
    dates = [_EPOCH]
    files = [catalogue.template, *catalogue.locales.values()]
    for file in files:
        for key in ("POT-Creation-Date", "PO-Revision-Date"):
            match = _DATE_RE.match(file.header_value(key) or "")
            if match:
                year, month, day, hour, minute = map(int, match.groups())
                try:
                    dates.append(datetime.datetime(year, month, day, hour, minute))
                except ValueError:  # the template's YEAR-MO-DA placeholder, or nonsense
                    continue
    return max(dates)


def _reproducible(data: bytes, stamp: datetime.datetime) -> bytes:
    """The workbook with fixed dates: openpyxl stamps the time of saving, and the zip
    entries the time of writing."""
    fixed = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + fixed + rb"\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return buffer.getvalue()


XLSX = XlsxFormat()
