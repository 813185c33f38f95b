"""The ``glossary`` command line: the root group, lazy command loading, the error boundary.

The only package that imports click. Commands live one per module and are imported only
when invoked, so that ``glossary --help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import GlossaryError
from .context import AppContext

__all__ = ["cli", "main"]

# command name -> module in this package; each module defines ``<name>_command``.
COMMANDS = {
    "list": "listing",
    "lookup": "lookup",
    "stats": "stats",
}

EXIT_INTERNAL = 70


class GlossaryGroup(click.Group):
    """A group that imports commands on demand and turns library errors into one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, f"{cmd_name}_command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GlossaryError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (rerun with --debug)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(
    cls=GlossaryGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--catalogue",
    "catalogue_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Catalogue folder (holding glossary/glossary.pot). Default: $GLOSSARY_HOME, "
    "the nearest such folder upwards, then the bundled seed glossary.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print no messages or progress, only data and errors.",
)
@click.version_option(__version__, prog_name="glossary")
@click.pass_context
def cli(ctx: click.Context, catalogue_path: Any, debug: bool, quiet: bool) -> None:
    """Chinese-English glossary of coined formulations in government documents.

    \b
    Examples:
        glossary lookup 三社联动
        glossary lookup "three-sector" --format json
        glossary list --origin annotated --format table
    """
    ctx.obj = AppContext(catalogue_path=catalogue_path, debug=debug, quiet=quiet)


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="glossary"))
