"""The count a numbered formula announces, as the numeral checks read it (table-driven)."""

from __future__ import annotations

import pytest

from glossarykit.checks.numerals import counting_form, describe_count, numeral_count

# (term, components it announces; None: not a numbered formula)
TABLE = [
    # the 17 annotated terms of the seed glossary
    ("四大资智聚汉工程", 4),
    ("长江主轴", None),
    ("四水共治", 4),
    ("四个“阳光深化”行动", 4),
    ("红色引擎工程", None),
    ("三社联动", 3),
    ("三打击两整治一提升", 6),
    ("九定", 9),
    ("新衙门作风", None),
    ("“125”重点工作", 8),
    ("四张成绩单", 4),
    ("“三化”大武汉", 3),
    # 七军会 is an ordinal that does not say so: the flag ignore-numeral-count exempts it.
    ("七军会", 7),
    ("新“四军”", 4),
    ("一感两度两率", 5),
    ("文化惠民“四送”", 4),
    ("两工互动", 2),
    # sums, pairs, multipliers
    ("一带一路", 2),
    ("双招双引", 2),
    ("双创", 2),
    ("五个一", 5),
    ("十大工程", 10),
    ("二十条措施", 20),
    # numeral characters that count nothing
    ("五位一体", 5),
    ("统一战线", None),
    ("进一步深化改革", None),
    # ordinals that say so
    ("第七届世界军人运动会", None),
    ("一号工程", None),
]


@pytest.mark.parametrize(("term", "count"), TABLE, ids=[t for t, _ in TABLE])
def test_numeral_count(term: str, count: int | None) -> None:
    assert numeral_count(term) == count


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("三打击两整治一提升", "6 (3 + 2 + 1)"),
        ("一感两度两率", "5 (1 + 2 + 2)"),
        ("“125”重点工作", "8 (1 + 2 + 5)"),
        ("四水共治", "4"),
        ("五个一", "5"),
    ],
)
def test_describe_count(term: str, text: str) -> None:
    assert describe_count(term) == text


def test_counting_form_keeps_the_length() -> None:
    for term, _ in TABLE:
        assert len(counting_form(term)) == len(term)
