"""CheckContext.line_of reads only an entry's own lines; it must answer as the whole-file
index it replaced did (kept here as the reference), on real files and on random text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.checks import CheckContext
from glossarykit.checks.base import INDEXED_PREFIXES
from glossarykit.formats.po import read_po
from glossarykit.model import CatalogueFile
from glossarykit.services.filelines import FileLines

from ..conftest import DATA, REPO, generated_catalogue

PREFIXES = (*INDEXED_PREFIXES, "#. origin:", "msgid", "#")


def reference_index(lines: Sequence[str]) -> dict[int, dict[str, int]]:
    """The index line_of used to build over every line of the file."""
    index: dict[int, dict[str, int]] = {}
    block: dict[str, int] | None = None
    for number, text in enumerate(lines, start=1):
        if not text or text.isspace():
            block = None
            continue
        if block is None:
            block = index.setdefault(number, {})
        if text[0] not in "#m":
            continue
        for prefix in INDEXED_PREFIXES:
            if text.startswith(prefix):
                block.setdefault(prefix, number)
                break
    return index


def reference_scan(lines: Sequence[str], start: int, prefix: str) -> int:
    is_comment = prefix.startswith("#")
    for index in range(start - 1, len(lines)):
        text = lines[index]
        if text.startswith(prefix):
            return index + 1
        if not text.strip() or (is_comment and text.startswith("msg")):
            break
        if text.startswith("msgstr") and not prefix.startswith("msgstr"):
            break
    return start


def reference_line_of(
    lines: Sequence[str], index: dict[int, dict[str, int]], start: int, prefix: str
) -> int:
    if start <= 0:
        return start
    found = index.get(start, {}).get(prefix)
    if found is not None:
        return found
    if start in index and prefix in INDEXED_PREFIXES:
        return start
    return reference_scan(lines, start, prefix)


def assert_same_lines(
    lines: list[str], starts: Sequence[int], view: Sequence[str]
) -> None:
    index = reference_index(lines)
    ctx = CheckContext(CatalogueFile(), lines=view)
    for start in starts:
        for prefix in PREFIXES:
            want = reference_line_of(lines, index, start, prefix)
            assert ctx.line_of(start, prefix) == want, (start, prefix)


def catalogue_files() -> list[Path]:
    found = [
        *(REPO / "glossary").glob("*.pot"),
        *(REPO / "locales").glob("*/LC_MESSAGES/*.po"),
        *DATA.rglob("*.po"),
        *DATA.rglob("*.pot"),
    ]
    return sorted(path for path in found if _is_utf8(path))


def _is_utf8(path: Path) -> bool:
    """Only UTF-8 files get findings (the reader refuses the others before any check)."""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("path", catalogue_files(), ids=lambda p: p.name)
def test_every_line_of_test_and_seed_files(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = range(-1, len(lines) + 3)
    assert_same_lines(lines, starts, lines)
    assert_same_lines(lines, starts, FileLines(path))


@pytest.mark.parametrize("size", [1000, 10000])
def test_entry_starts_of_generated_catalogues(size: int) -> None:
    root = generated_catalogue(size)
    paths = [root / "glossary" / "glossary.pot"]
    paths += sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))
    for path in paths:
        lines = path.read_text(encoding="utf-8").split("\n")
        file = read_po(path)
        starts = sorted(
            {c.line for c in file.concepts} | {c.definition_line for c in file.concepts}
        )
        step = max(1, len(starts) // 3000)  # a sample keeps the 10,000 case quick
        assert_same_lines(lines, starts[::step], FileLines(path))


LINE = st.sampled_from(
    [
        "",
        " ",
        "\u3000",
        "#. id: t-1",
        "#, fuzzy",
        "#. components: a、b",
        "#. synonym: x",
        "# alt: y",
        "#. origin: mined",
        'msgctxt "definition|x"',
        'msgid "x"',
        'msgstr "y"',
        'msgid_plural "xs"',
        '"continued"',
        'msgstr[0] "z"',
    ]
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINE, max_size=30))
def test_random_files(lines: list[str]) -> None:
    assert_same_lines(lines, range(-1, len(lines) + 3), lines)
