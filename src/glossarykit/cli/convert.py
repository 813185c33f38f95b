"""``glossary convert``: fill the zh_Hant_TW / zh_Hant_HK catalogues through OpenCC."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..services.convert import (
    EVENT_CHANGED,
    EVENT_CONFLICT,
    EVENT_CREATED,
    EVENT_FILLED,
    EVENT_FUZZY,
    EVENT_KEPT,
    EVENT_MISSING,
    EVENT_OBSOLETE,
    EVENT_REFRESHED,
    EVENT_REPLACED,
    EVENT_REWRITTEN,
    EVENT_SYNONYMS,
    PHRASE_CONFIGS,
    VARIANT_CONFIGS,
    ConvertReport,
    PhraseChange,
    VariantResult,
    convert_catalogue,
)
from .context import AppContext, pass_app
from .output import display_width, emit, format_option, to_json
from .writing import writes_catalogue

# How the summary line names each kind of event, after a run and under --check.
_DONE = {
    EVENT_MISSING: ("entry added", "entries added"),
    EVENT_FILLED: ("entry filled", "entries filled"),
    EVENT_REFRESHED: ("entry refreshed", "entries refreshed"),
    EVENT_FUZZY: ("fuzzy entry refilled", "fuzzy entries refilled"),
    EVENT_CHANGED: ("changed entry refilled", "changed entries refilled"),
    EVENT_REPLACED: ("fuzzy hand edit refilled", "fuzzy hand edits refilled"),
    EVENT_SYNONYMS: ("synonym list refreshed", "synonym lists refreshed"),
    EVENT_OBSOLETE: ("entry made obsolete", "entries made obsolete"),
    EVENT_REWRITTEN: ("layout refresh", "layout refreshes"),
    EVENT_CONFLICT: ("conflict left alone", "conflicts left alone"),
}
_FOUND = {
    EVENT_MISSING: ("missing entry", "missing entries"),
    EVENT_FILLED: ("untranslated entry", "untranslated entries"),
    EVENT_REFRESHED: ("stale entry", "stale entries"),
    EVENT_FUZZY: ("fuzzy entry", "fuzzy entries"),
    EVENT_CHANGED: ("entry changed in the template", "entries changed in the template"),
    EVENT_REPLACED: ("fuzzy hand edit", "fuzzy hand edits"),
    EVENT_SYNONYMS: ("stale synonym list", "stale synonym lists"),
    EVENT_OBSOLETE: ("obsolete entry", "obsolete entries"),
    EVENT_REWRITTEN: ("metadata difference", "metadata differences"),
    EVENT_CONFLICT: ("conflict", "conflicts"),
}


@click.command("convert")
@click.option(
    "--locale",
    "locales",
    multiple=True,
    type=click.Choice(list(VARIANT_CONFIGS)),
    help="Only this variant locale (repeatable). Default: all of them.",
)
@click.option(
    "--accept-phrase",
    multiple=True,
    metavar="ID|TERM",
    help="Convert this concept at phrase level (s2twp: vocabulary too); repeatable.",
)
@click.option(
    "--reject-phrase",
    multiple=True,
    metavar="ID|TERM",
    help="Take this concept back to glyph level (s2tw); repeatable.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; list stale entries and exit 1 if there are any (for CI).",
)
@format_option(("text", "json"))
@pass_app
@writes_catalogue(unless=("check",))
def convert_command(
    app: AppContext,
    locales: tuple[str, ...],
    accept_phrase: tuple[str, ...],
    reject_phrase: tuple[str, ...],
    check: bool,
    output_format: str,
) -> None:
    """Fill the Traditional-script catalogues (zh_Hant_TW, zh_Hant_HK) with OpenCC.

    Glyph-level conversion (s2tw, s2hk) fills empty, fuzzy and previously converted
    entries and marks them `# converted: <config>`; an entry without that mark is a hand
    edit and is never overwritten. Concepts where phrase-level conversion (s2twp) would
    also change the words are listed; accept one with --accept-phrase.

    \b
    Examples:
        glossary convert
        glossary convert --locale zh_Hant_TW --accept-phrase wc2017-a06
        glossary convert --check
        glossary convert --format json
    """
    if check and (accept_phrase or reject_phrase):
        raise click.UsageError("--check writes nothing; drop it to accept or reject.")
    report = convert_catalogue(
        app.load(),
        locales,
        accept_phrase=accept_phrase,
        reject_phrase=reject_phrase,
        write=not check,
    )
    if output_format == "json":
        emit(to_json(_json(report, app.root, check)))
    elif check:
        emit("\n".join(_problems(report, app.root)))
    lines = _messages(report, app.root, check, output_format == "json")
    if lines:  # one write: the phrase-level report is a line per changed text
        app.message("\n".join(lines))
    if check and report.is_stale:
        click.get_current_context().exit(1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _problems(report: ConvertReport, root: Path, kind: str | None = None) -> list[str]:
    """``file:line: message`` for every stale entry and conflict (or those of one kind)."""
    lines = []
    for variant in report.variants:
        shown = _shown(variant.path, root)
        for event in variant.problems:
            if kind is not None and event.kind != kind:
                continue
            where = f"{shown}:{event.line}" if event.line else shown
            lines.append(f"{where}: {event.message}")
    return lines


def _messages(
    report: ConvertReport, root: Path, check: bool, quiet_details: bool
) -> list[str]:
    """What goes to stderr: per-file summaries, conflicts, the phrase-level report."""
    lines = []
    if not check and not quiet_details:
        lines += [f"warning: {p}" for p in _problems(report, root, EVENT_CONFLICT)]
    lines += [_summary(v, root, check) for v in report.variants]
    if check:
        stale = [v for v in report.variants if v.changed or v.problems]
        if stale:
            conflicts = any(v.count(EVENT_CONFLICT) for v in stale)
            lines.append(
                f"{_count(len(stale), 'variant catalogue', 'variant catalogues')} stale: "
                "run `glossary convert`"
                + ("; conflicts need an editor." if conflicts else ".")
            )
    elif not quiet_details:
        lines += _phrase_report(report.phrase_changes)
    return lines


def _summary(variant: VariantResult, root: Path, check: bool) -> str:
    shown = _shown(variant.path, root)
    kept = variant.count(EVENT_KEPT)
    kept_note = f" ({_count(kept, 'hand edit', 'hand edits')} kept)" if kept else ""
    if not variant.changed and not variant.problems:
        return f"{shown}: up to date{kept_note}."
    if variant.count(EVENT_CREATED):
        verb = "Would create" if check else "Created"
        return f"{verb} {shown}: {len(variant.file)} concepts converted with {variant.config}."
    counts: dict[str, int] = {}
    for event in variant.problems:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    labels = _FOUND if check else _DONE
    listed = ", ".join(_count(n, *labels[kind]) for kind, n in counts.items())
    return f"{'Stale' if check else 'Updated'} {shown}: {listed}{kept_note}."


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _phrase_report(changes: list[PhraseChange]) -> list[str]:
    if not changes:
        return []
    concepts = {(c.locale, c.term) for c in changes}
    configs = ", ".join(
        f"{PHRASE_CONFIGS[loc]} for {loc}"
        for loc in sorted({c.locale for c in changes})
    )
    lines = [
        f"Phrase-level conversion ({configs}) would change vocabulary, not just "
        f"glyphs, in {_count(len(concepts), 'concept', 'concepts')}:"
    ]
    # Each id and term is measured once (a concept has one line per changed text).
    widths = {
        text: display_width(text)
        for text in {t for c in changes for t in (c.concept_id, c.term, c.entry)}
    }
    id_width = 2 + max(widths[c.concept_id] for c in changes)
    term_width = 2 + max(widths[c.term] for c in changes)
    for change in changes:
        words = ", ".join(f"{g} → {p}" for g, p in change.changes)
        mark = "  (accepted)" if change.accepted else ""
        # pad(text, width), with the measured widths
        lines.append(
            f"  {change.concept_id}{' ' * (id_width - widths[change.concept_id])}"
            f"{change.term}{' ' * (term_width - widths[change.term])}"
            f"{change.entry}{' ' * (12 - widths[change.entry])}{words}{mark}"
        )
    lines.append("Accept one with `glossary convert --accept-phrase ID`.")
    return lines


def _json(report: ConvertReport, root: Path, check: bool) -> dict[str, Any]:
    return {
        "check": check,
        "stale": report.is_stale,
        "variants": [
            {
                "locale": v.locale,
                "config": v.config,
                "path": _shown(v.path, root),
                "changed": v.changed,
                "events": [
                    {
                        "kind": e.kind,
                        "id": e.concept_id,
                        "term": e.term,
                        "entry": e.entry,
                        "line": e.line,
                        "message": e.message,
                    }
                    for e in v.events
                ],
            }
            for v in report.variants
        ],
        "phrase_changes": [
            {
                "locale": c.locale,
                "id": c.concept_id,
                "term": c.term,
                "entry": c.entry,
                "glyph": c.glyph,
                "phrase": c.phrase,
                "changes": [{"glyph": g, "phrase": p} for g, p in c.changes],
                "accepted": c.accepted,
            }
            for c in report.phrase_changes
        ],
    }
