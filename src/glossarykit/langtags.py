"""Locale ids: CLDR form in code and folders (``zh_Hant_TW``), BCP 47 tags at boundaries.

One of the two modules allowed to import Babel (STYLE.md 1.1); it imports it lazily.
The template (``None``) is Simplified Chinese, ``zh-Hans`` in BCP 47.
"""

from __future__ import annotations

from .errors import UnsupportedLocaleError
from .model import TEMPLATE_LOCALE

SOURCE_TAG = "zh-Hans"

# Tags that name the Simplified source language: OmegaT writes zh-CN, older TBX plain zh.
_SOURCE_TAGS = {"zh", "zh-hans", "zh-cn", "zh-sg", "zh-hans-cn", "zh-hans-sg"}


def to_bcp47(locale: str | None) -> str:
    """The BCP 47 tag of a CLDR locale id; the template (None) is ``zh-Hans``.

    >>> to_bcp47("zh_Hant_TW"), to_bcp47("en"), to_bcp47(None)
    ('zh-Hant-TW', 'en', 'zh-Hans')
    """
    if locale is None or locale == TEMPLATE_LOCALE:
        return SOURCE_TAG
    return locale.replace("_", "-")


def from_bcp47(tag: str) -> str | None:
    """The CLDR locale id of a BCP 47 tag; None for the Simplified source (the template).

    Case and ``_``/``-`` do not matter.

    >>> from_bcp47("zh-Hant-TW"), from_bcp47("EN"), from_bcp47("zh-CN")
    ('zh_Hant_TW', 'en', None)

    :raises UnsupportedLocaleError: Babel cannot parse the tag.
    """
    normal = tag.strip().replace("_", "-")
    if normal.lower() in _SOURCE_TAGS:
        return None
    return parse_locale(normal.replace("-", "_"))


def parse_locale(text: str) -> str:
    """Validate a CLDR locale id with Babel and return its canonical spelling.

    >>> parse_locale("zh_hant_tw")
    'zh_Hant_TW'

    :raises UnsupportedLocaleError: Babel does not know it.
    """
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise UnsupportedLocaleError(
            f"unknown locale {text!r}",
            hint="Use a CLDR locale id such as en, zh_Hant_TW or zh_Hant_HK",
        ) from exc
