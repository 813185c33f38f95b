"""``glossary list``: every concept, filtered by origin, domain or status."""

from __future__ import annotations

from typing import Any

import click

from ..records import concept_record
from .context import AppContext, pass_app
from .output import emit, format_option, pad, render_rows

COLUMNS = ("id", "term", "rendering", "origin", "domain", "status")


@click.command("list")
@click.option(
    "--origin",
    type=click.Choice(["annotated", "mined", "editorial"]),
    help="Only this origin.",
)
@click.option("--domain", help="Only this domain (subject field).")
@click.option(
    "--status",
    type=click.Choice(["approved", "needs-review", "machine", "untranslated"]),
    help="Only concepts in this review state (in --locale).",
)
@click.option(
    "--locale",
    default="en",
    show_default=True,
    help="Target locale of renderings and status.",
)
@format_option()
@pass_app
def list_command(
    app: AppContext,
    origin: str | None,
    domain: str | None,
    status: str | None,
    locale: str,
    output_format: str,
) -> None:
    """List the concepts of the glossary.

    \b
    Examples:
        glossary list
        glossary list --origin annotated --format table
        glossary list --status untranslated --format csv
    """
    catalogue = app.load()
    records = [concept_record(catalogue, c, locale) for c in catalogue.concepts]
    wanted = {"origin": origin, "domain": domain, "status": status}
    records = [
        r for r in records if all(v is None or r[k] == v for k, v in wanted.items())
    ]
    emit(render_rows(records, output_format, COLUMNS, _text))


def _text(record: dict[str, Any]) -> str:
    return f"{pad(record['id'], 12)}{pad(record['term'], 22)}{record['rendering']}".rstrip()
