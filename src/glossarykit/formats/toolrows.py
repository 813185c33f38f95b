"""Rows for CAT-tool glossaries (OmegaT TSV/CSV, translate-toolkit CSV): source forms, target.

Shared by ``tsv.py`` and ``csvfile.py``. These shapes are for reading by tools, not for
import: they hold one target language and no metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnsupportedLocaleError
from ..model import COMMENT_AVOID, Catalogue, Synonym, comment_values
from .base import ExportOptions
from .fields import (
    COMMENT_SYNONYM,
    FLAG_SEPARATOR,
    lines,
    locale_index,
    split_flags,
)

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
    return [
        ToolRow(*row)
        for row in tool_row_tuples(catalogue, locale, traditional=traditional)
    ]


def tool_row_tuples(
    catalogue: Catalogue, locale: str, *, traditional: bool = True
) -> list[tuple[str, str, str, str, str]]:
    """:func:`tool_rows` as plain tuples (the writers' form: no object per row).

    Each is ``(concept_id, source, target, comment, definition)``. The few fields used are
    read from the concepts directly, each turned into its flat value (``fields``) and back
    exactly as from a flat record, so that any text splits as it did there.
    """
    variants = sorted(
        loc for loc in catalogue.locales if loc.startswith(VARIANT_PREFIX)
    )
    index = locale_index(catalogue, [locale, *variants])
    sides = index[locale]
    variant_sides = [index[v] for v in variants] if traditional else []
    rows = []
    for concept in catalogue.concepts:
        term = concept.term
        side = sides.get(term)
        if side is None or not side.target:
            continue
        target = side.target
        if side.flags and "machine" in split_flags(FLAG_SEPARATOR.join(side.flags)):
            continue
        forms = [term]
        if concept.synonyms:
            synonyms = lines("\n".join(map(str, concept.synonyms)))
            forms += [Synonym.parse(s).term for s in synonyms]
        for by_term in variant_sides:
            variant = by_term.get(term)
            if variant is None:
                forms.append("")
                continue
            forms.append(variant.target)
            if variant.comments:
                found = comment_values(variant.comments, COMMENT_SYNONYM)
                forms += [Synonym.parse(s).term for s in lines("\n".join(found))]
        definition = side.definition_target
        avoid = comment_values(side.comments, COMMENT_AVOID) if side.comments else []
        if avoid:
            comment = " | ".join(
                [definition, *(f"avoid: {a}" for a in lines("\n".join(avoid)))]
            ).strip(" |")
        else:
            comment = definition.strip(" |")
        concept_id, template_definition = concept.id, concept.definition or ""
        if len(forms) == 1:
            if term:
                rows.append((concept_id, term, target, comment, template_definition))
            continue
        seen: set[str] = set()
        for form in forms:
            if form and form not in seen:
                seen.add(form)
                rows.append((concept_id, form, target, comment, template_definition))
    return rows


def one_line(text: str) -> str:
    """Tabs and line breaks become spaces: tab-separated glossaries have no quoting.

    >>> one_line("a\\tb\\r\\nc")
    'a b c'
    """
    return " ".join(text.replace("\r\n", "\n").replace("\t", " ").split("\n")).strip()
