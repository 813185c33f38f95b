"""Mark glossary terms in Chinese text (``glossary annotate``): text, JSON data and an HTML page.

Matching is the matcher's (leftmost-longest, every source form); this module only lays the
matches out. The HTML page is a Jinja2 template with autoescaping, so catalogue text is
always text: a ``<script>`` in a definition is shown, never run.

:func:`annotated_text_at` and :func:`annotate_at` take the forms and the concept data from
the lookup index (``services.index``) when it is fresh, instead of reading every PO file:
at 100,000 concepts reading is seconds, the index a tenth of one. Without a fresh index
(none yet, ``GLOSSARY_NO_CACHE=1``, an unwritable or damaged cache) they load the whole
catalogue, which also (re)builds the index. Both ways give the same output.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Hashable, Sequence
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, AnyStr, TypeVar

from ..model import Catalogue
from ..records import VARIANT_PREFIX, concept_record
from .matcher import (
    FORM_SYNONYM,
    FORM_TERM,
    UNITS,
    FormMatcher,
    FormTable,
    TermForm,
    TermMatch,
    TermMatcher,
)

if TYPE_CHECKING:
    from .index import LookupIndex

_T = TypeVar("_T")

# The form index of a (form index, start, end) match.
_FORM = itemgetter(0)

TEMPLATE = "annotate.html"
NO_RENDERING = "?"


@dataclasses.dataclass
class Annotation:
    """A text, its term matches in order, and the concept record of every matched concept."""

    text: str
    matches: list[TermMatch]
    records: dict[int, dict[str, Any]]
    locale: str = "en"

    def record(self, match: TermMatch) -> dict[str, Any]:
        """The concept record (``records.concept_record``) of a match's concept."""
        return self.records[id(match.concept)]


@dataclasses.dataclass(frozen=True)
class MarkedText:
    """The text format's output (in ``parts``, to be written one after the other), and
    what the closing message counts."""

    parts: list[str]
    occurrences: int
    concepts: int

    @property
    def text(self) -> str:
        """The whole output."""
        return "".join(self.parts)


def annotate_text(
    catalogue: Catalogue,
    text: str,
    locale: str = "en",
    matcher: TermMatcher | None = None,
) -> Annotation:
    """Find every glossary term in ``text``; ``locale`` is the language of the renderings."""
    matcher = matcher or TermMatcher.from_catalogue(catalogue)
    matches = matcher.find(text)
    records: dict[int, dict[str, Any]] = {}
    for match in matches:
        if id(match.concept) not in records:
            records[id(match.concept)] = concept_record(
                catalogue, match.concept, locale
            )
    return Annotation(text, matches, records, locale)


def insert_after(text: str, ends: Sequence[int], labels: Sequence[str]) -> str:
    """``text`` with ``labels[i]`` inserted at offset ``ends[i]`` (ascending), in one join.

    >>> insert_after("abcd", [1, 3], ["<1>", "<3>"])
    'a<1>bc<3>d'
    """
    parts: list[str] = []
    add = parts.append
    position = 0
    for end, label in zip(ends, labels, strict=True):
        add(text[position:end])
        add(label)
        position = end
    add(text[position:])
    return "".join(parts)


def _inserted(
    text: AnyStr, matches: list[tuple[int, int, int]], labels: list[AnyStr]
) -> AnyStr:
    """``text`` with ``labels[form]`` after every (form, start, end) match: the loop of
    :func:`insert_after` on the matcher's tuples (faster than taking them apart first)."""
    parts: list[AnyStr] = []
    add = parts.append
    position = 0
    for form, _, end in matches:
        add(text[position:end])
        add(labels[form])
        position = end
    add(text[position:])
    return text[:0].join(parts)


def _label(rendering: str) -> str:
    return f"[{rendering or NO_RENDERING}]"


def annotated_text(annotation: Annotation) -> str:
    """The text with ``[rendering]`` after every term (``[?]`` when it has none yet).

    >>> from glossarykit.model import Catalogue, CatalogueFile, Concept
    >>> catalogue = Catalogue(CatalogueFile(concepts=[Concept(term="三社联动")]))
    >>> annotated_text(annotate_text(catalogue, "深化三社联动。"))
    '深化三社联动[?]。'
    """
    labels = {
        key: _label(record["rendering"]) for key, record in annotation.records.items()
    }
    return insert_after(
        annotation.text,
        [match.end for match in annotation.matches],
        [labels[id(match.concept)] for match in annotation.matches],
    )


