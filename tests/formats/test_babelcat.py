"""The merge decides exact matches itself and leaves only fuzzy matching to Babel: the
decisions must be those of ``Catalog.update`` over the whole files."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.formats import babelcat
from glossarykit.formats.babelcat import MergeEntry, MergePlan, merge_entries

# Few, similar msgids, so that exact matches, fuzzy pairings (difflib ratio >= 0.6) and
# obsolete entries all happen; flags Babel keeps or drops by looking at the msgid.
MSGIDS = st.sampled_from(
    [
        "三社联动",
        "三社联动+",
        "三社联",
        "四水共治",
        "四水共治区",
        "%s 个社区",
        "{n} 个",
        "x",
    ]
)
CONTEXTS = st.sampled_from([None, None, "definition|三社联动", "definition|四水共治"])
FLAGS = st.lists(
    st.sampled_from(
        ["fuzzy", "machine", "python-format", "python-brace-format", "c-format"]
    ),
    max_size=3,
)


@st.composite
def entries(draw: st.DrawFn, translated: bool) -> list[MergeEntry]:
    keys = draw(st.lists(st.tuples(MSGIDS, CONTEXTS), max_size=8, unique=True))
    return [
        MergeEntry(
            msgid,
            msgctxt,
            draw(st.booleans()) if translated else False,
            tuple(draw(FLAGS)),
        )
        for msgid, msgctxt in keys
    ]


def by_babel(
    template: list[MergeEntry], old: list[MergeEntry], fuzzy: bool
) -> MergePlan:
    return babelcat._merge_with_babel(template, old, fuzzy)


@settings(max_examples=300, deadline=None)
@given(
    template=entries(translated=False),
    old=entries(translated=True),
    fuzzy=st.booleans(),
)
def test_the_merge_decides_as_babel_over_the_whole_files(
    template: list[MergeEntry], old: list[MergeEntry], fuzzy: bool
) -> None:
    assert merge_entries(template, old, fuzzy_matching=fuzzy) == by_babel(
        template, old, fuzzy
    )


@settings(max_examples=100, deadline=None)
@given(
    template=st.lists(st.tuples(MSGIDS, CONTEXTS, FLAGS), max_size=6),
    old=st.lists(st.tuples(MSGIDS, CONTEXTS, st.booleans(), FLAGS), max_size=6),
)
def test_duplicate_keys_and_empty_msgids_take_babels_way(
    template: list[tuple[str, str | None, list[str]]],
    old: list[tuple[str, str | None, bool, list[str]]],
) -> None:
    new = [MergeEntry(m, c, False, tuple(f)) for m, c, f in template]
    new.append(MergeEntry("", None))
    previous = [MergeEntry(m, c, t, tuple(f)) for m, c, t, f in old]
    assert merge_entries(new, previous) == by_babel(new, previous, True)


def test_a_new_file_pairs_nothing_and_keeps_the_template_flags() -> None:
    template = [
        MergeEntry("三社联动", flags=("machine", "python-format")),
        MergeEntry("%d 个", flags=("python-format",)),
    ]
    plan = merge_entries(template, [])
    assert plan == by_babel(template, [], True)
    assert [p.flags for p in plan.pairings] == [("machine",), ("python-format",)]
