"""The seed glossary against its source: the 17 annotated definitions are the report's own words."""

from __future__ import annotations

import re
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest

from glossarykit.formats.po import read_po
from glossarykit.model import Reference

from .conftest import REPO, SOURCE_REPORT

TEMPLATE = REPO / "glossary" / "glossary.pot"
ENGLISH = REPO / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
SOURCE_REF = "glossary/sources/wuchang-2017-work-report.txt"

# An appendix line of this report: "  6.三社联动:“三社”指社区、社会组织、社会工作者。"
APPENDIX_LINE = re.compile(r"^\s*(\d+)\.\s*([^:]+):(.+?)\s*$")


def appendix_items() -> dict[int, tuple[int, str, str]]:
    """number -> (line number, term, definition), read from the source file itself."""
    lines = SOURCE_REPORT.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "名词注释" in line)
    items = {}
    for index in range(start, len(lines)):
        match = APPENDIX_LINE.match(lines[index])
        if match:
            items[int(match.group(1))] = (index + 1, match.group(2), match.group(3))
    return items


def annotated_concepts() -> dict[int, object]:
    template = read_po(TEMPLATE)
    return {int(c.origin_detail): c for c in template if c.origin == "annotated"}


def test_the_appendix_has_seventeen_items() -> None:
    assert sorted(appendix_items()) == list(range(1, 18))


@pytest.mark.parametrize("number", range(1, 18))
def test_annotated_definition_is_verbatim(number: int) -> None:
    line, term, definition = appendix_items()[number]
    concept = annotated_concepts()[number]
    assert concept.term == term
    assert concept.definition.encode("utf-8") == definition.encode("utf-8")
    assert concept.definition_references == [Reference(SOURCE_REF, line)]
    assert concept.id == f"wc2017-a{number:02d}"


def test_references_cite_every_line_where_the_term_occurs() -> None:
    lines = SOURCE_REPORT.read_text(encoding="utf-8").split("\n")
    for concept in read_po(TEMPLATE):
        expected = [
            Reference(SOURCE_REF, i + 1)
            for i, text in enumerate(lines)
            if concept.term in text
        ]
        assert concept.references == expected, concept.term


def test_every_english_entry_is_translated_and_carries_the_template_metadata() -> None:
    template = read_po(TEMPLATE)
    english = read_po(ENGLISH)
    assert [c.term for c in english] == [c.term for c in template]
    for source, target in zip(template, english, strict=True):
        assert target.target and target.definition_target, source.term
        assert "fuzzy" not in target.flags + target.definition_flags
        for field in (
            "id",
            "origin",
            "origin_detail",
            "components",
            "domain",
            "synonyms",
            "references",
        ):
            assert getattr(target, field) == getattr(source, field), (
                source.term,
                field,
            )


def test_the_seventh_military_world_games_has_its_full_form_as_synonym() -> None:
    concept = annotated_concepts()[13]
    assert [(s.term, s.type) for s in concept.synonyms] == [
        ("第七届世界军人运动会", "fullForm")
    ]


@pytest.mark.parametrize(
    "path",
    [TEMPLATE, *sorted((REPO / "locales").glob("*/LC_MESSAGES/glossary.po"))],
    ids=str,
)
def test_msgfmt_check_passes(path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_compiled_catalogue_serves_the_rendering_through_gettext(
    tmp_path: Path,
) -> None:
    mo = tmp_path / "glossary.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(ENGLISH)], check=True)
    with mo.open("rb") as handle:
        translations = GNUTranslations(handle)
    concept = read_po(ENGLISH).get("三社联动")
    assert translations.gettext("三社联动") == concept.target
    assert (
        translations.pgettext("definition|三社联动", concept.definition)
        == concept.definition_target
    )
