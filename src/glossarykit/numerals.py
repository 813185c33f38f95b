"""Chinese numerals in coined formulations: 三社联动, 两工互动, 双招双引, 一感两度两率, “125”.

Low-level and pure (no I/O, no catalogue): the miner and the numeral-count check both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# 双 ("pair") counts two in formulas such as 双招双引 and 一岗双责, but only on its own.
PAIR = "双"
NUMERAL_CHARS = frozenset(DIGITS) | frozenset(UNITS) | {PAIR}

# Quotation marks are part of how a term is written, not of its structure.
QUOTE_CHARS = "“”‘’「」『』\"'"

_CLASSIFIERS = ("个", "项", "条", "种", "张")

_RUN_RE = re.compile(f"[{''.join(sorted(NUMERAL_CHARS))}]+|[0-9]+")


def is_numeral_char(char: str) -> bool:
    """True for a character that can be part of a Chinese numeral (两 and 双 included).

    >>> is_numeral_char("两"), is_numeral_char("社")
    (True, False)
    """
    return char in NUMERAL_CHARS


def parse_numeral(text: str) -> int | None:
    """The value of a Chinese numeral, or None when ``text`` is not one.

    >>> [parse_numeral(t) for t in ("三", "两", "双", "十", "十九", "二十三", "一百零五")]
    [3, 2, 2, 10, 19, 23, 105]
    >>> parse_numeral("三万"), parse_numeral("双双"), parse_numeral("社"), parse_numeral("")
    (30000, None, None, None)
    """
    if not text:
        return None
    if text == PAIR:
        return 2
    if any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row (三四) is a range, not a number
            digit = DIGITS[ch]
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:
            # 十 alone or leading (十九) means one ten.
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + section + (digit or 0)


@dataclass(frozen=True)
class NumeralSegment:
    """One numeral in a term and the characters it counts (三打击 → 3, "打击")."""

    value: int
    numeral: str
    counted: str


def numeral_segments(term: str) -> list[NumeralSegment]:
    """Split a formula into its numerals and what each counts; quotes are ignored.

    ASCII digit labels count digit by digit (“125”: 1 + 2 + 5 items), as reports use them.

    >>> [(s.value, s.counted) for s in numeral_segments("三打击两整治一提升")]
    [(3, '打击'), (2, '整治'), (1, '提升')]
    >>> [(s.value, s.counted) for s in numeral_segments("新“四军”")]
    [(4, '军')]
    >>> [(s.value, s.counted) for s in numeral_segments("“125”重点工作")]
    [(1, ''), (2, ''), (5, '重点工作')]
    """
    plain = "".join(ch for ch in term if ch not in QUOTE_CHARS)
    runs = list(_RUN_RE.finditer(plain))
    segments = []
    for index, run in enumerate(runs):
        end = runs[index + 1].start() if index + 1 < len(runs) else len(plain)
        counted = plain[run.end() : end]
        if run.group().isdigit():
            digits = run.group()
            segments += [NumeralSegment(int(d), d, "") for d in digits[:-1]]
            segments.append(NumeralSegment(int(digits[-1]), digits[-1], counted))
            continue
        value = parse_numeral(run.group())
        if value is not None:
            segments.append(NumeralSegment(value, run.group(), counted))
    return segments


def expected_count(term: str) -> int | None:
    """How many items a numbered formula names, or None when it has no numeral.

    A sum of counted parts (三打击两整治一提升 → 6, 一感两度两率 → 5) when every numeral
    counts something; else the first numeral (五个一 → 5: five "one" projects). Digit labels
    add their digits (“125” → 8). A formula of 双 only pairs two items (双招双引: 招商引资
    and 招才引智). Ordinals (七军会, 十九大) are the caller's business.

    >>> [expected_count(t) for t in ("三社联动", "三打击两整治一提升", "一感两度两率", "五个一", "“125”重点工作", "双招双引", "长江主轴")]
    [3, 6, 5, 5, 8, 2, None]
    """
    segments = numeral_segments(term)
    if not segments:
        return None
    if all(s.numeral.isdigit() for s in segments):
        return sum(s.value for s in segments)
    if all(s.numeral == PAIR for s in segments):
        return 2
    if len(segments) > 1 and segments[0].counted in _CLASSIFIERS:
        return segments[0].value  # 五个一: five "one"s
    if len(segments) > 1 and all(s.counted for s in segments):
        return sum(s.value for s in segments)
    return segments[0].value
