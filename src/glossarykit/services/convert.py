"""Chinese script conversion through OpenCC: the only module that imports opencc.

Converters are built once per process (``lru_cache``). Configs are always named explicitly:
OpenCC's bare ``t`` is its own "standard Traditional", no region's (OpenCC DESIGN_PRINCIPLES).
"""

from __future__ import annotations

import functools
from typing import Any

from ..errors import ConversionError

# Traditional -> Simplified, for normalising user input in any regional script.
TO_SIMPLIFIED_CONFIGS = ("tw2s", "hk2s", "t2s")


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # imported here so that `glossary --help` and exact lookups stay fast

    try:
        return opencc.OpenCC(config)
    except (
        Exception
    ) as exc:  # OpenCC raises bare Exception/ValueError for unknown configs
        raise ConversionError(
            f"OpenCC cannot load the config {config!r}",
            hint="Use s2tw, s2twp, s2hk or t2s",
        ) from exc


def convert_text(text: str, config: str) -> str:
    """Convert ``text`` with the named OpenCC config (``s2tw``, ``s2hk``, ``tw2s``...)."""
    return str(_converter(config).convert(text))


def simplified_forms(text: str) -> list[str]:
    """The distinct Simplified readings of ``text`` under the Taiwan, Hong Kong and generic configs."""
    forms: list[str] = []
    for config in TO_SIMPLIFIED_CONFIGS:
        form = convert_text(text, config)
        if form not in forms:
            forms.append(form)
    return forms
