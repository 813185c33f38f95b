"""CSV for spreadsheets (every field, importable) and for CAT tools (OmegaT, translate-toolkit).

The ``full`` shape starts with the fixed header of DESIGN.md §4 and adds a column for every
other field, so that export -> import loses nothing. Cells that a spreadsheet would run as a
formula get a leading ``'`` (translate-toolkit and Weblate do the same); import removes it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..errors import CatalogueParseError, GlossaryError, UnknownFormatError
from ..gcpause import collector_paused
from ..langtags import parse_locale
from ..model import Catalogue, Status
from .base import ExportOptions, ReadResult, Unrecognised, concept_key, export_locales
from .csvtext import (
    CellEscaper,
    columns_text,
    row_blocks,
    rows_text,
    write_texts,
)
from .fields import (
    FLAG_SEPARATOR,
    LOCALE_FIELDS,
    TEMPLATE_FIELDS,
    base_tokens,
    concept_cells,
    concept_names,
    field_name,
    parse_base_token,
    record_locales,
    split_field,
    split_flags,
)
from .toolrows import target_locale, tool_row_tuples

SHAPES = ("full", "omegat", "ttk")
# DESIGN.md §4: the columns every full CSV starts with, in this order.
FIXED_COLUMNS = (
    "id",
    "zh",
    "zh_Hant_TW",
    "zh_Hant_HK",
    "en",
    "en_alt",
    "en_avoid",
    "definition_zh",
    "definition_en",
    "origin",
    "components",
    "domain",
    "status",
    "references",
    "note",
)
FIXED_LOCALES = ("en", "zh_Hant_TW", "zh_Hant_HK")
STATUS_COLUMN = "status"
BASE_COLUMN = "base"
TTK_COLUMNS = (
    "location",
    "source",
    "target",
    "translator_comments",
    "developer_comments",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPE = "'"
_BOM = "\ufeff"
# Rows are built, written and encoded this many at a time (never the whole text at once).
_BLOCK_ROWS = 4096


def escape_formula(value: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run; also to one that starts with an escape.

    >>> escape_formula("=SUM(A1)"), escape_formula("大湖+"), escape_formula("'=x")
    ("'=SUM(A1)", '大湖+', "''=x")
    """
    if value.startswith(FORMULA_TRIGGERS) or (
        value.startswith(_ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, _ESCAPE))
    ):
        return _ESCAPE + value
    return value


# escape_formula changes only cells that start with a trigger or the escape.
_ESCAPER = CellEscaper("".join((*FORMULA_TRIGGERS, _ESCAPE)), escape_formula)


def unescape_formula(value: str) -> str:
    """Inverse of :func:`escape_formula`.

    >>> unescape_formula("'=SUM(A1)"), unescape_formula("'quoted'"), unescape_formula("''=x")
    ('=SUM(A1)', "'quoted'", "'=x")
    """
    if value.startswith(_ESCAPE) and value[1:].startswith((*FORMULA_TRIGGERS, _ESCAPE)):
        return value[1:]
    return value


def column_name(field: str) -> str:
    """The CSV column of a flat field (DESIGN.md §4 names where it has them).

    >>> [column_name(f) for f in ("term", "definition", "term-type", "en:rendering", "en:note")]
    ['zh', 'definition_zh', 'term_type', 'en', 'note']
    >>> [column_name(f) for f in ("zh_Hant_TW:definition", "en:rendering-source")]
    ['definition_zh_Hant_TW', 'en_rendering_source']
    """
    locale, name = split_field(field)
    if locale is None:
        return {"term": "zh", "definition": "definition_zh"}.get(
            name, name.replace("-", "_")
        )
    if name == "rendering":
        return locale
    if name == "definition":
        return f"definition_{locale}"
    if locale == "en" and name == "note":
        return "note"
    return f"{locale}_{name.replace('-', '_')}"


def _status_column(locale: str) -> str:
    return STATUS_COLUMN if locale == "en" else f"{locale}_status"


def full_columns(locales: list[str]) -> list[str]:
    """The header of a full CSV for these locales: the fixed columns, then the others."""
    columns = list(FIXED_COLUMNS)
    fields = list(TEMPLATE_FIELDS)
    for locale in [
        *FIXED_LOCALES,
        *(loc for loc in locales if loc not in FIXED_LOCALES),
    ]:
        fields += [field_name(locale, name) for name in LOCALE_FIELDS]
        if locale != "en":
            columns.append(_status_column(locale))
    for field in fields:
        if column_name(field) not in columns:
            columns.append(column_name(field))
    columns.append(BASE_COLUMN)
    return columns


