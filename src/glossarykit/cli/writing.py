"""The decorator every command that writes the catalogue carries: it holds the write lock.

Held from before the catalogue is read until after it is written, so that two commands
cannot both read, change and write it (the second would undo the first's change).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..services.catalogue import lock_catalogue
from .context import AppContext

F = TypeVar("F", bound=Callable[..., Any])


def writes_catalogue(
    *, unless: tuple[str, ...] = (), when: str | None = None
) -> Callable[[F], F]:
    """Run the command under the catalogue's write lock (``services.catalogue``).

    Put it right above the ``def``, below ``@pass_app``.

    :param unless: options that make the run read-only (``dry_run``, ``check``): no lock.
    :param when: an option without which the run is read-only (``add`` of ``mine``).
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def locked(*args: Any, **options: Any) -> Any:
            read_only = any(options.get(name) for name in unless) or (
                when is not None and not options.get(when)
            )
            ctx = click.get_current_context()
            app = ctx.find_object(AppContext)
            if read_only or app is None:
                return command(*args, **options)
            with lock_catalogue(app.root, f"glossary {ctx.info_name}"):
                return command(*args, **options)

        return locked  # type: ignore[return-value]

    return decorate
