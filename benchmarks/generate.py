"""Generate a realistic benchmark catalogue and a Chinese corpus in which its terms occur.

``python benchmarks/generate.py -n 100000`` writes, under ``benchmarks/work/cat-100000/``:

- ``glossary/glossary.pot``: N concepts (Chinese term of 2 to 8 characters, with numbered
  formulas, quoted campaign names and "X+" formulas; 20 to 80-character definition with
  Chinese punctuation; id, origin, components, domain, references), written with the
  toolkit's own canonical writer, so the file is byte for byte what the tool writes;
- ``locales/en/LC_MESSAGES/glossary.po``: English renderings and definitions, with a few
  alt/avoid/note comments, fuzzy, machine-suggested and untranslated entries, as in a real
  termbase;
- ``glossary/sources/corpus.txt``: a Chinese text (20 MB for 100,000 concepts, in proportion
  otherwise) in which every term occurs at least once; the term entries cite its lines;
- ``glossary/sources/appendix.txt``: the annotations (名词注释) the annotated concepts quote
  verbatim.

The same seed and N always give the same bytes. The data is meant to pass ``msgfmt --check``
and ``glossary validate`` (a few warnings such as fuzzy and untranslated, none in error).
"""

# ruff: noqa: SIM905  (word lists read better as text)
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from glossarykit.checks.numerals import numeral_count
from glossarykit.formats.po import write_po
from glossarykit.model import CatalogueFile, Concept, Reference, Synonym

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
GENERATOR_VERSION = 1
DEFAULT_N = 100_000
DEFAULT_SEED = 2017
# 20 MB of corpus for 100,000 concepts, in proportion for other sizes.
CORPUS_BYTES_PER_CONCEPT = 200

CORPUS_PATH = "glossary/sources/corpus.txt"
APPENDIX_PATH = "glossary/sources/appendix.txt"

NUMERALS = "零〇一二两三四五六七八九十百千万双"

# Two-character words of government reports (Simplified, no numeral characters).
WORDS = """
社区 社会 组织 工作 发展 建设 改革 创新 治理 生态 环境 城市 经济 文化 教育 卫生 安全 服务 管理 产业
科技 人才 民生 扶贫 乡村 振兴 绿色 开放 共享 协调 质量 效益 项目 平台 机制 体系 示范 行动 计划 保障
就业 创业 投资 招商 金融 交通 水利 防洪 排涝 治污 供水 长江 湖泊 公园 街道 园区 企业 市场 政务 法治
党建 群众 基层 网格 智慧 数字 信息 网络 数据 医疗 养老 住房 旧城 棚户 改造 更新 风貌 景观 文明 旅游
消费 商贸 物流 港口 航运 铁路 地铁 道路 桥梁 隧道 绿道 湿地 森林 空气 土壤 垃圾 分类 节能 减排 低碳
循环 能源 电力 燃气 通信 标准 品牌 营商 审批 执法 监管 应急 消防 食品 药品 统计 审计 财政 税收 预算
国资 国企 民营 外资 外贸 口岸 自贸 高新 开发 研发 成果 转化 孵化 专利 知识 产权 学科 高校 校友 学生
青年 妇女 儿童 老人 救助 慰问 志愿 公益 慈善 民族 侨务 外事 统战 纪检 巡察 作风 廉政 干部 队伍 考核
督查 问责 协商 民主 人大 政协 代表 委员 议案 提案 调研 规划 布局 功能 片区 中心 枢纽 走廊 板块 集群
链条 龙头 骨干 重点 特色 优势 短板 瓶颈 难点 痛点 堵点 亮点 试点 样板 标杆 品质 精细 精准 高效 便民
惠民 利民 富民 强区 兴区 美丽 宜居 宜业 和谐 平安 健康 幸福 活力 魅力 包容 融合 协同 联动 共治 共建
互动 对接 提升 攻坚 会战 突破 跨越 转型 升级 提质 增效 减负 赋能 引领 带动 辐射 支撑 保护 修复 整治
打击 提速 落实 推进 深化 巩固 拓展 优化 完善 健全 创建 评选 督办 考评 制度 规范 流程 窗口 热线 网站
终端 载体 阵地 家园 驿站 书屋 食堂 课堂 讲堂 学院 大学 研究 实验 检测 认证 楚河 汉街 江滩 码头 广场
街区 社团 协会 商会 联盟 基金 资金 资本 要素 土地 空间 岸线 水系 河道 湖长 河长 林长 田长 路长 楼栋
小区 物业 业主 邻里 家庭 文体
""".split()
WORDS = [w for w in dict.fromkeys(WORDS) if not any(c in NUMERALS for c in w)]

