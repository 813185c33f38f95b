"""``glossary lookup``: one term, in any script or in English, with everything known about it."""

from __future__ import annotations

from typing import Any

import click

from ..errors import NotFoundError
from ..records import concept_record
from ..services.lookup import MATCH_EXACT, lookup_at
from .context import AppContext, pass_app
from .output import emit, format_option, pad, to_json

LABEL_WIDTH = 15


@click.command("lookup")
@click.argument("term", nargs=-1, required=True)
@click.option(
    "--locale", default="en", show_default=True, help="Target locale of the rendering."
)
@format_option(("text", "json"))
@pass_app
def lookup_command(
    app: AppContext, term: tuple[str, ...], locale: str, output_format: str
) -> None:
    """Look up TERM: Simplified, Traditional, English, pinyin, or part of a term.

    Several words are one term (glossary lookup sanshe liandong).

    Exact matches win; then Traditional input converted to Simplified, then English
    renderings (reverse lookup), then pinyin (tone marks and spaces optional, or
    initials), then partial matches. Exit 1 when nothing matches.

    \b
    Examples:
        glossary lookup 三社联动
        glossary lookup 三社聯動
        glossary lookup sanshe liandong
        glossary lookup ssld
        glossary lookup "four-water" --format json
    """
    catalogue, result = lookup_at(app.root, " ".join(term), locale)
    records = [
        concept_record(catalogue, m.concept, locale, pinyin=m.reading)
        for m in result.matches
    ]
    kind = result.matches[0].kind if result.matches else None
    if output_format == "json":
        emit(
            to_json(
                {
                    "query": result.query,
                    "match": kind,
                    "concepts": records,
                    "suggestions": result.suggestions,
                }
            )
        )
    else:
        if kind and kind != MATCH_EXACT:
            app.message(
                f"{len(records)} {kind} match{'es' if len(records) != 1 else ''} for {result.query}:"
            )
        emit("\n\n".join(render_concept(r) for r in records))
    if not records:
        hint = (
            f"Did you mean: {', '.join(result.suggestions)}?"
            if result.suggestions
            else "Try part of the term."
        )
        raise NotFoundError(f"no glossary entry for “{result.query}”", hint=hint)


def render_concept(record: dict[str, Any]) -> str:
    """The text form of one concept record."""
    head = record["term"]
    if record["rendering"]:
        head += f"  {record['rendering']}"
    lines = [head]

    def field(label: str, value: str) -> None:
        if value:
            lines.append(f"  {pad(label, LABEL_WIDTH)}{value}")

    field("pinyin", record.get("pinyin", ""))
    for synonym in record["synonyms"]:
        field(synonym["type"] or "synonym", synonym["term"])
    field("zh definition", record["definition"])
    field(f"{record['locale']} definition", record["definition_translation"])
    field("components", "、".join(record["components"]))
    for locale, variant in record["variants"].items():
        field(locale, variant["term"])
    for label, key in (
        ("alt", "alternatives"),
        ("avoid", "avoid"),
        ("note", "notes"),
        ("source", "rendering_sources"),
    ):
        for value in record[key]:
            field(label, value)
    if record["status"] != "approved":
        field("status", record["status"])
    field("origin", " ".join(filter(None, [record["origin"], record["origin_detail"]])))
    field("id", record["id"])
    field("domain", record["domain"])
    field("references", _references(record["references"]))
    return "\n".join(lines)


def _references(references: list[str]) -> str:
    """``a.txt:1, 5, 9`` rather than repeating the path for every line."""
    parts: list[str] = []
    last_path = None
    for ref in references:
        path, _, line = ref.rpartition(":")
        if path and path == last_path:
            parts.append(line)
        else:
            parts.append(ref)
            last_path = path or None
    return ", ".join(parts)
