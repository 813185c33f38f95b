"""``glossary site``: the catalogue as a static web glossary (a page, a stylesheet, a script).

Jinja2 renders ``templates/site/``; the search index is embedded in the page as JSON, so it
works from ``file://`` and any static host, fetching nothing. The same catalogue always
gives the same bytes: no dates, no random ids, catalogue order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import CatalogueError, UnsupportedLocaleError
from ..fileio import atomic_write_many
from ..model import Catalogue, Concept, Synonym, comment_values
from ..records import concept_record, variant_locales
from . import pinyin
from .exchange import source_sentence

PAGE = "index.html"
STATIC_FILES = ("site.css", "site.js")
SITE_FILES = (PAGE, *STATIC_FILES)
# Every file we write carries this, so a rebuild may replace it and nothing else.
MARKER = "glossarykit site"
DEFAULT_TITLE = "Glossary"

VARIANT_NAMES = {
    "zh_Hant_TW": "Traditional (Taiwan)",
    "zh_Hant_HK": "Traditional (Hong Kong)",
    "zh_Hant_MO": "Traditional (Macau)",
}
TERM_TYPES = {
    "fullForm": "full form",
    "shortForm": "short form",
    "abbreviation": "abbreviation",
    "acronym": "acronym",
    "variant": "variant",
    "synonym": "synonym",
}
ORIGINS = {
    "annotated": "the definition is the report's own appendix note",
    "mined": "found in the report's body, defined from its words",
    "editorial": "defined by the glossary's editors",
}
STATUSES = {
    "needs-review": "needs review",
    "machine": "machine suggestion, not reviewed",
    "untranslated": "no rendering yet",
}
# Characters that would end a <script> element or confuse an HTML parser inside one.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_QUOTES_RE = re.compile('[“”"「」『』]')


@dataclass
class Site:
    """The files of a built site, name -> bytes, and what it holds."""

    files: dict[str, bytes] = field(default_factory=dict)
    concepts: int = 0


def build_site(
    catalogue: Catalogue, locale: str = "en", title: str | None = None
) -> Site:
    """Render the catalogue as a site, with ``locale`` as the language of the renderings.

    :raises UnsupportedLocaleError: the catalogue has no such locale.
    """
    import jinja2  # only this command needs it

    if locale not in catalogue.locales:
        have = ", ".join(sorted(catalogue.locales)) or "none"
        raise UnsupportedLocaleError(
            f"the catalogue has no locale {locale!r} (it has: {have})",
            hint="Pass --locale with one of those",
        )
    readings = pinyin.catalogue_readings(catalogue)
    sentences = _SourceLines(catalogue.root)
    entries = [
        _entry(catalogue, concept, locale, readings, sentences)
        for concept in catalogue.concepts
    ]
    folder = resources.files("glossarykit") / "templates" / "site"
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.from_string((folder / PAGE).read_text(encoding="utf-8"))
    page = template.render(
        title=title or default_title(catalogue),
        lang=locale.replace("_", "-"),
        version=__version__,
        marker=MARKER,
        entries=entries,
        domains=_counts(e["domain"] for e in entries),
        origins=[
            (o, ORIGINS[o], n)
            for o, n in _counts(e["origin"] for e in entries)
            if o in ORIGINS
        ],
        index=script_json([e["search"] for e in entries]),
    )
    files = {PAGE: page.encode("utf-8")}
    for name in STATIC_FILES:
        files[name] = (folder / name).read_bytes()
    return Site(files=files, concepts=len(entries))


def write_site(site: Site, folder: Path) -> list[Path]:
    """Write the site's files into ``folder`` atomically; return those that changed.

    A file of the same name that this command did not write is never replaced.

    :raises CatalogueError: ``folder`` is a file, or holds a foreign ``index.html``...
    """
    if folder.exists() and not folder.is_dir():
        raise CatalogueError(
            "is a file, not a folder", path=folder, hint="Choose a folder for -o"
        )
    for name in site.files:
        path = folder / name
        if path.exists() and not _is_ours(path):
            raise CatalogueError(
                "exists and was not written by glossary site",
                path=path,
                hint="Choose another -o folder, or move that file away",
            )
    changed = [
        (folder / name, data)
        for name, data in site.files.items()
        if not (folder / name).exists() or (folder / name).read_bytes() != data
    ]
    # All staged and synced before the first rename: an interrupted run changes nothing.
    atomic_write_many(changed)
    return [path for path, _ in changed]


def default_title(catalogue: Catalogue) -> str:
    """The template's first header comment (free text, not the gettext placeholder)."""
    for line in catalogue.template.header_comments:
        text = line.strip().rstrip(".")
        if text and text != "SOME DESCRIPTIVE TITLE" and ":" not in text[:20]:
            return text
    return DEFAULT_TITLE


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> script_json(["</script>", "a&b"])
    '["\\\\u003c/script\\\\u003e","a\\\\u0026b"]'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def anchor(concept: Concept) -> str:
    """The concept's stable fragment id (its id; the head term when it has none).

    >>> anchor(Concept(term="三社联动", id="wc2017-a06")), anchor(Concept(term="大湖 +"))
    ('wc2017-a06', '大湖-+')
    """
    return re.sub(r"\s+", "-", concept.id or concept.term)


