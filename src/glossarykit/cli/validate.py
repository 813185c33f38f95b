"""``glossary validate``: run the checks on catalogues, for people and for CI."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from ..checks import Finding, Severity
from ..services.qa import Report, validate
from .context import AppContext, pass_app
from .output import emit, format_option, to_json

FORMATS = ("text", "json", "github")


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(FORMATS)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="IDS",
    help="Run only these checks (comma-separated or repeated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="IDS",
    help="Skip these checks (comma-separated or repeated).",
)
@pass_app
def validate_command(
    app: AppContext,
    paths: tuple[Path, ...],
    output_format: str,
    fail_on: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Check catalogues: PO/POT files or catalogue folders (default: the catalogue).

    Prints one line per finding; exit 0 when clean, 1 when a finding is at least as
    severe as --fail-on, 2 when the input cannot be used. `glossary checks` lists the
    checks; a concept silences one with the PO flag ignore-<check-id>.

    \b
    Examples:
        glossary validate
        glossary validate locales/en/LC_MESSAGES/glossary.po --fail-on warning
        glossary validate --select numeral-count,definition-not-verbatim
        glossary validate --format github
    """
    report = validate(list(paths) or [app.root], _ids(select) or None, _ids(ignore))
    threshold = Severity(fail_on)
    emit(render(report, output_format, threshold))
    if report.findings:
        app.message(summary(report))
    if report.failed(threshold):
        click.get_current_context().exit(1)


def _ids(values: Iterable[str]) -> list[str]:
    return [
        part.strip() for value in values for part in value.split(",") if part.strip()
    ]


def render(report: Report, output_format: str, fail_on: Severity) -> str:
    """The report in ``text``, ``json`` or ``github`` form."""
    if output_format == "json":
        return to_json(report.as_dict(fail_on))
    line = github_line if output_format == "github" else text_line
    return "\n".join(line(f) for f in report.findings)


def text_line(finding: Finding) -> str:
    """``file:line: severity [check-id] message`` (no line for whole-file findings)."""
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return f"{where}: {finding.severity.value} [{finding.check_id}] {finding.message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command: ``::error file=…,line=…,title=…::message``."""
    properties = [f"file={_escape_property(finding.path)}"]
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_escape_property(finding.check_id)}")
    return f"::{finding.severity.value} {','.join(properties)}::{_escape_data(finding.message)}"


def summary(report: Report) -> str:
    """``2 errors, 1 warning in 3 files.`` for stderr."""
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    files = len(report.files)
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}."
    )
