"""The ``glossary`` command line: the root group, lazy command loading, the error boundary.

The only package that imports click. Commands live one per module and are imported only
when invoked, so that ``glossary --help`` stays fast.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from gettext import gettext as _
from typing import Any, cast

import click

from .. import __version__
from ..errors import GlossaryError

__all__ = ["cli", "main"]

# command name -> module in this package; each module defines ``<name>_command``.
COMMANDS = {
    "annotate": "annotate",
    "check": "check",
    "checks": "checks",
    "convert": "convert",
    "compile": "compile",
    "export": "export",
    "import": "importing",
    "list": "listing",
    "lookup": "lookup",
    "mine": "mine",
    "site": "site",
    "stats": "stats",
    "validate": "validate",
    "suggest": "suggest",
    "update": "update",
}

EXIT_INTERNAL = 70


class _FolderPath(click.Path):
    """``click.Path(file_okay=False, path_type=pathlib.Path)``, with pathlib imported only
    when the option is given (``glossary --help`` does not need it)."""

    def __init__(self) -> None:
        super().__init__(file_okay=False)

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        from pathlib import Path

        # What click.Path(path_type=Path) does: Path() of what it checked.
        return Path(cast("str", super().convert(value, param, ctx)))


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

    def format_commands(
        self, ctx: click.Context, formatter: click.HelpFormatter
    ) -> None:
        """The command list of ``--help``, from the commands' docstrings.

        The docstrings are read from the modules' source, without importing them (and the
        services they import); a command whose source cannot be read that way is imported.
        The text is click's own (``Command.get_short_help_str``).
        """
        commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = _help_only_command(name) or self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            rows = [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

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
    type=_FolderPath(),
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
    from .context import AppContext  # the catalogue services: not needed for --help

    ctx.obj = AppContext(catalogue_path=catalogue_path, debug=debug, quiet=quiet)


# ``def <name>_command(...) -> None:`` and the start of its docstring (one pattern for
# every command, compiled when --help needs it: one per command cost a few ms).
_COMMAND_DEF = r"^def (\w+)_command\([^)]*\)[^:\n]*:\n[ \t]+(?=[rR]?\"\"\")"
# Command arguments that change what --help shows: such a command is imported instead.
_HELP_ARGUMENTS = ("short_help", "hidden", "deprecated", "help=")


@functools.cache
def _command_def_re() -> re.Pattern[str]:
    return re.compile(_COMMAND_DEF, re.M)


def _help_only_command(name: str) -> click.Command | None:
    """A stand-in for command ``name`` that carries only its docstring, for ``--help``.

    None when the docstring cannot be read from the module's source (the caller then
    imports the command): no source file, or a decorator argument that changes the help.
    """
    module = COMMANDS.get(name)
    if module is None:
        return None
    path = os.path.join(os.path.dirname(__file__), f"{module}.py")
    try:
        with open(path, encoding="utf-8") as stream:
            source = stream.read()
    except OSError:
        return None
    found = next(
        (m for m in _command_def_re().finditer(source) if m.group(1) == name), None
    )
    if found is None:
        return None
    decorator = source.rfind("@click.command(", 0, found.start())
    arguments = source[decorator : source.find(")", decorator)]
    if decorator < 0 or any(a in arguments for a in _HELP_ARGUMENTS):
        return None
    start = found.end()
    quote = source.index('"""', start)
    end = source.find('"""', quote + 3)
    if end < 0:
        return None
    import ast  # only --help reads docstrings; a command run need not pay for ast

    try:
        docstring = ast.literal_eval(source[start : end + 3])
    except (ValueError, SyntaxError):
        return None
    return click.Command(name, help=docstring) if isinstance(docstring, str) else None


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="glossary"))
