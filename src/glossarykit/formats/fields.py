"""The flat field view of a concept: what exchange formats carry, import merges and diffs.

A concept is a template side (``term``, ``definition``, ``origin``...) and one side per
locale (``en:rendering``, ``en:alt``...). Every value is a string; lists are joined with
newlines (their items never hold one: they are PO comment lines). Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from ..model import (
    COMMENT_ALT,
    COMMENT_AVOID,
    COMMENT_NOTE,
    COMMENT_RENDERING_SOURCE,
    Catalogue,
    CatalogueFile,
    Concept,
    Reference,
    Synonym,
    parse_comment,
    set_comment_values,
)

if TYPE_CHECKING:
    from _hashlib import HASH as _Hash


def _builtin_sha256() -> Callable[[bytes], _Hash]:
    """CPython's own SHA-256 (the same digests as OpenSSL's, with less set-up per call:
    about a quarter less time for short values); OpenSSL's where the build lacks it."""
    try:
        module = importlib.import_module("_sha256")
    except ImportError:  # pragma: no cover - a build without it
        return hashlib.sha256
    constructor: Callable[[bytes], _Hash] = module.sha256
    return constructor


_sha256 = _builtin_sha256()

COMPONENT_SEPARATOR = "、"
FLAG_SEPARATOR = ", "

TEMPLATE_FIELDS = (
    "id",
    "term",
    "term-type",
    "synonyms",
    "definition",
    "origin",
    "components",
    "domain",
    "metadata",
    "references",
    "definition-references",
    "flags",
    "definition-flags",
    "comments",
    "definition-comments",
)
# ``# synonym:`` in a zh_Hant PO: a converted synonym of the head term (``glossary convert``).
COMMENT_SYNONYM = "synonym"
# Translator-comment keys with a field of their own. A new entry gets its comments in the
# order of LOCALE_FIELDS: alt, avoid, note, rendering-source, the other lines, synonym.
COMMENT_KEYS = (
    COMMENT_ALT,
    COMMENT_AVOID,
    COMMENT_NOTE,
    COMMENT_RENDERING_SOURCE,
    COMMENT_SYNONYM,
)
LOCALE_FIELDS = (
    "rendering",
    "definition",
    *COMMENT_KEYS[:4],
    "comments",
    COMMENT_SYNONYM,
    "flags",
    "definition-flags",
    "definition-comments",
)
# Template fields that locale files copy (``#.`` and ``#:`` lines, the msgid of the definition).
MIRRORED_FIELDS = (
    "id",
    "term-type",
    "synonyms",
    "definition",
    "origin",
    "components",
    "domain",
    "metadata",
    "references",
    "definition-references",
)


def field_name(locale: str | None, name: str) -> str:
    """The flat name of a field: ``term`` for the template, ``en:rendering`` for a locale.

    >>> field_name(None, "term"), field_name("en", "alt")
    ('term', 'en:alt')
    """
    return name if locale is None else f"{locale}:{name}"


def split_field(field: str) -> tuple[str | None, str]:
    """Inverse of :func:`field_name`.

    >>> split_field("zh_Hant_TW:rendering"), split_field("domain")
    (('zh_Hant_TW', 'rendering'), (None, 'domain'))
    """
    locale, sep, name = field.rpartition(":")
    return (locale, name) if sep else (None, name)


def lines(value: str) -> list[str]:
    """Split a list field into its items (the empty string is the empty list)."""
    return value.split("\n") if value else []


def join(items: Iterable[object]) -> str:
    """Join list items into one field value."""
    return "\n".join(str(item) for item in items)


def split_flags(value: str) -> list[str]:
    """Flags from ``fuzzy, machine`` (commas, any spacing).

    >>> split_flags("fuzzy,  machine")
    ['fuzzy', 'machine']
    """
    return [flag.strip() for flag in value.split(",") if flag.strip()]


def metadata_lines(concept: Concept) -> list[str]:
    """The ``#.`` lines that have no field of their own, as the PO writer prints them."""
    return [f"{k}: {v}" if k else v for k, v in concept.metadata]


def parse_metadata(text: str) -> tuple[str, str]:
    """One metadata line as the PO reader keeps it: ``(key, value)`` or ``("", text)``."""
    parsed = parse_comment(text)
    return parsed if parsed else ("", text)


def other_comments(comments: list[str]) -> list[str]:
    """Translator comments that are not one of :data:`COMMENT_KEYS` (free text, other keys)."""
    result = []
    for line in comments:
        parsed = parse_comment(line)
        if parsed is None or parsed[0] not in COMMENT_KEYS:
            result.append(line)
    return result


