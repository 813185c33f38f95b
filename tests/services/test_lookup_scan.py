"""Lookup with the index off: the exact answer from a scan of the raw PO text is the full
load's answer, and a catalogue the full load refuses is refused the same way.

``lookup_at`` with ``GLOSSARY_NO_CACHE=1`` scans the files for the entries of the form and
parses only those (``formats.po_scan``, ``services.lookup.scan_catalogue_for_form``);
anything it cannot be sure of goes to the full load.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit.cli import cli
from glossarykit.errors import GlossaryError
from glossarykit.formats import po_scan
from glossarykit.formats.po import check_unique, read_po, write_po
from glossarykit.model import Catalogue, CatalogueFile, Concept, Synonym
from glossarykit.records import concept_record
from glossarykit.services import index
from glossarykit.services import lookup as lookup_service
from glossarykit.services.catalogue import TEMPLATE_PATH, load_catalogue, locale_path
from glossarykit.services.lookup import lookup_at, scan_catalogue_for_form

from ..conftest import DATA, bench_generator
from ..strategies import catalogues, header, save_new_catalogue

BAD_PO = sorted((DATA / "bad" / "po").glob("*.po"))


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")


def record(catalogue: Catalogue, result: lookup_service.LookupResult) -> dict[str, Any]:
    """What a user sees, and the concepts themselves with their line numbers."""
    return {
        "kind": [m.kind for m in result.matches],
        "records": [
            concept_record(catalogue, m.concept, "en", pinyin=m.reading)
            for m in result.matches
        ],
        "concepts": [
            (m.concept, m.concept.line, m.concept.definition_line)
            for m in result.matches
        ],
        "suggestions": result.suggestions,
    }


def assert_same_answers(root: Path, queries: list[str]) -> int:
    """Every query answers with the index off as from a full load; return how many
    were answered by the scan."""
    whole = load_catalogue(root)
    parts: list[Catalogue | None] = []

    def spy(root: Path, form: str) -> Catalogue | None:
        parts.append(scan_catalogue_for_form(root, form))
        return parts[-1]

    scanned = 0
    for query in queries:
        parts.clear()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lookup_service, "scan_catalogue_for_form", spy)
            catalogue, result = lookup_at(root, query)
        expected = record(whole, lookup_service.lookup(whole, query))
        assert record(catalogue, result) == expected, query
        assert len(parts) == 1
        part = parts[0]
        scanned += part is not None
        if part is not None:
            assert catalogue is part
            for locale, file in part.locales.items():
                for concept in file.concepts:
                    full = whole.locales[locale].get(concept.term)
                    assert full == concept, (query, locale)
                    assert (full.line, full.definition_line) == (
                        concept.line,
                        concept.definition_line,
                    )
    return scanned


def forms(root: Path) -> list[str]:
    """Every head term and synonym, and some Traditional forms of the variant files."""
    catalogue = load_catalogue(root)
    found = [form for concept in catalogue.concepts for form in concept.sources]
    for locale, file in catalogue.locales.items():
        if locale.startswith("zh_Hant"):
            found += [c.target for c in file.concepts[::10] if c.target]
    return found


# ---------------------------------------------------------------- whole catalogues


def test_every_form_of_the_seed_glossary(catalogue_copy: Path, no_cache: None) -> None:
    terms = {f for c in load_catalogue(catalogue_copy).concepts for f in c.sources}
    others = ["three-society linkage", "sanshe liandong", "三社", "no such term"]
    asked = [*forms(catalogue_copy), *others, "  三社联动 "]
    scanned = assert_same_answers(catalogue_copy, asked)
    assert scanned == len([q for q in asked if q.strip() in terms]) > 100


@pytest.fixture(scope="module")
def generated_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmarks' generated catalogue of 1,000 concepts."""
    root = tmp_path_factory.mktemp("generated") / "cat-1000"
    bench_generator().generate(1000, out=root, corpus_bytes=1000)
    return root


def test_the_generated_catalogue_of_1000_concepts(
    generated_1000: Path, no_cache: None
) -> None:
    catalogue = load_catalogue(generated_1000)
    # Every synonym, and head terms from all over the file (each lookup scans it all).
    asked = [s.term for c in catalogue.concepts for s in c.synonyms]
    asked += [c.term for c in catalogue.concepts[::20]]
    asked += [catalogue.concepts[-1].term, "no such term"]
    assert assert_same_answers(generated_1000, asked) == len(asked) - 1


