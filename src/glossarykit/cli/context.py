"""State shared by every command: where the catalogue is, and the message settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from ..model import Catalogue
from ..services.catalogue import load_catalogue, locate_catalogue


@dataclass
class AppContext:
    """Root options, plus the catalogue loaded on first use."""

    catalogue_path: Path | None = None
    debug: bool = False
    quiet: bool = False
    _root: Path | None = field(default=None, repr=False)

    @property
    def root(self) -> Path:
        """The catalogue folder, located once."""
        if self._root is None:
            self._root = locate_catalogue(self.catalogue_path)
        return self._root

    def load(self, locales: list[str] | None = None) -> Catalogue:
        """Read the catalogue (every locale, or only ``locales``)."""
        return load_catalogue(self.root, locales)

    def message(self, text: str) -> None:
        """A message for the user on stderr, unless --quiet."""
        if not self.quiet:
            click.echo(text, err=True)


pass_app = click.make_pass_decorator(AppContext)
