"""CatalogueFile.get answers from an index, and stays right when the concepts change."""

from __future__ import annotations

from glossarykit.model import CatalogueFile, Concept


def file_of(*terms: str) -> CatalogueFile:
    return CatalogueFile(concepts=[Concept(term=t) for t in terms])


def test_get_finds_every_term_and_the_first_of_two() -> None:
    file = file_of("甲", "乙", "甲")
    assert file.get("乙") is file.concepts[1]
    assert file.get("甲") is file.concepts[0]
    assert file.get("丙") is None


def test_get_sees_concepts_added_removed_or_replaced() -> None:
    file = file_of("甲", "乙")
    assert file.get("乙") is not None
    file.concepts.append(Concept(term="丙"))
    assert file.get("丙") is file.concepts[2]
    file.concepts.remove(file.concepts[0])
    assert file.get("甲") is None
    assert file.get("乙") is file.concepts[0]
    file.concepts[0] = Concept(term="丁")  # same length, replaced in place
    assert file.get("乙") is None
    assert file.get("丁") is file.concepts[0]
    file.concepts = [Concept(term="戊")]
    assert file.get("丙") is None
    assert file.get("戊") is file.concepts[0]


def test_get_sees_a_concept_renamed_in_place() -> None:
    file = file_of("甲", "乙")
    assert file.get("甲") is file.concepts[0]
    file.concepts[0].term = "丙"
    assert file.get("甲") is None
    assert file.get("丙") is file.concepts[0]
    file.concepts[1].term = "甲"
    assert file.get("甲") is file.concepts[1]


def test_the_index_is_not_part_of_equality_or_repr() -> None:
    indexed = file_of("甲")
    indexed.get("甲")
    assert indexed == file_of("甲")
    assert repr(indexed) == repr(file_of("甲"))
