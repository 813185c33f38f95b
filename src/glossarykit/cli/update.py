"""``glossary update``: propagate the template to every locale catalogue (gettext merge)."""

from __future__ import annotations

from pathlib import Path

import click

from ..services.update import (
    CHANGE_FUZZY,
    CHANGE_NEW,
    CHANGE_OBSOLETE,
    EntryChange,
    LocaleUpdate,
    update_catalogue,
)
from .context import AppContext, pass_app
from .output import emit
from .writing import writes_catalogue

_WHAT = {
    CHANGE_NEW: "new in the template, untranslated",
    CHANGE_FUZZY: "changed in the template, now fuzzy",
    CHANGE_OBSOLETE: "removed from the template, now obsolete",
}


@click.command("update")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 when a locale catalogue is out of date (for CI).",
)
@click.option(
    "--fuzzy-matching/--no-fuzzy-matching",
    default=True,
    show_default=True,
    help="Pair a changed term or definition with its old text (fuzzy); without it, "
    "changed entries arrive untranslated and the old ones become obsolete.",
)
@pass_app
@writes_catalogue(unless=("dry_run", "check"))
def update_command(
    app: AppContext, dry_run: bool, check: bool, fuzzy_matching: bool
) -> None:
    """Propagate glossary/glossary.pot to every locale catalogue.

    Gettext merge semantics (Babel's Catalog.update): a new concept arrives untranslated,
    a changed term or definition turns fuzzy with its previous msgid kept (#|), a removed
    one becomes obsolete (#~). Translator comments stay; #. metadata and #: references are
    refreshed from the template.

    \b
    Examples:
        glossary update
        glossary update --dry-run
        glossary update --check
        glossary update --no-fuzzy-matching
    """
    results = update_catalogue(
        app.load(), write=not (dry_run or check), fuzzy_matching=fuzzy_matching
    )
    details = [line for r in results for line in _details(r, app.root)]
    if dry_run or check:
        emit("\n".join(details))
    else:
        for line in details:
            app.message(line)
    for result in results:
        app.message(_summary(result, app.root, written=not (dry_run or check)))
    stale = [r for r in results if r.changed]
    if check and stale:
        app.message(
            f"{len(stale)} locale catalogue{'s' if len(stale) != 1 else ''} "
            "out of date; run `glossary update`."
        )
        click.get_current_context().exit(1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _details(result: LocaleUpdate, root: Path) -> list[str]:
    """``file:line: what`` for every entry the merge adds, turns fuzzy or makes obsolete."""
    shown = _shown(result.path, root)
    lines = [f"{_where(shown, c)}: {c.label}: {_WHAT[c.kind]}" for c in result.changes]
    if result.changed and not result.changes:
        lines.append(
            f"{shown}: comments, references or metadata differ from the template"
        )
    return lines


def _where(shown: str, change: EntryChange) -> str:
    return f"{shown}:{change.line}" if change.line else shown


def _summary(result: LocaleUpdate, root: Path, written: bool) -> str:
    shown = _shown(result.path, root)
    if not result.changed:
        return f"{shown}: up to date."
    counts = ", ".join(
        f"{result.count(kind)} {kind}"
        for kind in (CHANGE_NEW, CHANGE_FUZZY, CHANGE_OBSOLETE)
    )
    return f"{'Updated' if written else 'Would update'} {shown}: {counts}."