def full_rows(
    catalogue: Catalogue, locales: list[str], options: ExportOptions
) -> Iterator[list[str]]:
    """The rows of a full export, unescaped: the header, then one row per concept."""
    yield full_columns(locales)
    for columns in full_blocks(catalogue, locales, options):
        yield from map(list, zip(*columns, strict=True))


def full_texts(
    catalogue: Catalogue, locales: list[str], options: ExportOptions, escape: bool
) -> Iterator[str]:
    """The CSV text of a full export: the header, then a block of concepts at a time."""
    escaper = _ESCAPER if escape else None
    yield rows_text([full_columns(locales)], escaper)
    for columns in full_blocks(catalogue, locales, options):
        yield columns_text(columns, escaper)


def full_blocks(
    catalogue: Catalogue, locales: list[str], options: ExportOptions
) -> Iterator[list[Sequence[str]]]:
    """The body of a full export, unescaped, as the columns of a block of rows at a time.

    A block's concepts are turned into columns (one per field, :func:`fields.concept_names`)
    and the file's columns picked from them, so the work per concept is building its values
    (:func:`fields.concept_cells`), its statuses and its base token. A column that two
    fields map to takes the later one, as a dict of column -> value would.
    """
    names = concept_names(locales)
    source: dict[str, int] = {column_name(name): at for at, name in enumerate(names)}
    size = len(names)
    for number, locale in enumerate(locales):
        source[_status_column(locale)] = size + number
    base_at = size + len(locales)
    if options.record_base:
        source[BASE_COLUMN] = base_at
    picks = [source.get(column, base_at + 1) for column in full_columns(locales)]
    at = {name: number for number, name in enumerate(names)}
    status_at = [
        [
            at[field_name(locale, name)]
            for name in ("rendering", "flags", "definition", "definition-flags")
        ]
        for locale in locales
    ]
    definition_at = at["definition"]
    for block in row_blocks(concept_cells(catalogue, locales), _BLOCK_ROWS):
        fields: list[Sequence[str]] = list(zip(*block, strict=True))
        count = len(block)
        for rendering, flags, definition, definition_flags in status_at:
            fields.append(
                list(
                    map(
                        _cells_status,
                        fields[rendering],
                        fields[flags],
                        fields[definition_at],
                        fields[definition],
                        fields[definition_flags],
                    )
                )
            )
        if options.record_base:
            fields.append(base_tokens(names, fields[:size], count))
        else:
            fields.append(("",) * count)
        fields.append(("",) * count)
        yield [fields[pick] for pick in picks]


def _parse_column(column: str) -> tuple[str, str | None]:
    """(``field`` or ``status`` or ``base``, locale of a status column) for a header cell."""
    if column == BASE_COLUMN:
        return BASE_COLUMN, None
    if column == STATUS_COLUMN:
        return STATUS_COLUMN, "en"
    for name in TEMPLATE_FIELDS:
        if column_name(name) == column:
            return name, None
    if column == "note":
        return "en:note", None
    if column.startswith("definition_"):
        return field_name(_locale(column[len("definition_") :]), "definition"), None
    for name in sorted(LOCALE_FIELDS, key=len, reverse=True):
        suffix = "_" + name.replace("-", "_")
        if column.endswith(suffix) and name not in ("rendering", "definition"):
            return field_name(_locale(column[: -len(suffix)]), name), None
    if column.endswith("_status"):
        return STATUS_COLUMN, _locale(column[: -len("_status")])
    return field_name(_locale(column), "rendering"), None


def _locale(text: str) -> str:
    if not text or text.startswith("zh_Hans") or text == "zh":
        raise UnknownFormatError(f"{text!r} is no locale")
    return parse_locale(text)


def entry_status(rendering: str, flags: list[str]) -> str:
    """The review state of one entry, as ``glossary list`` shows it."""
    if not rendering:
        return Status.UNTRANSLATED.value
    if "machine" in flags:
        return Status.MACHINE.value
    if "fuzzy" in flags:
        return Status.NEEDS_REVIEW.value
    return Status.APPROVED.value


# Status values, worst first: the order side_status takes the worse of two by.
_STATUS_RANK = {status.value: rank for rank, status in enumerate(Status)}
_UNTRANSLATED = Status.UNTRANSLATED.value
_APPROVED = Status.APPROVED.value


