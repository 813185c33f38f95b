"""Chinese numerals in formulas: values, segments and the item count a formula announces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossarykit.numerals import expected_count, numeral_segments, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("两", 2),
        ("双", 2),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百零五", 105),
        ("两百", 200),
        ("三千零五", 3005),
        ("一万二千", 12000),
        ("十万", 100000),
        ("〇", 0),
        ("三四", None),
        ("双双", None),
        ("社", None),
        ("", None),
    ],
)
def test_parse_numeral(text: str, value: int | None) -> None:
    assert parse_numeral(text) == value


_DIGITS = "零一二三四五六七八九"


def _hanzi(number: int) -> str:
    """A plain writer for 1..9999, the reference the parser is checked against."""
    parts = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        digit, number = divmod(number, unit)
        if digit:
            parts.append(_DIGITS[digit] + name)
        elif parts and number:
            parts.append("零")
    if number:
        parts.append(_DIGITS[number])
    text = "".join(parts)
    return text.replace("零零", "零")


@given(st.integers(min_value=1, max_value=9999))
def test_parse_numeral_reads_what_a_plain_writer_writes(number: int) -> None:
    assert parse_numeral(_hanzi(number)) == number


@pytest.mark.parametrize(
    ("term", "segments"),
    [
        ("三社联动", [(3, "社联动")]),
        ("三打击两整治一提升", [(3, "打击"), (2, "整治"), (1, "提升")]),
        ("一感两度两率", [(1, "感"), (2, "度"), (2, "率")]),
        ("双招双引", [(2, "招"), (2, "引")]),
        ("新“四军”", [(4, "军")]),
        ("“125”重点工作", [(1, ""), (2, ""), (5, "重点工作")]),
        ("长江主轴", []),
    ],
)
def test_numeral_segments(term: str, segments: list[tuple[int, str]]) -> None:
    assert [(s.value, s.counted) for s in numeral_segments(term)] == segments


@pytest.mark.parametrize(
    ("term", "count"),
    [
        ("三社联动", 3),
        ("四水共治", 4),
        ("两工互动", 2),
        ("九定", 9),
        ("三打击两整治一提升", 6),
        ("一感两度两率", 5),
        ("“125”重点工作", 8),
        ("五个一", 5),
        ("“五个一”工程", 5),
        ("双招双引", 2),
        ("四个“阳光深化”行动", 4),
        ("文化惠民“四送”", 4),
        ("长江主轴", None),
    ],
)
def test_expected_count(term: str, count: int | None) -> None:
    assert expected_count(term) == count
