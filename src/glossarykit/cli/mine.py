"""``glossary mine``: the annotation appendix and the slogan candidates of Chinese reports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import NotFoundError
from ..model import Catalogue
from ..services.catalogue import TEMPLATE_PATH, save_file
from ..services.mine import (
    RANKING,
    Candidate,
    MinedEntry,
    MinedReport,
    add_to_template,
    mine_reports,
    reference_path,
    refuse_bundled,
)
from .context import AppContext, pass_app
from .output import emit, format_option, to_json
from .writing import writes_catalogue

# A bar is worth drawing on a terminal, or for a batch big enough to take a while.
MANY_REPORTS = 10
LARGE_BYTES = 1_000_000
TSV_COLUMNS = (
    "report",
    "rank",
    "term",
    "score",
    "kinds",
    "count",
    "lines",
    "known",
    "appendix",
    "components",
    "definition",
    "context",
)


@click.command("mine", epilog=RANKING)
@click.argument(
    "reports",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@format_option(("text", "json", "tsv"))
@click.option(
    "--encoding", help="Encoding of the reports (default: UTF-8 or GB18030, detected)."
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="Only the N best-ranked candidates of each report.",
)
@click.option(
    "--new-only", is_flag=True, help="Leave out what the catalogue already holds."
)
@click.option(
    "--known/--no-known",
    default=True,
    show_default=True,
    help="Find and mark the catalogue's terms (--no-known: the miner's own rules only).",
)
@click.option(
    "--add", is_flag=True, help="Add the new terms shown to the template, untranslated."
)
@click.option(
    "--prefix", help="Id prefix for --add (default: from the report, see below)."
)
@pass_app
@writes_catalogue(when="add")
def mine_command(
    app: AppContext,
    reports: tuple[Path, ...],
    output_format: str,
    encoding: str | None,
    limit: int | None,
    new_only: bool,
    known: bool,
    add: bool,
    prefix: str | None,
) -> None:
    """Find the terms in REPORT…: its annotation appendix (名词注释) and slogan candidates.

    Candidates are numbered formulas (三社联动, 一感两度两率, “125”), quoted terms, X+
    formulas (大湖+), campaign and project names (…工程, …行动, …计划, …改革), each with its
    count, lines, context sentence and the items the text enumerates for it. --add puts the
    new appendix entries (origin annotated, id PREFIX-aNN) and the new candidates shown
    (origin mined, id PREFIX-mNN) into glossary/glossary.pot; run `glossary update` next. The
    prefix defaults to that of the concepts citing the report, else the file name's first
    word and year (wuchang-2017-work-report.txt → wuchang2017). Exit 1 when nothing is found.

    \b
    Examples:
        glossary mine glossary/sources/wuchang-2017-work-report.txt
        glossary mine report.txt --new-only --limit 30 --format json
        glossary mine report-gbk.txt --encoding gb18030 --format tsv
        glossary mine glossary/sources/new-report.txt --new-only --limit 40 --add
    """
    catalogue = app.load([]) if known or add else None
    with _Progress(app, reports) as advance:
        results = mine_reports(reports, catalogue if known else None, encoding, advance)
    shown = [_select(r, new_only, limit) for r in results]
    emit(RENDERERS[output_format](shown))
    if add and catalogue is not None:
        _add(app, catalogue, shown, prefix)
    if not any(entries or candidates for _, entries, candidates in shown):
        names = ", ".join(str(p) for p in reports)
        hint = "Drop --new-only to see known terms" if new_only else ""
        raise NotFoundError(
            f"no appendix entries and no candidates in {names}", hint=hint
        )


Shown = tuple[MinedReport, list[MinedEntry], list[Candidate]]


class _Progress:
    """A click progress bar over the reports on stderr, or nothing (see MANY_REPORTS)."""

    def __init__(self, app: AppContext, reports: Sequence[Path]) -> None:
        size = sum(p.stat().st_size for p in reports)
        show = not app.quiet and (
            sys.stderr.isatty() or len(reports) >= MANY_REPORTS or size >= LARGE_BYTES
        )
        self.bar: Any = None
        if show:
            self.bar = click.progressbar(
                length=len(reports),
                label="Mining",
                file=sys.stderr,
            )

    def __enter__(self) -> Callable[[Path], None] | None:
        if self.bar is None:
            return None
        bar = self.bar.__enter__()
        return lambda _path: bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _select(report: MinedReport, new_only: bool, limit: int | None) -> Shown:
    # The limit cuts by rank before --new-only filters, so that re-running the same
    # `--new-only --limit N --add` finds its own additions known and adds nothing more.
    entries = [e for e in report.entries if not (new_only and e.known)]
    ranked = report.candidates[:limit] if limit else report.candidates
    return report, entries, [c for c in ranked if c.is_new or not new_only]


def _add(
    app: AppContext, catalogue: Catalogue, shown: Sequence[Shown], prefix: str | None
) -> None:
    """Put what is shown into the template; the template alone is written."""
    root = app.root
    refuse_bundled(root)
    added = []
    for report, _entries, candidates in shown:
        ref = reference_path(report.path, root)
        added += add_to_template(catalogue, report, candidates, ref, prefix).added
    if added and save_file(catalogue.template, root / TEMPLATE_PATH):
        names = ", ".join(f"{c.id} {c.term}" for c in added)
        app.message(f"Added {len(added)} concepts to {TEMPLATE_PATH}: {names}.")
        app.message("Run `glossary update` to carry them into the locale catalogues.")
    else:
        app.message(f"Nothing new to add to {TEMPLATE_PATH}.")


# --- rendering -----------------------------------------------------------------------------


def _entry_record(mined: MinedEntry) -> dict[str, Any]:
    entry = mined.entry
    return {
        "number": entry.number,
        "label": entry.label,
        "term": entry.term,
        "definition": entry.definition,
        "line": entry.line,
        "end_line": entry.end_line,
        "components": mined.components,
        "known": mined.known,
    }


def _candidate_record(candidate: Candidate) -> dict[str, Any]:
    return {
        "rank": candidate.rank,
        "term": candidate.term,
        "score": candidate.score,
        "kinds": candidate.kinds,
        "count": candidate.count,
        "lines": candidate.lines,
        "context": candidate.context,
        "context_line": candidate.context_line,
        "components": candidate.components,
        "definition": candidate.definition,
        "known": candidate.known,
        "appendix": candidate.appendix,
    }


def _json(shown: Sequence[Shown]) -> str:
    reports = []
    for report, entries, candidates in shown:
        appendix = report.appendix
        reports.append(
            {
                "path": report.path.as_posix(),
                "line_count": report.line_count,
                "appendix": None
                if appendix is None
                else {
                    "heading": appendix.heading,
                    "line": appendix.line,
                    "note": appendix.note,
                    "entries": [_entry_record(e) for e in entries],
                },
                "candidates": [_candidate_record(c) for c in candidates],
            }
        )
    return to_json({"reports": reports})


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    # A TSV cell holds no tab or newline; the report's text never needs them.
    return str(value).replace("\t", " ").replace("\n", " ")


def _tsv(shown: Sequence[Shown]) -> str:
    rows = ["\t".join(TSV_COLUMNS)]
    for report, entries, candidates in shown:
        path = report.path.as_posix()
        for mined in entries:
            entry = mined.entry
            components = "、".join(mined.components)
            rows.append(
                _tsv_row(
                    (
                        path,
                        f"A{entry.number}",
                        entry.term,
                        "",
                        "appendix",
                        "",
                        [entry.line],
                        mined.known,
                        entry.number,
                        components,
                        entry.definition,
                        "",
                    )
                )
            )
        for c in candidates:
            components = "、".join(c.components)
            rows.append(
                _tsv_row(
                    (
                        path,
                        c.rank,
                        c.term,
                        c.score,
                        c.kinds,
                        c.count,
                        c.lines,
                        c.known,
                        c.appendix,
                        components,
                        c.definition,
                        c.context,
                    )
                )
            )
    return "\n".join(rows)


def _tsv_row(values: tuple[Any, ...]) -> str:
    return "\t".join(_tsv_cell(v) for v in values)


def _text(shown: Sequence[Shown]) -> str:
    blocks = []
    for report, entries, candidates in shown:
        if not entries and not candidates:
            continue  # as grep prints nothing for a file without matches
        lines = [f"{report.path.as_posix()}: {report.line_count} lines"]
        appendix = report.appendix
        if appendix is not None:
            note = f" {appendix.note}" if appendix.note else ""
            lines.append(
                f"appendix: {appendix.heading}{note}, line {appendix.line}, "
                f"{len(appendix.entries)} entries"
            )
            for mined in entries:
                lines += _text_entry(mined)
        new = sum(1 for c in report.candidates if c.is_new)
        lines.append(
            f"candidates: {len(report.candidates)}, {new} new"
            + (
                f", showing {len(candidates)}"
                if len(candidates) < len(report.candidates)
                else ""
            )
        )
        for candidate in candidates:
            lines += _text_candidate(candidate)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _text_entry(mined: MinedEntry) -> list[str]:
    entry = mined.entry
    known = f"  [{mined.known}]" if mined.known else ""
    lines = [
        f"  {entry.label} {entry.term}  line {entry.line}{known}",
        f"      {entry.definition}",
    ]
    if mined.components:
        lines.append(f"      components: {'、'.join(mined.components)}")
    return lines


def _text_candidate(candidate: Candidate) -> list[str]:
    marks = []
    if candidate.appendix is not None:
        marks.append(f"appendix {candidate.appendix}")
    if candidate.known:
        marks.append(f"known {candidate.known}")
    mark = f"  [{'; '.join(marks)}]" if marks else ""
    where = ", ".join(str(n) for n in candidate.lines)
    lines = [
        f"{candidate.rank:>4}. {candidate.term}  {candidate.score:g}  "
        f"{' '.join(candidate.kinds)}  ×{candidate.count}  lines {where}{mark}"
    ]
    if candidate.components:
        lines.append(f"      components: {'、'.join(candidate.components)}")
    lines.append(f"      {candidate.context_line}: {_excerpt(candidate)}")
    return lines


def _excerpt(candidate: Candidate, before: int = 24, after: int = 36) -> str:
    """The context sentence, cut to a window around the term when it is long."""
    text = candidate.context
    position = text.find(candidate.term)
    if len(text) <= before + after + len(candidate.term) or position < 0:
        return text
    start = max(0, position - before)
    end = min(len(text), position + len(candidate.term) + after)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


RENDERERS: dict[str, Callable[[Sequence[Shown]], str]] = {
    "text": _text,
    "json": _json,
    "tsv": _tsv,
}
