"""The PO reader's paths agree: the streaming fast path, the general parser, and polib.

read_po reads a file in the canonical layout through a fast streaming path and anything
else through a general state machine that mirrors polib's. These tests feed all three the
same files (written by our writer, then mutated line by line) and require the same result.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit.errors import CatalogueParseError, DuplicateConceptError
from glossarykit.formats import po
from glossarykit.model import CatalogueFile, Concept, RawEntry, Reference, Synonym

from ..conftest import DATA, REPO, generated_catalogue

HEADER = [
    ("Project-Id-Version", "test"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
]

TEXT = st.text(
    alphabet=st.sampled_from(list("三社联动大湖+“”、，。：=+- \\\"\nabc'\t")),
    min_size=1,
    max_size=90,
)
LINE = TEXT.map(lambda t: " ".join(t.split()))

# Lines a hand-edited or foreign PO file may hold, to splice into written files.
SPLICE = [
    "",
    "   ",
    "#",
    "# note: x",
    "#  two spaces",
    "##double",
    "#.",
    "#. ",
    "#. origin: mined",
    "#. id: z-1",
    "#.  spaced: v",
    "#:",
    "#: a.txt:3 b.txt",
    "#, fuzzy",
    "#,",
    '#| msgid "old"',
    '#| "more"',
    '#| msgctxt "definition|old"',
    '#~ msgid "gone"',
    '#~ msgstr "away"',
    '#~| msgid "older"',
    "#~",
    'msgctxt "definition|三社联动"',
    'msgctxt "other"',
    'msgid "三社联动"',
    'msgid ""',
    'msgid_plural "xs"',
    'msgstr "y"',
    'msgstr ""',
    'msgstr[0] "x"',
    '"continued"',
    '"a\\tb\\\\c\\"d"',
    'msgid "a"   ',
    '\tmsgstr "t"',
]


def general(path: Path) -> CatalogueFile:
    """read_po without the fast path."""
    return po._to_catalogue_file(po._parse(path), path)


def lines_of(file: CatalogueFile) -> list[tuple[int, int]]:
    """The line numbers, which Concept equality leaves out."""
    return [(c.line, c.definition_line) for c in [*file.concepts, *file.unpaired]] + [
        (e.line, 0) for e in file.extra
    ]


def assert_same(fast: CatalogueFile, slow: CatalogueFile) -> None:
    assert fast == slow
    assert lines_of(fast) == lines_of(slow)


@st.composite
def concepts(draw: st.DrawFn) -> Concept:
    definition = draw(st.none() | TEXT)
    return Concept(
        term=draw(TEXT),
        definition=definition,
        id=draw(st.from_regex(r"[a-z]{2}-[0-9]{2}", fullmatch=True)),
        origin=draw(st.sampled_from(["", "annotated", "mined"])),
        origin_detail=draw(st.sampled_from(["", "3"])),
        components=draw(
            st.lists(LINE.filter(lambda t: t and "、" not in t), max_size=3)
        ),
        synonyms=[Synonym(s) for s in draw(st.lists(LINE.filter(bool), max_size=2))],
        domain=draw(st.just("") | LINE),
        metadata=draw(st.lists(st.tuples(st.just("x-key"), LINE), max_size=1)),
        references=[
            Reference("src/a.txt", n)
            for n in draw(st.lists(st.integers(1, 99), max_size=3))
        ],
        flags=draw(st.sampled_from([[], ["fuzzy"], ["fuzzy", "machine"]])),
        comments=draw(
            st.lists(st.just("") | LINE.map(lambda t: f"note: {t}"), max_size=3)
        ),
        target=draw(st.just("") | TEXT),
        previous_term=draw(st.none() | TEXT),
        definition_references=[
            Reference("src/b.txt", n)
            for n in draw(st.lists(st.integers(1, 9), max_size=1))
        ],
        definition_target=draw(st.just("") | TEXT) if definition is not None else "",
        previous_definition=draw(st.none() | TEXT) if definition is not None else None,
    )


@st.composite
def files(draw: st.DrawFn) -> CatalogueFile:
    return CatalogueFile(
        locale="en",
        header=HEADER,
        header_comments=draw(st.lists(st.just("") | LINE, max_size=2)),
        header_flags=draw(st.sampled_from([[], ["fuzzy"]])),
        concepts=draw(st.lists(concepts(), max_size=5, unique_by=lambda c: c.term)),
        extra=draw(
            st.lists(
                st.builds(RawEntry, msgid=TEXT, msgstr=TEXT, obsolete=st.booleans()),
                max_size=1,
            )
        ),
    )


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_fast_path_reads_written_files_as_the_general_path(
    tmp_path_factory: pytest.TempPathFactory, file: CatalogueFile
) -> None:
    path = tmp_path_factory.mktemp("w") / "x.po"
    path.write_text(po.write_po(file), encoding="utf-8")
    fast = po._read_canonical(path)
    slow = general(path)
    if not file.extra:
        assert fast is not None  # what the writer writes is the canonical layout
    if fast is not None:
        assert_same(fast, slow)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files(),
    st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "duplicate", "crlf"]),
            st.integers(0, 10_000),
            st.sampled_from(SPLICE),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_fast_path_agrees_with_the_general_path_on_edited_files(
    tmp_path_factory: pytest.TempPathFactory,
    file: CatalogueFile,
    edits: list[tuple[str, int, str]],
) -> None:
    lines = po.write_po(file).split("\n")
    for action, at, text in edits:
        index = at % len(lines)
        if action == "insert":
            lines.insert(index, text)
        elif action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "crlf":
            lines[index] += "\r"
    path = tmp_path_factory.mktemp("e") / "x.po"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        slow = general(path)
    except CatalogueParseError:
        assert po._read_canonical(path) is None
        return
    except (ValueError, KeyError):
        return  # a bug of the general path that the fast path need not copy
    fast = po._read_canonical(path)
    if fast is not None:
        assert_same(fast, slow)
    assert_entries_match_polib(path)


def assert_entries_match_polib(path: Path) -> None:
    """Our general parser's entries are polib's (the parser it mirrors)."""
    try:
        theirs = polib.pofile(str(path), encoding="utf-8")
    except OSError:
        return  # polib refuses it: our strict checks refused it before
    ours = po._parse(path)
    assert ours.header == theirs.header
    assert list(ours.metadata.items()) == list(theirs.metadata.items())
    assert ours.metadata_is_fuzzy == bool(theirs.metadata_is_fuzzy)
    assert len(ours.entries) == len(theirs)
    for mine, their in zip(ours.entries, theirs, strict=True):
        assert (
            mine.linenum,
            mine.msgctxt,
            mine.msgid,
            mine.msgstr,
            mine.msgid_plural,
            mine.msgstr_plural,
            mine.tcomment,
            mine.comment,
            mine.occurrences,
            mine.flags,
            mine.previous_msgid,
            mine.previous_msgctxt,
            bool(mine.obsolete),
        ) == (
            their.linenum,
            their.msgctxt,
            their.msgid,
            their.msgstr,
            their.msgid_plural,
            {int(k): v for k, v in their.msgstr_plural.items()},
            their.tcomment,
            their.comment,
            their.occurrences,
            their.flags,
            their.previous_msgid,
            their.previous_msgctxt,
            bool(their.obsolete),
        )


@pytest.mark.parametrize(
    "path",
    [
        REPO / "glossary" / "glossary.pot",
        *sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")),
        *sorted(DATA.rglob("*.po")),
        *sorted(DATA.rglob("*.pot")),
    ],
    ids=str,
)
def test_repository_files_read_the_same_every_way(path: Path) -> None:
    try:
        slow = general(path)
    except CatalogueParseError:
        assert po._read_canonical(path) is None
        return
    fast = po._read_canonical(path)
    if fast is not None:
        assert_same(fast, slow)
    assert_entries_match_polib(path)


@pytest.mark.parametrize("marker", ["#.", "#. ", "#:", "#,  ", "#.\u3000"])
@pytest.mark.parametrize("second", ["", "#. id: x\n"])
def test_an_entry_starting_with_a_bare_comment_marker_starts_where_polib_says(
    tmp_path: Path, marker: str, second: str
) -> None:
    # polib skips a bare "#." / "#:" / "#," line, so the entry starts on the next line
    # (hypothesis found the fast path starting it on the bare marker).
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'{marker}\n{second}msgid "三社联动"\nmsgstr "three-society linkage"\n',
        encoding="utf-8",
    )
    fast = po._read_canonical(path)
    slow = general(path)
    if fast is not None:
        assert_same(fast, slow)
    assert slow.concepts[0].line == 6
    assert po._parse(path).entries[0].linenum == 6
    assert_entries_match_polib(path)


def test_the_shipped_catalogues_take_the_fast_path() -> None:
    for path in [
        REPO / "glossary" / "glossary.pot",
        *sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po")),
    ]:
        assert po._read_canonical(path) is not None, path


def test_fast_path_reads_across_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [
        Concept(
            term=f"术语{i}",
            definition="定义，" * (i % 7 + 1),
            references=[Reference("a.txt", i + 1)],
            target=f"term {i}",
            definition_target="A definition. " * (i % 9),
        )
        for i in range(300)
    ]
    path = tmp_path / "x.po"
    path.write_text(
        po.write_po(CatalogueFile(locale="en", header=HEADER, concepts=items)),
        encoding="utf-8",
    )
    monkeypatch.setattr(po, "_CHUNK_BYTES", 97)  # many chunks, most cut mid-entry
    fast = po._read_canonical(path)
    assert fast is not None
    assert_same(fast, general(path))


# -- the pieces of the fast path against what the general path does ----------------------

META_LINE = st.sampled_from(
    [
        "id: z-1",
        "id:  z-2",
        "id:",
        "origin: mined",
        "origin: annotated 3",
        "origin:  editorial",
        "origin:",
        "term-type: fullForm",
        "synonym: 三社联动工作",
        "synonym: 第七届世界军人运动会 (fullForm)",
        "components: 社区、社会组织、社工",
        "components: 、",
        "components:",
        "domain: 人才与创新",
        "domain: 乡村 振兴",
        "domain:",
        "x-key: v",
        "Free text, no key",
        "id:z-3",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(META_LINE, min_size=1, max_size=6), st.sampled_from(["", " ", "\t"]))
def test_extracted_comments_set_what_the_general_path_sets(
    lines: list[str], trailing: str
) -> None:
    block = "".join(f"#. {line}{trailing}\n" for line in lines)
    slow = Concept(term="t")
    for raw in block.split("\n")[:-1]:
        if raw.strip() != "#.":
            po._apply_metadata(slow, raw.strip()[3:])
    fields = po._extracted(block)
    fast = Concept("t", None, *fields)
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["a.txt:3", "a.txt:3", "b/c.txt:12", "d.txt", "e:f", "#:"]),
            min_size=0,
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_reference_blocks_read_as_the_general_path_reads_them(
    lines: list[list[str]],
) -> None:
    block = "".join("#: " + " ".join(line) + "\n" for line in lines)
    po._REFERENCE_BLOCKS.clear()
    expected = [
        po._reference((w, a) if s and a.isdigit() else (o, ""))
        for line in lines
        for o in line
        for w, s, a in [o.rpartition(":")]
    ]
    assert po._references(block) == expected
    assert po._references(block) is po._references(block)  # shared


def test_a_definition_before_its_term_reads_as_the_general_path_reads_it(
    tmp_path: Path,
) -> None:
    text = po.write_po(
        CatalogueFile(
            locale="en",
            header=HEADER,
            concepts=[
                Concept(term="甲", definition="一", target="a"),
                Concept(term="乙", definition="二"),
            ],
        )
    )
    entries = text.split("\n\n")  # header, 甲, definition of 甲, 乙, definition of 乙
    for order in ([0, 2, 1, 4, 3], [0, 2, 1, 3, 4], [0, 1, 2, 4, 2, 3]):
        path = tmp_path / "x.po"
        path.write_text("\n\n".join(entries[i] for i in order), encoding="utf-8")
        fast = po.read_po(path)
        assert_same(fast, general(path))
    assert po._read_canonical(path) is None  # (the last order has one twice)


def test_read_concepts_share_empty_lists_and_references(tmp_path: Path) -> None:
    concept = Concept(
        term="三社联动",
        definition="定义",
        references=[Reference("a.txt", 3)],
        definition_references=[Reference("a.txt", 3)],
    )
    path = tmp_path / "x.po"
    path.write_text(
        po.write_po(CatalogueFile(locale="en", header=HEADER, concepts=[concept])),
        encoding="utf-8",
    )
    first, second = po.read_po(path).concepts[0], po.read_po(path).concepts[0]
    assert first == second == concept
    assert first.flags is first.synonyms is second.comments  # the one EMPTY
    assert first.references is second.references  # a block read once
    with pytest.raises(TypeError):
        first.references.append(Reference("b.txt"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["甲", "乙", "丙", ""]), max_size=5),
    st.lists(st.sampled_from([None, "一", "二"]), min_size=5, max_size=5),
    st.lists(st.tuples(st.sampled_from(["甲", "丁"]), st.sampled_from(["一", "二"]))),
)
def test_the_unique_key_count_agrees_with_the_duplicate_search(
    terms: list[str],
    definitions: list[str | None],
    unpaired: list[tuple[str, str]],
) -> None:
    file = CatalogueFile(
        concepts=[
            Concept(term=t, definition=d, line=i + 1)
            for i, (t, d) in enumerate(zip(terms, definitions, strict=False))
        ],
        unpaired=[Concept(term=t, definition=d) for t, d in unpaired],
    )
    try:
        file.extra = [RawEntry(msgid="x")]  # the search without the count
        po.check_unique(file)
        unique = True
    except DuplicateConceptError:
        unique = False
    file.extra = []
    assert po._has_unique_keys(file) is unique


@pytest.mark.parametrize("size", [1000, 10000])
def test_generated_catalogues_read_the_same_both_ways(size: int) -> None:
    root = generated_catalogue(size)
    paths = [root / "glossary" / "glossary.pot"]
    paths += sorted((root / "locales").glob("*/LC_MESSAGES/glossary.po"))
    for path in paths:
        fast = po._read_canonical(path)
        assert fast is not None, path
        assert_same(fast, general(path))
