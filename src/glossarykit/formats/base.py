"""The Format protocol every exchange-format adapter implements, and what readers return.

Adapters take binary streams; ``formats/__init__.py`` opens files and picks the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from ..model import Catalogue
from .fields import records_to_catalogue


@dataclass
class ExportOptions:
    """Everything a writer may be asked for; each format uses what applies to it.

    :param locales: the locales to write (None: every locale of the catalogue).
    :param forbidden_terms: TBX: write ``avoid`` renderings as deprecated terms, not notes.
    :param csv_shape: ``full`` (every field, importable), ``omegat`` or ``ttk``.
    :param bom: CSV: start with a UTF-8 byte-order mark (Excel).
    :param escape_formulas: CSV: prefix cells that start with = + - @ with ``'``
        (None: on for the ``full`` shape, off for the tool shapes).
    :param contexts: head term -> the sentence of its first reference (TBX ``context``).
    :param record_base: write the per-field digests that let import detect conflicts.
    """

    locales: list[str] | None = None
    forbidden_terms: bool = False
    csv_shape: str = "full"
    bom: bool = False
    escape_formulas: bool | None = None
    contexts: dict[str, str] = field(default_factory=dict)
    record_base: bool = True
    title: str = "glossarykit glossary"


@dataclass(frozen=True)
class Unrecognised:
    """Something in an imported file that maps to no glossary field (reported, not dropped)."""

    line: int | None
    what: str


@dataclass
class ReadResult:
    """What a reader found: concepts as flat records, the fields the file carries, digests.

    :param records: one dict per concept, flat field name -> value (``formats.fields``).
    :param lines: the line each record starts on (for messages), parallel to ``records``.
    :param fields: the field names the file carries; import leaves every other field alone,
        and a carried field that is empty in a record means "empty", not "unknown".
    :param bases: concept key (id, else term) -> field -> digest at export time; empty
        when the file records none (then every difference is a conflict).
    :param unrecognised: what the file holds that maps to no field.
    :param adds_concepts: False when the file holds only a locale's side (a locale PO):
        import then never adds concepts the template lacks.
    """

    records: list[dict[str, str]] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    bases: dict[str, dict[str, str]] = field(default_factory=dict)
    unrecognised: list[Unrecognised] = field(default_factory=list)
    adds_concepts: bool = True

    @property
    def catalogue(self) -> Catalogue:
        """The records as a catalogue (template side plus one file per locale, no headers)."""
        return records_to_catalogue(self.records)

    def add(self, values: dict[str, str], line: int | None = None) -> None:
        """Append one record."""
        self.records.append(values)
        self.lines.append(line)


class Format(Protocol):
    """One exchange format: a name, file extensions, and a reader and/or a writer."""

    name: str
    extensions: tuple[str, ...]
    description: str
    can_read: bool
    can_write: bool

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read a whole file; ``path`` is only for error messages."""
        ...

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write ``catalogue`` (template and the chosen locales)."""
        ...


def concept_key(concept_id: str, term: str) -> str:
    """How import matches a concept: its id, else its head term."""
    return concept_id or term


def export_locales(catalogue: Catalogue, options: ExportOptions) -> list[str]:
    """The locales to write, in exchange order: non-Chinese first (the usual target), then zh.

    >>> from glossarykit.model import CatalogueFile
    >>> cat = Catalogue(CatalogueFile(), {"zh_Hant_TW": CatalogueFile(), "en": CatalogueFile()})
    >>> export_locales(cat, ExportOptions())
    ['en', 'zh_Hant_TW']
    """
    chosen = [
        loc
        for loc in catalogue.locales
        if options.locales is None or loc in options.locales
    ]
    return sorted(chosen, key=lambda loc: (loc.startswith("zh"), loc))
