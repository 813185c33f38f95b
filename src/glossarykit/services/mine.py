"""Mine Chinese reports for terms: the annotation appendix and slogan candidates in the body.

Rules over characters, not statistics: a single report is too short for frequencies to tell a
slogan from an ordinary phrase, while its punctuation, quotes and numerals do. Chinese is
never split on whitespace; every rule sees text through :func:`clauses` and :func:`left_edge`
/ :func:`right_edge`, the one place where word boundaries are guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import CatalogueError
from ..model import Catalogue, Concept, Reference
from ..numerals import QUOTE_CHARS, expected_count, numeral_segments, parse_numeral
from ..textio import read_text
from .appendix import Appendix, AppendixEntry, find_appendix
from .matcher import TermForm, source_forms

KIND_APPENDIX = "appendix"
KIND_KNOWN = "known"
KIND_NUMBERED = "numbered"
KIND_QUOTED = "quoted"
KIND_PLUS = "plus"
KIND_CAMPAIGN = "campaign"
KIND_ENUMERATED = "enumerated"
KINDS = (
    KIND_APPENDIX,
    KIND_KNOWN,
    KIND_NUMBERED,
    KIND_QUOTED,
    KIND_PLUS,
    KIND_CAMPAIGN,
    KIND_ENUMERATED,
)
# What each kind adds to a candidate's score (see RANKING; README "glossary mine").
WEIGHTS = {
    KIND_APPENDIX: 4.0,
    KIND_NUMBERED: 3.0,
    KIND_QUOTED: 3.0,
    KIND_PLUS: 3.0,
    KIND_CAMPAIGN: 1.5,
    KIND_ENUMERATED: 2.0,
}
KNOWN_ONLY_SCORE = 2.0
ITEM_BONUS = 2.0
SUM_BONUS = 1.0
MAX_REPEAT_BONUS = 3.0
RANKING = (
    "Candidates are ranked by score, highest first, then by first occurrence. Score: "
    "+3 numbered formula (+1 more for a sum such as 一感两度两率), +3 in quotes, "
    "+3 X+ formula, +1.5 campaign or project name (…工程/行动/计划/改革), +2 when the "
    "text enumerates its items, +2 when it is one of the items another candidate "
    "enumerates, +4 when the appendix annotates it, +1 for each further "
    "occurrence (at most +3); a term found only because the catalogue knows it scores 2."
)


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, longest words first (so prefixes never win)."""
    return tuple(sorted(set(text.split()), key=len, reverse=True))


_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_NUMERALS = "一二三四五六七八九十两双"
_NUMERAL_RUN_RE = re.compile(f"[{_NUMERALS}百千万]+")
_OPEN_QUOTES = "“‘「『"
_CLOSE_QUOTES = "”’」』"
_QUOTED_RE = re.compile(
    r"“([^“”\n]{1,16})”|「([^「」\n]{1,16})」|『([^『』\n]{1,16})』"
)
_PLUS_CHARS = "+＋"
# Clause punctuation; 、 joins the items of an enumeration and never breaks a clause.
_CLAUSE_BREAKS = "，,。；;：:！？!?\t"
_SENTENCE_BREAKS = "。；;！？!?"

