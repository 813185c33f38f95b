"""Tab-separated glossary for OmegaT and CafeTran: ``term<TAB>translation<TAB>comment``.

Write only. OmegaT 3.6 reads ``.utf8``, ``.txt`` and ``.tab`` glossaries (not ``.tsv``),
takes ``#`` lines as comments and has no header row.
"""

from __future__ import annotations

from typing import BinaryIO

from ..gcpause import collector_paused
from ..model import Catalogue
from .base import ExportOptions, ReadResult
from .toolrows import one_line, target_locale, tool_row_tuples

HEADER = "# -*- coding: utf-8 -*-\n"


class TsvFormat:
    """One line per Chinese form (Simplified head term, synonyms, distinct Traditional forms)."""

    name: str = "tsv"
    extensions: tuple[str, ...] = (".tsv", ".utf8", ".tab")
    description: str = (
        "OmegaT and CafeTran glossaries (save as .utf8 or .txt for OmegaT)"
    )
    can_read: bool = False
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write the header line and one line per source form; tabs and newlines become spaces."""
        locale = target_locale(catalogue, options)
        lines = [HEADER]
        with collector_paused():
            for _, source, target, comment, _ in tool_row_tuples(catalogue, locale):
                cells = (one_line(source), one_line(target), one_line(comment))
                lines.append("\t".join(cells) + "\n")
        stream.write("".join(lines).encode("utf-8"))

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Not supported: the format drops everything but term, rendering and comment."""
        raise NotImplementedError


TSV = TsvFormat()
