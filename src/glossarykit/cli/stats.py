"""``glossary stats``: how big the glossary is and how complete each locale is."""

from __future__ import annotations

from typing import Any

import click

from ..services.stats import catalogue_stats
from .context import AppContext, pass_app
from .output import emit, format_option, render_table, to_json


@click.command("stats")
@format_option(("text", "json"))
@pass_app
def stats_command(app: AppContext, output_format: str) -> None:
    """Count concepts by origin and domain, and translations by status per locale.

    \b
    Examples:
        glossary stats
        glossary stats --format json
    """
    stats = catalogue_stats(app.load())
    emit(to_json(stats) if output_format == "json" else _text(stats))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())


def _text(stats: dict[str, Any]) -> str:
    lines = [
        f"concepts  {stats['concepts']}",
        f"origins   {_counts(stats['origins'])}",
        f"domains   {_counts(stats['domains'])}",
    ]
    if stats["locales"]:
        rows = [{"locale": loc, **row} for loc, row in stats["locales"].items()]
        for row in rows:
            row["complete"] = f"{row['complete']}%"
        columns = [
            "locale",
            "approved",
            "needs-review",
            "machine",
            "untranslated",
            "complete",
        ]
        lines += ["", render_table(rows, columns)]
    return "\n".join(lines)