def marked_text(catalogue: Catalogue, text: str, locale: str = "en") -> MarkedText:
    """The text format (what ``annotated_text(annotate_text(...))`` gives) without a
    concept record per concept: only the renderings are needed."""
    forms = TermMatcher.from_catalogue(catalogue).forms
    owners = [id(form.concept) for form in forms]
    labels: list[str] = []
    for form in forms:
        target = catalogue.translation(form.concept, locale)
        labels.append(_label(target.target if target else ""))
    return _marked(text, [form.form for form in forms], labels, owners)


def _marked(
    text: str, forms: list[str], labels: list[str], owners: Sequence[Hashable]
) -> MarkedText:
    """The text with every match's label (``labels`` by form index) and the counts
    (``owners``: the concept of each form).

    Matched in UTF-16 (:meth:`FormMatcher.find_units`: a smaller automaton, a third
    faster at 100,000 concepts), block by block; a block that way cannot answer is
    matched as ``str``.
    """
    matcher = FormMatcher(forms, units=True)
    try:
        unit_labels: list[bytes] | None = [label.encode(UNITS) for label in labels]
    except UnicodeEncodeError:  # a lone surrogate in a rendering
        unit_labels = None
    parts = []
    occurrences = 0
    matched: set[int] = set()
    for block in matcher.blocks(text):
        matches = None
        if unit_labels is not None:
            try:
                data = block.encode(UNITS)
            except UnicodeEncodeError:  # a lone surrogate in the text
                pass
            else:
                matches = matcher.find_units(data)
                if matches is not None:
                    parts.append(_inserted(data, matches, unit_labels).decode(UNITS))
        if matches is None:
            matches = matcher.find(block)
            parts.append(_inserted(block, matches, labels))
        occurrences += len(matches)
        matched.update(map(_FORM, matches))
    concepts = len({owners[index] for index in matched})
    return MarkedText(parts, occurrences, concepts)


# -- from the lookup index ---------------------------------------------------------------


def indexed_forms(found: LookupIndex) -> list[tuple[str, int, str, str | None]]:
    """What :func:`~.matcher.source_forms` gives, from the index: (form, catalogue
    position of its concept, kind, locale) rows."""
    table: FormTable[int] = FormTable()
    for form, position, is_term in found.source_rows():
        table.add(form, position, FORM_TERM if is_term else FORM_SYNONYM)
    # records.variant_locales, on the index's list of locales.
    for locale in sorted(
        loc for loc in found.locales if loc.startswith(VARIANT_PREFIX)
    ):
        for position, entry in found.entries(locale):
            table.add_variant(locale, position, entry)
    return table.rows


# The data annotate keeps beside the lookup index (``LookupIndex.save_derived``): the
# forms, and the renderings per locale. Bump the number when what is kept, or how it is
# computed, changes.
DERIVED = "annotate-1"


@dataclasses.dataclass
class IndexedForms:
    """:func:`indexed_forms` by column, with the ``locale`` renderings of each form's
    concept (``""`` when it has none)."""

    forms: list[str]
    positions: list[int]
    kinds: list[str]
    locales: list[str | None]
    targets: dict[str, list[str]]


def _derived_forms(value: Any) -> IndexedForms | None:
    """The kept data if it has the shape :func:`indexed_forms_of` writes."""
    if not isinstance(value, dict) or set(value) != {
        f.name for f in dataclasses.fields(IndexedForms)
    }:
        return None
    columns = [value[key] for key in ("forms", "positions", "kinds", "locales")]
    if not all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns):
        return None
    if not isinstance(value["targets"], dict) or not all(
        isinstance(t, list) and len(t) == len(columns[0])
        for t in value["targets"].values()
    ):
        return None
    return IndexedForms(**value)


def indexed_forms_of(found: LookupIndex, locale: str | None = None) -> IndexedForms:
    """:func:`indexed_forms` (and the ``locale`` renderings), kept beside the index: at
    100,000 concepts reading them from the index takes longer than matching 2 MB."""
    kept = _derived_forms(found.load_derived(DERIVED))
    data = kept
    if data is None:
        rows = indexed_forms(found)
        data = IndexedForms(
            [row[0] for row in rows],
            [row[1] for row in rows],
            [row[2] for row in rows],
            [row[3] for row in rows],
            {},
        )
    if locale is not None and locale not in data.targets:
        by_position = found.targets(locale)
        data.targets[locale] = [by_position.get(p, "") for p in data.positions]
        kept = None
    if kept is None:
        found.save_derived(DERIVED, dataclasses.asdict(data))
    return data


def _marked_from_index(found: LookupIndex, text: str, locale: str) -> MarkedText:
    data = indexed_forms_of(found, locale)
    labels = [_label(target) for target in data.targets[locale]]
    return _marked(text, data.forms, labels, data.positions)