def replace_other_comments(comments: list[str], others: list[str]) -> list[str]:
    """``comments`` with its :func:`other_comments` replaced by ``others``.

    The new lines take the place of the first old one, or go at the end.

    >>> replace_other_comments(["alt: a", "x", "note: n", "y"], ["z"])
    ['alt: a', 'z', 'note: n']
    """
    result: list[str] = []
    placed = False
    for line in comments:
        if other_comments([line]):
            if not placed:
                result.extend(others)
                placed = True
            continue
        result.append(line)
    if not placed:
        result.extend(others)
    return result


def template_cells(concept: Concept) -> list[str]:
    """The values of :func:`template_values`, in :data:`TEMPLATE_FIELDS` order, as a list.

    The per-concept step of every export; the joins are written out (the list fields hold
    strings, Synonym and Reference; ``str`` of each is what :func:`join` takes).
    """
    synonyms, metadata = concept.synonyms, concept.metadata
    references, definition_references = (
        concept.references,
        concept.definition_references,
    )
    comments, definition_comments = concept.comments, concept.definition_comments
    # Most of these lists are empty: skipping join(map(...)) for them saves a good part.
    return [
        concept.id,
        concept.term,
        concept.term_type,
        "\n".join(map(str, synonyms)) if synonyms else "",
        concept.definition or "",
        concept.origin_label,
        COMPONENT_SEPARATOR.join(concept.components),
        concept.domain,
        "\n".join([f"{k}: {v}" if k else v for k, v in metadata]) if metadata else "",
        "\n".join(map(str, references)) if references else "",
        "\n".join(map(str, definition_references)) if definition_references else "",
        FLAG_SEPARATOR.join(concept.flags),
        FLAG_SEPARATOR.join(concept.definition_flags),
        "\n".join(map(str, comments)) if comments else "",
        "\n".join(map(str, definition_comments)) if definition_comments else "",
    ]


def template_values(concept: Concept) -> dict[str, str]:
    """The template side of a concept as flat fields."""
    return dict(zip(TEMPLATE_FIELDS, template_cells(concept), strict=True))


# The keys of locale_values in its order: the comment keys first (not LOCALE_FIELDS order).
LOCALE_VALUE_ORDER = (
    "rendering",
    "definition",
    *COMMENT_KEYS,
    "comments",
    "flags",
    "definition-flags",
    "definition-comments",
)
_NO_LOCALE_CELLS = ("",) * len(LOCALE_VALUE_ORDER)
_NO_COMMENT_CELLS = ("",) * (len(COMMENT_KEYS) + 1)


def locale_cells(concept: Concept | None) -> list[str]:
    """The values of :func:`locale_values`, in :data:`LOCALE_VALUE_ORDER`, as a list.

    The translator comments are parsed once and sorted into their fields (the same split
    as :func:`comment_values` per key and :func:`other_comments`).
    """
    if concept is None:
        return list(_NO_LOCALE_CELLS)
    comments = concept.comments
    if comments:
        keyed: dict[str, list[str]] = {key: [] for key in COMMENT_KEYS}
        others = []
        for line in comments:
            parsed = parse_comment(line)
            if parsed is not None and parsed[0] in keyed:
                keyed[parsed[0]].append(parsed[1])
            else:
                others.append(line)
        texts = ["\n".join(keyed[key]) for key in COMMENT_KEYS]
        texts.append("\n".join(map(str, others)))
    else:
        texts = list(_NO_COMMENT_CELLS)
    definition_comments = concept.definition_comments
    return [
        concept.target,
        concept.definition_target,
        *texts,
        FLAG_SEPARATOR.join(concept.flags),
        FLAG_SEPARATOR.join(concept.definition_flags),
        "\n".join(map(str, definition_comments)) if definition_comments else "",
    ]


def locale_values(concept: Concept | None) -> dict[str, str]:
    """One locale's side of a concept as flat fields (all empty when it has none)."""
    if concept is None:
        return dict.fromkeys(LOCALE_FIELDS, "")
    return dict(zip(LOCALE_VALUE_ORDER, locale_cells(concept), strict=True))