# Verbs, adverbs and function words that end the word before a name: in 深入实施“…”,
# 全面推行河湖长制, 打好蓝天保卫战 the name starts after them. Longest first.
_LEFT_STOPS = _words(
    "实施 推进 启动 深化 开展 打造 保障 推动 加快 加强 完善 落实 做好 抓好 探索 提升 "
    "夯实 展示 强化 坚持 围绕 优化 构建 建立 健全 发挥 促进 实现 形成 组织 引进 扩大 "
    "加大 增强 巩固 彰显 立足 聚焦 致力 突出 发布 举办 承办 成立 组建 出台 编制 制定 "
    "树立 履行 纠正 整肃 查处 按照 依托 集成 结合 推行 严格 全面 大力 积极 深入 着力 "
    "持续 扎实 切实 全力 不断 努力 主动 充分 统筹 整合 谋划 策划 打好 做实 做优 做亮 "
    "擦亮 融合 推广 参与 创建 争创 建成 建好 搭建 激活 营造 塑造 美化 改善 规范 狠抓 "
    "抓牢 抓实 认真 贯彻 学习 对接 保持 确保 维护 提高 推出 包括 进一步 开启 "
    "实行 执行 启用 倡导 弘扬 践行 牢记 牢固 坚决 严厉 深度 高标准 高质量 以及 通过 完成 "
    "作为 成为 关于 有关 其中 主要 重点 大批 一批 一系列 各类 各项 多项 系列 新建 "
    "指 即 是 为 以 和 与 及 等 的 在 对 把 将 从 到 向 并 或 由 被 让 使 给 于 了 就 "
    "又 也 都 还 要 能 可 之 其 该 各 每 有 称"
)
# Where a name or a formula ends, read left to right: 四型政府|建设, 三项重点改革|。
_RIGHT_STOPS = _words(
    "的 和 与 及 等 为 在 中 上 下 以 并 对 将 是 建设 工作 目标 格局 体系 水平 力度 "
    "进度 能力 成果 任务 要求 精神 文章 并进 引领 推进 取得 达到 全面 深入 持续"
)
# Words that make a name ordinary when it is made of nothing else: 专项行动, 重点工程.
_GENERIC_WORDS = _words(
    "专项 重点 市级 区级 省级 国家级 相关 各项 各类 系列 培育 引进 发展 建设 工作 "
    "管理 综合 全区 全市 全省 年度 三年 五年 实施 推进 改造 提升 重大 主要 整体 "
    "总体 配套 示范 试点 有关 以上 全面 专业 项目 一批 建设性 修建性"
)
# Heads that make a counted phrase ordinary: 五个方面, 三个环节, 十九大精神.
_GENERIC_HEADS = (
    "方面",
    "环节",
    "领域",
    "部分",
    "阶段",
    "问题",
    "任务",
    "措施",
    "目标",
    "层面",
    "重点",
    "项目",
    "方向",
    "意见",
    "精神",
    "阶段性",
    "工作",
    "月",
    "年",
)
_GENERIC_LEADS = ("方面", "环节", "领域", "层面", "部分", "阶段")
_CLASSIFIERS = "个项张大型类种支条"
# Classifiers count the head noun, not a key every item carries (三个升级版, 四张成绩单).
_KEYLESS = set("个项张大类种支条")
# Measure words: 一年一度 and 一点一滴 are time and quantity, not formulas.
_MEASURES = set("年次个批家所座条名位项种天月日点步些样起边下张件套处栋期级轮届号人元")
# Characters before 一 that make it part of an ordinary word (进一步, 统一, 唯一...).
_ONE_PREFIXES = set("进统唯同逐单专划合之万周初不其均如星礼")
# 一号, 十九届: numerals followed by these are ordinals or dates.
_ORDINAL_MARKS = set("号届期轮月日年点时")
_ORDINAL_RE = re.compile(f"第[{_NUMERALS}百千0-9]+[轮届批次期个]$")
_FORMULA_VERBS = (
    "联动",
    "共治",
    "互动",
    "并进",
    "并举",
    "共建",
    "共享",
    "合一",
    "融合",
    "齐抓",
    "同步",
    "共管",
    "联创",
    "同创",
    "互促",
    "协同",
    "共赢",
    "联防",
    "联控",
)
_IDIOMS = frozenset(
    _words(
        "一心一意 一针一线 一草一木 一言一行 一举一动 一朝一夕 一模一样 一五一十 三心二意 "
        "四面八方 五湖四海 七上八下 三番五次 三令五申 四平八稳 一干二净 一清二楚 一张一弛 "
        "一来一往 一问一答 一唱一和 一板一眼 一砖一瓦 一分一秒 一丝一毫 十全十美 一心一德 "
        "一年一度 三五成群 一波三折 一石二鸟 一举两得 两全其美 三思而行 五花八门 六神无主 "
        "七嘴八舌 九牛一毛 十拿九稳 一日千里 一本正经"
    )
)
# Suffixes of campaign and project names, longest first.
CAMPAIGN_SUFFIXES = (
    "行动计划",
    "保卫战",
    "攻坚战",
    "工程",
    "行动",
    "计划",
    "改革",
)
_CAMPAIGN_RE = re.compile("|".join(CAMPAIGN_SUFFIXES))
# What may follow a campaign name: the end of a clause, or one of these words.
_CAMPAIGN_FOLLOWERS = ("的", "和", "与", "及", "等", "并", "中", "为", "以", "建设")
# Head nouns that a quoted numbered core takes along: “三办”改革, “五个一”工程, “125”重点工作.
_ATTACHED_HEADS = (
    "行动计划",
    "重点工作",
    "工程",
    "行动",
    "计划",
    "改革",
    "改造",
    "规划",
)
# Between an enumeration and the formula it defines: 马上办、网上办、一次办 … / …等“五个一”.
_LINKS = ("等等", "等", "这", "的", "")
_MAX_NAME = 8
_MAX_ITEM = 12


@dataclass
class Candidate:
    """One term found in a report, with what a terminologist needs to judge it.

    ``lines`` are every line of the report where ``term`` occurs (the references it gets);
    ``context`` is the sentence of its first occurrence in the body.
    """

    term: str
    kinds: list[str] = field(default_factory=list)
    count: int = 0
    lines: list[int] = field(default_factory=list)
    context: str = ""
    context_line: int = 0
    components: list[str] = field(default_factory=list)
    components_line: int | None = None
    known: str | None = None
    appendix: int | None = None
    score: float = 0.0
    rank: int = 0
    first: tuple[int, int] = (0, 0)

    @property
    def is_new(self) -> bool:
        """True when neither the catalogue nor the report's appendix has the term."""
        return self.known is None and self.appendix is None

    @property
    def definition(self) -> str | None:
        """The report's own words for it: the items it enumerates; None when it has none."""
        return "、".join(self.components) + "。" if self.components else None


@dataclass
class MinedEntry:
    """An appendix entry, with its items when the definition enumerates them."""

    entry: AppendixEntry
    components: list[str] = field(default_factory=list)
    known: str | None = None


@dataclass
class MinedReport:
    """What one report yielded: its appendix entries and its ranked candidates."""

    path: Path
    line_count: int
    appendix: Appendix | None
    entries: list[MinedEntry]
    candidates: list[Candidate]

    @property
    def is_empty(self) -> bool:
        """True when the report gave neither appendix entries nor candidates."""
        return not self.entries and not self.candidates


@dataclass
class _Hit:
    term: str
    kinds: set[str]
    line: int
    start: int
    end: int
    known: str | None = None
    priority: int = 0