def _annotation_from_index(found: LookupIndex, text: str, locale: str) -> Annotation:
    data = indexed_forms_of(found)
    raw = FormMatcher(data.forms).find(text)
    matched = dict.fromkeys(index for index, _, _ in raw)  # in order of first match
    # The concepts in order of first match, as annotate_text records them.
    positions = list(dict.fromkeys(data.positions[index] for index in matched))
    part = found.catalogue_of_many(positions)
    concept_at = dict(zip(positions, part.concepts, strict=True))
    forms = {
        index: TermForm(
            data.forms[index],
            concept_at[data.positions[index]],
            data.kinds[index],
            data.locales[index],
        )
        for index in matched
    }
    matches = [TermMatch(start, end, forms[index]) for index, start, end in raw]
    records = {
        id(concept): concept_record(part, concept, locale) for concept in part.concepts
    }
    return Annotation(text, matches, records, locale)


def annotated_text_at(root: Path, text: str, locale: str = "en") -> MarkedText:
    """The text format for the catalogue at ``root``: from its lookup index when fresh,
    else from a full load (which rebuilds the index)."""
    from . import index

    marked = _from_index(root, lambda found: _marked_from_index(found, text, locale))
    if marked is not None:
        return marked
    return marked_text(index.load_indexed(root), text, locale)


def annotate_at(root: Path, text: str, locale: str = "en") -> Annotation:
    """:func:`annotate_text` for the catalogue at ``root`` (JSON and HTML): the matched
    concepts from its lookup index when fresh, else from a full load."""
    from . import index

    annotation = _from_index(
        root, lambda found: _annotation_from_index(found, text, locale)
    )
    if annotation is not None:
        return annotation
    return annotate_text(index.load_indexed(root), text, locale)


def _from_index(root: Path, answer: Callable[[LookupIndex], _T]) -> _T | None:
    """``answer`` from the fresh index of ``root``; None without one (or if it fails)."""
    import sqlite3

    from .index import LookupIndex

    found = LookupIndex.open(root)
    if found is None:
        return None
    try:
        return answer(found)
    except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
        import logging  # only then: start-up time

        logging.getLogger(__name__).debug("lookup index unusable: %s", exc)
        return None
    finally:
        found.close()


def annotation_data(annotation: Annotation, source: str) -> dict[str, Any]:
    """The JSON form: every match with its offsets (in characters) and concept, then a
    summary per concept. ``end`` is exclusive; ``line`` counts from 1."""
    newlines = [i for i, ch in enumerate(annotation.text) if ch == "\n"]
    counts: dict[int, int] = {}
    matches = []
    for match in annotation.matches:
        record = annotation.record(match)
        counts[id(match.concept)] = counts.get(id(match.concept), 0) + 1
        matches.append(
            {
                "start": match.start,
                "end": match.end,
                "line": bisect.bisect_left(newlines, match.start) + 1,
                "form": match.form.form,
                "form_type": match.form.kind,
                "form_locale": match.form.locale,
                "id": record["id"],
                "term": record["term"],
                "rendering": record["rendering"],
            }
        )
    concepts = [
        {
            "id": record["id"],
            "term": record["term"],
            "rendering": record["rendering"],
            "count": counts[key],
            "definition": record["definition"],
            "definition_translation": record["definition_translation"],
        }
        for key, record in annotation.records.items()
    ]
    return {
        "file": source,
        "locale": annotation.locale,
        "characters": len(annotation.text),
        "matches": matches,
        "concepts": concepts,
    }


def annotated_html(annotation: Annotation, title: str) -> str:
    """One standalone HTML page: the text with every term highlighted, its rendering and
    definition shown on hover, on keyboard focus, and when the term is the URL's #target."""
    import jinja2  # only the HTML format needs it

    source = resources.files("glossarykit") / "templates" / TEMPLATE
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    template = environment.from_string(source.read_text(encoding="utf-8"))
    data = annotation_data(annotation, title)
    pieces: list[dict[str, Any]] = []
    position = 0
    for number, (match, item) in enumerate(
        zip(annotation.matches, data["matches"], strict=True), start=1
    ):
        pieces.append({"text": annotation.text[position : match.start]})
        record = annotation.record(match)
        pieces.append({"text": item["form"], "n": number, "match": item, **record})
        position = match.end
    pieces.append({"text": annotation.text[position:]})
    return template.render(
        title=title,
        lang=annotation.locale.replace("_", "-"),
        pieces=pieces,
        concepts=data["concepts"],
        occurrences=len(annotation.matches),
    )
