"""The writer's fast paths (short lines, long lines textwrap would not break) render as
polib renders, and whole written files come back byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.formats import po

from ..conftest import REPO, generated_catalogue
from .test_po_writer import by_polib

# Printable text only (the fast paths' domain), long enough to wrap: CJK runs, quotes and
# backslashes (escaped beyond the width), and the spaces and hyphens textwrap breaks at.
PIECES = [
    *'三社联动“”、，。ab"\\',
    "长长的定义文字" * 3,
    "x" * 25,
    " ",
    "-",
    "--",
    "a-b",
    "\u3000",
    "\x85",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    msgid=TEXT,
    msgstr=TEXT,
    msgctxt=st.none() | TEXT,
    previous_msgid=st.none() | TEXT,
    previous_msgctxt=st.none() | TEXT,
)
def test_printable_entries_render_as_polib_renders_them(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    previous_msgid: str | None,
    previous_msgctxt: str | None,
) -> None:
    fields = {
        "msgid": msgid,
        "msgstr": msgstr,
        "msgctxt": msgctxt,
        "previous_msgid": previous_msgid,
        "previous_msgctxt": previous_msgctxt,
    }
    assert po._render(**fields) == by_polib(**fields)


@pytest.mark.parametrize(
    "length", [69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 120]
)
@pytest.mark.parametrize("piece", ["长", '"', "\\", "a", "长-", "长 "])
def test_the_width_limits_as_polib_has_them(length: int, piece: str) -> None:
    text = (piece * length)[:length]
    for name in ("msgid", "msgstr", "msgctxt", "previous_msgid"):
        fields = {"msgid": "m", name: text}
        assert po._render(**fields) == by_polib(**fields), name


@pytest.mark.parametrize("size", [0, 1000, 10000])
def test_written_files_come_back_byte_for_byte(size: int) -> None:
    root = generated_catalogue(size) if size else REPO
    paths = [root / "glossary" / "glossary.pot"]
    paths += sorted((root / "locales").glob("*/LC_MESSAGES/glossary.po"))
    for path in paths:
        assert po.write_po(po.read_po(path)) == path.read_text(encoding="utf-8"), path
