"""Compiled gettext catalogues (MO) through Babel's ``write_mo``: write only.

One of the two modules allowed to import Babel (STYLE.md 1.1), lazily. Like ``msgfmt``,
it leaves out fuzzy and untranslated entries, so gettext falls back to the Chinese.
"""

from __future__ import annotations

from typing import BinaryIO

from ..model import Catalogue, CatalogueFile
from .base import ExportOptions, ReadResult
from .toolrows import target_locale


def write_mo(file: CatalogueFile, stream: BinaryIO) -> None:
    """Compile one locale file: ``gettext(term)`` gives the rendering (also for a synonym),
    ``pgettext("definition|" + term, definition)`` the translated definition."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo as babel_write_mo

    catalog = Catalog(locale=file.locale or None, domain="glossary", charset="utf-8")
    heads = {c.term for c in file.concepts}
    for concept in file.concepts:
        flags = set(concept.flags)
        if concept.target:
            catalog.add(concept.term, concept.target, flags=flags)
            for synonym in concept.synonyms:
                if synonym.term not in heads and synonym.term not in catalog:
                    catalog.add(synonym.term, concept.target, flags=flags)
        if concept.definition and concept.definition_target:
            catalog.add(
                concept.definition,
                concept.definition_target,
                context=concept.definition_context,
                flags=set(concept.definition_flags),
            )
    babel_write_mo(stream, catalog, use_fuzzy=False)


class MoFormat:
    """Gettext MO of one locale (``--locale``, default en)."""

    name: str = "mo"
    extensions: tuple[str, ...] = (".mo",)
    description: str = "gettext at run time (Python gettext, GNU gettext)"
    can_read: bool = False
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Compile the target locale's PO."""
        write_mo(catalogue.locales[target_locale(catalogue, options)], stream)

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Not supported: MO is a build output."""
        raise NotImplementedError


MO = MoFormat()
