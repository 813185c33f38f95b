"""Merging into a new (empty) locale file skips Babel: the result is the general path's."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from glossarykit.formats.po import read_po, write_po
from glossarykit.model import CatalogueFile, Concept, RawEntry, Synonym
from glossarykit.services.update import CHANGE_NEW, CHANGE_OBSOLETE, merge_file

from ..conftest import REPO, generated_catalogue
from ..strategies import catalogues, header

UNRELATED = RawEntry(msgid="无关的旧条目", msgstr="x")  # no template holds it


def both_paths(
    template: CatalogueFile,
) -> tuple[tuple[CatalogueFile, list], tuple[CatalogueFile, list]]:
    """The merge into an empty file, and into one whose only entry goes obsolete (which
    takes the general path through Babel)."""
    empty = CatalogueFile(locale="zh_Hant_TW", header=header("zh_Hant_TW"))
    one = CatalogueFile(
        locale="zh_Hant_TW", header=header("zh_Hant_TW"), extra=[UNRELATED]
    )
    return merge_file(template, empty), merge_file(template, one)


def assert_same_merge(template: CatalogueFile) -> None:
    (fast, fast_changes), (general, general_changes) = both_paths(template)
    # The general result ends with the unrelated entry, now obsolete.
    assert general_changes[-1].kind == CHANGE_OBSOLETE
    assert fast_changes == general_changes[:-1]
    assert all(change.kind == CHANGE_NEW for change in fast_changes)
    assert [e.msgid for e in general.extra[len(fast.extra) :]] == [UNRELATED.msgid]
    general.extra = general.extra[: len(fast.extra)]
    assert fast == general
    assert write_po(fast) == write_po(general)


@settings(max_examples=60, deadline=None)
@given(catalogue=catalogues())
def test_a_new_file_gets_what_the_general_merge_gives(catalogue: object) -> None:
    assert_same_merge(catalogue.template)  # type: ignore[attr-defined]


def test_unpaired_definitions_and_raw_entries_too() -> None:
    template = CatalogueFile(
        header=header(None),
        concepts=[
            Concept(
                "三社联动", "定义", id="a", synonyms=[Synonym("三社", "shortForm")]
            ),
            Concept("无定义", flags=["machine"], comments=["note: n"]),
        ],
        unpaired=[Concept("孤立", "孤立的定义", definition_flags=["fuzzy"])],
        extra=[RawEntry(msgid="杂项", msgctxt="其他", flags=["c-format"])],
    )
    assert_same_merge(template)


def test_the_new_changes_can_be_left_out() -> None:
    template = read_po(REPO / "glossary" / "glossary.pot")
    empty = CatalogueFile(locale="en", header=header("en"))
    merged, changes = merge_file(template, empty)
    quiet, none = merge_file(template, empty, new_changes=False)
    assert quiet == merged
    assert none == []
    assert len(changes) == sum(
        1 + (c.definition is not None) for c in template.concepts
    ) + len(template.unpaired) + len([e for e in template.extra if not e.obsolete])


@pytest.mark.parametrize("size", [1000, 10000])
def test_a_new_file_on_the_generated_catalogues(size: int) -> None:
    path = generated_catalogue(size) / "glossary" / "glossary.pot"
    assert_same_merge(read_po(path))


def test_the_template_stays_as_it_was(tmp_path: Path) -> None:
    template = read_po(REPO / "glossary" / "glossary.pot")
    before = write_po(template)
    merged, _ = merge_file(template, CatalogueFile(locale="en", header=header("en")))
    for concept in merged.concepts:
        concept.target = "x"
        concept.comments = ["note: changed"]
    assert write_po(template) == before
