"""The writer renders entries exactly as polib does (its wrapping is the canonical form)."""

from __future__ import annotations

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.formats import po

# Wrapping depends on length, spaces, escapes and line breaks of every kind.
PIECES = [
    *'三社联动“”、，。 ab-\\"\n\r\t\v\b\f\x1c\u2028\x85',
    "word ",
    "长长的定义文字",
    "x" * 30,
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def by_polib(**fields: object) -> str:
    """What the writer wrote when polib rendered every entry."""
    entry = polib.POEntry(**fields)
    return str(entry.__unicode__(po.WRAP_WIDTH))


@settings(max_examples=300, deadline=None)
@given(
    msgid=TEXT,
    msgstr=TEXT,
    msgctxt=st.none() | TEXT,
    previous_msgid=st.none() | TEXT,
    previous_msgctxt=st.none() | TEXT,
    flags=st.lists(st.sampled_from(["fuzzy", "machine", "ignore-fuzzy"]), max_size=2),
)
def test_entries_render_as_polib_renders_them(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    previous_msgid: str | None,
    previous_msgctxt: str | None,
    flags: list[str],
) -> None:
    fields = {
        "msgid": msgid,
        "msgstr": msgstr,
        "msgctxt": msgctxt,
        "previous_msgid": previous_msgid,
        "previous_msgctxt": previous_msgctxt,
        "flags": flags,
    }
    assert po._render(**fields) == by_polib(**fields)


def test_a_long_definition_wraps_at_78_columns() -> None:
    text = "The projects for keeping one million university students in Wuhan " * 3
    rendered = po._render(msgid="定义", msgstr=text)
    assert rendered == by_polib(msgid="定义", msgstr=text)
    assert rendered.split("\n")[1] == 'msgstr ""'
    assert max(len(line) for line in rendered.split("\n")) <= po.WRAP_WIDTH
