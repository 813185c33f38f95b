"""The checks of ``glossary validate`` (DESIGN.md §6), registered when their modules load.

The registry is filled by importing the check modules listed here, explicitly: adding a
check means adding a function to one of them. Ids are kebab-case and stable forever.
"""

from __future__ import annotations

from . import catalogue, entry, script  # noqa: F401  (importing them registers their checks)
from .base import (
    REGISTRY,
    Check,
    CheckContext,
    Finding,
    Problem,
    Severity,
    run_checks,
)

__all__ = [
    "Check",
    "CheckContext",
    "Finding",
    "Problem",
    "Severity",
    "all_checks",
    "get_check",
    "run_checks",
]


def all_checks() -> list[Check]:
    """Every registered check: errors first, then warnings, each by id."""
    return sorted(REGISTRY.values(), key=lambda c: (-c.severity.rank, c.id))


def get_check(check_id: str) -> Check | None:
    """The check with this id, if there is one."""
    return REGISTRY.get(check_id)
