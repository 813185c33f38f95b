"""The flat field view of a concept: what exchange formats carry, import merges and diffs.

A concept is a template side (``term``, ``definition``, ``origin``...) and one side per
locale (``en:rendering``, ``en:alt``...). Every value is a string; lists are joined with
newlines (their items never hold one: they are PO comment lines). Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

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
    comment_values,
    parse_comment,
    set_comment_values,
)

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


def template_values(concept: Concept) -> dict[str, str]:
    """The template side of a concept as flat fields."""
    return {
        "id": concept.id,
        "term": concept.term,
        "term-type": concept.term_type,
        "synonyms": join(concept.synonyms),
        "definition": concept.definition or "",
        "origin": concept.origin_label,
        "components": COMPONENT_SEPARATOR.join(concept.components),
        "domain": concept.domain,
        "metadata": join(metadata_lines(concept)),
        "references": join(concept.references),
        "definition-references": join(concept.definition_references),
        "flags": FLAG_SEPARATOR.join(concept.flags),
        "definition-flags": FLAG_SEPARATOR.join(concept.definition_flags),
        "comments": join(concept.comments),
        "definition-comments": join(concept.definition_comments),
    }


def locale_values(concept: Concept | None) -> dict[str, str]:
    """One locale's side of a concept as flat fields (all empty when it has none)."""
    if concept is None:
        return dict.fromkeys(LOCALE_FIELDS, "")
    values = {
        "rendering": concept.target,
        "definition": concept.definition_target,
    }
    for key in COMMENT_KEYS:
        values[key] = join(comment_values(concept.comments, key))
    values["comments"] = join(other_comments(concept.comments))
    values["flags"] = FLAG_SEPARATOR.join(concept.flags)
    values["definition-flags"] = FLAG_SEPARATOR.join(concept.definition_flags)
    values["definition-comments"] = join(concept.definition_comments)
    return values


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
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def base_token(values: dict[str, str]) -> str:
    """``name=hash`` for every non-empty field: the state of a concept at export time."""
    return " ".join(f"{k}={field_hash(v)}" for k, v in sorted(values.items()) if v)


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


def concept_records(catalogue: Catalogue, locales: list[str]) -> list[dict[str, str]]:
    """Every template concept as flat fields, with the sides of ``locales``."""
    index = locale_index(catalogue, locales)
    records = []
    for concept in catalogue.concepts:
        values = template_values(concept)
        for locale in locales:
            side = locale_values(index[locale].get(concept.term))
            values.update({field_name(locale, k): v for k, v in side.items()})
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
