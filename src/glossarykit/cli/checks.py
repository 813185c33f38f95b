"""``glossary checks``: the checks ``glossary validate`` runs, with severity and description."""

from __future__ import annotations

from typing import Any

import click

from ..checks import Check, all_checks
from .output import emit, format_option, pad, to_json


@click.command("checks")
@format_option(("text", "json"))
def checks_command(output_format: str) -> None:
    """List the checks of `glossary validate`: id, severity, description.

    An id goes into --select/--ignore, or into a PO flag ignore-<id> that silences the
    check for one concept.

    \b
    Examples:
        glossary checks
        glossary checks --format json
    """
    checks = all_checks()
    if output_format == "json":
        emit(to_json([check_record(c) for c in checks]))
    else:
        width = max(len(c.id) for c in checks) + 2
        emit("\n".join(_text(c, width) for c in checks))


def check_record(check: Check) -> dict[str, Any]:
    """One check as JSON: id, name, severity, scope, default_enabled, description."""
    return {
        "id": check.id,
        "name": check.name,
        "severity": check.severity.value,
        "scope": check.scope,
        "default_enabled": check.default_enabled,
        "description": check.description,
    }


def _text(check: Check, width: int) -> str:
    note = "" if check.default_enabled else " (off by default; --select it)"
    return (
        f"{pad(check.id, width)}{pad(check.severity.value, 9)}{check.description}{note}"
    )
