"""`glossary lookup`: exact, Traditional, English, partial and missing lookups, and bad catalogues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossarykit.formats.po import read_po

from ..conftest import REPO, Invoke


@pytest.mark.parametrize(
    ("query", "golden_name"),
    [
        ("三社联动", "lookup-exact.txt"),
        ("第七届世界军人运动会", "lookup-synonym.txt"),
    ],
)
def test_exact_lookup_prints_the_concept(
    run: Invoke, golden, query: str, golden_name: str
) -> None:
    result = run("lookup", query, catalogue=REPO)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(golden_name, result.stdout)


def test_exact_lookup_shows_verbatim_definition_rendering_and_english_definition(
    run: Invoke,
) -> None:
    result = run("lookup", "三社联动", catalogue=REPO)
    lines = result.stdout.splitlines()
    assert lines[0] == "三社联动  three-society linkage"
    assert "  zh definition  “三社”指社区、社会组织、社会工作者。" in lines
    assert any(
        line.startswith('  en definition  The "three societies" are communities')
        for line in lines
    )


def test_traditional_input_finds_the_simplified_concept(run: Invoke) -> None:
    simplified = run("lookup", "三社联动", catalogue=REPO)
    traditional = run("lookup", "三社聯動", catalogue=REPO)
    assert traditional.exit_code == 0
    assert traditional.stdout == simplified.stdout
    assert traditional.stderr == "1 traditional match for 三社聯動:\n"


def test_english_reverse_lookup_is_case_insensitive(run: Invoke) -> None:
    result = run("lookup", "Three-Society Linkage", catalogue=REPO)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "三社联动  three-society linkage"
    assert result.stderr == "1 english match for Three-Society Linkage:\n"


def test_english_alternative_renderings_are_found_too(run: Invoke) -> None:
    result = run(
        "lookup", "three-society coordination", "--format", "json", catalogue=REPO
    )
    data = json.loads(result.stdout)
    assert data["match"] == "english"
    assert [c["term"] for c in data["concepts"]] == ["三社联动"]


def test_partial_input_lists_every_concept_containing_it(run: Invoke) -> None:
    result = run("lookup", "三社", "--format", "json", catalogue=REPO)
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["match"] == "partial"
    assert [c["term"] for c in data["concepts"]] == ["三社联动"]
    result = run("lookup", "四", "--format", "json", catalogue=REPO)
    terms = [c["term"] for c in json.loads(result.stdout)["concepts"]]
    template = read_po(REPO / "glossary" / "glossary.pot")
    expected = [c.term for c in template if any("四" in form for form in c.sources)]
    assert len(expected) > 5
    assert terms == expected


def test_missing_term_exits_1_with_did_you_mean(run: Invoke) -> None:
    result = run("lookup", "三社联通", catalogue=REPO)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == "Error: no glossary entry for “三社联通”. Did you mean: 三社联动?\n"
    )


def test_missing_term_without_close_match(run: Invoke) -> None:
    result = run("lookup", "zzzz", catalogue=REPO)
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: no glossary entry for “zzzz”. Try part of the term.\n"
    )


def test_json_output_has_the_documented_keys(run: Invoke, golden) -> None:
    result = run("lookup", "七军会", "--format", "json", catalogue=REPO)
    data = json.loads(result.stdout)
    assert list(data) == ["query", "match", "concepts", "suggestions"]
    assert list(data["concepts"][0]) == [
        "id", "term", "pinyin", "synonyms", "definition", "locale", "rendering", "definition_translation",
        "alternatives", "avoid", "notes", "rendering_sources", "status", "variants", "origin",
        "origin_detail", "components", "domain", "references",
    ]  # fmt: skip
    golden("lookup-json.json", result.stdout)


def test_missing_term_in_json_still_prints_the_answer(run: Invoke) -> None:
    result = run("lookup", "三社联通", "--format", "json", catalogue=REPO)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "query": "三社联通",
        "match": None,
        "concepts": [],
        "suggestions": ["三社联动"],
    }


def test_malformed_catalogue_is_one_clear_line_and_exit_2(
    run: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "glossary.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "三社联动\nmsgstr ""\n',
        encoding="utf-8",
    )
    result = run("lookup", "三社联动", catalogue=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {tmp_path / 'glossary' / 'glossary.pot'}:5: unterminated string "
        "(a missing or unescaped double quote). Fix that line (msgfmt --check shows the same problem)\n"
    )


def test_catalogue_in_another_encoding_is_refused(run: Invoke, tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    pot = tmp_path / "glossary" / "glossary.pot"
    pot.write_bytes(
        'msgid ""\nmsgstr ""\n\nmsgid "三社联动"\nmsgstr ""\n'.encode("gb18030")
    )
    result = run("lookup", "三社联动", catalogue=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {pot}:4: is not valid UTF-8. Convert it with `msgconv --to-code=UTF-8` "
        "and set charset=UTF-8 in its header\n"
    )


def test_empty_query_is_a_usage_error(run: Invoke) -> None:
    result = run("lookup", "  ", catalogue=REPO)
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Error: the term to look up is empty. Give a Chinese or English term\n"
    )
