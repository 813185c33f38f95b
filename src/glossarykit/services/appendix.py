"""Parse the annotation appendix of a Chinese government report (名词注释, 名词解释, 注释...).

Lines in, numbered entries out (term, definition, line numbers): no catalogue, no I/O. Text is
never split on whitespace; a definition that runs over several lines is joined as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..numerals import QUOTE_CHARS, parse_numeral

# The heading words, longest first so that 名词解释说明 is not read as 名词解释.
HEADING_WORDS = ("名词解释说明", "名词注释", "名词解释", "名词注解", "注释")

_HEADING_RE = re.compile(
    # An optional "附:" / "附件1:" lead, an optional 《document》 prefix, the heading word in
    # optional brackets, an optional (ordering note), an optional colon.
    r"(?:附(?:件|录)?\s*[0-9一二三四五六七八九十]*\s*[:：、.．]?\s*)?"
    r"(?:《[^》]{1,60}》\s*)?"
    r"[【\[〔]?\s*(?P<word>" + "|".join(HEADING_WORDS) + r")\s*[】\]〕]?"
    r"\s*(?P<note>[(（][^()（）]{1,40}[)）])?\s*[:：]?"
)
_NOTE_RE = re.compile(r"[(（][^()（）]{1,40}[)）]")

_CIRCLED = (
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
)
_HANZI_NUMBER = "[一二三四五六七八九十]{1,3}"

# (style, pattern): an item's numbering. A list keeps the style of its first item, so that
# "(1)" sub-items inside a "1." list stay part of a definition.
_NUMBERINGS = (
    ("arabic-paren", re.compile(r"[(（]\s*(\d{1,3})\s*[)）]\s*")),
    ("hanzi-paren", re.compile(rf"[(（]\s*({_HANZI_NUMBER})\s*[)）]\s*")),
    # "1." but not "2.5亿元": the mark must not be followed by a digit.
    ("arabic", re.compile(r"(\d{1,3})\s*[.．、](?![0-9])\s*")),
    ("arabic-close", re.compile(r"(\d{1,3})\s*[)）]\s*")),
    ("circled", re.compile(rf"([{_CIRCLED}])\s*")),
    ("hanzi", re.compile(rf"({_HANZI_NUMBER})\s*[、.．]\s*")),
)
# Term/definition separators; the earliest one on the line wins.
SEPARATORS = ("：", ":", "——")
_MAX_TERM = 40
# A definition ending in one of these is complete; a short line after it is not part of it.
_TERMINAL = "。！？!?；;…"
_CLOSERS = "”’」』)）】"
# A line this long is prose, so it continues a definition even after a finished sentence.
_PROSE_LENGTH = 15


@dataclass(frozen=True)
class AppendixEntry:
    """One numbered item of the appendix: the term and the report's own definition of it."""

    number: int
    label: str
    term: str
    definition: str
    line: int
    end_line: int


@dataclass
class Appendix:
    """The annotation appendix of a report: heading, ordering note, entries, where it ends.

    Line numbers are 1-based. ``end_line`` is the last line of the last entry; lines after it
    (a signature, a stray 人大) are not part of the appendix.
    """

    heading: str
    line: int
    note: str = ""
    note_line: int | None = None
    style: str = ""
    entries: list[AppendixEntry] = field(default_factory=list)
    end_line: int = 0


@dataclass
class _Item:
    style: str
    number: int
    label: str
    term: str
    definition: str
    line: int
    end_line: int


def find_appendix(lines: Sequence[str]) -> Appendix | None:
    """Find and parse the annotation appendix among a report's lines (without newlines).

    The last heading that is followed by a numbered list wins; None when there is none.

    >>> lines = ["正文。", "名词解释:", "1.三社联动:社区、社会组织、社会工作者联动。"]
    >>> appendix = find_appendix(lines)
    >>> [(e.number, e.term, e.definition, e.line) for e in appendix.entries]
    [(1, '三社联动', '社区、社会组织、社会工作者联动。', 3)]
    """
    for index in reversed(range(len(lines))):
        match = _HEADING_RE.fullmatch(lines[index].strip())
        if match:
            appendix = _parse_list(lines, index, match)
            if appendix is not None:
                return appendix
    return None


def is_heading(line: str) -> bool:
    """True when ``line`` is an appendix heading such as 《政府工作报告》名词注释.

    >>> is_heading("《政府工作报告》名词注释"), is_heading("名词解释说明:"), is_heading("注释是…")
    (True, True, False)
    """
    return _HEADING_RE.fullmatch(line.strip()) is not None