# Nouns a numeral counts (三社联动, 四水共治) and what the formula does with them.
COUNTED = "社水城网园区站链片点型业岗责级心治创联色效力化"
ACTIONS = """
联动 共治 同创 并举 齐抓 共建 互动 融合 协同 统筹 提升 攻坚 联创 合一 同步 并进 共享 共管 齐治 联防
""".split()
SUFFIXES = "区港谷城圈带园链网站岛湾轴廊"
PLUS_HEADS = """
大湖 大江 智造 文旅 互联 物联 绿色 健康 平安 数字 金融 科技 教育 旅游 体育 文创 物流 商贸 医养 康养
服务 党建 社区 楼宇 总部 园区
""".split()
QUOTE_TAILS = ["工程", "行动", "计划", "战略", "品牌", "模式"]
ANNOTATION_LEADS = ["指", "即", "是指", "主要指"]

DOMAINS = """
社会治理 城市建设 生态环境 经济发展 人才与创新 民生保障 文化旅游 政务服务 党的建设 交通物流 教育科技 卫生健康
安全生产 乡村振兴 对外开放 财政金融
""".split()

NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}
ADJECTIVES = """
green smart open shared coordinated modern digital urban rural social civic public
integrated joint precise efficient livable harmonious safe healthy vibrant inclusive
innovative ecological cultural local central regional municipal district grassroots
community riverside lakeside waterfront industrial commercial financial scientific
technological educational medical elderly youth volunteer charitable collaborative
comprehensive targeted systematic standardized upgraded integrated coastal interior
historic heritage creative
""".split()
NOUNS = """
society community governance linkage development construction reform innovation ecology
environment city economy culture education health safety service management industry
technology talent livelihood poverty village revitalization quality benefit project
platform mechanism system demonstration action plan guarantee employment
entrepreneurship investment finance transport water flood drainage pollution supply
river lake park street zone enterprise market administration law party mass grid network
data care housing renewal landscape civilization tourism consumption trade logistics
port shipping railway metro road bridge tunnel greenway wetland forest air soil waste
energy power gas standard brand business approval enforcement supervision emergency food
statistics audit budget assets capital patent property discipline university alumni
student youth women children relief charity conduct cadre team assessment inspection
consultation democracy congress planning layout function hub corridor cluster chain
pilot benchmark quality station garden corridor campaign initiative programme alliance
fund resource shoreline river-chief neighbourhood property-management family sports
""".split()
AVOID_WORDS = """
spindle shaft axle gear cog lever pulley crank sprocket piston valve gasket turbine
rotor flywheel bearing
""".split()
DEFINITION_WORDS = """
the of and to in for with by on through across all every its their which that a an as
from under within between among key new main whole more better local residents
enterprises districts authorities departments schools hospitals streets projects plans
measures services resources standards goals tasks results reforms networks platforms
mechanisms improve promote strengthen coordinate support build develop protect raise
expand deepen implement ensure guide encourage integrate upgrade serve govern manage
supervise
""".split()

CORPUS_LEADS = """
深入推进 全面实施 扎实开展 着力打造 加快推进 持续深化 大力实施 积极推动 认真落实 不断完善 全力推进 稳步推进
统筹推进 深入实施 加快建设 着力推进 积极开展 持续推进
""".split()
CORPUS_TAILS = """
取得明显成效 走在全市前列 形成示范效应 得到群众认可 实现预期目标 成效显著 全面完成 有序推进 亮点纷呈
基础不断夯实 水平显著提升 格局初步形成 经验在全省推广
""".split()
CORPUS_LINKS = ["，", "，同时", "，并", "，着力", "，推动", "和", "与", "，以"]
CORPUS_OPENERS = [
    "",
    "",
    "",
    "今年，",
    "过去一年，",
    "下一步，",
    "我们",
    "全区",
    "坚持",
]


@dataclass
class Spec:
    """One generated concept before it becomes PO entries."""

    term: str
    kind: str
    components: list[str] = field(default_factory=list)
    synonym: str = ""
    rendering: str = ""
    definition: str = ""
    definition_en: str = ""
    annotated: int = 0
    lines: list[int] = field(default_factory=list)


