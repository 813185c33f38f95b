"""``glossary site``: write the glossary as a static web page with search."""

from __future__ import annotations

from pathlib import Path

import click

from ..services.site import PAGE, build_site, write_site
from .context import AppContext, pass_app
from .params import LOCALE


@click.command("site")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write index.html, site.css and site.js into (created if missing).",
)
@click.option(
    "--locale",
    default="en",
    show_default=True,
    type=LOCALE,
    help="Language of the renderings and translated definitions.",
)
@click.option("--title", help="Page title. Default: the template's header comment.")
@pass_app
def site_command(app: AppContext, output: Path, locale: str, title: str | None) -> None:
    """Write a static web glossary into a folder: open its index.html in a browser.

    One page lists every concept; a search box filters as you type (Chinese, pinyin,
    English), by domain and origin, and keeps the search in the URL (index.html?q=sanshe).
    It works from file:// and any static host, and fetches nothing from the network.
    Files of the same name that glossary site did not write are never replaced.

    \b
    Examples:
        glossary site -o site
        glossary site -o /srv/www/glossary --title "Wuchang 2017 glossary"
        glossary site -o public --locale en
    """
    catalogue = app.load()
    site = build_site(catalogue, locale, title)
    changed = write_site(site, output)
    page = output / PAGE
    if changed:
        files = f"{len(changed)} file{'' if len(changed) == 1 else 's'} changed"
        app.message(f"Wrote {page} ({site.concepts} concepts, {files}).")
    else:
        app.message(f"{page} is up to date ({site.concepts} concepts).")
