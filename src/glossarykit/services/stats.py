"""Counts over a catalogue: concepts by origin and domain, and completeness per locale."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Catalogue, Status


def catalogue_stats(catalogue: Catalogue) -> dict[str, Any]:
    """Counts by origin, by domain, and per locale by review status (JSON-ready, stable keys)."""
    concepts = catalogue.concepts
    locales = {}
    for locale, file in catalogue.locales.items():
        counts = Counter(
            c.status.value for c in file.concepts if catalogue.template.get(c.term)
        )
        missing = sum(1 for c in concepts if file.get(c.term) is None)
        counts[Status.UNTRANSLATED.value] += missing
        row = {s.value: counts.get(s.value, 0) for s in reversed(Status)}
        row["complete"] = (
            round(100 * row[Status.APPROVED.value] / len(concepts)) if concepts else 100
        )
        locales[locale] = row
    return {
        "concepts": len(concepts),
        "origins": dict(
            sorted(Counter(c.origin or "unknown" for c in concepts).items())
        ),
        "domains": dict(Counter(c.domain or "unknown" for c in concepts).most_common()),
        "locales": locales,
    }