class Generator:
    """Seeded generator of terms, definitions, renderings and the corpus."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.forms: set[str] = set()
        self.renderings: set[str] = set()

    # -- Chinese ---------------------------------------------------------------
    def _word(self) -> str:
        return self.rng.choice(WORDS)

    def _numbered(self) -> str:
        rng = self.rng
        if rng.random() < 0.2:
            a, b = rng.sample([2, 3, 4], 2)
            return f"{_cn(a)}{self._word()}{_cn(b)}{self._word()}"
        count = rng.choice([2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10])
        head = _cn(count) + rng.choice(COUNTED)
        if rng.random() < 0.25:
            return f"“{head}{rng.choice(ACTIONS)}”"
        tail = rng.choice(ACTIONS)
        if rng.random() < 0.3:
            tail += rng.choice(SUFFIXES)
        return head + tail

    def _quoted(self) -> str:
        rng = self.rng
        inner = self._word() + (self._word()[:1] if rng.random() < 0.4 else "")
        if rng.random() < 0.3:
            return f"“{inner}”"
        return f"“{inner}”{rng.choice(QUOTE_TAILS)}"

    def _plus(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            return rng.choice(PLUS_HEADS) + "+"
        if roll < 0.7:
            return rng.choice(PLUS_HEADS) + rng.choice(SUFFIXES) + "+"
        return self._word() + self._word() + "+"

    def _plain(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            return self._word()
        if roll < 0.10:
            return self._word() + rng.choice(SUFFIXES)
        if roll < 0.45:
            return self._word() + self._word()
        if roll < 0.65:
            return self._word() + self._word() + rng.choice(SUFFIXES)
        if roll < 0.90:
            return self._word() + self._word() + self._word()
        if roll < 0.97:
            return self._word() + self._word() + self._word() + rng.choice(SUFFIXES)
        return self._word() + self._word() + self._word() + self._word()

    def new_term(self) -> tuple[str, str]:
        """A fresh term (never generated before) and its kind."""
        while True:
            roll = self.rng.random()
            if roll < 0.15:
                kind, term = "numbered", self._numbered()
            elif roll < 0.23:
                kind, term = "quoted", self._quoted()
            elif roll < 0.28:
                kind, term = "plus", self._plus()
            else:
                kind, term = "plain", self._plain()
            if 2 <= len(term) <= 8 and term not in self.forms:
                count = numeral_count(term)
                if count is not None and not 2 <= count <= 10:
                    continue
                self.forms.add(term)
                return term, kind

    def components(self, count: int) -> list[str]:
        """``count`` distinct component names (2 to 5 characters)."""
        items: list[str] = []
        while len(items) < count:
            item = self._word() + (self._word() if self.rng.random() < 0.5 else "")
            if item not in items:
                items.append(item)
        return items

    def definition(self, spec: Spec) -> str:
        """A 20 to 80-character Chinese definition with Chinese punctuation."""
        rng = self.rng
        if spec.components:
            head = rng.choice(ANNOTATION_LEADS) + "、".join(spec.components)
            text = head + "。"
            if len(text) < 20:
                text = head + "，" + self._clause() + "。"
        else:
            text = self._clause()
            if rng.random() < 0.2:
                text += f"，打造“{self._word()}{self._word()}”品牌"
            text += "。"
        while len(text) < 20:
            text = text[:-1] + "，" + self._clause() + "。"
        if len(text) > 80:
            text = text[:79].rstrip("，、“") + "。"
            if text.count("“") != text.count("”"):
                text = text.replace("“", "").replace("”", "")
        return text

    def _clause(self) -> str:
        rng = self.rng
        verb = rng.choice(
            ["围绕", "聚焦", "统筹", "推动", "加强", "完善", "建立", "实施"]
        )
        parts = [verb + self._word() + self._word()]
        for _ in range(rng.randint(1, 3)):
            parts.append(
                rng.choice(["集中", "着力", "全面", "持续", "加快"]) + self._word()
            )
            if rng.random() < 0.5:
                parts[-1] += "和" + self._word()
        return "，".join(parts)

    # -- English ---------------------------------------------------------------
    def rendering(self, spec: Spec) -> str:
        """A unique lower-case English rendering that keeps the term's number."""
        rng = self.rng
        count = numeral_count(spec.term)
        while True:
            words = [rng.choice(NOUNS)]
            if rng.random() < 0.8:
                words.insert(0, rng.choice(ADJECTIVES))
            words.append(rng.choice(NOUNS))
            if rng.random() < 0.3:
                words.insert(0, rng.choice(ADJECTIVES))
            if count is not None:
                words[0] = f"{NUMBER_WORDS[count]}-{words[0]}"
            if spec.kind == "plus":
                words.append("plus")
            elif spec.kind == "quoted" and count is None:
                words = [f'"{" ".join(words)}"', rng.choice(["project", "campaign"])]
            text = " ".join(words)
            if text not in self.renderings:
                self.renderings.add(text)
                return text

    def english_definition(self) -> str:
        """One or two English sentences of 8 to 30 words."""
        rng = self.rng
        sentences = []
        for _ in range(rng.choice([1, 1, 2])):
            words = [rng.choice(DEFINITION_WORDS) for _ in range(rng.randint(8, 15))]
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)

    # -- corpus ----------------------------------------------------------------
    def corpus(self, specs: list[Spec], target_bytes: int) -> list[str]:
        """Paragraph lines in which every term occurs at least once; records the lines."""
        rng = self.rng
        order = list(range(len(specs)))
        rng.shuffle(order)
        # After every term has occurred once, frequent terms recur (a Zipf-like tail).
        weights = [1.0 / (rank + 1) for rank in range(len(specs))]
        hot = list(range(len(specs)))
        rng.shuffle(hot)
        lines: list[str] = []
        size = 0
        cursor = 0
        extra: list[int] = []
        while size < target_bytes or cursor < len(order):
            paragraph = []
            for _ in range(rng.randint(3, 8)):
                picks = []
                for _ in range(rng.choice([1, 1, 2])):
                    if cursor < len(order):
                        picks.append(order[cursor])
                        cursor += 1
                    else:
                        if not extra:
                            extra = [
                                hot[i]
                                for i in rng.choices(range(len(specs)), weights, k=4096)
                            ]
                        picks.append(extra.pop())
                paragraph.append(self._sentence([specs[i].term for i in picks]))
                for i in picks:
                    if len(specs[i].lines) < 3 and (
                        not specs[i].lines or specs[i].lines[-1] != len(lines) + 1
                    ):
                        specs[i].lines.append(len(lines) + 1)
            line = "".join(paragraph)
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        return lines

    def _sentence(self, terms: list[str]) -> str:
        rng = self.rng
        text = rng.choice(CORPUS_OPENERS) + rng.choice(CORPUS_LEADS) + terms[0]
        for term in terms[1:]:
            text += rng.choice(CORPUS_LINKS) + term
        if rng.random() < 0.5:
            text += "，" + self._word() + self._word() + rng.choice(CORPUS_TAILS)
        return text + rng.choice("。。。；")