def set_template_value(concept: Concept, name: str, value: str) -> None:
    """Set one template field on ``concept`` (the inverse of :func:`template_values`)."""
    if name == "id":
        concept.id = value
    elif name == "term":
        concept.term = value
    elif name == "term-type":
        concept.term_type = value
    elif name == "synonyms":
        concept.synonyms = [Synonym.parse(line) for line in lines(value)]
    elif name == "definition":
        concept.definition = value or None
    elif name == "origin":
        concept.origin, _, concept.origin_detail = value.partition(" ")
    elif name == "components":
        concept.components = [c for c in value.split(COMPONENT_SEPARATOR) if c]
    elif name == "domain":
        concept.domain = value
    elif name == "metadata":
        concept.metadata = [parse_metadata(line) for line in lines(value)]
    elif name == "references":
        concept.references = [Reference.parse(line) for line in lines(value)]
    elif name == "definition-references":
        concept.definition_references = [Reference.parse(x) for x in lines(value)]
    elif name == "flags":
        concept.flags = split_flags(value)
    elif name == "definition-flags":
        concept.definition_flags = split_flags(value)
    elif name == "comments":
        concept.comments = lines(value)
    elif name == "definition-comments":
        concept.definition_comments = lines(value)
    else:
        raise KeyError(name)


def set_locale_value(concept: Concept, name: str, value: str) -> None:
    """Set one locale field on that locale's ``concept`` (the inverse of :func:`locale_values`).

    Comment fields replace only their own lines, so the others keep their place.
    """
    if name == "rendering":
        concept.target = value
    elif name == "definition":
        concept.definition_target = value
    elif name in COMMENT_KEYS:
        concept.comments = set_comment_values(concept.comments, name, lines(value))
    elif name == "comments":
        concept.comments = replace_other_comments(concept.comments, lines(value))
    elif name == "flags":
        concept.flags = split_flags(value)
    elif name == "definition-flags":
        concept.definition_flags = split_flags(value)
    elif name == "definition-comments":
        concept.definition_comments = lines(value)
    else:
        raise KeyError(name)


def mirror_template(locale_concept: Concept, template: Concept) -> None:
    """Copy into a locale's concept what locale files copy from the template (``#.``, ``#:``)."""
    locale_concept.term = template.term
    for name, value in template_values(template).items():
        if name in MIRRORED_FIELDS:
            set_template_value(locale_concept, name, value)


def field_hash(value: str) -> str:
    """A short digest of one field value, for recording what an export contained.

    >>> field_hash("三社联动")
    'e300946b'
    """
    return _sha256(value.encode("utf-8")).hexdigest()[:8]


def base_token(values: dict[str, str]) -> str:
    """``name=hash`` for every non-empty field: the state of a concept at export time."""
    return " ".join(f"{k}={field_hash(v)}" for k, v in sorted(values.items()) if v)


# Fields with few distinct values: their digests are worth remembering during one export.
_REPEATED_FIELDS = frozenset(
    {"term-type", "origin", "domain", "flags", "definition-flags"}
)


class BaseTokens:
    """:func:`base_token` for the value lists of :func:`concept_cells`, names fixed once.

    The names are sorted once (not per concept), and the digests of fields with few
    distinct values (origin, domain, flags) are computed once per distinct value.
    :func:`base_tokens` does the same for many concepts at a time, faster.
    """

    def __init__(self, names: list[str]) -> None:
        """Prepare for lists whose values are named ``names``.

        A name given twice is one field holding the later value, as in a dict.
        """
        last = {name: at for at, name in enumerate(names)}
        self._order = [
            (f"{name}=", at, split_field(name)[1] in _REPEATED_FIELDS)
            for name, at in sorted(last.items())
        ]
        self._known: dict[str, str] = {}

    def __call__(self, cells: list[str]) -> str:
        """The base token of one concept's values (what ``base_token`` gives for its dict)."""
        known = self._known
        parts = []
        for prefix, at, repeated in self._order:
            value = cells[at]
            if not value:
                continue
            if repeated:
                digest = known.get(value)
                if digest is None:
                    digest = known[value] = field_hash(value)
            else:
                digest = _sha256(value.encode("utf-8")).hexdigest()[:8]
            parts.append(prefix + digest)
        return " ".join(parts)


def base_tokens(
    names: Sequence[str], columns: Sequence[Sequence[str]], count: int
) -> list[str]:
    """:func:`base_token` of ``count`` concepts whose values come column by column.

    ``columns[i]`` holds every concept's value of the field ``names[i]`` (a name given
    twice is one field holding the later column, as in a dict). A column with few
    distinct values (origin, domain, flags) has each of them hashed once.
    """
    sha256 = _sha256
    last = {name: at for at, name in enumerate(names)}
    parts: list[list[str | None]] = []
    for name, at in sorted(last.items()):
        column = columns[at]
        prefix = f"{name}="
        distinct = set(column)
        if len(distinct) * 4 <= count:
            distinct.discard("")
            if distinct:
                token = {
                    v: prefix + sha256(v.encode("utf-8")).hexdigest()[:8]
                    for v in distinct
                }
                parts.append(list(map(token.get, column)))  # None for an empty value
        else:
            parts.append(
                [
                    prefix + sha256(v.encode("utf-8")).hexdigest()[:8] if v else None
                    for v in column
                ]
            )
    if not parts:
        return [""] * count
    return list(map(" ".join, map(partial(filter, None), zip(*parts, strict=True))))


