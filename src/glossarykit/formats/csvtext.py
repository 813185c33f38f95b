"""CSV text as ``csv.writer`` writes it (excel dialect), built a column at a time.

``csv.writer`` looks at every character of every cell in C, and a per-cell Python check
(formula escaping) costs as much again. Here a block of rows is handled column by column:
each column is joined into one string and searched once, in C, for what would make a cell
change (a character that needs quoting; with ``escape``, a leading formula trigger), and only
the cells of a column where that search finds something are looked at one by one. Most
columns of a glossary need nothing, so no Python code runs per cell.

The text is exactly ``csv.writer``'s with the default dialect: cells are separated by
``,``, rows end with CRLF, a cell holding ``,``, ``"``, CR or LF is quoted with its ``"``
doubled (QUOTE_MINIMAL), and a row of one empty cell is written ``""``. Rows of fewer than
two cells, or of unequal widths, go through ``csv.writer`` itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import BinaryIO

_SEPARATOR = "\x00"


def needs_quotes(text: str) -> bool:
    """True when ``text`` holds a character that makes ``csv.writer`` quote a cell.

    Four substring tests: each is a fast C scan, several times faster than one regex.
    """
    return "," in text or '"' in text or "\n" in text or "\r" in text


def quote_cell(cell: str) -> str:
    """One cell as ``csv.writer`` writes it.

    >>> quote_cell("a"), quote_cell('say "x", then'), quote_cell("two\\nlines")
    ('a', '"say ""x"", then"', '"two\\nlines"')
    """
    if "," in cell or '"' in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


class CellEscaper:
    """Finds, in a column joined by NUL, the cells a per-cell function may change.

    :param first: the characters a changed cell starts with.
    :param change: the per-cell function (it must return other cells unchanged).
    """

    def __init__(self, first: str, change: Callable[[str], str]) -> None:
        """Prepare one search for a cell start (text start or after NUL) in ``first``."""
        self.first = frozenset(first)
        self.change = change
        # A NUL inside a cell can only raise a false alarm, settled cell by cell.
        self.pattern = re.compile(_SEPARATOR + "[" + re.escape(first) + "]")

    def column(self, column: Sequence[str], joined: str) -> Sequence[str] | None:
        """The changed column, or None when no cell of it starts with one of ``first``."""
        if column[0][:1] not in self.first and self.pattern.search(joined) is None:
            return None
        first, change = self.first, self.change
        return [change(cell) if cell[:1] in first else cell for cell in column]


def columns_text(
    columns: Sequence[Sequence[str]], escaper: CellEscaper | None = None
) -> str:
    """The CSV text of rows given as columns of equal length (at least two columns).

    ``escaper`` changes cells before they are quoted (formula escaping).
    """
    if not columns or not columns[0]:
        return ""
    count = len(columns[0])
    ready: list[Sequence[str]] = []
    # A column object given several times (the glossary's always-empty ones) is done once.
    done: dict[int, Sequence[str]] = {}
    for given in columns:
        column = done.get(id(given))
        if column is None:
            column = done[id(given)] = _column_cells(given, count, escaper)
        ready.append(column)
    rows = zip(*ready, strict=True)
    return "\r\n".join(map(",".join, rows)) + "\r\n"


def _column_cells(
    column: Sequence[str], count: int, escaper: CellEscaper | None
) -> Sequence[str]:
    """One column's cells as written: escaped, then quoted where they need it."""
    joined = _SEPARATOR.join(column)
    if len(joined) == count - 1:  # every cell is empty
        return column
    if escaper is not None:
        changed = escaper.column(column, joined)
        if changed is not None:
            column, joined = changed, _SEPARATOR.join(changed)
    if not needs_quotes(joined):
        return column
    # quote_cell written out: this runs for every cell of such a column.
    return [
        '"' + c.replace('"', '""') + '"'
        if "," in c or '"' in c or "\n" in c or "\r" in c
        else c
        for c in column
    ]


def rows_text(rows: Sequence[Sequence[str]], escaper: CellEscaper | None = None) -> str:
    """The CSV text of rows (cells are strings), with ``escaper`` applied to every cell."""
    widths = set(map(len, rows))
    if len(widths) == 1 and min(widths) >= 2:
        return columns_text(list(zip(*rows, strict=True)), escaper)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        if escaper is not None:
            row = [escaper.change(cell) for cell in row]
        writer.writerow(row)
    return buffer.getvalue()


def row_blocks(
    rows: Iterator[Sequence[str]], size: int
) -> Iterator[list[Sequence[str]]]:
    """``rows`` in lists of ``size`` (the last one shorter; none when there are no rows)."""
    while block := list(islice(rows, size)):
        yield block


def write_texts(texts: Iterator[str], stream: BinaryIO, start: str = "") -> None:
    """Encode the texts as UTF-8 one by one and write them after ``start``.

    The bytes are those of joining everything and encoding it once, and so is a failure
    to encode (a lone surrogate): the error names its place in the whole text.
    """
    written = 0  # characters encoded so far
    pending = start
    for text in texts:
        pending += text
        try:
            data = pending.encode("utf-8")
        except UnicodeEncodeError:
            # Raise what encoding the whole text raises. The texts end with a row end,
            # so a run of unencodable characters does not straddle two of them.
            (_SEPARATOR * written + pending).encode("utf-8")
            raise
        stream.write(data)
        written += len(pending)
        pending = ""
    stream.write(pending.encode("utf-8"))
