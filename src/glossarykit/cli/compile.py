"""``glossary compile``: MO files for every locale, next to their PO files."""

from __future__ import annotations

import click

from ..services.exchange import compile_catalogue
from .context import AppContext, pass_app
from .output import emit


@click.command("compile")
@pass_app
def compile_command(app: AppContext) -> None:
    """Compile every locale's PO into glossary.mo beside it (build output, not committed).

    Fuzzy and untranslated entries are left out, as msgfmt does; gettext then returns the
    Chinese for them.

    \b
    Examples:
        glossary compile
        glossary --catalogue ~/glossary compile
    """
    paths = compile_catalogue(app.load())
    emit("\n".join(path.relative_to(app.root).as_posix() for path in paths))
    app.message(f"Compiled {len(paths)} locale(s).")
