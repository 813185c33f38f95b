"""Small pure text tests the checks share: scripts, punctuation, quotes, number words."""

from __future__ import annotations

import re

# CJK ideographs (URO, extension A, compatibility, extensions B onwards), kana, bopomofo, hangul.
_CJK = (
    "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\U00020000-\U0003134f"
)
# CJK symbols and punctuation (、。「」《》…) and full-width forms (，：；！？（）ＡＢ１２…).
_FULLWIDTH = "\u3000-\u303f\uff01-\uff60\uffe0-\uffe6"
CJK_RE = re.compile(f"[{_CJK}]")
CJK_OR_FULLWIDTH_RE = re.compile(f"[{_CJK}{_FULLWIDTH}]+")
# Half-width punctuation that Chinese text writes full-width, when it touches Chinese text.
_HALFWIDTH = ",;:?!()"
HALFWIDTH_IN_ZH_RE = re.compile(
    f"(?<=[{_CJK}{_FULLWIDTH}])[{re.escape(_HALFWIDTH)}]"
    f"|[{re.escape(_HALFWIDTH)}](?=[{_CJK}{_FULLWIDTH}])"
)
# The marks HALFWIDTH_IN_ZH_RE looks for, alone: a text without one has none next to Chinese.
HALFWIDTH_MARK_RE = re.compile(f"[{re.escape(_HALFWIDTH)}]")
FULLWIDTH_EQUIVALENT = {
    ",": "，",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}

# Paired quotation marks (and the book-title marks, which pair the same way).
_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
# The paired marks only: unbalanced_quote walks these and skips the rest of a text.
_PAIRED_MARK_RE = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")
# Every mark unbalanced_quote looks at: a text without one has no unpaired quote.
QUOTE_MARK_RE = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + '"]')
STRAIGHT_QUOTE_RE = re.compile('"')  # the one of them that is ASCII

_NUMBER_WORDS = frozenset(
    re.split(
        r"\s+",
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
        sixty seventy eighty ninety hundred thousand million billion first second third
        fourth fifth sixth seventh eighth ninth tenth eleventh twelfth hundredth thousandth
        single double dual twin twins triple treble quadruple both pair trio duo quartet
        dozen primary secondary tertiary quaternary""",
    )
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_ASCII_DIGIT_RE = re.compile("[0-9]")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a CJK character (ideograph, kana, hangul).

    >>> has_cjk("三社联动"), has_cjk("three-society linkage")
    (True, False)
    """
    return bool(CJK_RE.search(text))


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters and full-width punctuation in ``text``.

    Curly quotes (“ ”) are English typography too, so they do not count.

    >>> cjk_runs("three-society (三社) linkage，ok")
    ['三社', '，']
    >>> cjk_runs('the "three societies"')
    []
    """
    return CJK_OR_FULLWIDTH_RE.findall(text)


def halfwidth_in_zh(text: str) -> list[str]:
    """Half-width punctuation marks written next to Chinese characters.

    >>> halfwidth_in_zh("社区,社会组织:社工")
    [',', ':']
    >>> halfwidth_in_zh("大湖+"), halfwidth_in_zh("“125”重点工作"), halfwidth_in_zh("1.5亿")
    ([], [], [])
    """
    return HALFWIDTH_IN_ZH_RE.findall(text)


def unbalanced_quote(text: str) -> str | None:
    """The first quotation mark without its partner, or None when all are paired.

    Checks “” 「」 『』 《》 〈〉 (nested properly) and that straight double quotes come in
    pairs. Single quotes are left alone: ’ is also the English apostrophe.

    >>> unbalanced_quote("“三社”指社区"), unbalanced_quote('the "three societies"')
    (None, None)
    >>> unbalanced_quote("“三社指社区"), unbalanced_quote("三社”"), unbalanced_quote('a "b')
    ('“', '”', '"')
    >>> unbalanced_quote("《“书”》"), unbalanced_quote("《“书》”")
    (None, '》')
    """
    stack: list[str] = []
    marks: list[str] = _PAIRED_MARK_RE.findall(text)
    for char in marks:
        if char in _PAIRS:
            stack.append(char)
        elif char in _CLOSERS:
            if not stack or stack[-1] != _CLOSERS[char]:
                return char
            stack.pop()
    if stack:
        return stack[0]
    if text.count('"') % 2:
        return '"'
    return None


def whitespace_problem(text: str) -> str | None:
    """What is wrong with the spacing of ``text``, or None.

    >>> whitespace_problem("three-society linkage") is None
    True
    >>> whitespace_problem(" a"), whitespace_problem("a "), whitespace_problem("a  b")
    ('leading whitespace', 'trailing whitespace', 'a double space')
    >>> whitespace_problem("三社\\u3000联动"), whitespace_problem("a\\tb")
    ('an ideographic space', 'a tab')
    """
    if not text:
        return None
    if text != text.lstrip():
        return "leading whitespace"
    if text != text.rstrip():
        return "trailing whitespace"
    if "\t" in text:
        return "a tab"
    if "\u3000" in text:
        return "an ideographic space"
    if "  " in text:
        return "a double space"
    return None


def words(text: str) -> list[str]:
    """Latin words (letters and digits) of ``text``, in order; hyphens split words.

    >>> words("7th CISM Games, three-society")
    ['7th', 'CISM', 'Games', 'three', 'society']
    """
    return _WORD_RE.findall(text)


def is_number_word(word: str) -> bool:
    """True for an English number word (three, seventh, double...).

    >>> is_number_word("Three"), is_number_word("society")
    (True, False)
    """
    return word.lower() in _NUMBER_WORDS


def has_number(text: str) -> bool:
    """True when an English text says a number: digits or a number word.

    >>> has_number("three-society linkage"), has_number('"125" key tasks')
    (True, True)
    >>> has_number("Twofold strategy"), has_number("Red Engine Project")
    (True, False)
    """
    if text.isascii():
        if _ASCII_DIGIT_RE.search(text):
            return True
        tokens = words(text.lower())  # an ASCII text lowers as its words do
    else:
        if any(char.isdigit() for char in text):  # isdigit: also ², ①...
            return True
        tokens = [word.lower() for word in words(text)]
    for low in tokens:
        if low in _NUMBER_WORDS:
            return True
        if low.endswith("fold") and low[:-4] in _NUMBER_WORDS:
            return True
    return False


def enumerated_items(text: str) -> int:
    """How many items an English rendering lists (``a, b and c`` is 3; plain text is 1).

    >>> enumerated_items("modern, international and ecological Greater Wuhan")
    3
    >>> enumerated_items("Red Engine Project")
    1
    """
    parts = re.split(r",|;|\band\b|\bor\b|&", text)
    return len([p for p in parts if p.strip()])