def parse_item(line: str) -> tuple[str, int, str, str] | None:
    """Split a numbered line into (style, number, label, rest), or None if it has no numbering.

    >>> parse_item("（3）四水共治：防洪水。")
    ('arabic-paren', 3, '（3）', '四水共治：防洪水。')
    >>> parse_item("2.5亿元投资") is None
    True
    """
    text = line.strip()
    for style, pattern in _NUMBERINGS:
        match = pattern.match(text)
        if not match:
            continue
        token = match.group(1)
        if style == "circled":
            number = _CIRCLED.index(token) + 1
        elif style.startswith("hanzi"):
            number = parse_numeral(token) or 0
        else:
            number = int(token)
        if number <= 0:
            continue
        return style, number, match.group(0).strip(), text[match.end() :]
    return None


def split_term(rest: str) -> tuple[str, str] | None:
    """Split the text after the numbering at its first separator into (term, definition).

    >>> split_term("新“四军”:新近毕业大学生。")
    ('新“四军”', '新近毕业大学生。')
    >>> split_term("四水共治——防洪水、排涝水。")
    ('四水共治', '防洪水、排涝水。')
    >>> split_term("没有分隔符的一行") is None
    True
    """
    found = [(rest.find(sep), sep) for sep in SEPARATORS if sep in rest]
    if not found:
        return None
    position, separator = min(found)
    term = _clean_term(rest[:position])
    if not term or len(term) > _MAX_TERM:
        return None
    return term, rest[position + len(separator) :].strip()


def _clean_term(text: str) -> str:
    term = text.strip()
    # A term wholly inside one pair of quotes or brackets is the words inside them;
    # “125”重点工作 keeps its quotes, which are part of how the term is written.
    for opener, closer in (("“", "”"), ("「", "」"), ("【", "】"), ('"', '"')):
        inner = term[1:-1]
        if (
            len(term) > 2
            and term.startswith(opener)
            and term.endswith(closer)
            and not any(ch in QUOTE_CHARS + "【】" for ch in inner)
        ):
            return inner.strip()
    return term


def _parse_list(
    lines: Sequence[str], heading_index: int, match: re.Match[str]
) -> Appendix | None:
    appendix = Appendix(
        heading=lines[heading_index].strip(),
        line=heading_index + 1,
        note=match.group("note") or "",
    )
    if appendix.note:
        appendix.note_line = appendix.line
    items: list[_Item] = []
    current: _Item | None = None
    gap = False
    for index in range(heading_index + 1, len(lines)):
        text = lines[index].strip()
        if not text:
            gap = True
            continue
        item = _item(text, index + 1, current.style if current else None)
        if item is not None:
            items.append(item)
            current, gap = item, False
            continue
        if current is None:
            if (
                not appendix.note
                and appendix.note_line is None
                and _NOTE_RE.fullmatch(text)
            ):
                appendix.note, appendix.note_line = text, index + 1
                continue
            return None  # the heading is followed by something that is not a list
        if not _continues(current.definition, text, gap):
            break
        current.definition = _join(current.definition, text)
        current.end_line, gap = index + 1, False
    if not items:
        return None
    appendix.style = items[0].style
    appendix.entries = [
        AppendixEntry(i.number, i.label, i.term, i.definition, i.line, i.end_line)
        for i in items
    ]
    appendix.end_line = items[-1].end_line
    return appendix


def _item(text: str, line: int, style: str | None) -> _Item | None:
    parsed = parse_item(text)
    if parsed is None or (style is not None and parsed[0] != style):
        return None
    item_style, number, label, rest = parsed
    split = split_term(rest)
    if split is None:
        return None
    term, definition = split
    return _Item(item_style, number, label, term, definition, line, line)


def _continues(definition: str, text: str, gap: bool) -> bool:
    """Whether a line without numbering carries on the definition before it."""
    if is_heading(text):
        return False
    finished = definition.rstrip(_CLOSERS)[-1:] in tuple(_TERMINAL)
    if not definition or not finished:
        return True
    # After a complete sentence only prose on the very next line continues it; a short
    # fragment (a signature, a page footer) or anything after a blank line ends the list.
    return not gap and (text[-1] in _TERMINAL or len(text) >= _PROSE_LENGTH)


def _join(left: str, right: str) -> str:
    # Chinese lines join without a space; a space only between two Latin words.
    if left and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        return f"{left} {right}"
    return left + right