# --- word boundaries --------------------------------------------------------------------


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph.

    >>> is_cjk("社"), is_cjk("、"), is_cjk("A")
    (True, False, False)
    """
    return bool(_CJK_RE.match(char))


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text``: split at clause punctuation, never at whitespace.

    >>> text = "深化“三社联动”,建成中心14个。"
    >>> [text[a:b] for a, b in clauses(text)]
    ['深化“三社联动”', '建成中心14个']
    """
    spans = []
    start = 0
    for index, char in enumerate(text):
        if char in _CLAUSE_BREAKS:
            if index > start:
                spans.append((start, index))
            start = index + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _ends_with_stop(text: str, position: int) -> bool:
    head = text[:position]
    if _ORDINAL_RE.search(head[-5:]):
        return True
    return any(head.endswith(stop) for stop in _LEFT_STOPS)


def left_edge(text: str, end: int, limit: int = _MAX_NAME, extra: str = "") -> int:
    """Where the name that ends at ``end`` starts: back over CJK (and ``extra``) characters
    until a stop word, other characters, or ``limit`` characters.

    A stop word is not a boundary when the name goes on with 性/型/化 (保障性安居工程).

    >>> text = "全面推行河湖长制"
    >>> text[left_edge(text, len(text)):]
    '河湖长制'
    >>> text = "、保障性安居工程"
    >>> text[left_edge(text, len(text)):]
    '保障性安居工程'
    """
    start = end
    while start > 0 and end - start < limit:
        char = text[start - 1]
        if not (is_cjk(char) or char in extra):
            break
        if (
            start < end
            and _ends_with_stop(text, start)
            and text[start] not in "性型化式"
        ):
            break
        start -= 1
    return start


def right_edge(text: str, start: int, limit: int = _MAX_NAME) -> int | None:
    """Where the name that starts at ``start`` ends, or None when it runs past ``limit``.

    >>> text = "四型政府建设。"
    >>> text[: right_edge(text, 2)]
    '四型政府'
    """
    end = start
    while end < len(text) and is_cjk(text[end]):
        if end > start and any(text.startswith(stop, end) for stop in _RIGHT_STOPS):
            return end
        if end - start >= limit:
            return None
        end += 1
    return end


def _is_generic(name: str) -> bool:
    """True when ``name`` is made only of ordinary words (专项, 市级重点)."""
    rest = name
    while rest:
        word = next((w for w in _GENERIC_WORDS if rest.startswith(w)), None)
        if word is None:
            return False
        rest = rest[len(word) :]
    return True


def _quoted_spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED_RE.finditer(line)]


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _strip_quotes(text: str) -> str:
    return "".join(ch for ch in text if ch not in QUOTE_CHARS)


def term_key(term: str) -> str:
    """How two spellings of a term are compared: without quotes and whitespace.

    >>> term_key("“三办”改革") == term_key("三办改革")
    True
    """
    return "".join(ch for ch in _strip_quotes(term) if not ch.isspace())


# --- the rules ---------------------------------------------------------------------------


def _is_formula_core(text: str) -> bool:
    """True when ``text`` is counted by a numeral (三办, 五个一, 125), not an ordinal (一号)."""
    plain = _strip_quotes(text)
    if re.fullmatch(r"[0-9]{2,5}", plain):
        return True
    for match in _NUMERAL_RUN_RE.finditer(plain):
        after = plain[match.end() : match.end() + 1]
        if _is_ordinary_numeral(plain, match.start()) or after in _ORDINAL_MARKS:
            continue
        value = parse_numeral(match.group())
        if (value is not None and 2 <= value <= 12) or (
            match.group() == "一" and after
        ):
            return True
    return False


def _is_ordinary_numeral(text: str, start: int) -> bool:
    """True for 第三 (an ordinal) and 进一步, 统一 (一 inside an ordinary word)."""
    before = text[start - 1 : start]
    return before == "第" or (text[start] == "一" and before in _ONE_PREFIXES)


def _kinds_of(term: str) -> set[str]:
    kinds = set()
    if _is_formula_core(term):
        kinds.add(KIND_NUMBERED)
    if any(ch in term for ch in _PLUS_CHARS):
        kinds.add(KIND_PLUS)
    if term.endswith(CAMPAIGN_SUFFIXES):
        kinds.add(KIND_CAMPAIGN)
    return kinds


def _quoted_hits(line: str, number: int) -> Iterable[_Hit]:
    for match in _QUOTED_RE.finditer(line):
        inner = next(g for g in match.groups() if g is not None).strip()
        if (
            not inner
            or any(ch in inner for ch in _SENTENCE_BREAKS)
            or not (_CJK_RE.search(inner) or inner.isdigit())
        ):
            continue
        start, end = match.start(), match.end()
        numbered = _is_formula_core(inner)
        if numbered:
            # The head noun and the 新 / 四个 before it belong to a counted core.
            head = next((h for h in _ATTACHED_HEADS if line.startswith(h, end)), "")
            end += len(head)
            lead = re.search(f"(?:新|[{_NUMERALS}][个项大])$", line[:start])
            if lead and (
                lead.start() == 0
                or not is_cjk(line[lead.start() - 1])
                or _ends_with_stop(line, lead.start())
            ):
                start = lead.start()
        elif inner.isdigit():
            continue
        if (start, end) == (match.start(), match.end()):
            term = inner
        else:
            term = line[start:end]
        if inner.isdigit() and term == inner:
            continue
        kinds = (
            {KIND_QUOTED} | _kinds_of(term) | ({KIND_NUMBERED} if numbered else set())
        )
        yield _Hit(term, kinds, number, start, end, priority=3)