def test_the_cli_prints_the_same_with_the_index_and_without(
    generated_1000: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(index.CACHE_ENV, str(tmp_path / "cache"))
    term = load_catalogue(generated_1000).concepts[500].term
    args = ["--catalogue", str(generated_1000), "lookup", term]
    outputs = []
    for no_cache in ("", "", "1"):  # builds the index, answers from it, scans
        monkeypatch.setenv(index.NO_CACHE_ENV, no_cache)
        for extra in ([], ["--format", "json"]):
            result = CliRunner().invoke(cli, [*args, *extra], catch_exceptions=False)
            outputs.append((extra, result.exit_code, result.stdout))
    assert outputs[:2] == outputs[2:4] == outputs[4:]
    assert outputs[0][1] == 0


# ---------------------------------------------------------------- edge cases


def concept(term: str, definition: str | None = None, **fields: Any) -> Concept:
    return Concept(term=term, definition=definition, **fields)


def write_catalogue(root: Path, template: list[Concept], en: list[Concept]) -> Path:
    """A catalogue folder with these template and English concepts."""
    files = [
        (CatalogueFile(header=header(None), concepts=template), root / TEMPLATE_PATH),
        (
            CatalogueFile(locale="en", header=header("en"), concepts=en),
            locale_path(root, "en"),
        ),
    ]
    for file, path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_po(file), encoding="utf-8")
    return root


def english(term: str, target: str, definition: str | None = None) -> Concept:
    return concept(
        term,
        definition,
        target=target,
        definition_target="d" if definition else "",
    )


LONG = "社区治理" * 30  # wrapped by the writer
EDGE_TEMPLATE = [
    concept("三社", "短的。", synonyms=[Synonym("三社联动")]),
    concept(
        "三社联动", "“三社”指社区。", synonyms=[Synonym("三社联动机制", "fullForm")]
    ),
    concept('引号"内"\\', 'ASCII 引号 " 和反斜杠 \\。'),
    concept("换\n行", "a term with a newline"),
    concept(LONG, LONG + "。" + LONG),
    concept(
        "注释里", "x", comments=["只在注释里的词"], metadata=[("x-note", "联合体")]
    ),
    concept("大湖+", None, synonyms=[Synonym("  大湖+  ", "shortForm")]),
]
EDGE_EN = [
    english("三社联动", "three-society linkage", "“三社”指社区。"),
    english('引号"内"\\', '"quoted"', 'ASCII 引号 " 和反斜杠 \\。'),
    english(LONG, "long", LONG + "。" + LONG),
    english("大湖+", "great lakes plus"),
]


@pytest.mark.parametrize(
    "query",
    [
        "三社",  # a head term inside another concept's head term and synonym
        "三社联动",  # a head term that is also another concept's synonym: both, in order
        "三社联动机制",  # a typed synonym
        '引号"内"\\',  # escaped in the msgid, verbatim in the comments
        "换\n行",
        LONG,  # a wrapped msgid
        "大湖+",  # a head term, and a synonym written with spaces around it
        "只在注释里的词",  # only in a translator comment: no exact match
        "联合体",  # only in an extracted comment that is no synonym
        "联动",  # part of terms only
        "three-society linkage",
    ],
)
def test_edge_cases(tmp_path: Path, no_cache: None, query: str) -> None:
    root = write_catalogue(tmp_path / "cat", EDGE_TEMPLATE, EDGE_EN)
    assert assert_same_answers(root, [query]) == (
        query in {f for c in EDGE_TEMPLATE for f in c.sources}
    )


def test_a_definition_entry_before_its_term_entry_and_a_recurring_context(
    tmp_path: Path, no_cache: None
) -> None:
    root = write_catalogue(tmp_path / "cat", EDGE_TEMPLATE, EDGE_EN)
    template = root / TEMPLATE_PATH
    head, *entries = template.read_text(encoding="utf-8").split("\n\n")
    assert entries[1].startswith('msgctxt "definition|三社"')
    assert entries[3].startswith('msgctxt "definition|三社联动"')
    # The second concept's definition entry twice (another msgid), then the first
    # concept's definition entry before its term entry.
    entries.insert(4, entries[3].replace("“三社”指社区。", "另一个定义。"))
    entries[0], entries[1] = entries[1], entries[0]
    template.write_text("\n\n".join([head, *entries]), encoding="utf-8")
    file = read_po(template)
    check_unique(file)
    assert file.unpaired  # the recurring context
    assert assert_same_answers(root, ["三社", "三社联动", "三社联动机制"]) == 3


def test_the_last_entry_without_a_blank_line_or_newline(
    tmp_path: Path, no_cache: None
) -> None:
    root = write_catalogue(tmp_path / "cat", EDGE_TEMPLATE, EDGE_EN)
    for path in (root / TEMPLATE_PATH, locale_path(root, "en")):
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n")
    assert assert_same_answers(root, ["大湖+", "三社联动"]) == 2


# ---------------------------------------------------------------- broken catalogues


def cli_result(root: Path, query: str) -> Result:
    return CliRunner().invoke(cli, ["--catalogue", str(root), "lookup", query])


