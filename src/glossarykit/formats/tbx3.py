"""TBX-Basic v3 (ISO 30042:2019, DCA style, root ``tbx``): for current tools and archives.

OmegaT 3.6 and translate-toolkit cannot read it (they know only ``martif``). Validates
against ``../shared/tbx/v3`` (core RNG + TBX-Basic DCA Schematron).
"""

from __future__ import annotations

from typing import BinaryIO

from ..model import Catalogue
from .base import ExportOptions, ReadResult, export_locales
from .tbx import V3, XML_LANG, read_tbx, source_description, write_document


class Tbx3Format:
    """TBX-Basic v3 DCA (tbx / conceptEntry / langSec / termSec)."""

    name: str = "tbx3"
    extensions: tuple[str, ...] = ()
    description: str = "ISO 30042:2019 tools and archives"
    can_read: bool = True
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write a TBX-Basic v3 DCA document."""
        from lxml import etree

        locales = export_locales(catalogue, options)
        root = etree.Element(
            V3.tag("tbx"),
            {"type": "TBX-Basic", "style": "dca", XML_LANG: "zh-Hans"},
            nsmap={None: V3.namespace},
        )
        header = etree.SubElement(root, V3.tag("tbxHeader"))
        file_desc = etree.SubElement(header, V3.tag("fileDesc"))
        title_stmt = etree.SubElement(file_desc, V3.tag("titleStmt"))
        etree.SubElement(title_stmt, V3.tag("title")).text = options.title
        source_desc = etree.SubElement(file_desc, V3.tag("sourceDesc"))
        etree.SubElement(source_desc, V3.tag("p")).text = source_description(locales)
        body = etree.SubElement(etree.SubElement(root, V3.tag("text")), V3.tag("body"))
        write_document(stream, root, body, catalogue, locales, options, V3)

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read TBX v3 or 2008 (picked by the root element)."""
        return read_tbx(stream.read(), path)


TBX3 = Tbx3Format()