def _cn(number: int) -> str:
    return "零一两三四五六七八九十"[number] if number <= 10 else str(number)


def build(n: int, seed: int, corpus_bytes: int) -> dict[str, str]:
    """Generate the catalogue; return {relative path: text}."""
    gen = Generator(n, seed)
    rng = gen.rng
    specs: list[Spec] = []
    annotated = 0
    for _ in range(n):
        term, kind = gen.new_term()
        spec = Spec(term=term, kind=kind)
        count = numeral_count(term)
        if count is not None:
            spec.components = gen.components(count)
        if rng.random() < 0.03:
            synonym = term + rng.choice(["工作", "建设", "行动计划", "工程"])
            if synonym not in gen.forms and len(synonym) <= 12:
                gen.forms.add(synonym)
                spec.synonym = synonym
        spec.definition = gen.definition(spec)
        spec.rendering = gen.rendering(spec)
        spec.definition_en = gen.english_definition()
        if rng.random() < 0.05:
            annotated += 1
            spec.annotated = annotated
        specs.append(spec)
    corpus = gen.corpus(specs, corpus_bytes)
    appendix = ["名词注释"]
    appendix_line: dict[int, int] = {}
    for index, spec in enumerate(specs):
        if spec.annotated:
            appendix.append(f"{spec.annotated}. {spec.term}：{spec.definition}")
            appendix_line[index] = len(appendix)

    template = CatalogueFile(
        locale=None,
        header=_header(None),
        header_comments=["Benchmark glossary generated by benchmarks/generate.py."],
        header_flags=["fuzzy"],
    )
    english = CatalogueFile(
        locale="en",
        header=_header("en"),
        header_comments=["Benchmark glossary generated by benchmarks/generate.py."],
    )
    for index, spec in enumerate(specs):
        refs = [Reference(CORPUS_PATH, line) for line in spec.lines]
        if spec.annotated:
            origin, detail = "annotated", str(spec.annotated)
            definition_refs = [Reference(APPENDIX_PATH, appendix_line[index])]
            refs.append(definition_refs[0])
        else:
            origin, detail = rng.choice(
                [("mined", ""), ("mined", ""), ("editorial", "")]
            )
            definition_refs = refs[:1]
        concept = Concept(
            term=spec.term,
            definition=spec.definition,
            id=f"bm-{index + 1:06d}",
            origin=origin,
            origin_detail=detail,
            synonyms=[Synonym(spec.synonym, "fullForm")] if spec.synonym else [],
            components=spec.components,
            domain=rng.choice(DOMAINS),
            references=refs,
            definition_references=definition_refs,
        )
        template.concepts.append(concept)
        english.concepts.append(_english_side(gen, concept, spec))
    return {
        "glossary/glossary.pot": write_po(template),
        "locales/en/LC_MESSAGES/glossary.po": write_po(english),
        CORPUS_PATH: "\n".join(corpus) + "\n",
        APPENDIX_PATH: "\n".join(appendix) + "\n",
    }


