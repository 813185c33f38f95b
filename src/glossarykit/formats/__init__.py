"""Exchange formats: the FORMATS registry, and reading or writing a catalogue in one of them.

Adding a format means one module with one adapter object (``base.Format``) and one line
here. The format comes from ``--format`` or else from the file extension; no sniffing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from ..errors import CatalogueError, UnknownFormatError
from ..model import Catalogue
from .base import ExportOptions, Format, ReadResult, Unrecognised
from .csvfile import CSV
from .jsonfile import JSON
from .mo import MO
from .poformat import PO
from .tbx import TBX
from .tbx3 import TBX3
from .tsv import TSV
from .xlsx import XLSX

__all__ = [
    "FORMATS",
    "ExportOptions",
    "Format",
    "ReadResult",
    "Unrecognised",
    "format_for",
    "read_catalogue",
    "render_catalogue",
    "write_catalogue",
]

FORMATS: dict[str, Format] = {
    fmt.name: fmt for fmt in (TBX, TBX3, CSV, TSV, PO, MO, JSON, XLSX)
}


def format_for(path: Path | None, name: str | None = None) -> Format:
    """The format named ``name``, else the one whose extension ``path`` has.

    >>> format_for(Path("x.tbx")).name, format_for(None, "tbx3").name
    ('tbx', 'tbx3')

    :raises UnknownFormatError: neither names a known format.
    """
    if name is not None:
        if name not in FORMATS:
            raise UnknownFormatError(
                f"unknown format {name!r}", hint=f"Use one of: {', '.join(FORMATS)}"
            )
        return FORMATS[name]
    suffix = path.suffix.lower() if path is not None else ""
    for fmt in FORMATS.values():
        if suffix and suffix in fmt.extensions:
            return fmt
    raise UnknownFormatError(
        f"cannot tell the format from the extension {suffix or '(none)'!r}",
        path=path,
        hint=f"Pass --format ({', '.join(FORMATS)})",
    )


def read_catalogue(path: Path, format: str | None = None) -> ReadResult:  # noqa: A002
    """Read an exchange file (csv, tbx, tbx3, po) into flat records.

    :raises UnknownFormatError: the format cannot be read.
    :raises CatalogueParseError: the file is malformed (with its line).
    """
    fmt = format_for(path, format)
    if not fmt.can_read:
        readable = ", ".join(n for n, f in FORMATS.items() if f.can_read)
        raise UnknownFormatError(
            f"{fmt.name} files cannot be imported",
            path=path,
            hint=f"Import one of: {readable}",
        )
    try:
        with open(path, "rb") as stream:
            return fmt.read(stream, str(path))
    except FileNotFoundError as exc:
        raise CatalogueError("no such file", path=path) from exc
    except IsADirectoryError as exc:
        raise CatalogueError("is a folder, not a file", path=path) from exc
    except PermissionError as exc:
        raise CatalogueError(
            f"cannot read the file ({exc.strerror})", path=path
        ) from exc


def render_catalogue(
    catalogue: Catalogue,
    format: str,  # noqa: A002
    options: ExportOptions | None = None,
) -> bytes:
    """The bytes of ``catalogue`` in ``format``."""
    buffer = io.BytesIO()
    write_catalogue(catalogue, buffer, format, options)
    return buffer.getvalue()


def write_catalogue(
    catalogue: Catalogue,
    stream: BinaryIO | io.BufferedIOBase,
    format: str,  # noqa: A002
    options: ExportOptions | None = None,
) -> None:
    """Write ``catalogue`` in ``format`` to a binary stream (TBX writes entry by entry:
    give it a file, e.g. ``fileio.atomic_writer``'s, rather than a buffer, to keep memory
    flat)."""
    fmt = format_for(None, format)
    fmt.write(catalogue, stream, options or ExportOptions())  # type: ignore[arg-type]
