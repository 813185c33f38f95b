"""Look a term up: exact, Traditional-script, English (reverse), pinyin and partial matches.

The exact path touches neither OpenCC, pypinyin nor any other heavy import; script
conversion and pinyin only run when the input was not found as typed (the pinyin shown
with a match comes from the reading cache, ``services.pinyin``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GlossaryError
from ..model import Catalogue, Concept
from ..records import variant_locales
from . import pinyin

MATCH_EXACT = "exact"
MATCH_TRADITIONAL = "traditional"
MATCH_ENGLISH = "english"
MATCH_PINYIN = "pinyin"
MATCH_PARTIAL = "partial"

# Compiled on first use (has_cjk): a class reaching into the supplementary planes takes
# several ms to compile, and an exact match never needs it.
_CJK_PATTERN = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"


@dataclass
class Match:
    """One concept found for a query, and how it was found."""

    concept: Concept
    kind: str
    matched: str
    reading: str = ""


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
    return bool(_cjk_re().search(text))


@functools.cache
def _cjk_re() -> re.Pattern[str]:
    return re.compile(_CJK_PATTERN)


def lookup(catalogue: Catalogue, query: str, locale: str = "en") -> LookupResult:
    """Find ``query`` in the catalogue, trying each kind of match in turn."""
    text = query.strip()
    if not text:
        raise GlossaryError(
            "the term to look up is empty", hint="Give a Chinese or English term"
        )
    result = LookupResult(query=text)
    for finder in (_exact, _traditional, _english, _pinyin, _partial):
        matches = finder(catalogue, text, locale)
        if matches:
            result.matches = matches
            _add_readings(catalogue, matches)
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


def _pinyin(catalogue: Catalogue, text: str, locale: str) -> list[Match]:
    """The whole reading of a form, tone marks and spaces optional, or its initials."""
    return _pinyin_matches(catalogue, text, MATCH_PINYIN, pinyin.matches_whole)


def _pinyin_matches(
    catalogue: Catalogue,
    text: str,
    kind: str,
    test: Callable[[str, pinyin.PinyinKey], bool],
) -> list[Match]:
    query = pinyin.pinyin_query(text)
    if not query or has_cjk(text):
        return []
    readings = pinyin.catalogue_readings(catalogue)
    matches = []
    for concept in catalogue.concepts:
        for key in readings.keys(concept):
            if test(query, key):
                matches.append(Match(concept, kind, " ".join(key.syllables)))
                break
    return matches


def _add_readings(catalogue: Catalogue, matches: list[Match]) -> None:
    readings = pinyin.catalogue_readings(catalogue, [m.concept for m in matches])
    for match in matches:
        match.reading = readings.of(match.concept)


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
    if not matches:
        # Pinyin from the start of a syllable: sanshe, liandong.
        matches = _pinyin_matches(catalogue, text, MATCH_PARTIAL, pinyin.matches_part)
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
    import difflib  # only when nothing matched: not on the exact path's start-up

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


def lookup_at(
    root: Path, query: str, locale: str = "en"
) -> tuple[Catalogue, LookupResult]:
    """Look ``query`` up in the catalogue at ``root``; also return the catalogue that the
    matched concepts belong to (what their records are built from).

    An exact match (head term or synonym) is answered from the lookup index cache
    (``services.index``) without reading the PO files, or, when the cache is off, from
    the few entries that hold it (:func:`scan_catalogue_for_form`); anything else loads
    the whole catalogue, which also (re)builds the index when it is missing or stale. All
    ways give the same answer.
    """
    from . import index  # sqlite3 and hashlib: only for this entry point

    text = query.strip()
    part = index.catalogue_for_form(root, text) if text else None
    if part is None and text and index.index_path(root) is None:
        part = scan_catalogue_for_form(root, text)  # the index is off
    if part is not None:
        result = lookup(part, query, locale)
        if result.matches and result.matches[0].kind == MATCH_EXACT:
            return part, result
    catalogue = index.load_indexed(root)
    return catalogue, lookup(catalogue, query, locale)


def scan_catalogue_for_form(root: Path, form: str) -> Catalogue | None:
    """The part of the catalogue at ``root`` that holds ``form`` as a head term or a
    synonym, read from the raw PO text without parsing the rest (``formats.po_scan``).

    Every locale file is there with these concepts' entries, as in
    ``index.LookupIndex.catalogue_of``. None when no concept has that form, or when any
    file is not in the canonical layout or would not load without an error (see
    ``formats.po_scan``): the caller then loads the whole catalogue, which reads it or
    reports what is wrong.
    """
    from ..formats.po_scan import scan_po  # the PO reader: not on the indexed path
    from .catalogue import TEMPLATE_PATH, find_locale_files

    scan = scan_po(root / TEMPLATE_PATH, form)
    if scan is None:
        return None
    # Candidates: the term entry of the form, and those whose #. comments mention it
    # (a synonym: comments are not escaped); the parsed concepts decide.
    heads = [form] if form in scan.terms else []
    heads += [msgid for _, msgid in scan.mentions]
    template = scan.read(scan.entries_of(heads)) if heads else None
    del scan  # the template's text, before the locale files are read
    if template is None:
        return None
    template.concepts = [c for c in template.concepts if form in c.sources]
    if not template.concepts:
        return None
    heads = [concept.term for concept in template.concepts]
    files = {}
    for locale, path in find_locale_files(root).items():
        locale_scan = scan_po(path)
        file = locale_scan.read(locale_scan.entries_of(heads)) if locale_scan else None
        if file is None:
            return None
        file.locale = locale
        files[locale] = file
    return Catalogue(template=template, locales=files, root=root)
