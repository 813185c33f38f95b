"""The flat, stable record of one concept across the catalogue, for JSON and text output.

Pure data: built from a :class:`Catalogue`, no I/O. Key order is part of the JSON contract.
"""

from __future__ import annotations

from typing import Any

from .model import Catalogue, Concept

VARIANT_PREFIX = "zh_Hant"


def variant_locales(catalogue: Catalogue) -> list[str]:
    """The Traditional-script locales the catalogue holds (zh_Hant_TW, zh_Hant_HK...)."""
    return sorted(loc for loc in catalogue.locales if loc.startswith(VARIANT_PREFIX))


def concept_record(
    catalogue: Catalogue,
    concept: Concept,
    locale: str = "en",
    pinyin: str | None = None,
) -> dict[str, Any]:
    """Everything a user sees about ``concept``, with ``locale`` as the target language.

    :param pinyin: the head term's reading (``services.pinyin``); the record has a
        ``pinyin`` key after ``term`` only when it is given.
    """
    target = catalogue.translation(concept, locale)
    variants = {}
    for variant in variant_locales(catalogue):
        converted = catalogue.translation(concept, variant)
        if converted is not None and converted.target:
            variants[variant] = {
                "term": converted.target,
                "definition": converted.definition_target,
            }
    record: dict[str, Any] = {"id": concept.id, "term": concept.term}
    if pinyin is not None:
        record["pinyin"] = pinyin
    return record | {
        "synonyms": [{"term": s.term, "type": s.type} for s in concept.synonyms],
        "definition": concept.definition or "",
        "locale": locale,
        "rendering": target.target if target else "",
        "definition_translation": target.definition_target if target else "",
        "alternatives": target.alternatives if target else [],
        "avoid": target.avoid if target else [],
        "notes": target.notes if target else [],
        "rendering_sources": target.rendering_sources if target else [],
        "status": (target.status.value if target else "untranslated"),
        "variants": variants,
        "origin": concept.origin,
        "origin_detail": concept.origin_detail,
        "components": list(concept.components),
        "domain": concept.domain,
        "references": [str(r) for r in concept.references],
    }
