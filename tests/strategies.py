"""Hypothesis strategies for concepts and whole catalogues, and helpers to put them on disk.

Reusable by any test: ``catalogues()`` gives a :class:`Catalogue` (template, ``en``,
``zh_Hant_TW``) in the canonical form the PO writer keeps (read -> write is byte-identical),
``save_new_catalogue`` writes it under a folder with complete headers, and
``empty_catalogue_copy`` makes the same folder with headers only (an import target).

The text covers CJK, full-width punctuation and “” quotes, leading ``= + - @``, a trailing
``+``, newlines, tabs and backslashes; never XML-invalid control characters.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import strategies as st

from glossarykit.formats.fields import (
    COMMENT_KEYS,
    LOCALE_FIELDS,
    new_locale_concept,
    set_locale_value,
)
from glossarykit.model import Catalogue, CatalogueFile, Concept, Reference, Synonym
from glossarykit.services.catalogue import (
    TEMPLATE_PATH,
    load_catalogue,
    locale_path,
    save_catalogue,
)

LOCALES = ("en", "zh_Hant_TW")
TERM_TYPES = ("fullForm", "shortForm", "abbreviation", "variant", "customType", "")

_CJK = "三社联动四水共治大湖武汉工程一号两率聯動國際化"
_PUNCT = "“”、，。：；（）《》"
_EDGE = "=+-@\\\"'<>&"
_ASCII = "abcXYZ019 ."

# Single-line text without edge whitespace: terms, comment values, metadata.
_LINE_ALPHABET = _CJK + _PUNCT + _EDGE + _ASCII
# Free text: adds line breaks and tabs (definitions and renderings hold them).
_TEXT_ALPHABET = _LINE_ALPHABET + "\n\t\r"


def _clean_line(text: str) -> str:
    return text.strip()


# Built once: creating strategies inside a draw is what makes generation slow.
_LINE = (
    st.text(alphabet=_LINE_ALPHABET, min_size=1, max_size=12)
    .map(_clean_line)
    .filter(bool)
)
_TEXT = st.text(alphabet=_TEXT_ALPHABET, min_size=1, max_size=30).filter(
    lambda t: bool(t.strip())
)
_CORE = st.text(alphabet=_CJK, min_size=1, max_size=6)
_TERM = st.one_of(
    _CORE,
    _CORE.map(lambda t: t + "+"),
    _CORE.map(lambda t: f"“{t}”"),
    _CORE.map(lambda t: f"新“{t}”"),
)
_MAYBE_TEXT = st.just("") | _TEXT
_LINES = st.lists(_LINE, max_size=2)
_TERM_TYPE = st.sampled_from(TERM_TYPES)
_COMPONENTS = st.lists(st.text(alphabet=_CJK, min_size=1, max_size=4), max_size=3)
_REFERENCE_LINES = st.lists(st.integers(1, 300), max_size=3, unique=True)
_STATUS_FLAGS = st.sampled_from([[], ["fuzzy"], ["fuzzy", "machine"]])
_CONFIGS = st.sampled_from(["s2tw", "s2hk"])


def lines_of_text() -> st.SearchStrategy[str]:
    """One line, no surrounding whitespace, possibly starting with = + - @."""
    return _LINE


def free_text() -> st.SearchStrategy[str]:
    """Multi-line text (a definition or a rendering)."""
    return _TEXT


def cjk_terms() -> st.SearchStrategy[str]:
    """A Chinese head term or synonym; sometimes with a trailing + or “” quotes."""
    return _TERM


@st.composite
def template_concepts(draw: st.DrawFn, concept_id: str) -> Concept:
    """The template side of one concept."""
    term = draw(_TERM)
    concept = Concept(term=term, id=concept_id)
    concept.definition = draw(st.none() | _TEXT)
    concept.origin = draw(st.sampled_from(["", "annotated", "mined", "editorial"]))
    if concept.origin == "annotated":
        concept.origin_detail = str(draw(st.integers(1, 20)))
    concept.term_type = draw(_TERM_TYPE)
    synonyms = draw(st.lists(_TERM, max_size=2, unique=True))
    concept.synonyms = [Synonym(s, draw(_TERM_TYPE)) for s in synonyms if s != term]
    concept.components = draw(_COMPONENTS)
    concept.domain = draw(st.sampled_from(["", "社会治理", "生态环境"]))
    concept.metadata = [
        ("x-reviewer", value) for value in draw(st.lists(_LINE, max_size=1))
    ]
    lines = draw(_REFERENCE_LINES)
    concept.references = [Reference("glossary/sources/r.txt", n) for n in sorted(lines)]
    if concept.definition is not None and lines:
        concept.definition_references = concept.references[-1:]
    concept.flags = draw(st.sampled_from([[], ["ignore-numeral-count"]]))
    concept.comments = draw(st.lists(_LINE, max_size=1))
    return concept


@st.composite
def locale_sides(draw: st.DrawFn, template: Concept) -> dict[str, str]:
    """One locale's fields of a concept, as flat values (see ``formats.fields``)."""
    side = dict.fromkeys(LOCALE_FIELDS, "")
    side["rendering"] = draw(_MAYBE_TEXT)
    if template.definition is not None:
        side["definition"] = draw(_MAYBE_TEXT)
    for key in COMMENT_KEYS:
        values = draw(_LINES)
        if key == "synonym":
            values = [str(Synonym(draw(_TERM), "fullForm")) for _ in values]
        side[key] = "\n".join(values)
    others = draw(st.lists(_LINE, max_size=1))  # free text: no "key:" form
    converted = draw(st.lists(_CONFIGS, max_size=1))
    side["comments"] = "\n".join(others + [f"converted: {v}" for v in converted])
    status = draw(_STATUS_FLAGS)
    side["flags"] = ", ".join(status + template.flags)
    if template.definition is not None:
        side["definition-flags"] = draw(st.sampled_from(["", "fuzzy"]))
        side["definition-comments"] = draw(st.sampled_from(["", "converted: s2tw"]))
    return side


