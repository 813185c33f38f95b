"""Mark glossary terms in Chinese text (``glossary annotate``): text, JSON data and an HTML page.

Matching is the matcher's (leftmost-longest, every source form); this module only lays the
matches out. The HTML page is a Jinja2 template with autoescaping, so catalogue text is
always text: a ``<script>`` in a definition is shown, never run.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..model import Catalogue
from ..records import concept_record
from .matcher import TermMatch, TermMatcher

TEMPLATE = "annotate.html"
NO_RENDERING = "?"


@dataclass
class Annotation:
    """A text, its term matches in order, and the concept record of every matched concept."""

    text: str
    matches: list[TermMatch]
    records: dict[int, dict[str, Any]]
    locale: str = "en"

    def record(self, match: TermMatch) -> dict[str, Any]:
        """The concept record (``records.concept_record``) of a match's concept."""
        return self.records[id(match.concept)]


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


def annotated_text(annotation: Annotation) -> str:
    """The text with ``[rendering]`` after every term (``[?]`` when it has none yet).

    >>> from glossarykit.model import Catalogue, CatalogueFile, Concept
    >>> catalogue = Catalogue(CatalogueFile(concepts=[Concept(term="三社联动")]))
    >>> annotated_text(annotate_text(catalogue, "深化三社联动。"))
    '深化三社联动[?]。'
    """
    parts = []
    position = 0
    for match in annotation.matches:
        rendering = annotation.record(match)["rendering"] or NO_RENDERING
        parts += [annotation.text[position : match.end], f"[{rendering}]"]
        position = match.end
    parts.append(annotation.text[position:])
    return "".join(parts)


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
