"""Rows for CAT-tool glossaries (OmegaT TSV/CSV, translate-toolkit CSV): source forms, target.

Shared by ``tsv.py`` and ``csvfile.py``. These shapes are for reading by tools, not for
import: they hold one target language and no metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnsupportedLocaleError
from ..model import Catalogue, Synonym
from .base import ExportOptions
from .fields import concept_records, field_name, lines, split_flags

VARIANT_PREFIX = "zh_Hant"


@dataclass(frozen=True)
class ToolRow:
    """One glossary line: a Chinese source form, its rendering, and a one-line comment."""

    concept_id: str
    source: str
    target: str
    comment: str
    definition: str


def target_locale(catalogue: Catalogue, options: ExportOptions) -> str:
    """The one target locale of a single-language export: the first non-Chinese --locale, or en.

    :raises UnsupportedLocaleError: the catalogue has no such locale.
    """
    chosen = [loc for loc in options.locales or [] if not loc.startswith("zh")]
    locale = chosen[0] if chosen else "en"
    if locale not in catalogue.locales:
        have = ", ".join(sorted(catalogue.locales)) or "none"
        raise UnsupportedLocaleError(
            f"the catalogue has no locale {locale!r} (it has: {have})",
            hint="Pass --locale with one of those",
        )
    return locale


def tool_rows(
    catalogue: Catalogue, locale: str, *, traditional: bool = True
) -> list[ToolRow]:
    """One row per distinct Chinese form of each translated concept.

    Machine suggestions are left out: a CAT tool would offer them as the glossary's word.

    The forms are the head term, its synonyms and (with ``traditional``) the Traditional
    forms of the zh_Hant locales, each only once: OmegaT would list a duplicate twice.
    """
    variants = sorted(
        loc for loc in catalogue.locales if loc.startswith(VARIANT_PREFIX)
    )
    used = [locale, *variants] if traditional else [locale]
    rows = []
    for values in concept_records(catalogue, used):
        target = values[field_name(locale, "rendering")]
        if not target or "machine" in split_flags(values[field_name(locale, "flags")]):
            continue
        forms = [
            values["term"],
            *(Synonym.parse(s).term for s in lines(values["synonyms"])),
        ]
        if traditional:
            for variant in variants:
                forms.append(values[field_name(variant, "rendering")])
                synonyms = lines(values[field_name(variant, "synonym")])
                forms += [Synonym.parse(s).term for s in synonyms]
        definition = values[field_name(locale, "definition")]
        comment = " | ".join(
            [
                definition,
                *(f"avoid: {a}" for a in lines(values[field_name(locale, "avoid")])),
            ]
        ).strip(" |")
        seen: set[str] = set()
        for form in forms:
            if form and form not in seen:
                seen.add(form)
                rows.append(
                    ToolRow(values["id"], form, target, comment, values["definition"])
                )
    return rows


def one_line(text: str) -> str:
    """Tabs and line breaks become spaces: tab-separated glossaries have no quoting.

    >>> one_line("a\\tb\\r\\nc")
    'a b c'
    """
    return " ".join(text.replace("\r\n", "\n").replace("\t", " ").split("\n")).strip()
