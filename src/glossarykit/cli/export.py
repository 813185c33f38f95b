"""``glossary export``: write the catalogue as TBX, CSV, TSV, PO, MO or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..formats import FORMATS, ExportOptions
from ..formats.csvfile import SHAPES
from ..services.exchange import export_catalogue, export_to_file
from .context import AppContext, pass_app
from .params import LOCALE


@click.command("export")
@click.option(
    "--format",
    "format_name",
    type=click.Choice([name for name, fmt in FORMATS.items() if fmt.can_write]),
    default="tbx",
    show_default=True,
    help="File format (tbx is TBX-Basic 2008, tbx3 TBX-Basic v3).",
)
@click.option(
    "--locale",
    "locales",
    multiple=True,
    type=LOCALE,
    help="Only this locale (repeatable). Default: all (tbx, tbx3, csv), en (tsv, mo, json, "
    "csv tool shapes), the template (po).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default="-",
    show_default=True,
    help="Output file, replaced atomically if it exists; - is stdout.",
)
@click.option(
    "--forbidden-terms",
    is_flag=True,
    help="TBX: write avoid renderings as deprecated terms (memoQ, Trados), not as "
    "'avoid:' notes (OmegaT offers deprecated terms as ordinary targets).",
)
@click.option(
    "--csv-shape",
    type=click.Choice(SHAPES),
    default="full",
    show_default=True,
    help="CSV: full (every field, importable), omegat (source,target,comment; no "
    "header) or ttk (translate-toolkit/Weblate headers).",
)
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM (for Excel).")
@click.option(
    "--escape-formulas/--no-escape-formulas",
    default=None,
    help="CSV: prefix ' to cells starting with = + - @ (default: on for the full "
    "shape, off for the tool shapes).",
)
@pass_app
def export_command(
    app: AppContext,
    format_name: str,
    locales: tuple[str, ...],
    output: Path,
    forbidden_terms: bool,
    csv_shape: str,
    bom: bool,
    escape_formulas: bool | None,
) -> None:
    """Export the glossary for CAT tools, spreadsheets, gettext or scripts.

    TBX and full CSV files can be edited and brought back with `glossary import`.

    \b
    Examples:
        glossary export -o glossary.tbx
        glossary export --format tbx --forbidden-terms -o memoq.tbx
        glossary export --format csv --bom -o glossary.csv
        glossary export --format tsv -o omegat/glossary/glossary.utf8
        glossary export --format mo --locale en -o en.mo
        glossary export --format json --locale en
    """
    catalogue = app.load()
    options = ExportOptions(
        locales=list(locales) or None,
        forbidden_terms=forbidden_terms,
        csv_shape=csv_shape,
        bom=bom,
        escape_formulas=escape_formulas,
    )
    if str(output) == "-":
        click.echo(export_catalogue(catalogue, format_name, options), nl=False)
        return
    export_to_file(catalogue, format_name, options, output)
    app.message(f"Wrote {output} ({format_name}, {len(catalogue.concepts)} concepts).")
