"""The appendix parser over every heading, numbering and separator variant, with texts we wrote."""

from __future__ import annotations

import pytest

from glossarykit.services.appendix import find_appendix, parse_item, split_term
from glossarykit.services.mine import split_lines

BODY = "  深化“三治融合”，践行“两山”理念，落实“一河一策”。\n\n"
ENTRIES = [
    ("三治融合", "自治、法治、德治相结合。"),
    ("两山", "绿水青山就是金山银山。"),
    ("一河一策", "每条河流制定一套治理方案。"),
]

HEADINGS = [
    "名词注释",
    "名词解释",
    "注释",
    "名词解释说明",
    "《政府工作报告》名词注释",
    "《政府工作报告》名词解释",
    "《2019年政府工作报告》注释",
    "《政府工作报告》名词解释说明",
    "名词解释：",
    "附：名词解释",
    "【名词解释】",
]
NUMBERINGS = {
    "1.": lambda n: f"{n}.",
    "1、": lambda n: f"{n}、",
    "1．": lambda n: f"{n}．",
    "(1)": lambda n: f"({n})",
    "（1）": lambda n: f"（{n}）",
    "①": lambda n: "①②③"[n - 1],
    "一、": lambda n: "一二三"[n - 1] + "、",
}
SEPARATORS = [":", "：", "——"]


def build(heading: str, number: object, separator: str, space: str = "") -> str:
    items = "\n\n".join(
        f"  {number(i)}{space}{term}{separator}{definition}"  # type: ignore[operator]
        for i, (term, definition) in enumerate(ENTRIES, 1)
    )
    return f"{BODY}  {heading}\n\n{items}\n"


def parsed(text: str) -> list[tuple[int, str, str]]:
    appendix = find_appendix(split_lines(text))
    assert appendix is not None
    return [(e.number, e.term, e.definition) for e in appendix.entries]


EXPECTED = [(i, t, d) for i, (t, d) in enumerate(ENTRIES, 1)]


@pytest.mark.parametrize("heading", HEADINGS)
def test_every_heading(heading: str) -> None:
    text = build(heading, NUMBERINGS["1."], ":")
    appendix = find_appendix(split_lines(text))
    assert appendix is not None
    assert appendix.heading == heading
    assert appendix.line == 3
    assert [(e.number, e.term, e.definition) for e in appendix.entries] == EXPECTED


@pytest.mark.parametrize("style", NUMBERINGS)
@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("space", ["", " "])
def test_every_numbering_and_separator(style: str, separator: str, space: str) -> None:
    assert parsed(build("名词解释", NUMBERINGS[style], separator, space)) == EXPECTED


def test_line_numbers_and_labels() -> None:
    appendix = find_appendix(split_lines(build("名词注释", NUMBERINGS["（1）"], "：")))
    assert appendix is not None
    assert [(e.label, e.line, e.end_line) for e in appendix.entries] == [
        ("（1）", 5, 5),
        ("（2）", 7, 7),
        ("（3）", 9, 9),
    ]
    assert appendix.style == "arabic-paren"
    assert appendix.end_line == 9


def test_a_definition_over_several_lines_is_joined_without_spaces() -> None:
    text = (
        "名词解释\n"
        "1.一河一策：每条河流制定一套治理方案，\n"
        "  明确责任人和治理时限，\n"
        "  一河一档。\n"
        "2.两山：绿水青山就是金山银山。\n"
    )
    appendix = find_appendix(split_lines(text))
    assert appendix is not None
    first = appendix.entries[0]
    assert (
        first.definition == "每条河流制定一套治理方案，明确责任人和治理时限，一河一档。"
    )
    assert (first.line, first.end_line) == (2, 4)


def test_a_definition_may_start_on_the_line_after_its_term() -> None:
    text = "注释\n\n1.三治融合：\n\n自治、法治、德治相结合。\n\n2.两山：绿水青山就是金山银山。\n"
    assert parsed(text) == [
        (1, "三治融合", "自治、法治、德治相结合。"),
        (2, "两山", "绿水青山就是金山银山。"),
    ]


def test_prose_right_after_a_finished_sentence_still_continues_the_definition() -> None:
    text = "名词注释\n1.三治融合：自治、法治、德治相结合。\n这是基层治理的基本方式，各街道全面推行。\n"
    assert parsed(text) == [
        (
            1,
            "三治融合",
            "自治、法治、德治相结合。这是基层治理的基本方式，各街道全面推行。",
        )
    ]


def test_latin_words_across_a_line_break_keep_their_space() -> None:
    text = "名词解释\n1.数字政府：以 Open\nData 为基础。\n"
    assert parsed(text) == [(1, "数字政府", "以 Open Data 为基础。")]