@pytest.mark.parametrize("bad", BAD_PO, ids=lambda p: p.name)
@pytest.mark.parametrize("where", ["template", "en"])
def test_a_broken_file_fails_as_without_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: Path, where: str
) -> None:
    """With the index off, every malformed file of tests/data/bad fails exactly as the
    full load makes it fail (the same one line, the same exit code)."""
    root = tmp_path / "cat"
    shutil.copytree(DATA / "valid", root)
    target = root / TEMPLATE_PATH if where == "template" else locale_path(root, "en")
    shutil.copyfile(bad, target)
    expected = cli_result(root, "三社联动")  # the index is on: the full load
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")
    result = cli_result(root, "三社联动")
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    assert expected.exit_code == 2
    assert scan_catalogue_for_form(root, "三社联动") is None


@pytest.mark.parametrize(
    "damage",
    [
        'msgid "x"\nmsgstr "unterminated\n',  # a syntax error far from the term
        'msgid "三社联动"\nmsgstr ""\n',  # a duplicate of the term's entry
        'msgctxt "other"\nmsgid "x"\nmsgstr ""\n',  # an extra entry: read, not answered
        '#~ msgid "old"\n#~ msgstr ""\n',  # obsolete: valid, the general path reads it
        'msgid "x"\r\nmsgstr ""\r\n',  # CR: read as LF by the general path
        'msgid "x"\nmsgstr "\\x41"\n',  # an escape outside the canonical layout
    ],
)
@pytest.mark.parametrize("where", ["template", "en"])
def test_damage_far_from_the_term_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str, where: str
) -> None:
    root = write_catalogue(tmp_path / "cat", EDGE_TEMPLATE, EDGE_EN)
    path = root / TEMPLATE_PATH if where == "template" else locale_path(root, "en")
    with path.open("a", encoding="utf-8", newline="") as stream:
        stream.write("\n" + damage)
    expected = cli_result(root, "三社联动")
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")
    result = cli_result(root, "三社联动")
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    assert scan_catalogue_for_form(root, "三社联动") is None


# ---------------------------------------------------------------- hypothesis


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(max_concepts=5), st.data())
def test_generated_catalogues(
    tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue, data: st.DataObject
) -> None:
    root = tmp_path_factory.mktemp("h") / "cat"
    saved = save_new_catalogue(catalogue, root)
    asked = [f for c in saved.concepts for f in c.sources]
    asked += [c.target for c in saved.locales["zh_Hant_TW"].concepts if c.target]
    asked.append(data.draw(st.text(alphabet="三社联动+“” ab", min_size=1, max_size=4)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(index.NO_CACHE_ENV, "1")
        assert_same_answers(root, [q for q in asked if q.strip()])


# Lines a hand edit may leave, spliced into written files.
SPLICE = [
    "",
    "#",
    "# note: x",
    "#. synonym: 三社",
    "#: a.txt:3",
    "#, fuzzy",
    '#| msgid "old"',
    '#~ msgid "gone"',
    'msgctxt "definition|三社"',
    'msgctxt "other"',
    'msgid "三社"',
    'msgid ""',
    'msgstr ""',
    '"continued"',
    '"a\\tb\\\\c\\"d"',
    'msgstr "t',
    "\ufeff",
    'msgid "a"\r',
]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    catalogues(max_concepts=4),
    st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "duplicate"]),
            st.integers(0, 10_000),
            st.sampled_from(SPLICE),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_the_scan_accepts_only_what_reads_without_error(
    tmp_path_factory: pytest.TempPathFactory,
    catalogue: Catalogue,
    edits: list[tuple[str, int, str]],
) -> None:
    """An edited file is scanned only if read_po and check_unique accept it, and then
    the concepts read from the scan's entries are read_po's, line numbers included."""
    lines = write_po(catalogue.template).split("\n")
    for action, at, text in edits:
        position = at % len(lines)
        if action == "insert":
            lines.insert(position, text)
        elif action == "delete" and len(lines) > 1:
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
    path = tmp_path_factory.mktemp("e") / "glossary.pot"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    scan = po_scan.scan_po(path, "三社")
    try:
        full = read_po(path)
        check_unique(full)
    except (GlossaryError, ValueError, KeyError):
        # Refused, or a bug of the general parser (tests/formats/test_po_reader.py):
        # either way not a file the canonical path reads, so not one the scan accepts.
        assert scan is None
        return
    if scan is None:
        return  # valid, but not in the canonical layout: the full load reads it
    assert sorted(scan.terms) == sorted(c.term for c in full.concepts)
    scanned = scan.read(scan.entries_of(list(scan.terms)))
    assert scanned is not None
    assert scanned.concepts == full.concepts
    assert [(c.line, c.definition_line) for c in scanned.concepts] == [
        (c.line, c.definition_line) for c in full.concepts
    ]
    synonym_of = {c.term for c in full.concepts if "三社" in c.sources[1:]}
    assert synonym_of <= {msgid for _, msgid in scan.mentions}
