"""Look a term up: exact, Traditional-script, English (reverse) and partial matches.

The exact path touches neither OpenCC nor any other heavy import; script conversion only
runs when the input was not found as typed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..errors import GlossaryError
from ..model import Catalogue, Concept
from ..records import variant_locales

MATCH_EXACT = "exact"
MATCH_TRADITIONAL = "traditional"
MATCH_ENGLISH = "english"
MATCH_PARTIAL = "partial"

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass
class Match:
    """One concept found for a query, and how it was found."""

    concept: Concept
    kind: str
    matched: str


@dataclass
class LookupResult:
    """The answer to one query: matches (best kind only) or close-match suggestions."""

    query: str
    matches: list[Match] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a CJK ideograph.

    >>> has_cjk("三社联动"), has_cjk("three-sector")
    (True, False)
    """
    return bool(_CJK_RE.search(text))


def lookup(catalogue: Catalogue, query: str, locale: str = "en") -> LookupResult:
    """Find ``query`` in the catalogue, trying each kind of match in turn."""
    text = query.strip()
    if not text:
        raise GlossaryError(
            "the term to look up is empty", hint="Give a Chinese or English term"
        )
    result = LookupResult(query=text)
    for finder in (_exact, _traditional, _english, _partial):
        matches = finder(catalogue, text, locale)
        if matches:
            result.matches = matches
            return result
    result.suggestions = close_matches(catalogue, text, locale)
    return result


def _exact(catalogue: Catalogue, text: str, locale: str) -> list[Match]:
    return [
        Match(c, MATCH_EXACT, text) for c in catalogue.concepts if text in c.sources
    ]


def _traditional(catalogue: Catalogue, text: str, locale: str) -> list[Match]:
    if not has_cjk(text):
        return []
    # The variant catalogues first: they hold the forms our editors reviewed.
    matches = []
    for concept in catalogue.concepts:
        for variant in variant_locales(catalogue):
            converted = catalogue.translation(concept, variant)
            if converted is not None and converted.target == text:
                matches.append(Match(concept, MATCH_TRADITIONAL, text))
                break
    if matches:
        return matches
    from .convert import simplified_forms

    for form in simplified_forms(text):
        if form != text:
            matches += [
                Match(c, MATCH_TRADITIONAL, form)
                for c in catalogue.concepts
                if form in c.sources
            ]
    return _unique(matches)


def _english_forms(catalogue: Catalogue, concept: Concept, locale: str) -> list[str]:
    target = catalogue.translation(concept, locale)
    if target is None or not target.target:
        return []
    return [target.target, *target.alternatives]


def _english(catalogue: Catalogue, text: str, locale: str) -> list[Match]:
    key = text.casefold()
    matches = []
    for concept in catalogue.concepts:
        for form in _english_forms(catalogue, concept, locale):
            if form.casefold() == key:
                matches.append(Match(concept, MATCH_ENGLISH, form))
                break
    return matches


def _partial(catalogue: Catalogue, text: str, locale: str) -> list[Match]:
    matches = []
    if has_cjk(text):
        from .convert import simplified_forms

        needles = [text, *simplified_forms(text)]
        for concept in catalogue.concepts:
            hit = next(
                (f for f in concept.sources if any(n in f for n in needles)), None
            )
            if hit:
                matches.append(Match(concept, MATCH_PARTIAL, hit))
        return matches
    key = text.casefold()
    for concept in catalogue.concepts:
        hit = next(
            (
                f
                for f in _english_forms(catalogue, concept, locale)
                if key in f.casefold()
            ),
            None,
        )
        if hit:
            matches.append(Match(concept, MATCH_PARTIAL, hit))
    return matches


def _unique(matches: list[Match]) -> list[Match]:
    seen: set[int] = set()
    unique = []
    for match in matches:
        if id(match.concept) not in seen:
            seen.add(id(match.concept))
            unique.append(match)
    return unique


def close_matches(
    catalogue: Catalogue, text: str, locale: str = "en", limit: int = 3
) -> list[str]:
    """Terms that look like ``text``, best first (for "did you mean").

    difflib with ``autojunk=False``: its heuristic would junk frequent characters and
    spoil scores on longer strings (Babel's ``get_close_matches`` notes the same).
    """
    candidates: list[str] = []
    for concept in catalogue.concepts:
        candidates += concept.sources
        candidates += _english_forms(catalogue, concept, locale)
    key = text.casefold()
    scored = []
    for candidate in dict.fromkeys(candidates):
        matcher = difflib.SequenceMatcher(
            None, key, candidate.casefold(), autojunk=False
        )
        if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:
            ratio = matcher.ratio()
            if ratio >= 0.5:
                scored.append((-ratio, candidate))
    return [candidate for _, candidate in sorted(scored)[:limit]]
