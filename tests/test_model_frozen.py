"""FrozenList, the read-only list the PO reader shares among concepts, and slotted models."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest

from glossarykit.model import EMPTY, Concept, FrozenList, Reference, frozen


def test_a_frozen_list_is_a_list_to_every_reader() -> None:
    items = FrozenList(["a", "b"])
    assert isinstance(items, list)
    assert items == ["a", "b"]
    assert list.__eq__(["a", "b"], items)  # compared from the other side
    assert repr(items) == "['a', 'b']"
    assert json.dumps(items) == '["a", "b"]'
    assert items + ["c"] == ["a", "b", "c"]  # noqa: RUF005 (list.__add__ is the point)
    assert type(items[:]) is list and type([*items]) is list
    assert sorted(FrozenList(["b", "a"])) == ["a", "b"]


@pytest.mark.parametrize(
    "change",
    [
        lambda x: x.append("c"),
        lambda x: x.extend(["c"]),
        lambda x: x.insert(0, "c"),
        lambda x: x.remove("a"),
        lambda x: x.pop(),
        lambda x: x.clear(),
        lambda x: x.sort(),
        lambda x: x.reverse(),
        lambda x: x.__setitem__(0, "c"),
        lambda x: x.__setitem__(slice(0, 1), ["c"]),
        lambda x: x.__delitem__(0),
        lambda x: x.__iadd__(["c"]),
        lambda x: x.__imul__(2),
    ],
)
def test_a_frozen_list_refuses_every_change(change: object) -> None:
    items = FrozenList(["a", "b"])
    with pytest.raises(TypeError, match="assign a new list"):
        change(items)  # type: ignore[operator]
    assert items == ["a", "b"]


def test_the_shared_empty_list_cannot_be_filled_through_a_concept() -> None:
    concept = Concept(term="三社联动", flags=EMPTY)
    with pytest.raises(TypeError):
        concept.flags.append("fuzzy")
    with pytest.raises(TypeError):
        concept.flags += ["fuzzy"]
    assert EMPTY == [] and frozen([]) is EMPTY
    concept.flags = [*concept.flags, "fuzzy"]  # the way to change a field
    assert concept.flags == ["fuzzy"] and EMPTY == []


def test_frozen_lists_copy_and_pickle() -> None:
    concept = Concept(
        term="三社联动",
        references=FrozenList([Reference("a.txt", 3)]),
        synonyms=EMPTY,
    )
    for twin in (
        copy.copy(concept),
        copy.deepcopy(concept),
        pickle.loads(pickle.dumps(concept)),
        dataclasses.replace(concept, target="x"),
    ):
        assert twin.references == [Reference("a.txt", 3)]
        assert isinstance(twin.references, FrozenList)
        assert twin.synonyms == []
    assert dataclasses.asdict(concept)["references"] == [{"path": "a.txt", "line": 3}]


def test_models_have_slots_and_no_instance_dict() -> None:
    concept = Concept(term="x")
    assert not hasattr(concept, "__dict__")
    with pytest.raises(AttributeError):
        concept.unknown = 1  # type: ignore[attr-defined]
    assert not hasattr(Reference("a"), "__dict__")
    # A concept made without the reader still gets lists of its own to fill.
    assert Concept(term="y").flags is not Concept(term="z").flags
