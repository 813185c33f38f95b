"""The one exception hierarchy of glossarykit, with the exit code each error maps to.

The library raises these; only ``cli`` turns them into messages and exit codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `glossary --help` imports this, not pathlib
    from pathlib import Path


class GlossaryError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text = f"{text.rstrip('.')}. {self.hint}"
        return text


class CatalogueError(GlossaryError):
    """A catalogue cannot be found, read or written."""


class CatalogueParseError(CatalogueError):
    """A file is not a well-formed catalogue (PO syntax, encoding, XML, CSV...)."""


class DuplicateConceptError(CatalogueError):
    """Two concepts share a head term or an id."""


class CatalogueLockedError(CatalogueError):
    """Another glossary command is writing to the same catalogue."""


class UnknownFormatError(GlossaryError):
    """A file format name or extension is not one we read or write."""


class UnsupportedLocaleError(GlossaryError):
    """A locale id that Babel cannot parse or that the catalogue does not hold."""


class ConversionError(GlossaryError):
    """Script conversion (OpenCC) failed or is misconfigured."""


class SuggestionError(GlossaryError):
    """A machine-translation service failed: unreachable, rate-limited, timed out, garbled."""

    exit_code = 3


class NotFoundError(GlossaryError):
    """A negative answer (nothing matched), exit 1 as grep does."""

    exit_code = 1