def parse_base_token(token: str) -> dict[str, str]:
    """Inverse of :func:`base_token` (a missing field was empty).

    >>> parse_base_token("term=ab12cd34 en:rendering=00ff00ff")
    {'term': 'ab12cd34', 'en:rendering': '00ff00ff'}
    """
    result = {}
    for item in token.split():
        name, sep, digest = item.partition("=")
        if sep:
            result[name] = digest
    return result


def new_locale_concept(template: Concept) -> Concept:
    """A locale's untranslated entry for a template concept, as ``glossary update`` makes it."""
    concept = Concept(term=template.term)
    mirror_template(concept, template)
    return concept


def locale_index(
    catalogue: Catalogue, locales: Iterable[str]
) -> dict[str, dict[str, Concept]]:
    """Each locale's concepts by head term (the first of a duplicated term wins)."""
    index: dict[str, dict[str, Concept]] = {}
    for locale in locales:
        file = catalogue.locales.get(locale)
        by_term: dict[str, Concept] = {}
        for concept in file.concepts if file else []:
            by_term.setdefault(concept.term, concept)
        index[locale] = by_term
    return index


def concept_names(locales: list[str]) -> list[str]:
    """The flat field names of :func:`concept_cells`' lists, in their order."""
    names = list(TEMPLATE_FIELDS)
    for locale in locales:
        names += [field_name(locale, name) for name in LOCALE_VALUE_ORDER]
    return names


def concept_cells(catalogue: Catalogue, locales: list[str]) -> Iterator[list[str]]:
    """Every template concept as a list of values, named by :func:`concept_names`.

    The values of :func:`concept_records` without a dict per concept (for the writers).
    """
    index = locale_index(catalogue, locales)
    sides = [index[locale] for locale in locales]
    for concept in catalogue.concepts:
        cells = template_cells(concept)
        term = concept.term
        for by_term in sides:
            cells += locale_cells(by_term.get(term))
        yield cells


def concept_records(catalogue: Catalogue, locales: list[str]) -> list[dict[str, str]]:
    """Every template concept as flat fields, with the sides of ``locales``."""
    index = locale_index(catalogue, locales)
    sides = [
        (
            index[locale],
            [field_name(locale, name) for name in LOCALE_VALUE_ORDER],
            # A missing side's keys come in LOCALE_FIELDS order, as locale_values(None).
            {field_name(locale, name): "" for name in LOCALE_FIELDS},
        )
        for locale in locales
    ]
    records = []
    for concept in catalogue.concepts:
        values = dict(zip(TEMPLATE_FIELDS, template_cells(concept), strict=True))
        for by_term, names, missing in sides:
            side = by_term.get(concept.term)
            if side is None:
                values.update(missing)
            else:
                values.update(zip(names, locale_cells(side), strict=True))
        records.append(values)
    return records


def record_locales(fields: Iterable[str]) -> list[str]:
    """The locales that flat field names mention, sorted.

    >>> record_locales(["term", "en:rendering", "zh_Hant_TW:alt", "en:note"])
    ['en', 'zh_Hant_TW']
    """
    return sorted({loc for loc, _ in map(split_field, fields) if loc is not None})


def records_to_catalogue(records: list[dict[str, str]]) -> Catalogue:
    """Concepts from flat records (the inverse of :func:`concept_records`).

    A locale side whose fields are all empty gives no entry in that locale.
    """
    template = CatalogueFile()
    files: dict[str, CatalogueFile] = {}
    for values in records:
        concept = Concept(term=values.get("term", ""))
        for name in TEMPLATE_FIELDS:
            if name in values:
                set_template_value(concept, name, values[name])
        template.concepts.append(concept)
        for locale in record_locales(values):
            side = {n: values.get(field_name(locale, n), "") for n in LOCALE_FIELDS}
            if not any(side.values()):
                continue
            translated = new_locale_concept(concept)
            for name in LOCALE_FIELDS:
                set_locale_value(translated, name, side[name])
            files.setdefault(locale, CatalogueFile(locale=locale)).concepts.append(
                translated
            )
    return Catalogue(template=template, locales=files)
