"""The PO adapter: strict reading, canonical writing, lossless round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.errors import CatalogueError, CatalogueParseError
from glossarykit.formats.po import read_po, write_po
from glossarykit.model import CatalogueFile, Concept, Reference, Synonym

from ..conftest import DATA, REPO

HEADER = [
    ("Project-Id-Version", "test"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
]


def write_and_read(
    tmp_path: Path, file: CatalogueFile, name: str = "x.po"
) -> CatalogueFile:
    path = tmp_path / name
    path.write_text(write_po(file), encoding="utf-8")
    return read_po(path)


@pytest.mark.parametrize(
    "path",
    [
        REPO / "glossary" / "glossary.pot",
        *sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")),
    ],
    ids=str,
)
def test_shipped_catalogues_are_in_canonical_form(path: Path) -> None:
    assert write_po(read_po(path)) == path.read_text(encoding="utf-8")


def test_msgcat_wrapped_file_reads_with_every_field(tmp_path: Path) -> None:
    file = read_po(DATA / "po" / "msgcat-wrapped.po")
    (concept,) = file.concepts
    assert concept.term == "四水共治"
    assert concept.id == "t-1"
    assert (concept.origin, concept.origin_detail) == ("annotated", "3")
    assert concept.components == ["防洪水", "排涝水", "治污水", "保供水"]
    assert concept.references == [Reference("sources/a.txt", n) for n in (1, 7, 9)]
    assert concept.flags == ["fuzzy"]
    assert concept.previous_term == "四水同治"
    assert concept.alternatives == ["co-governance of the four waters"]
    assert concept.definition == "防洪水、排涝水、治污水、保供水。" * 3
    assert concept.definition_target.endswith("securing the water supply.")
    assert [e.msgid for e in file.extra] == ["旧术语"] and file.extra[0].obsolete
    # Our writer's form is canonical: writing what it wrote changes nothing.
    once = write_po(file)
    assert write_po(write_and_read(tmp_path, file)) == once


def test_comments_are_never_wrapped(tmp_path: Path) -> None:
    note = "note: " + "a very long note " * 10
    file = CatalogueFile(
        header=HEADER, concepts=[Concept(term="三社联动", comments=[note])]
    )
    text = write_po(file)
    assert f"# {note.rstrip()}\n" in text
    assert write_and_read(tmp_path, file).concepts[0].notes == [
        note[len("note: ") :].rstrip()
    ]


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        (
            'msgid "a\nmsgstr ""\n',
            1,
            "unterminated string (a missing or unescaped double quote)",
        ),
        ('msgid "a"\nmsgstr "b\\q"\n', 2, "invalid escape sequence in a string"),
        (
            'msgid "a"\nmsgstr "b" "c"\n',
            2,
            "unterminated string (a missing or unescaped double quote)",
        ),
        ('msgid "a"\nmsgstr\n', 2, "expected a quoted string"),
        ('msgid "a"\nhello\nmsgstr ""\n', 2, "unexpected text 'hello'"),
    ],
)
def test_syntax_errors_name_the_line(
    tmp_path: Path, content: str, line: int, problem: str
) -> None:
    path = tmp_path / "bad.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueParseError) as info:
        read_po(path)
    assert (info.value.line, info.value.message) == (line, problem)


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            b'\xef\xbb\xbfmsgid ""\nmsgstr ""\n',
            1,
            "starts with a UTF-8 byte-order mark",
        ),
        ('msgid ""\nmsgstr ""\n'.encode("utf-16"), 1, "is UTF-16, not UTF-8"),
        (
            b'msgid ""\nmsgstr ""\n\nmsgid "a\x00"\nmsgstr ""\n',
            4,
            "contains a NUL byte",
        ),
        (b'msgid ""\nmsgstr ""\n\nmsgid "\xff"\nmsgstr ""\n', 4, "is not valid UTF-8"),
        (
            b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GBK\\n"\n',
            3,
            "declares charset=GBK; glossary catalogues are UTF-8",
        ),
    ],
)
def test_encoding_problems_are_refused(
    tmp_path: Path, data: bytes, line: int, message: str
) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(data)
    with pytest.raises(CatalogueParseError) as info:
        read_po(path)
    assert (info.value.line, info.value.message) == (line, message)


def test_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        read_po(tmp_path / "none.po")


def test_unpaired_and_duplicate_entries_are_kept_for_validation(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "甲"\nmsgstr ""\n\nmsgid "甲"\nmsgstr ""\n\n'
        'msgctxt "definition|乙"\nmsgid "乙的定义"\nmsgstr ""\n',
        encoding="utf-8",
    )
    file = read_po(path)
    assert [c.term for c in file.concepts] == ["甲", "甲"]
    assert [(c.term, c.definition, c.definition_line) for c in file.unpaired] == [
        ("乙", "乙的定义", 10)
    ]
    assert write_and_read(tmp_path, file, "y.po") == file


# Text a glossary editor might type: CJK, full-width punctuation, quotes, formula-like
# leading characters, backslashes, newlines and edge whitespace.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("三社联动四水共治大湖+“”、，。：=+-@ \\\"\nabcXYZ'\t")
    ),
    min_size=1,
    max_size=30,
)
LINE_TEXT = TEXT.map(
    lambda t: " ".join(t.split())
)  # comments and metadata are single lines


@st.composite
def concepts(draw: st.DrawFn) -> Concept:
    term = draw(TEXT)
    definition = draw(st.none() | TEXT)
    return Concept(
        term=term,
        definition=definition,
        id=draw(st.from_regex(r"[a-z]{2}-[0-9]{2}", fullmatch=True)),
        origin=draw(st.sampled_from(["", "annotated", "mined", "editorial"])),
        components=draw(
            st.lists(LINE_TEXT.filter(lambda t: t and "、" not in t), max_size=3)
        ),
        synonyms=[
            Synonym(s, "fullForm")
            for s in draw(st.lists(LINE_TEXT.filter(bool), max_size=2))
        ],
        domain=draw(st.just("") | LINE_TEXT),
        references=[
            Reference("src/a.txt", n)
            for n in draw(st.lists(st.integers(1, 999), max_size=3))
        ],
        comments=[
            f"alt: {a}" for a in draw(st.lists(LINE_TEXT.filter(bool), max_size=2))
        ],
        target=draw(st.just("") | TEXT),
        definition_target=draw(st.just("") | TEXT) if definition is not None else "",
        flags=draw(st.sampled_from([[], ["fuzzy"], ["fuzzy", "machine"]])),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(concepts(), max_size=4, unique_by=lambda c: c.term))
def test_write_read_round_trip_is_lossless(
    tmp_path_factory: pytest.TempPathFactory, items: list[Concept]
) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    file = CatalogueFile(locale="en", header=HEADER, concepts=items)
    once = write_po(file)
    again = write_and_read(tmp, file)
    assert again.concepts == items
    assert write_po(again) == once
