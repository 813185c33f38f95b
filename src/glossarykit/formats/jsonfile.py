"""JSON for scripts and web pages: a list with one concept record per concept.

Write only. The records are those of ``glossary lookup --format json`` (``records.py``).
"""

from __future__ import annotations

import json
from typing import BinaryIO

from ..model import Catalogue
from ..records import concept_record
from .base import ExportOptions, ReadResult
from .toolrows import target_locale


class JsonFormat:
    """A JSON array of concept records, stable key order, UTF-8 (``ensure_ascii=False``)."""

    name: str = "json"
    extensions: tuple[str, ...] = (".json",)
    description: str = "scripts and web pages"
    can_read: bool = False
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write every concept with the target locale's side (``--locale``, default en)."""
        locale = target_locale(catalogue, options)
        records = [concept_record(catalogue, c, locale) for c in catalogue.concepts]
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        stream.write(text.encode("utf-8"))

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Not supported: the records are a view, not the catalogue."""
        raise NotImplementedError


JSON = JsonFormat()