def _joined_entry_status(text: str, flags: str) -> str:
    """:func:`entry_status` of a rendering and its joined flags (most have none)."""
    if not text:
        return _UNTRANSLATED
    if not flags:
        return _APPROVED
    return entry_status(text, split_flags(flags))


def _cells_status(
    rendering: str,
    flags: str,
    definition: str,
    definition_target: str,
    definition_flags: str,
) -> str:
    """A side's status from its flat values (``definition`` is the template's)."""
    term = _joined_entry_status(rendering, flags)
    if not definition:
        return term
    other = _joined_entry_status(definition_target, definition_flags)
    return other if _STATUS_RANK[other] < _STATUS_RANK[term] else term


def side_status(values: dict[str, str], locale: str) -> str:
    """A locale's status of a concept: the worse of its term's and its definition's."""
    return _cells_status(
        values.get(field_name(locale, "rendering"), ""),
        values.get(field_name(locale, "flags"), ""),
        values.get("definition", ""),
        values.get(field_name(locale, "definition"), ""),
        values.get(field_name(locale, "definition-flags"), ""),
    )


def _apply_status(values: dict[str, str], locale: str, wanted: str) -> str | None:
    """Turn an edited status cell into flags; a message when that cannot be done."""
    if wanted == side_status(values, locale) or not wanted:
        return None
    term_key, def_key = (
        field_name(locale, "flags"),
        field_name(locale, "definition-flags"),
    )
    term_flags = [
        f
        for f in split_flags(values.get(term_key, ""))
        if f not in ("fuzzy", "machine")
    ]
    def_flags = [
        f for f in split_flags(values.get(def_key, "")) if f not in ("fuzzy", "machine")
    ]
    if wanted == Status.APPROVED.value:
        pass
    elif wanted == Status.NEEDS_REVIEW.value:
        term_flags.insert(0, "fuzzy")
    elif wanted == Status.MACHINE.value:
        term_flags[:0] = ["fuzzy", "machine"]
    else:
        return (
            f"status {wanted!r} cannot be set (use approved, needs-review or machine; "
            "empty the rendering for untranslated)"
        )
    values[term_key] = FLAG_SEPARATOR.join(term_flags)
    values[def_key] = FLAG_SEPARATOR.join(def_flags)
    return None


