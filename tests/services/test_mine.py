"""The miner's rules, enumerations, known terms, --add, and its ranking on the seed report."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import CatalogueError
from glossarykit.model import Catalogue, CatalogueFile, Concept, Reference
from glossarykit.services.mine import (
    KIND_CAMPAIGN,
    KIND_ENUMERATED,
    KIND_NUMBERED,
    KIND_PLUS,
    KIND_QUOTED,
    Candidate,
    add_to_template,
    default_prefix,
    find_components,
    mine_report,
    mine_text,
    reference_path,
    refuse_bundled,
    sentence_at,
)

from ..conftest import SOURCE_REPORT


def terms(text: str) -> dict[str, set[str]]:
    return {c.term: set(c.kinds) for c in mine_text(text).candidates}


def catalogue(*concepts: Concept) -> Catalogue:
    return Catalogue(CatalogueFile(concepts=list(concepts)))


N, Q, P, C = KIND_NUMBERED, KIND_QUOTED, KIND_PLUS, KIND_CAMPAIGN


@pytest.mark.parametrize(
    ("text", "term", "kinds"),
    [
        ("深化“三社联动”，建成中心。", "三社联动", {N, Q}),
        ("实施“三打击两整治一提升”专项行动。", "三打击两整治一提升", {N, Q}),
        ("围绕一感两度两率开展大执法。", "一感两度两率", {N}),
        ("双招双引高位拼搏。", "双招双引", {N}),
        ("认真履行主体责任和“一岗双责”。", "一岗双责", {N, Q}),
        ("以“125”重点工作为抓手。", "“125”重点工作", {N, Q}),
        ("以新“四军”引领新民营经济。", "新“四军”", {N, Q}),
        ("大力推动发展拼搏、改革创新“五线”并进。", "五线", {N, Q}),
        ("深入推进审批服务“三办”改革。", "“三办”改革", {N, Q, C}),
        ("加大“三旧”改造力度。", "“三旧”改造", {N, Q}),
        ("谋划实施“五个一”工程。", "“五个一”工程", {N, Q, C}),
        ("加强四型政府建设。", "四型政府", {N}),
        ("推进三项重点改革。", "三项重点改革", {N}),
        ("优化两个创新平台。", "两个创新平台", {N}),
        ("深化“三社联动”。", "三社联动", {N, Q}),
        ("围绕生态平安，探索大湖+。", "大湖+", {P}),
        ("提升景观+。", "景观+", {P}),
        ("按照“红色引擎+五线推进”的工作思路。", "红色引擎+五线推进", {N, Q, P}),
        ("探索“支付宝+家庭医生”签约服务。", "支付宝+家庭医生", {Q, P}),
        ("加快V+合伙人大厦建设。", "V+合伙人大厦", {P}),
        ("实施“雪亮工程”，提高技防水平。", "雪亮工程", {Q, C}),
        ("深入实施“拥抱蓝天行动”。", "拥抱蓝天行动", {Q, C}),
        ("实施“绿满武昌”工程。", "绿满武昌", {Q}),
        ("实施生命防护工程，强化整治。", "生命防护工程", {C}),
        ("打好蓝天保卫战，重拳治理。", "蓝天保卫战", {C}),
        ("深化放管服改革，优化流程。", "放管服改革", {C}),
        ("完成保障性安居工程、社区资金审计。", "保障性安居工程", {C}),
        ("实施第三轮学前教育行动计划。", "学前教育行动计划", {C}),
        ("打造“红色物业”示范点。", "红色物业", {Q}),
    ],
)
def test_rules_find_slogans(text: str, term: str, kinds: set[str]) -> None:
    found = terms(text)
    assert term in found, found
    assert found[term] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "一年来，我们做了三个方面的工作。",
        "完成一批重点项目，进一步提升服务水平。",
        "为实现上述目标，我们将重点抓好五个方面的工作：",
        "深入学习贯彻党的十九大精神。",
        "改造老旧社区二次供水设施34处。",
        "全力保障市级重点工程建设。",
        "深入开展打击违法会销等专项行动。",
        "引导工程设计产业集聚发展。",
        "是改革开放40周年。",
        "停车场建设三年计划全面完成。",
        "百舸争流，破浪者领航；千帆竞发，奋勇者当先。",
        "一心一意谋发展，一年一度评先进。",
        "统一规划，开展第五届评比，轨道交通7号线一期开通。",
        "加强三级医疗机构建设，完成一期工程。",
    ],
)
def test_ordinary_phrases_are_not_candidates(text: str) -> None:
    assert terms(text) == {}


def test_whitespace_never_splits_a_term() -> None:
    # Spaces in Chinese text (justified lines, copy-paste) are not word boundaries.
    assert "三社联动" in terms("  深化 “三社联动”，建成中心。")


@pytest.mark.parametrize(
    ("term", "text", "items"),
    [
        (
            "“三办”改革",
            "深入推进审批服务“三办”改革，马上办、网上办、一次办事项分别达到348项、191项和498项。",
            ["马上办", "网上办", "一次办"],
        ),
        (
            "五线",
            "大力推动发展拼搏、长江主轴、平安亮丽、民生幸福、改革创新“五线”并进。",
            ["发展拼搏", "长江主轴", "平安亮丽", "民生幸福", "改革创新"],
        ),
        (
            "三个升级版",
            "着力打造经济、城市、民生“三个升级版”，较好完成目标。",
            ["经济", "城市", "民生"],
        ),
        (
            "四型政府",
            "加强四型政府建设。以打造学习型、法治型、廉洁型、服务型政府为目标。",
            ["学习型", "法治型", "廉洁型", "服务型"],
        ),
        (
            "双招双引",
            "双招双引高位拼搏。融合推进招商引资、招才引智，构建双招双引格局。",
            ["招商引资", "招才引智"],
        ),
        (
            "“五个一”工程",
            "谋划实施一流政务服务中心、一所国际学校、一家国际医院、一座现代化体育中心、一家现代化养老中心等“五个一”工程。",
            [
                "一流政务服务中心",
                "一所国际学校",
                "一家国际医院",
                "一座现代化体育中心",
                "一家现代化养老中心",
            ],
        ),
        (
            "“五个一”工程",
            "围绕“五个一”工程，建设一所学校、一座公园、一条绿道、一个广场、一家医院。",
            ["一所学校", "一座公园", "一条绿道", "一个广场", "一家医院"],
        ),
        (
            "三项重点改革",
            "推进三项重点改革。深化放管服改革，优化流程。推进国企国资改革，完善治理。推进群众工作机制改革，畅通渠道。",
            ["放管服改革", "国企国资改革", "群众工作机制改革"],
        ),
        # Counts that do not match, lists that neither carry the key nor touch the term,
        # and "one X for each Y" formulas get no components.
        ("三社联动", "深化“三社联动”，建成社区、社会组织服务中心。", []),
        (
            "“三旧”改造",
            "加大“三旧”改造力度，策划实施岳家嘴片、中南片、红岭片等旧改项目。",
            [],
        ),
        ("一湖一品", "立足“一湖一品”，改善楚河、晒湖等河湖水环境。", []),
    ],
)
def test_components_from_the_text(term: str, text: str, items: list[str]) -> None:
    mined = mine_text(text)
    candidate = next(c for c in mined.candidates if c.term == term)
    assert candidate.components == items
    assert (KIND_ENUMERATED in candidate.kinds) == bool(items)
    assert candidate.components_line == (1 if items else None)
    assert candidate.definition == ("、".join(items) + "。" if items else None)


@pytest.mark.parametrize(
    ("term", "definition", "items"),
    [
        (
            "四水共治",
            "防洪水、排涝水、治污水、保供水。",
            ["防洪水", "排涝水", "治污水", "保供水"],
        ),
        (
            "三社联动",
            "“三社”指社区、社会组织、社会工作者。",
            ["社区", "社会组织", "社会工作者"],
        ),
        ("两工互动", "“两工”指社工、义工。", ["社工", "义工"]),
        (
            "“三化”大武汉",
            "现代化、国际化、生态化大武汉。",
            ["现代化", "国际化", "生态化"],
        ),
        (
            "四张成绩单",
            "由“推动发展、深化改革、维护稳定、从严治党”四个方面的专项体系构成的绩效目标。",
            ["推动发展", "深化改革", "维护稳定", "从严治党"],
        ),
        ("九定", "在机构名称、隶属关系、内设机构等三个方面进行规范。", []),
        (
            "三定",
            "在机构名称、隶属关系、内设机构等三个方面进行规范。",
            ["机构名称", "隶属关系", "内设机构"],
        ),
        (
            "一感两度两率",
            "公众安全感,治安满意度、执法满意度,平安建设知晓率和参与率。",
            [],
        ),
        ("七军会", "第七届世界军人运动会。", []),
    ],
)
def test_components_from_an_appendix_definition(
    term: str, definition: str, items: list[str]
) -> None:
    assert find_components(term, definition) == items


def test_candidate_fields() -> None:
    text = "一年来成绩显著。\n深化“三社联动”，建成中心。\n推进“三社联动+两工互动”。\n"
    mined = mine_text(text, path="r.txt")
    by_term = {c.term: c for c in mined.candidates}
    single = by_term["三社联动"]
    assert (single.count, single.lines, single.context_line) == (2, [2, 3], 2)
    assert single.context == "深化“三社联动”，建成中心。"
    compound = by_term["三社联动+两工互动"]
    assert (compound.count, compound.lines) == (1, [3])
    assert compound.components == []  # X+ formulas are not counted lists
    assert mined.line_count == 4
    assert mined.appendix is None


def test_known_terms_are_found_and_marked() -> None:
    known = catalogue(
        Concept(term="三社联动", id="x-a01"),
        Concept(term="绿满武昌", id="x-m01"),
        Concept(term="长江主轴", id="x-a02", synonyms=[]),
    )
    text = "深化“三社联动”。推进“三社联动+两工互动”。实施“绿满武昌”工程。积极对接长江主轴规划建设。"
    by_term = {c.term: c for c in mine_text(text, known).candidates}
    assert by_term["三社联动"].known == "x-a01"
    assert by_term["绿满武昌"].known == "x-m01"
    assert by_term["长江主轴"].known == "x-a02"
    assert by_term["长江主轴"].kinds == ["known"]
    assert by_term["三社联动+两工互动"].is_new
    # Without the catalogue the rules alone do not find the unquoted 长江主轴.
    assert "长江主轴" not in terms(text)


def test_a_suffixed_form_of_a_known_term_is_covered_by_it() -> None:
    known = catalogue(Concept(term="三旧", id="x-m02"))
    candidate = next(c for c in mine_text("加大“三旧”改造力度。", known).candidates)
    assert (candidate.term, candidate.known) == ("“三旧”改造", "x-m02")


def test_appendix_terms_are_found_in_the_body() -> None:
    text = "践行“两山”理念，推进河湖长制。\n\n名词解释\n1.河湖长制：由各级党政负责人担任河长、湖长。\n"
    mined = mine_text(text)
    by_term = {c.term: c for c in mined.candidates}
    assert by_term["河湖长制"].appendix == 1
    assert by_term["河湖长制"].lines == [1, 4]
    assert by_term["两山"].appendix is None
    assert [e.entry.term for e in mined.entries] == ["河湖长制"]


def test_ranking_puts_formulas_before_campaign_names_and_breaks_ties_by_position() -> (
    None
):
    text = "实施生命防护工程。深化“三社联动”。实施蓝天守护工程。落实“一岗双责”。"
    ranked = [(c.rank, c.term) for c in mine_text(text).candidates]
    # 一岗双责 is a sum (one post, two duties): +1 over the plain numbered 三社联动.
    assert ranked == [
        (1, "一岗双责"),
        (2, "三社联动"),
        (3, "生命防护工程"),
        (4, "蓝天守护工程"),
    ]


def test_sentence_at() -> None:
    line = "一年来成绩显著。深化“三社联动”;建成中心。"
    assert sentence_at(line, 11) == "深化“三社联动”;"
    assert sentence_at("没有句号的一行", 2) == "没有句号的一行"


# --- the seed report ------------------------------------------------------------------------

# Real slogans of the seed report's body that its appendix does not annotate (issue 3).
SEED_SLOGANS = [
    "三社联动+两工互动",
    "一湖一品",
    "“五个一”工程",
    "“三办”改革",
    "双招双引",
    "四型政府",
    "一岗双责",
    "四风",
    "五线",
    "“三旧”改造",
    "放管服改革",
    "一路一策",
    "一居一品",
    "红色物业",
    "雪亮工程",
    "拥抱蓝天行动",
    "绿满武昌",
]


def test_the_seed_report_appendix_is_byte_exact() -> None:
    mined = mine_report(SOURCE_REPORT)
    lines = SOURCE_REPORT.read_text(encoding="utf-8").split("\n")
    assert mined.appendix is not None
    assert [e.entry.number for e in mined.entries] == list(range(1, 18))
    for mined_entry in mined.entries:
        entry = mined_entry.entry
        source = lines[entry.line - 1].strip()
        assert source.startswith(entry.label)
        rest = source[len(entry.label) :].lstrip()
        assert rest.encode() == f"{entry.term}:{entry.definition}".encode()


def test_the_seed_report_slogans_rank_high_and_ordinary_phrases_not_at_all() -> None:
    candidates = [c for c in mine_report(SOURCE_REPORT).candidates if c.is_new]
    top = [c.term for c in candidates[:50]]
    assert [s for s in SEED_SLOGANS if s not in top] == []
    every = {c.term for c in candidates}
    for phrase in (
        "一年来",
        "三个方面",
        "五个方面",
        "一批",
        "一次",
        "十九大",
        "二次供水",
    ):
        assert not any(term.startswith(phrase) for term in every), phrase


# --- --add --------------------------------------------------------------------------------


def seed_concept() -> Concept:
    return Concept(
        term="三社联动",
        definition="“三社”指社区、社会组织、社会工作者。",
        id="r2019-a01",
        origin="annotated",
        origin_detail="1",
        references=[Reference("sources/r-2019.txt", 1)],
        target="",
    )


REPORT = (
    "深化“三社联动”，加强四型政府建设，以打造学习型、法治型、廉洁型、服务型政府为目标。\n"
    "落实“一岗双责”。\n"
    "\n"
    "名词解释\n"
    "1.三社联动：“三社”指社区、社会组织、社会工作者。\n"
    "2.两山：绿水青山就是金山银山。\n"
)


def test_add_puts_new_terms_into_the_template_and_leaves_existing_ones() -> None:
    cat = catalogue(seed_concept())
    before = seed_concept()
    mined = mine_text(REPORT, cat, "sources/r-2019.txt")
    result = add_to_template(cat, mined, mined.candidates, "sources/r-2019.txt")
    assert [c.id for c in result.added] == ["r2019-a02", "r2019-m01", "r2019-m02"]
    assert cat.concepts[0] == before
    annotated, government, post = cat.concepts[1:]
    assert (annotated.term, annotated.origin_label, annotated.definition) == (
        "两山",
        "annotated 2",
        "绿水青山就是金山银山。",
    )
    assert annotated.definition_references == [Reference("sources/r-2019.txt", 6)]
    assert (government.term, government.origin, government.components) == (
        "四型政府",
        "mined",
        ["学习型", "法治型", "廉洁型", "服务型"],
    )
    assert government.definition == "学习型、法治型、廉洁型、服务型。"
    assert government.references == [Reference("sources/r-2019.txt", 1)]
    assert government.definition_references == [Reference("sources/r-2019.txt", 1)]
    # No enumeration in the text: no definition entry until an editor writes one.
    assert (post.term, post.definition, post.definition_references) == (
        "一岗双责",
        None,
        [],
    )
    again = add_to_template(
        cat, mine_text(REPORT, cat, "r"), mined.candidates, "sources/r-2019.txt"
    )
    assert again.added == []


def test_add_only_takes_the_candidates_it_is_given() -> None:
    cat = catalogue()
    mined = mine_text(REPORT, cat)
    chosen: list[Candidate] = [c for c in mined.candidates if c.term == "一岗双责"]
    result = add_to_template(cat, mined, chosen, "r-2019.txt", prefix="rx")
    assert [(c.id, c.term) for c in result.added] == [
        ("rx-a01", "三社联动"),
        ("rx-a02", "两山"),
        ("rx-m01", "一岗双责"),
    ]


@pytest.mark.parametrize(
    ("path", "concepts", "prefix"),
    [
        ("glossary/sources/wuchang-2017-work-report.txt", [], "wuchang2017"),
        ("sources/report.txt", [], "report"),
        ("2019年报告.txt", [], "report2019"),
        (
            "glossary/sources/wuchang-2017-work-report.txt",
            [
                Concept(
                    term="九定",
                    id="wc2017-a08",
                    references=[
                        Reference("glossary/sources/wuchang-2017-work-report.txt", 58)
                    ],
                )
            ],
            "wc2017",
        ),
    ],
)
def test_default_prefix(path: str, concepts: list[Concept], prefix: str) -> None:
    assert default_prefix(catalogue(*concepts), path) == prefix


def test_add_refuses_the_glossary_bundled_in_the_package(tmp_path: Path) -> None:
    from importlib import resources

    bundled = Path(str(resources.files("glossarykit"))) / "data"
    with pytest.raises(CatalogueError, match="bundled with the package"):
        refuse_bundled(bundled)
    refuse_bundled(tmp_path)  # any other folder is fine


def test_reference_path(tmp_path: object) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    (root / "glossary" / "sources").mkdir(parents=True)
    inside = root / "glossary" / "sources" / "r.txt"
    assert reference_path(inside, root) == "glossary/sources/r.txt"
    assert reference_path(Path("/elsewhere/r.txt"), root) == "/elsewhere/r.txt"
