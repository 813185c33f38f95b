"""``glossary annotate``: mark the glossary's terms in a Chinese text (text, HTML or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..services.annotate import (
    annotate_at,
    annotated_html,
    annotated_text_at,
    annotation_data,
)
from ..textio import decode_text, read_text
from .context import AppContext, pass_app
from .output import format_option, to_json

STDIN = "-"


@click.command("annotate")
@click.argument(
    "file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True)
)
@click.option(
    "--encoding",
    help="Encoding of FILE (default: UTF-8, or GB18030/GBK when detected).",
)
@click.option(
    "--locale", default="en", show_default=True, help="Language of the renderings."
)
@format_option(("text", "html", "json"))
@pass_app
def annotate_command(
    app: AppContext,
    file: Path,
    encoding: str | None,
    locale: str,
    output_format: str,
) -> None:
    """Mark every glossary term in FILE (a Chinese text; - reads stdin).

    Terms are found leftmost-longest in every form the catalogue knows: head terms,
    synonyms, and Traditional variants. text puts [rendering] after each term; html writes
    one standalone page (rendering and definition on hover or keyboard focus); json gives
    character offsets, concept ids and the matched forms.

    \b
    Examples:
        glossary annotate report.txt
        glossary annotate report.txt --format html > report.html
        glossary annotate - --format json < report.txt
        glossary annotate old-report.txt --encoding gb18030
    """
    if str(file) == STDIN:
        name = STDIN
        text = decode_text(sys.stdin.buffer.read(), name, encoding)
    else:
        name = str(file)
        text = read_text(file, encoding)
    # The catalogue's lookup index answers when it is fresh (services.annotate).
    if output_format == "text":
        marked = annotated_text_at(app.root, text, locale)
        for part in marked.parts:  # one after the other: the same bytes, less memory
            click.echo(part, nl=False)
        found, concepts = marked.occurrences, marked.concepts
    else:
        annotation = annotate_at(app.root, text, locale)
        if output_format == "json":
            click.echo(to_json(annotation_data(annotation, name)))
        else:
            click.echo(annotated_html(annotation, Path(name).name), nl=False)
        found, concepts = len(annotation.matches), len(annotation.records)
    app.message(
        f"{found} occurrence{'' if found == 1 else 's'} of {concepts} glossary "
        f"term{'' if concepts == 1 else 's'} marked."
    )
