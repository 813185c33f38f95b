"""``glossary check``: term QA of a translation against the glossary's renderings."""

from __future__ import annotations

from pathlib import Path

import click

from ..services.termcheck import CheckReport, Finding, check_translation
from .context import AppContext, pass_app
from .output import emit, format_option, to_json


@click.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--locale",
    default="en",
    show_default=True,
    help="Locale of the approved renderings the target must use.",
)
@format_option(("text", "json", "github"))
@click.pass_context
@pass_app
def check_command(
    app: AppContext, ctx: click.Context, file: Path, locale: str, output_format: str
) -> None:
    """Check that a translation uses the glossary's renderings.

    FILE is a bilingual PO (msgid Chinese, msgstr English), XLIFF 1.2 or 2.0, or a TSV of
    Chinese<TAB>English lines. For every segment whose source holds a glossary term, the
    target must hold an approved rendering (preferred or # alt:; case, plural -s, hyphens
    and leading articles do not matter) and no # avoid: rendering. Exit 1 on findings.

    \b
    Examples:
        glossary check translation.po
        glossary check report.zh-en.xlf --format json
        glossary check aligned.tsv --format github
    """
    report = check_translation(app.load(), file, locale)
    if output_format == "json":
        emit(to_json(report_data(report)))
    elif output_format == "github":
        emit("\n".join(github_line(f) for f in report.findings))
    else:
        emit(
            "\n".join(
                f"{f.path}:{f.line}: {f.message} [{f.check}]" for f in report.findings
            )
        )
    count = len(report.findings)
    app.message(
        f"{count or 'No'} finding{'' if count == 1 else 's'} in {report.segments} "
        f"segment{'' if report.segments == 1 else 's'} "
        f"({report.with_terms} with glossary terms)."
    )
    if count:
        ctx.exit(1)


def report_data(report: CheckReport) -> dict[str, object]:
    """The JSON form of a report (stable key order)."""
    return {
        "file": report.path,
        "segments": report.segments,
        "segments_with_terms": report.with_terms,
        "findings": [
            {
                "check": f.check,
                "file": f.path,
                "line": f.line,
                "segment": f.segment,
                "id": f.concept_id,
                "term": f.term,
                "form": f.form,
                "expected": list(f.expected),
                "found": f.found,
                "message": f.message,
            }
            for f in report.findings
        ],
    }


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request."""
    return (
        f"::error file={_escape(finding.path, True)},line={finding.line},"
        f"title={_escape('glossary ' + finding.check, True)}::{_escape(finding.message)}"
    )


def _escape(value: str, is_property: bool = False) -> str:
    # The escaping GitHub's @actions/core applies to workflow command data and properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