class CsvFormat:
    """CSV: ``full`` for spreadsheets and import, ``omegat`` and ``ttk`` for CAT tools."""

    name: str = "csv"
    extensions: tuple[str, ...] = (".csv",)
    description: str = "spreadsheets (full), OmegaT (--csv-shape omegat), translate-toolkit/Weblate (ttk)"
    can_read: bool = True
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write the chosen shape; the text is UTF-8 with CRLF row ends (RFC 4180)."""
        if options.csv_shape not in SHAPES:
            raise UnknownFormatError(
                f"unknown CSV shape {options.csv_shape!r}",
                hint=f"Use one of: {', '.join(SHAPES)}",
            )
        escape = options.escape_formulas
        if escape is None:
            escape = options.csv_shape == "full"
        with collector_paused():
            if options.csv_shape == "full":
                locales = export_locales(catalogue, options)
                texts = full_texts(catalogue, locales, options, escape)
            else:
                rows = self._tool_rows(catalogue, options)
                escaper = _ESCAPER if escape else None
                texts = (
                    rows_text(rows[i : i + _BLOCK_ROWS], escaper)
                    for i in range(0, len(rows), _BLOCK_ROWS)
                )
            write_texts(texts, stream, _BOM if options.bom else "")

    def _tool_rows(
        self, catalogue: Catalogue, options: ExportOptions
    ) -> list[Sequence[str]]:
        locale = target_locale(catalogue, options)
        found = tool_row_tuples(
            catalogue, locale, traditional=options.csv_shape == "omegat"
        )
        if options.csv_shape == "omegat":
            return [row[1:4] for row in found]
        return [TTK_COLUMNS, *found]

    def _rows(self, catalogue: Catalogue, options: ExportOptions) -> list[list[str]]:
        """Every row of the chosen shape, unescaped (the XLSX writer's cells)."""
        if options.csv_shape != "full":
            return [list(row) for row in self._tool_rows(catalogue, options)]
        with collector_paused():
            locales = export_locales(catalogue, options)
            return list(full_rows(catalogue, locales, options))

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read a full-shape CSV (with or without BOM; formula escapes undone)."""
        text = _decode(stream.read(), path)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, None)
            if header is None or header[:2] != ["id", "zh"]:
                raise CatalogueParseError(
                    "not a glossary CSV: the header must start with id,zh",
                    path=path,
                    line=1,
                    hint="Only CSV exported with --csv-shape full can be imported",
                )
            result = ReadResult()
            columns = self._columns(header, result)
            _check_unique_columns(header, columns, path)
            start = reader.line_num + 1
            for row in reader:
                # A row longer or shorter than the header would lose cells or blank
                # fields; it usually means a cell with a comma or line break lost its quotes.
                if any(row) and len(row) != len(header):
                    raise CatalogueParseError(
                        f"the row has {len(row)} cells, the header {len(header)}",
                        path=path,
                        line=start,
                        hint="Quote cells that hold commas or line breaks, and keep "
                        "every row as wide as the header",
                    )
                # line_num is where the row ends; a quoted cell may span lines.
                self._read_row(row, columns, start, result)
                start = reader.line_num + 1
        except csv.Error as exc:
            raise CatalogueParseError(
                f"not well-formed CSV ({exc})",
                path=path,
                line=reader.line_num,
                hint="Check the quoting on that line",
            ) from exc
        _drop_unused_locales(result)
        return result

    def _columns(
        self, header: list[str], result: ReadResult
    ) -> list[tuple[str, str | None] | None]:
        columns: list[tuple[str, str | None] | None] = []
        for column in header:
            try:
                parsed = _parse_column(column)
            except GlossaryError:
                result.unrecognised.append(Unrecognised(1, f"column {column!r}"))
                columns.append(None)
                continue
            columns.append(parsed)
            if parsed[0] not in (STATUS_COLUMN, BASE_COLUMN):
                result.fields.add(parsed[0])
        return columns

    def _read_row(
        self,
        row: list[str],
        columns: list[tuple[str, str | None] | None],
        line: int,
        result: ReadResult,
    ) -> None:
        if not any(row):
            return
        values: dict[str, str] = {}
        statuses: list[tuple[str, str]] = []
        base = ""
        for column, cell in zip(columns, row, strict=False):
            if column is None:
                continue
            value = unescape_formula(cell)
            name, locale = column
            if name == BASE_COLUMN:
                base = value
            elif name == STATUS_COLUMN:
                statuses.append((locale or "en", value))
            else:
                values[name] = value
        for locale, wanted in statuses:
            problem = _apply_status(values, locale, wanted)
            if problem:
                result.unrecognised.append(Unrecognised(line, problem))
        key = concept_key(values.get("id", ""), values.get("term", ""))
        if base:
            result.bases[key] = parse_base_token(base)
        result.add(values, line)


def _drop_unused_locales(result: ReadResult) -> None:
    """Forget the columns of a locale the export did not hold (the fixed zh_Hant and en
    columns are always there): empty in every row and in no export record."""
    recorded = {name for base in result.bases.values() for name in base}
    for locale in record_locales(result.fields):
        names = {f for f in result.fields if split_field(f)[0] == locale}
        used = any(values.get(name) for values in result.records for name in names)
        if not used and not names & recorded:
            result.fields -= names


def _check_unique_columns(
    header: list[str], columns: list[tuple[str, str | None] | None], path: str
) -> None:
    """Two columns for one field: one of them would silently win."""
    seen: dict[tuple[str, str | None], int] = {}
    for number, (name, column) in enumerate(zip(header, columns, strict=True), start=1):
        if column is None:
            continue
        first = seen.setdefault(column, number)
        if first != number:
            raise CatalogueParseError(
                f"columns {first} and {number} both hold {name!r}",
                path=path,
                line=1,
                hint="Delete or rename one of them",
            )


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogueParseError(
            "is UTF-16, not UTF-8",
            path=path,
            line=1,
            hint="Save the spreadsheet as CSV UTF-8",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        # csv reads it, but no catalogue file could hold it (PO refuses NUL).
        raise CatalogueParseError(
            "contains a NUL byte",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
            hint="Remove it; a CSV glossary is text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueParseError(
            "is not valid UTF-8",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            hint="Save the spreadsheet as CSV UTF-8",
        ) from exc
    return text.removeprefix(_BOM)


CSV = CsvFormat()