def _english_side(gen: Generator, template: Concept, spec: Spec) -> Concept:
    rng = gen.rng
    concept = Concept(
        term=template.term,
        definition=template.definition,
        id=template.id,
        origin=template.origin,
        origin_detail=template.origin_detail,
        synonyms=list(template.synonyms),
        components=list(template.components),
        domain=template.domain,
        references=list(template.references),
        definition_references=list(template.definition_references),
        target=spec.rendering,
        definition_target=spec.definition_en,
    )
    roll = rng.random()
    if roll < 0.005:
        concept.target = concept.definition_target = ""
    elif roll < 0.015:
        concept.flags = ["fuzzy"]
    elif roll < 0.018:
        concept.flags = ["fuzzy", "machine"]
        concept.definition_flags = ["fuzzy", "machine"]
        concept.comments.append("suggested-by: libretranslate")
    if rng.random() < 0.05:
        concept.comments.append("alt: " + gen.rendering(spec))
    if rng.random() < 0.03:
        concept.comments.append(
            f"avoid: {rng.choice(AVOID_WORDS)} {rng.choice(AVOID_WORDS)}"
        )
    if rng.random() < 0.05:
        concept.comments.append("note: " + gen.english_definition())
    return concept


def _header(locale: str | None) -> list[tuple[str, str]]:
    return [
        ("Project-Id-Version", "glossarykit benchmark"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", "2026-01-01 00:00+0000"),
        (
            "PO-Revision-Date",
            "2026-01-01 00:00+0000" if locale else "YEAR-MO-DA HO:MI+ZONE",
        ),
        ("Last-Translator", "glossarykit editors" if locale else ""),
        ("Language-Team", "English" if locale else ""),
        ("Language", locale or ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
    ]


def catalogue_dir(n: int, seed: int = DEFAULT_SEED) -> Path:
    """Where the catalogue of ``n`` concepts is generated."""
    suffix = "" if seed == DEFAULT_SEED else f"-s{seed}"
    return WORK / f"cat-{n}{suffix}"


def generate(
    n: int = DEFAULT_N,
    seed: int = DEFAULT_SEED,
    out: Path | None = None,
    corpus_bytes: int | None = None,
    force: bool = False,
) -> Path:
    """Write the catalogue (unless an identical one is there already); return its folder."""
    out = out or catalogue_dir(n, seed)
    corpus_bytes = corpus_bytes or n * CORPUS_BYTES_PER_CONCEPT
    stamp_data = {
        "version": GENERATOR_VERSION,
        "n": n,
        "seed": seed,
        "corpus_bytes": corpus_bytes,
    }
    stamp = out / ".generated.json"
    if not force and stamp.is_file():
        try:
            if json.loads(stamp.read_text(encoding="utf-8")) == stamp_data:
                return out
        except ValueError:
            pass
    files = build(n, seed, corpus_bytes)
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stamp.write_text(json.dumps(stamp_data), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: ``generate.py [-n N] [--seed S] [-o DIR] [--corpus-mb MB]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=DEFAULT_N, help="number of concepts")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("-o", "--out", type=Path, help="output folder")
    parser.add_argument(
        "--corpus-mb",
        type=float,
        help="corpus size in MB (default: 20 MB per 100,000 concepts)",
    )
    parser.add_argument(
        "--force", action="store_true", help="regenerate even if present"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = int(args.corpus_mb * 1_000_000) if args.corpus_mb else None
    out = generate(args.n, args.seed, args.out, corpus, args.force)
    elapsed = time.perf_counter() - started
    sizes = {
        p.relative_to(out).as_posix(): p.stat().st_size
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }
    for name, size in sizes.items():
        print(f"{size / 1e6:9.2f} MB  {out / name}")
    print(f"{args.n} concepts in {elapsed:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