@pytest.mark.parametrize(
    ("line", "term"),
    [
        ("1.“125”重点工作:精准服务企业工程。", "“125”重点工作"),
        ("2.新“四军”:新近毕业大学生。", "新“四军”"),
        ("3.文化惠民“四送”：送电影、送图书。", "文化惠民“四送”"),
        ("4.“三治融合”：自治、法治、德治相结合。", "三治融合"),
        ("5.【两山】：绿水青山就是金山银山。", "两山"),
    ],
)
def test_quoted_terms_keep_their_quotes_unless_wholly_quoted(
    line: str, term: str
) -> None:
    appendix = find_appendix(["名词注释", line])
    assert appendix is not None
    assert appendix.entries[0].term == term


@pytest.mark.parametrize(
    ("heading", "note_line", "note"),
    [
        ("名词注释", "（按名词出现先后顺序）", "（按名词出现先后顺序）"),
        ("名词注释", "(按名词出现先后顺序)", "(按名词出现先后顺序)"),
        ("名词注释（按出现先后排序）", None, "（按出现先后排序）"),
    ],
)
def test_the_ordering_note(heading: str, note_line: str | None, note: str) -> None:
    lines = ["正文。", heading, "", *([note_line, "", "  "] if note_line else [])]
    lines += ["1.两山：绿水青山就是金山银山。"]
    appendix = find_appendix(lines)
    assert appendix is not None
    assert appendix.note == note
    assert appendix.note_line == (4 if note_line else 2)
    assert [e.term for e in appendix.entries] == ["两山"]


@pytest.mark.parametrize(
    "after",
    [
        "\n人大\n",  # a stray word after a blank line, as in the seed report
        "人大\n",  # a short fragment right after a finished definition
        "\n\n区人民政府办公室\n2019年1月10日\n",
        "\n《政府工作报告》名词解释\n",
    ],
)
def test_text_after_the_list_is_not_part_of_it(after: str) -> None:
    text = build("名词注释", NUMBERINGS["1."], ":") + after
    appendix = find_appendix(split_lines(text))
    assert appendix is not None
    assert [(e.number, e.term, e.definition) for e in appendix.entries] == EXPECTED
    assert appendix.end_line == 9


def test_sub_items_in_another_numbering_stay_in_their_definition() -> None:
    text = "名词解释\n1.三项改革：包括\n(1)放管服改革；\n(2)国企改革。\n2.两山：绿水青山就是金山银山。\n"
    assert parsed(text) == [
        (1, "三项改革", "包括(1)放管服改革；(2)国企改革。"),
        (2, "两山", "绿水青山就是金山银山。"),
    ]


def test_windows_line_ends() -> None:
    text = build("名词解释", NUMBERINGS["1、"], "：").replace("\n", "\r\n")
    assert parsed(text) == EXPECTED


@pytest.mark.parametrize(
    "text",
    [
        "没有附录的报告。\n全年完成投资2.5亿元。\n",
        "名词解释\n\n这一节没有编号条目。\n1.两山：绿水青山就是金山银山。\n",
        "正文提到注释一词。\n1.两山：绿水青山。\n",
    ],
)
def test_no_appendix(text: str) -> None:
    assert find_appendix(split_lines(text)) is None


def test_the_last_heading_with_a_list_wins() -> None:
    text = "名词解释\n正文继续。\n\n名词注释\n1.两山：绿水青山就是金山银山。\n"
    appendix = find_appendix(split_lines(text))
    assert appendix is not None
    assert (appendix.heading, appendix.line) == ("名词注释", 4)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1.三社联动", ("arabic", 1, "1.", "三社联动")),
        ("12、四水共治", ("arabic", 12, "12、", "四水共治")),
        ("3．两山", ("arabic", 3, "3．", "两山")),
        ("(4)两山", ("arabic-paren", 4, "(4)", "两山")),
        ("（15）两山", ("arabic-paren", 15, "（15）", "两山")),
        ("⑳两山", ("circled", 20, "⑳", "两山")),
        ("十二、两山", ("hanzi", 12, "十二、", "两山")),
        ("（三）两山", ("hanzi-paren", 3, "（三）", "两山")),
        ("2.5亿元", None),
        ("2018年", None),
        ("两山", None),
    ],
)
def test_parse_item(line: str, expected: tuple[str, int, str, str] | None) -> None:
    assert parse_item(line) == expected


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("两山：绿水青山。", ("两山", "绿水青山。")),
        ("两山:绿水青山:金山银山。", ("两山", "绿水青山:金山银山。")),
        ("两山——绿水青山：金山银山。", ("两山", "绿水青山：金山银山。")),
        ("两山 ： 绿水青山。", ("两山", "绿水青山。")),
        ("这一行没有分隔符", None),
        ("：没有术语", None),
        ("这一句远远长于任何术语" * 4 + "：定义", None),
    ],
)
def test_split_term(rest: str, expected: tuple[str, str] | None) -> None:
    assert split_term(rest) == expected
