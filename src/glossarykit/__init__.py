"""glossarykit: a Chinese-English glossary of coined formulations and the tools around it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .errors import (
        CatalogueError,
        CatalogueParseError,
        ConversionError,
        DuplicateConceptError,
        GlossaryError,
        SuggestionError,
        UnknownFormatError,
        UnsupportedLocaleError,
    )
    from .model import Catalogue, CatalogueFile, Concept, Reference, Status, Synonym

# The public names, by the module that defines them. They are imported on first use
# (PEP 562): building the model's dataclasses costs start-up time that `glossary --help`,
# which imports this package for __version__, need not pay.
_EXPORTS = {
    "CatalogueError": "errors",
    "CatalogueParseError": "errors",
    "ConversionError": "errors",
    "DuplicateConceptError": "errors",
    "GlossaryError": "errors",
    "SuggestionError": "errors",
    "UnknownFormatError": "errors",
    "UnsupportedLocaleError": "errors",
    "Catalogue": "model",
    "CatalogueFile": "model",
    "Concept": "model",
    "Reference": "model",
    "Status": "model",
    "Synonym": "model",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueFile",
    "CatalogueParseError",
    "Concept",
    "ConversionError",
    "DuplicateConceptError",
    "GlossaryError",
    "Reference",
    "Status",
    "SuggestionError",
    "Synonym",
    "UnknownFormatError",
    "UnsupportedLocaleError",
    "__version__",
]
