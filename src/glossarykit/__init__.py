"""glossarykit: a Chinese-English glossary of coined formulations and the tools around it."""

from __future__ import annotations

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

__version__ = "0.1.0"

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