@st.composite
def catalogues(draw: st.DrawFn, max_concepts: int = 4) -> Catalogue:
    """A catalogue of up to ``max_concepts`` concepts with an ``en`` and a zh_Hant_TW side."""
    count = draw(st.integers(0, max_concepts))
    template = CatalogueFile(header=header(None))
    files = {loc: CatalogueFile(locale=loc, header=header(loc)) for loc in LOCALES}
    terms: set[str] = set()
    for number in range(count):
        concept = draw(template_concepts(f"t-{number + 1}"))
        if concept.term in terms:
            continue
        terms.add(concept.term)
        template.concepts.append(concept)
        for locale in LOCALES:
            side = draw(locale_sides(concept))
            translated = new_locale_concept(concept)
            for name in LOCALE_FIELDS:
                set_locale_value(translated, name, side[name])
            files[locale].concepts.append(translated)
    return Catalogue(template=template, locales=files)


def header(locale: str | None) -> list[tuple[str, str]]:
    """A complete PO header for the template (None) or a locale."""
    return [
        ("Project-Id-Version", "glossarykit test"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", "2026-11-30 00:00+0000"),
        ("PO-Revision-Date", "2026-11-30 00:00+0000"),
        ("Last-Translator", "test"),
        ("Language-Team", ""),
        ("Language", locale or ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
    ]


def save_new_catalogue(catalogue: Catalogue, root: Path) -> Catalogue:
    """Write ``catalogue`` under ``root`` and read it back (as the tool would see it)."""
    catalogue.root = root
    for file in [catalogue.template, *catalogue.locales.values()]:
        file.path = None
    root.mkdir(parents=True, exist_ok=True)
    save_catalogue(catalogue)
    return load_catalogue(root)


def empty_catalogue_copy(source: Path, target: Path) -> Catalogue:
    """A copy of the catalogue folder ``source`` whose files keep only their headers."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    catalogue = load_catalogue(source)
    catalogue.root = target
    catalogue.template.concepts.clear()
    for file in catalogue.locales.values():
        file.concepts.clear()
    (target / TEMPLATE_PATH).parent.mkdir(parents=True)
    for locale in catalogue.locales:
        locale_path(target, locale).parent.mkdir(parents=True)
    save_catalogue(catalogue)
    return load_catalogue(target)


def catalogue_bytes(root: Path) -> dict[str, bytes]:
    """Every catalogue file under ``root`` by relative path (template and locale POs)."""
    files = [
        root / TEMPLATE_PATH,
        *sorted((root / "locales").glob("*/LC_MESSAGES/*.po")),
    ]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}
