"""How many items a numbered formula announces, as the numeral checks read it.

The numeral grammar itself (三 → 3, 两/双 → 2, 十九 → 19, sums such as 三打击两整治一提升,
digit labels such as “125” → 1 + 2 + 5) lives in :mod:`glossarykit.numerals`, shared with
the miner. This module adds what a check must leave out before counting:

- words in which a numeral character counts nothing (统一, 一体, 进一步...), so that
  五位一体 announces 5 and 统一战线 announces nothing;
- ordinals that say so (第七届, 一号工程).

Ordinals that do not say so (七军会, the 7th Military World Games) need the PO flag
``ignore-numeral-count``.
"""

from __future__ import annotations

import re

from ..numerals import NUMERAL_CHARS, expected_count, numeral_segments

# Words in which a numeral character counts nothing (longest first).
NOT_COUNTS = (
    "千方百计",
    "进一步",
    "一系列",
    "一站式",
    "统一",
    "唯一",
    "同一",
    "万一",
    "一体",
    "一流",
    "一致",
    "一起",
    "一切",
    "一些",
    "一样",
    "一律",
    "一直",
    "一定",
    "一般",
    "一线",
    "万众",
)
_NOT_COUNT_RE = re.compile("|".join(map(re.escape, NOT_COUNTS)))
_NUMERALS = "".join(sorted(NUMERAL_CHARS))
_ORDINAL_RE = re.compile(f"(?<=第)[{_NUMERALS}]+|[{_NUMERALS}0-9]+(?=号)")
_MASK = "·"
# What numeral_segments finds runs of: without one, a term announces nothing.
ANY_NUMERAL_RE = re.compile(f"[{_NUMERALS}0-9]")


def counting_form(term: str) -> str:
    """``term`` with its non-counting numerals masked out.

    >>> counting_form("五位一体"), counting_form("第七届世界军人运动会"), counting_form("一号工程")
    ('五位··', '第·届世界军人运动会', '·号工程')
    """
    masked = _NOT_COUNT_RE.sub(lambda m: _MASK * len(m.group()), term)
    return _ORDINAL_RE.sub(lambda m: _MASK * len(m.group()), masked)


def numeral_count(term: str) -> int | None:
    """How many components a numbered formula announces; None when it announces none.

    >>> numeral_count("三社联动"), numeral_count("三打击两整治一提升"), numeral_count("一感两度两率")
    (3, 6, 5)
    >>> numeral_count("“125”重点工作"), numeral_count("四个“阳光深化”行动"), numeral_count("两工互动")
    (8, 4, 2)
    >>> numeral_count("五位一体"), numeral_count("双招双引"), numeral_count("十大工程")
    (5, 2, 10)
    >>> numeral_count("长江主轴"), numeral_count("第七届世界军人运动会"), numeral_count("统一战线")
    (None, None, None)
    """
    if not ANY_NUMERAL_RE.search(term):
        return None  # most terms: masking and segmenting would find nothing either
    return expected_count(counting_form(term))


def describe_count(term: str) -> str:
    """The count of a term written out: ``6 (3 + 2 + 1)`` for a sum, else ``4``.

    >>> describe_count("三打击两整治一提升"), describe_count("四水共治"), describe_count("五个一")
    ('6 (3 + 2 + 1)', '4', '5')
    """
    form = counting_form(term)
    count = expected_count(form)
    values = [s.value for s in numeral_segments(form)]
    if count is not None and len(values) > 1 and sum(values) == count:
        return f"{count} ({' + '.join(map(str, values))})"
    return str(count)
