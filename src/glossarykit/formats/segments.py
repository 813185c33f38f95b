"""Read a translation as aligned segments (Chinese source, English target) for ``glossary check``.

Three inputs: a bilingual PO (msgid Chinese, msgstr English), XLIFF 1.2 or 2.0, and a TSV of
``Chinese<TAB>English`` lines. Readers are strict; nothing here knows about the glossary.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import CatalogueError, CatalogueParseError, UnknownFormatError
from ..textio import read_text

FORMAT_PO = "po"
FORMAT_XLIFF = "xliff"
FORMAT_TSV = "tsv"

_EXTENSIONS = {
    ".po": FORMAT_PO,
    ".xlf": FORMAT_XLIFF,
    ".xliff": FORMAT_XLIFF,
    ".mqxliff": FORMAT_XLIFF,
    ".sdlxliff": FORMAT_XLIFF,
    ".tsv": FORMAT_TSV,
    ".tab": FORMAT_TSV,
    ".txt": FORMAT_TSV,
}


@dataclass(frozen=True)
class Segment:
    """One aligned pair: where it is (``line`` of its source), its id, source and target."""

    line: int
    source: str
    target: str
    id: str = ""


def input_format(path: Path) -> str:
    """The format of a translation file, from its extension.

    >>> input_format(Path("report.zh-en.xlf")), input_format(Path("ui.po"))
    ('xliff', 'po')
    """
    found = _EXTENSIONS.get(path.suffix.lower())
    if found is None:
        raise UnknownFormatError(
            f"cannot tell the format of a {path.suffix or 'extension-less'} file",
            path=path,
            hint="Name it .po (bilingual PO), .xlf/.xliff (XLIFF 1.2 or 2.0) or .tsv "
            "(Chinese<TAB>English lines)",
        )
    return found


def read_segments(path: Path) -> list[Segment]:
    """Read the aligned segments of a translation file, in file order.

    :raises UnknownFormatError: the extension names no format we read.
    :raises CatalogueError: the file is missing or is a folder.
    :raises CatalogueParseError: the file is malformed; the message names the line.
    """
    kind = input_format(path)
    if not path.is_file():
        raise CatalogueError(
            "no such file" if not path.exists() else "is not a file",
            path=path,
            hint="Check the path",
        )
    if kind == FORMAT_PO:
        from .po import read_po_pairs

        return [Segment(line, src, tgt) for line, src, tgt in read_po_pairs(path)]
    if kind == FORMAT_XLIFF:
        from .xliff import read_xliff

        return read_xliff(path)
    return read_tsv(path)


def read_tsv(path: Path, encoding: str | None = None) -> list[Segment]:
    """Read ``Chinese<TAB>English`` lines; blank lines are skipped.

    The line is split at its first TAB, so an English side may itself hold tabs.
    """
    text = read_text(path, encoding)
    segments = []
    # split("\n"), not splitlines(): line numbers must be the ones an editor shows.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        source, tab, target = raw.partition("\t")
        if not tab:
            raise CatalogueParseError(
                "has no TAB between the Chinese and the English",
                path=path,
                line=number,
                hint="Write each segment as Chinese<TAB>English on one line",
            )
        segments.append(Segment(number, source.strip(), target.strip()))
    return segments
