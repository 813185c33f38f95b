"""The gettext PO/POT catalogue as an exchange format (export one file, import one file).

Wraps ``formats/po.py`` (the polib adapter): polib parses by path, so ``read`` uses the path
and ignores the stream. A POT carries the template fields, a PO those of its locale.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..errors import UnsupportedLocaleError
from ..langtags import parse_locale
from ..model import Catalogue
from .base import ExportOptions, ReadResult, Unrecognised, concept_key
from .fields import (
    LOCALE_FIELDS,
    TEMPLATE_FIELDS,
    field_name,
    locale_values,
    template_values,
)
from .po import check_unique, read_po, write_po

# The locale of a PO without a Language header (BCP 47 "undetermined"); import asks for
# --locale then.
UNDETERMINED = "und"


class PoFormat:
    """One catalogue file: ``--locale L`` writes that locale's PO, no locale the template."""

    name: str = "po"
    extensions: tuple[str, ...] = (".po", ".pot")
    description: str = "Poedit, Weblate, gettext tools (the catalogue itself)"
    can_read: bool = True
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write the template, or the one locale named by ``options.locales``."""
        locales = options.locales or []
        if len(locales) > 1:
            raise UnsupportedLocaleError(
                "a PO file holds one locale", hint="Pass --locale once"
            )
        if not locales:
            file = catalogue.template
        elif locales[0] in catalogue.locales:
            file = catalogue.locales[locales[0]]
        else:
            have = ", ".join(sorted(catalogue.locales)) or "none"
            raise UnsupportedLocaleError(
                f"the catalogue has no locale {locales[0]!r} (it has: {have})",
                hint="Pass --locale with one of those",
            )
        stream.write(write_po(file).encode("utf-8"))

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read a POT (template fields) or a PO (its locale's fields, by its Language header)."""
        file = read_po(Path(path))
        check_unique(file)
        locale = None
        if not file.is_template:
            locale = parse_locale(file.locale) if file.locale else UNDETERMINED
        result = ReadResult()
        if locale is None:
            result.fields = set(TEMPLATE_FIELDS)
        else:
            result.fields = {"id", "term"} | {
                field_name(locale, n) for n in LOCALE_FIELDS
            }
            result.adds_concepts = False
        for concept in file.concepts:
            values = template_values(concept)
            if locale is not None:
                values.update(
                    {
                        field_name(locale, k): v
                        for k, v in locale_values(concept).items()
                    }
                )
            result.add(values, concept.line or None)
        for concept in file.unpaired:
            key = concept_key(concept.id, concept.term)
            result.unrecognised.append(
                Unrecognised(
                    concept.definition_line or None,
                    f"definition entry of {key!r} without its term entry",
                )
            )
        return result


PO = PoFormat()