def _entry(
    catalogue: Catalogue,
    concept: Concept,
    locale: str,
    readings: pinyin.Readings,
    sentences: _SourceLines,
) -> dict[str, Any]:
    reading = readings.of(concept)
    record = concept_record(catalogue, concept, locale, pinyin=reading)
    traditional = _traditional_forms(catalogue, concept)
    english = [record["rendering"], *record["alternatives"]]
    keys = readings.keys(concept)
    return record | {
        "anchor": anchor(concept),
        "synonym_rows": [
            (TERM_TYPES.get(s.type, s.type or "synonym"), s.term)
            for s in concept.synonyms
        ],
        "variant_rows": _variant_rows(record["variants"]),
        "origin_label": ORIGINS.get(concept.origin, concept.origin),
        "status_label": STATUSES.get(record["status"], ""),
        "sources": [
            (str(ref), *sentences.find(ref.path, ref.line, concept))
            for ref in concept.references
        ],
        "search": {
            "id": record["id"],
            "zh": concept.sources,
            "hant": traditional,
            "en": [e for e in english if e],
            "py": [" ".join(k.syllables) for k in keys],
            "domain": concept.domain,
            "origin": concept.origin,
        },
    }


def _traditional_forms(catalogue: Catalogue, concept: Concept) -> list[str]:
    """The Traditional forms of the term and of its synonyms (``# synonym:``), once each."""
    forms: list[str] = []
    for variant in variant_locales(catalogue):
        converted = catalogue.translation(concept, variant)
        if converted is None:
            continue
        synonyms = [
            Synonym.parse(v).term for v in comment_values(converted.comments, "synonym")
        ]
        forms += [f for f in (converted.target, *synonyms) if f]
    return [f for f in dict.fromkeys(forms) if f not in concept.sources]


def _variant_rows(variants: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """(label, BCP 47 tag, term) per Traditional form; one row for locales that agree."""
    by_term: dict[str, list[str]] = {}
    for locale, variant in variants.items():
        by_term.setdefault(variant["term"], []).append(locale)
    rows = []
    for term, locales in by_term.items():
        names = [VARIANT_NAMES.get(loc, loc) for loc in locales]
        if len(names) > 1 and all(n.startswith("Traditional (") for n in names):
            label = "Traditional (" + ", ".join(n[13:-1] for n in names) + ")"
        else:
            label = ", ".join(names)
        rows.append((label, locales[0].replace("_", "-"), term))
    return rows


def _counts(values: Any) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items())


class _SourceLines:
    """Lines of the cited source documents, read once each (missing ones are empty)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.lines: dict[str, list[str]] = {}

    def find(
        self, path: str, line: int | None, concept: Concept
    ) -> tuple[str, str, str]:
        """The sentence of ``path:line`` that holds a form of the concept, split around
        that form as (before, form, after); empty strings when there is none."""
        if self.root is None or not line:
            return ("", "", "")
        if path not in self.lines:
            try:
                text = (self.root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.lines[path] = text.splitlines()
        lines = self.lines[path]
        if not 0 < line <= len(lines):
            return ("", "", "")
        forms = [*concept.sources, *(_QUOTES_RE.sub("", f) for f in concept.sources)]
        for form in dict.fromkeys(f for f in forms if f):
            sentence = source_sentence(lines[line - 1], form)
            if sentence:
                before, _, after = sentence.partition(form)
                return (before, form, after)
        return ("", "", "")


def _is_ours(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    return MARKER.encode() in head