def _plus_hits(
    line: str, number: int, quoted: Sequence[tuple[int, int]]
) -> Iterable[_Hit]:
    for index, char in enumerate(line):
        if char not in _PLUS_CHARS or _inside(index, quoted):
            continue
        start = left_edge(
            line, index, extra="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        )
        if start == index:
            continue
        end = index + 1
        right = right_edge(line, end, limit=6)
        if right is not None and right > end:
            end = right
        yield _Hit(line[start:end], {KIND_PLUS}, number, start, end, priority=2)


def _sum_formula(line: str, start: int) -> int | None:
    """End of a formula such as 三打击两整治一提升 or 一岗双责 starting at ``start``."""
    for width in (2, 1):
        position, parts, counted = start, 0, []
        while position < len(line) and line[position] in _NUMERALS:
            word = line[position + 1 : position + 1 + width]
            if len(word) < width or not all(
                is_cjk(c) and c not in _NUMERALS for c in word
            ):
                break
            counted.append(word)
            position += 1 + width
            parts += 1
        if (
            parts >= 2
            and counted[0][0] not in _MEASURES
            and _CJK_RE.match(counted[-1][-1])
        ):
            return position
    return None


def _numbered_hits(
    line: str, number: int, quoted: Sequence[tuple[int, int]]
) -> Iterable[_Hit]:
    for match in _NUMERAL_RUN_RE.finditer(line):
        start = match.start()
        if _inside(start, quoted) or _is_ordinary_numeral(line, start):
            continue
        if start > 0 and line[start - 1] in _NUMERALS:
            continue
        end = _sum_formula(line, start)
        if end is not None:
            term = line[start:end]
            if term not in _IDIOMS:
                yield _Hit(term, {KIND_NUMBERED}, number, start, end, priority=2)
            continue
        value = parse_numeral(match.group())
        after = match.end()
        if value is None or not 2 <= value <= 12 or after >= len(line):
            continue
        char = line[after]
        if char in _CLASSIFIERS:
            head_start = after + 1
            head_end = right_edge(line, head_start, limit=6)
            if head_end is None or head_end - head_start < (2 if char != "型" else 1):
                continue
            head = line[head_start:head_end]
            if (
                head in _GENERIC_HEADS
                or head.startswith(_GENERIC_LEADS)
                or head[0] in _NUMERALS
            ):
                continue
            yield _Hit(
                line[start:head_end],
                {KIND_NUMBERED},
                number,
                start,
                head_end,
                priority=1,
            )
        elif (
            is_cjk(char)
            and char not in _MEASURES
            and line[after + 1 : after + 3] in _FORMULA_VERBS
        ):
            end = after + 3
            yield _Hit(line[start:end], {KIND_NUMBERED}, number, start, end, priority=1)


def _campaign_hits(
    line: str, number: int, quoted: Sequence[tuple[int, int]]
) -> Iterable[_Hit]:
    for match in _CAMPAIGN_RE.finditer(line):
        end = match.end()
        rest = line[end:]
        if _inside(match.start(), quoted):
            continue
        if rest and is_cjk(rest[0]) and not rest.startswith(_CAMPAIGN_FOLLOWERS):
            continue  # 工程设计, 改革开放: the suffix is the start of another word
        start = left_edge(line, match.start())
        core = line[start : match.start()]
        if len(core) < 2 or _is_generic(core) or core[0] in _NUMERALS:
            continue
        yield _Hit(line[start:end], {KIND_CAMPAIGN}, number, start, end, priority=1)


def _known_hits(
    lines: Sequence[str], body_end: int, forms: Sequence[TermForm]
) -> list[_Hit]:
    """Every occurrence of every known form, overlapping ones included.

    Not leftmost-longest: a known compound (三社联动+两工互动) must not hide the known term
    inside it, or adding one term to the catalogue would drop another from the ranking.
    """
    by_form = {f.form: f for f in reversed(forms) if f.form}
    lengths = sorted({len(form) for form in by_form}, reverse=True)
    hits = []
    for index in range(body_end):
        line = lines[index]
        for start in range(len(line)):
            for length in lengths:
                form = by_form.get(line[start : start + length])
                if form is None:
                    continue
                concept = form.concept
                appendix = form.kind == KIND_APPENDIX
                known = None if appendix else concept.id or concept.term
                kinds = {KIND_APPENDIX if appendix else KIND_KNOWN}
                end = start + length
                hits.append(
                    _Hit(form.form, kinds, index + 1, start, end, known, priority=9)
                )
    return hits


def _rule_hits(lines: Sequence[str], body_end: int) -> list[_Hit]:
    hits: list[_Hit] = []
    for index in range(body_end):
        line = lines[index]
        quoted = _quoted_spans(line)
        hits += _quoted_hits(line, index + 1)
        hits += _plus_hits(line, index + 1, quoted)
        hits += _numbered_hits(line, index + 1, quoted)
        hits += _campaign_hits(line, index + 1, quoted)
    return hits


def _resolve(known: list[_Hit], hits: list[_Hit]) -> list[_Hit]:
    """Keep every known hit; drop rule hits inside or across a stronger hit of another
    term. A hit may contain others (三社联动+两工互动 holds two known terms)."""
    accepted: list[_Hit] = list(known)
    by_line: dict[int, list[_Hit]] = {}
    for hit in known:
        by_line.setdefault(hit.line, []).append(hit)
    for hit in sorted(
        hits, key=lambda h: (-h.priority, -(h.end - h.start), h.line, h.start)
    ):
        clash = False
        for other in by_line.get(hit.line, []):
            if hit.end <= other.start or other.end <= hit.start:
                continue
            if (
                hit.start <= other.start
                and other.end <= hit.end
                and hit.term != other.term
            ):
                continue
            if hit.term == other.term or term_key(hit.term) == term_key(other.term):
                other.kinds |= hit.kinds
            clash = True
            break
        if not clash:
            accepted.append(hit)
            by_line.setdefault(hit.line, []).append(hit)
    return accepted


# --- enumerations ------------------------------------------------------------------------


@dataclass
class _Enumeration:
    items: list[str]
    start: int
    end: int
    stated: int | None = None


def _trim_first(raw: str, others: Sequence[str]) -> tuple[int, str]:
    """Cut the verb off the first item (以打造|学习型), but keep it as long as its siblings
    when what the cut took is a word of the item (由“|推动发展、深化改革)."""
    lengths = [len(o) for o in others if len(o) <= _MAX_ITEM] or [4]
    quotes = _OPEN_QUOTES + _CLOSE_QUOTES
    start = left_edge(
        raw, len(raw), limit=max(lengths) + 2, extra=quotes + "0123456789."
    )
    while (
        start > 0
        and len(raw) - start < min(lengths)
        and is_cjk(raw[start - 1])
        and not (raw[start - 1] in _LEFT_STOPS and start < len(raw))
    ):
        start -= 1
    item = _balance(raw[start:])
    return raw.find(item, start) if item else start, item


def _balance(item: str) -> str:
    item = item.strip()
    while item and item[0] in _CLOSE_QUOTES:
        item = item[1:]
    while item and item[-1] in _OPEN_QUOTES:
        item = item[:-1]
    if item[:1] in _OPEN_QUOTES and not any(c in item for c in _CLOSE_QUOTES):
        item = item[1:]
    if item[-1:] in _CLOSE_QUOTES and not any(c in item for c in _OPEN_QUOTES):
        item = item[:-1]
    return item


def enumerations(text: str) -> list[_Enumeration]:
    """Runs of two or more items joined by 、 (the last may follow 和/及), clause by clause.

    The first item is cut where the verb before it ends, the last where the clause goes on
    after it (等, a quote, …); ``stated`` is a count the text gives right after (等九个方面).
    A part too long to be an item ends one run and starts the next.

    >>> [e.items for e in enumerations("以打造学习型、法治型、廉洁型、服务型政府为目标")]
    [['学习型', '法治型', '廉洁型', '服务型政府为目标']]
    >>> [(e.items, e.stated) for e in enumerations("在名称、职责、编制等三个方面进行规范")]
    [(['名称', '职责', '编制'], 3)]
    >>> [e.items for e in enumerations("马上办、网上办、一次办事项分别达到348项、191项和498项")]
    [['马上办', '网上办', '一次办事项分别达到348项'], ['348项', '191项', '498项']]
    """
    found = []
    for clause_start, clause_end in clauses(text):
        clause = text[clause_start:clause_end]
        if "、" not in clause:
            continue
        parts: list[tuple[int, str]] = []
        offset = clause_start
        for part in clause.split("、"):
            parts.append((offset, part))
            offset += len(part) + 1
        bounds = [0]
        bounds += [
            i for i in range(1, len(parts) - 1) if len(parts[i][1].strip()) > _MAX_ITEM
        ]
        bounds.append(len(parts) - 1)
        for first, last in itertools.pairwise(bounds):
            enumeration = _enumeration(parts[first : last + 1])
            if enumeration is not None:
                found.append(enumeration)
    return found


def _enumeration(parts: Sequence[tuple[int, str]]) -> _Enumeration | None:
    middle = [p.strip() for _, p in parts[1:-1]]
    last_offset, last_raw = parts[-1]
    last, stated, tail = _trim_last(last_raw)
    cut, first = _trim_first(parts[0][1], [*middle, *last])
    items = [first, *middle, *last]
    if any(not item for item in items):
        return None
    return _Enumeration(items, parts[0][0] + cut, last_offset + tail, stated)


def _trim_last(raw: str) -> tuple[list[str], int | None, int]:
    """Split the last part of an enumeration into its item(s), a stated count, and where the
    items end within ``raw``."""
    cut = len(raw)
    stated = None
    for index, char in enumerate(raw):
        if char in _OPEN_QUOTES and index > 0:
            cut = index
            break
        if char in _CLOSE_QUOTES and not any(c in raw[:index] for c in _OPEN_QUOTES):
            cut = index
            break
        if raw.startswith("等", index) and index > 0:
            cut = index
            break
    follow = raw[cut:].lstrip("”’」』等")
    count = re.match(f"([{_NUMERALS}]+)[个项大方类种条]", follow)
    if count:
        stated = parse_numeral(count.group(1))
    text = raw[:cut].strip()
    for joiner in ("以及", "和", "及", "与"):
        left, sep, right = text.rpartition(joiner)
        if sep and left and right and len(left) <= _MAX_ITEM:
            return [left, right], stated, cut
    return [text], stated, cut


def _keys_of(term: str) -> list[str]:
    """The characters the items of a numbered formula carry (三办 → 办, 双招双引 → 招, 引)."""
    keys = []
    for segment in numeral_segments(term):
        counted = segment.counted
        if counted and counted[0] not in _KEYLESS and counted[0] not in _MEASURES:
            keys.append(counted[0])
    return keys


def _cut_after_key(item: str, keys: Sequence[str], width: int) -> str | None:
    """``item`` cut after its last key character within ``width`` (一次办事项… → 一次办)."""
    window = item[:width]
    positions = [window.rfind(k) for k in keys if k in window]
    if not positions:
        return None
    return window[: max(positions) + 1]


def find_components(term: str, text: str, position: int | None = None) -> list[str]:
    """The items ``text`` enumerates for the numbered formula ``term``; [] when unsure.

    Accepted only when the count matches the numeral and either every item carries the
    formula's key character (马上办、网上办、一次办 for “三办”), or the list touches the term
    (发展拼搏、…、改革创新“五线”), or the text states the count itself (…等九个方面).
    ``position`` is where the term occurs in ``text`` (None: ``text`` is its definition).

    >>> find_components("“三办”改革", "推进“三办”改革,马上办、网上办、一次办事项分别达到348项", 2)
    ['马上办', '网上办', '一次办']
    >>> find_components("五线", "推动发展拼搏、长江主轴、平安亮丽、民生幸福、改革创新“五线”并进", 27)
    ['发展拼搏', '长江主轴', '平安亮丽', '民生幸福', '改革创新']
    """
    expected = expected_count(term)
    segments = numeral_segments(term)
    if expected is None or expected < 2 or all(s.value == 1 for s in segments):
        return []  # 一湖一品, 一路一策: "one X for each Y", nothing to enumerate
    keys = _keys_of(term)
    best: tuple[int, list[str]] | None = None
    for enumeration in enumerations(text):
        items = list(enumeration.items)
        if len(items) != expected:
            continue
        width = max(len(i) for i in items[:-1]) + 1
        if keys and len(items[-1]) > width:
            cut = _cut_after_key(items[-1], keys, width)
            if cut:
                items[-1] = cut
        items = _align(items)
        if any(len(item) > _MAX_ITEM for item in items):
            continue
        keyed = bool(keys) and all(any(k in item for k in keys) for item in items)
        if position is None:
            touching = enumeration.start <= 3 or _follows_term(text, enumeration.start)
        else:
            touching = _touches(text, enumeration, position, term)
        if keyed or touching or enumeration.stated == expected:
            distance = abs((position or 0) - enumeration.start)
            if best is None or distance < best[0]:
                best = (distance, items)
    return best[1] if best else []


def _align(items: list[str]) -> list[str]:
    """Cut the first and last items to the shape their siblings share: when all the others
    start with 一, so does the first (建设|一所学校); when they end with 办, so does the last
    (一次办|事项分别达到…).

    >>> _align(["建设一所学校", "一座公园", "一家医院"])
    ['一所学校', '一座公园', '一家医院']
    >>> _align(["马上办", "网上办", "一次办事项"])
    ['马上办', '网上办', '一次办']
    """
    items = list(items)
    if len(items) < 3:
        return items
    lead = items[1][:1]
    if all(i[:1] == lead for i in items[1:]) and lead in items[0][1:]:
        items[0] = items[0][items[0].index(lead) :]
    tail = items[-2][-1:]
    if all(i[-1:] == tail for i in items[:-1]) and tail in items[-1][:-1]:
        items[-1] = items[-1][: items[-1].index(tail) + 1]
    return items


def _follows_term(text: str, start: int) -> bool:
    return re.search("(?:指|即|是|包括|为)[”’]?$|^[”’]", text[:start]) is not None


def _touches(text: str, enumeration: _Enumeration, position: int, term: str) -> bool:
    if enumeration.end <= position:
        between = text[enumeration.end : position]
        return between in _LINKS or between.strip("“”") in _LINKS
    after_term = text[position + len(term) : enumeration.start]
    return position + len(term) <= enumeration.start and after_term.strip() in (
        ",",
        "，",
        ":",
        "：",
        "即",
        "，即",
        ",即",
    )


def _distributed_components(
    term: str, candidate_line: str, position: int, names: Sequence[str]
) -> list[str]:
    """三项重点改革 … 放管服改革 … 国企国资改革 … 群众工作机制改革: the named items that
    share the formula's head noun, later in the same paragraph."""
    expected = expected_count(term)
    head = next((s for s in CAMPAIGN_SUFFIXES if term.endswith(s)), None)
    if expected is None or head is None:
        return []
    later = candidate_line[position + len(term) :]
    items = [
        n for n in dict.fromkeys(names) if n != term and n.endswith(head) and n in later
    ]
    items.sort(key=later.find)
    return items if len(items) == expected else []


# --- putting it together ------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor numbers them (``\\r\\n``, ``\\r`` or ``\\n``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def sentence_at(line: str, position: int) -> str:
    """The sentence of ``line`` that holds ``position``.

    >>> sentence_at("一年来成绩显著。深化“三社联动”,建成中心。下一句。", 12)
    '深化“三社联动”,建成中心。'
    """
    start = (
        max((line.rfind(ch, 0, position) for ch in _SENTENCE_BREAKS), default=-1) + 1
    )
    ends = [i for i in (line.find(ch, position) for ch in _SENTENCE_BREAKS) if i >= 0]
    end = min(ends) + 1 if ends else len(line)
    return line[start:end].strip()


def _appendix_forms(appendix: Appendix | None) -> list[TermForm]:
    if appendix is None:
        return []
    return [
        TermForm(e.term, Concept(term=e.term), KIND_APPENDIX) for e in appendix.entries
    ]


def mine_text(
    text: str, catalogue: Catalogue | None = None, path: Path | str = "-"
) -> MinedReport:
    """Mine one report's text: parse its appendix, find and rank its candidates.

    :param catalogue: its concepts are found in the text and marked as known.
    """
    lines = split_lines(text)
    appendix = find_appendix(lines)
    body_end = appendix.line - 1 if appendix else len(lines)
    forms = source_forms(catalogue) if catalogue is not None else []
    forms += _appendix_forms(appendix)
    hits = _resolve(_known_hits(lines, body_end, forms), _rule_hits(lines, body_end))
    known = _known_index(catalogue)
    entries = [
        MinedEntry(
            entry,
            find_components(entry.term, entry.definition),
            known.get(term_key(entry.term)),
        )
        for entry in (appendix.entries if appendix else [])
    ]
    candidates = _candidates(hits, lines, body_end, known, entries)
    return MinedReport(Path(path), len(lines), appendix, entries, candidates)


def _known_index(catalogue: Catalogue | None) -> dict[str, str]:
    index: dict[str, str] = {}
    for concept in catalogue.concepts if catalogue is not None else []:
        for form in concept.sources:
            index.setdefault(term_key(form), concept.id or concept.term)
    return index


def _candidates(
    hits: Sequence[_Hit],
    lines: Sequence[str],
    body_end: int,
    known: dict[str, str],
    entries: Sequence[MinedEntry],
) -> list[Candidate]:
    by_key = {term_key(e.entry.term): e for e in entries}
    grouped: dict[str, Candidate] = {}
    campaign_names = [h.term for h in hits if KIND_CAMPAIGN in h.kinds]
    for hit in sorted(hits, key=lambda h: (h.line, h.start)):
        candidate = grouped.get(hit.term)
        if candidate is None:
            candidate = grouped[hit.term] = Candidate(
                hit.term,
                context=sentence_at(lines[hit.line - 1], hit.start),
                context_line=hit.line,
                first=(hit.line, hit.start),
            )
        candidate.kinds = sorted(set(candidate.kinds) | hit.kinds, key=KINDS.index)
        if hit.known:
            candidate.known = hit.known
    for candidate in grouped.values():
        key = term_key(candidate.term)
        candidate.known = candidate.known or known.get(key) or _covered(key, known)
        entry = by_key.get(key)
        if entry is not None:
            candidate.appendix = entry.entry.number
            candidate.components = list(entry.components)
            candidate.components_line = entry.entry.line if entry.components else None
            extra = (
                {KIND_APPENDIX, KIND_ENUMERATED}
                if entry.components
                else {KIND_APPENDIX}
            )
            candidate.kinds = sorted({*candidate.kinds, *extra}, key=KINDS.index)
        if candidate.known and KIND_KNOWN not in candidate.kinds:
            candidate.kinds = sorted({*candidate.kinds, KIND_KNOWN}, key=KINDS.index)
        candidate.lines = [
            i + 1 for i, text in enumerate(lines) if candidate.term in text
        ]
        candidate.count = sum(text.count(candidate.term) for text in lines)
        if candidate.appendix is not None:
            pass  # the appendix defines it; its items come from there
        elif KIND_NUMBERED in candidate.kinds and KIND_PLUS not in candidate.kinds:
            _attach_components(candidate, lines, body_end, campaign_names)
    items = {item for c in grouped.values() for item in c.components}
    for candidate in grouped.values():
        candidate.score = _score(candidate) + (
            ITEM_BONUS if candidate.term in items else 0
        )
    ranked = sorted(grouped.values(), key=lambda c: (-c.score, c.first))
    for rank, candidate in enumerate(ranked, 1):
        candidate.rank = rank
    return ranked


def _covered(key: str, known: dict[str, str]) -> str | None:
    """A known concept that is this candidate's core (“绿满武昌”工程 when 绿满武昌 is known)."""
    for suffix in _ATTACHED_HEADS:
        if key.endswith(suffix) and key[: -len(suffix)] in known:
            return known[key[: -len(suffix)]]
    return None


def _attach_components(
    candidate: Candidate, lines: Sequence[str], body_end: int, names: Sequence[str]
) -> None:
    for number in candidate.lines:
        if number > body_end:
            break
        line = lines[number - 1]
        items: list[str] = []
        for match in re.finditer(re.escape(candidate.term), line):
            position = match.start()
            items = find_components(candidate.term, line, position)
            items = items or _distributed_components(
                candidate.term, line, position, names
            )
            if items:
                break
        if items:
            candidate.components = items
            candidate.components_line = number
            if KIND_ENUMERATED not in candidate.kinds:
                candidate.kinds = sorted(
                    {*candidate.kinds, KIND_ENUMERATED}, key=KINDS.index
                )
            return


def _score(candidate: Candidate) -> float:
    kinds = set(candidate.kinds)
    score = sum(WEIGHTS.get(kind, 0.0) for kind in kinds)
    if (
        KIND_NUMBERED in kinds
        and len([s for s in numeral_segments(candidate.term) if s.counted]) >= 2
        and KIND_PLUS not in kinds
    ):
        score += SUM_BONUS
    if score == 0 and KIND_KNOWN in kinds:
        score = KNOWN_ONLY_SCORE
    score += min(max(candidate.count - 1, 0), MAX_REPEAT_BONUS)
    return round(score, 2)


def mine_report(
    path: Path, catalogue: Catalogue | None = None, encoding: str | None = None
) -> MinedReport:
    """Read a report (UTF-8, UTF-8 with BOM, GB18030/GBK, or ``encoding``) and mine it."""
    return mine_text(read_text(path, encoding), catalogue, path)


def mine_reports(
    paths: Sequence[Path],
    catalogue: Catalogue | None = None,
    encoding: str | None = None,
    progress: Callable[[Path], None] | None = None,
) -> list[MinedReport]:
    """Mine each report in turn; ``progress`` is called after each one."""
    results = []
    for path in paths:
        results.append(mine_report(path, catalogue, encoding))
        if progress is not None:
            progress(path)
    return results


# --- adding to the template ----------------------------------------------------------------


@dataclass
class AddResult:
    """What ``mine --add`` put into the template."""

    added: list[Concept] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def refuse_bundled(root: Path) -> None:
    """Raise when ``root`` is the seed glossary inside an installed package: ``--add``
    must write to a catalogue the user owns."""
    bundled = Path(str(resources.files("glossarykit"))) / "data"
    if root.resolve() == bundled.resolve():
        raise CatalogueError(
            "will not add terms to the glossary bundled with the package",
            path=root,
            hint="Pass --catalogue DIR or set GLOSSARY_HOME to your own catalogue",
        )


def reference_path(path: Path, root: Path | None) -> str:
    """How ``#:`` lines cite a report: relative to the catalogue folder when it is inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def default_prefix(catalogue: Catalogue, reference_path: str) -> str:
    """The id prefix for concepts from a report: the one its cited concepts already use,
    else the file name's first word and first four-digit number.

    >>> from glossarykit.model import CatalogueFile
    >>> default_prefix(Catalogue(CatalogueFile()), "sources/wuchang-2017-work-report.txt")
    'wuchang2017'
    """
    for concept in catalogue.concepts:
        if (
            concept.id
            and "-" in concept.id
            and any(r.path == reference_path for r in concept.references)
        ):
            return concept.id.rsplit("-", 1)[0]
    stem = Path(reference_path).stem.lower()
    word = re.search(r"[a-z]+", stem)
    year = re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", stem)
    prefix = (word.group() if word else "report")[:12] + (year.group() if year else "")
    return prefix


def _next_number(catalogue: Catalogue, prefix: str, letter: str) -> int:
    pattern = re.compile(re.escape(f"{prefix}-{letter}") + r"([0-9]+)$")
    numbers = [
        int(m.group(1)) for c in catalogue.concepts if (m := pattern.match(c.id))
    ]
    return max(numbers, default=0) + 1


def add_to_template(
    catalogue: Catalogue,
    report: MinedReport,
    candidates: Sequence[Candidate],
    reference_path: str,
    prefix: str | None = None,
) -> AddResult:
    """Append the report's new appendix entries (origin ``annotated N``) and new candidates
    (origin ``mined``) to the template as untranslated concepts; existing concepts are never
    touched, so running it again adds nothing.

    A mined concept gets a definition entry only when the text enumerates its items (the
    definition is then those items); otherwise it has none until an editor writes one.
    """
    template = catalogue.template
    result = AddResult()
    prefix = prefix or default_prefix(catalogue, reference_path)
    taken = {term_key(form) for c in template.concepts for form in c.sources}
    ids = {c.id for c in template.concepts}
    report_lines = {c.term: c.lines for c in report.candidates}

    def refs(numbers: Iterable[int]) -> list[Reference]:
        return [Reference(reference_path, n) for n in numbers]

    for mined in report.entries:
        entry = mined.entry
        concept_id = f"{prefix}-a{entry.number:02d}"
        if term_key(entry.term) in taken or concept_id in ids:
            if term_key(entry.term) not in taken:
                result.skipped.append(entry.term)
            continue
        lines = sorted({*report_lines.get(entry.term, []), entry.line})
        concept = Concept(
            term=entry.term,
            definition=entry.definition,
            id=concept_id,
            origin="annotated",
            origin_detail=str(entry.number),
            components=list(mined.components),
            references=refs(lines),
            definition_references=refs(range(entry.line, entry.end_line + 1)),
        )
        _append(template.concepts, concept, taken, ids, result)
    number = _next_number(catalogue, prefix, "m")
    for candidate in sorted(candidates, key=lambda c: c.first):
        if not candidate.is_new or term_key(candidate.term) in taken:
            continue
        concept = Concept(
            term=candidate.term,
            definition=candidate.definition,
            id=f"{prefix}-m{number:02d}",
            origin="mined",
            components=list(candidate.components),
            references=refs(candidate.lines),
            definition_references=(
                refs([candidate.components_line]) if candidate.components_line else []
            ),
        )
        number += 1
        _append(template.concepts, concept, taken, ids, result)
    return result


def _append(
    concepts: list[Concept],
    concept: Concept,
    taken: set[str],
    ids: set[str],
    result: AddResult,
) -> None:
    concepts.append(concept)
    taken.add(term_key(concept.term))
    ids.add(concept.id)
    result.added.append(concept)
