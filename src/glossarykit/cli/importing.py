"""``glossary import``: merge an edited CSV, TBX or PO file back into the catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..formats import FORMATS
from ..services.exchange import OURS, THEIRS, ConceptPlan, ImportReport, import_file
from .context import AppContext, pass_app
from .output import emit
from .params import LOCALE
from .writing import writes_catalogue

_MARKS = {"change": "~", "conflict": "!", "kept": "="}


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "format_name",
    type=click.Choice([name for name, fmt in FORMATS.items() if fmt.can_read]),
    help="File format. Default: from the extension (.csv, .tbx, .po, .pot).",
)
@click.option(
    "--locale",
    type=LOCALE,
    help="Read the file's one locale as this one (a PO without a Language header).",
)
@click.option("--dry-run", is_flag=True, help="Print the diff; write nothing.")
@click.option(
    "--theirs",
    "resolve",
    flag_value=THEIRS,
    help="Resolve conflicts with the file's values.",
)
@click.option(
    "--ours",
    "resolve",
    flag_value=OURS,
    help="Resolve conflicts by keeping the catalogue's values.",
)
@pass_app
@writes_catalogue(unless=("dry_run",))
def import_command(
    app: AppContext,
    file: Path,
    format_name: str | None,
    locale: str | None,
    dry_run: bool,
    resolve: str | None,
) -> None:
    """Merge FILE (csv, tbx, tbx3 or po) into the catalogue and print what changed.

    A field changed only in the file is taken; one changed only in the catalogue since
    the export is kept. A field both changed, or any difference when the file does not
    come from `glossary export` (a PO, another tool's TBX), is a conflict: nothing is
    written until you rerun with --theirs or --ours. Exit 1 on unresolved conflicts.

    \b
    Examples:
        glossary import glossary.csv --dry-run
        glossary import reviewed.tbx
        glossary import en.po --theirs
        glossary import weblate.po --locale en --dry-run
    """
    report = import_file(
        app.load(),
        file,
        format_name=format_name,
        locale=locale,
        resolve=resolve,
        dry_run=dry_run,
    )
    emit("\n".join(_diff(report)))
    for note in report.plan.notes:
        app.message(f"warning: {file}:{note}")
    app.message(_summary(report, file, app.root))
    if report.plan.blocked:
        click.get_current_context().exit(1)


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _concept_lines(plan: ConceptPlan, resolve: str | None) -> list[str]:
    if plan.added:
        return [f"+ {plan.key} {plan.term}"]
    lines = [f"  {plan.key} {plan.term}"]
    for change in plan.changes:
        mark = _MARKS[change.kind]
        if change.kind == "change":
            what = f"{_quote(change.old)} -> {_quote(change.new)}"
        elif change.kind == "kept":
            what = f"newer in the catalogue, kept {_quote(change.old)} (file: {_quote(change.new)})"
        else:
            taken = {THEIRS: " (took the file's)", OURS: " (kept the catalogue's)"}
            what = (
                f"conflict: catalogue {_quote(change.old)}, file {_quote(change.new)}"
                + taken.get(resolve or "", "")
            )
        lines.append(f"{mark} {change.field}: {what}")
    return lines


def _diff(report: ImportReport) -> list[str]:
    lines: list[str] = []
    for plan in report.plan.concepts:
        lines += _concept_lines(plan, report.plan.resolve)
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(report: ImportReport, file: Path, root: Path) -> str:
    plan = report.plan
    added = sum(p.added for p in plan.concepts)
    changed = sum(c.taken for p in plan.concepts for c in p.changes)
    kept = sum(c.kind == "kept" for p in plan.concepts for c in p.changes)
    parts = [
        _count(added, "concept added", "concepts added"),
        _count(changed, "field changed", "fields changed"),
        _count(len(plan.conflicts), "conflict", "conflicts"),
        _count(kept, "newer catalogue value kept", "newer catalogue values kept"),
    ]
    head = f"{file}: " + ", ".join(parts)
    if plan.blocked:
        return (
            f"{head}. Nothing written: rerun with --theirs (take the file's values) or "
            "--ours (keep the catalogue's)."
        )
    if report.dry_run:
        return f"{head}. Dry run: nothing written."
    if not report.written:
        return f"{head}. Nothing to write."
    shown = ", ".join(_relative(p, root) for p in report.written)
    return f"{head}. Wrote {shown}."


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
