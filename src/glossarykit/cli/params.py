"""Click parameter types shared by commands: a locale id checked with Babel (``langtags``)."""

from __future__ import annotations

from typing import Any

import click

from ..errors import UnsupportedLocaleError
from ..langtags import parse_locale


class LocaleType(click.ParamType[str]):
    """A CLDR locale id (``en``, ``zh_Hant_TW``; ``zh-Hant-TW`` is accepted too)."""

    name = "locale"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        try:
            return parse_locale(str(value))
        except UnsupportedLocaleError as exc:
            self.fail(f"{exc.message} ({exc.hint})", param, ctx)


LOCALE = LocaleType()
