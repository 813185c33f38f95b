"""Rendering of command output: one ``--format`` option and one renderer for rows of data.

Data goes to stdout; messages go to stderr through ``AppContext.message``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

ROW_FORMATS = ("text", "table", "json", "jsonl", "csv")


def format_option(
    choices: Sequence[str] = ROW_FORMATS, default: str = "text"
) -> Callable[[F], F]:
    """The shared ``--format`` option."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def to_json(data: Any) -> str:
    """JSON as we print it: UTF-8 text, stable key order, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count twice.

    >>> display_width("三社联动"), display_width("abc")
    (8, 3)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An aligned plain-text table with a header and a rule."""
    cells = [[_cell(row.get(col)) for col in columns] for row in rows]
    widths = [
        max([display_width(col)] + [display_width(r[i]) for r in cells])
        for i, col in enumerate(columns)
    ]
    lines = [
        "  ".join(pad(col, w) for col, w in zip(columns, widths, strict=True)).rstrip()
    ]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in cells
    ]
    return "\n".join(lines)


def render_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header row; list values joined with ``; ``."""
    import csv  # not at import: most output is text or JSON
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in columns])
    return buffer.getvalue().rstrip("\n")


def render_rows(
    rows: Sequence[dict[str, Any]],
    output_format: str,
    columns: Sequence[str],
    text: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """Draw ``rows`` in one of ROW_FORMATS; ``text`` renders one row for the text format."""
    if output_format == "json":
        return to_json(list(rows))
    if output_format == "jsonl":
        return "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    if output_format == "csv":
        return render_csv(rows, columns)
    if output_format == "table" or text is None:
        return render_table(rows, columns)
    return "\n".join(text(row) for row in rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return str(value)


def emit(text: str) -> None:
    """Print data on stdout (nothing at all for empty output)."""
    if text:
        click.echo(text)
