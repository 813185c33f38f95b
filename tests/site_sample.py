"""A small catalogue for the site and pinyin tests: search cases, a pinyin override, hostile text.

s-01 三社联动 (alt three-sector linkage, avoid), s-02 四水共治, s-03 联动机制 (shares 联动 /
聯動 with s-01), s-04 长江主轴 (cháng, not zhǎng), s-05 单县 with ``# pinyin: shàn xiàn`` in en
(the dictionary reads dān xiàn), s-06 大湖+ whose English holds markup and script.
"""

from __future__ import annotations

from pathlib import Path

from glossarykit.model import Catalogue, CatalogueFile, Concept, Reference, Synonym
from glossarykit.services.catalogue import load_catalogue

from .strategies import header, save_new_catalogue

SOURCE = "glossary/sources/report.txt"
SOURCE_LINES = [
    "政府工作报告",
    "一、过去一年。深化“三社联动”,建成街道社会工作服务中心14个。推进四水共治。",
    "建立联动机制。打造长江主轴,沿江发展。",
    "实施“大湖+”战略。",
    "名词注释:三社联动:“三社”指社区、社会组织、社会工作者。",
]
HOSTILE = (
    '</script><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
)
IDS = ["s-01", "s-02", "s-03", "s-04", "s-05", "s-06"]


def _template() -> list[Concept]:
    return [
        Concept(
            term="三社联动",
            id="s-01",
            origin="annotated",
            origin_detail="1",
            components=["社区", "社会组织", "社会工作者"],
            domain="社会治理",
            references=[Reference(SOURCE, 2), Reference(SOURCE, 5)],
            definition="“三社”指社区、社会组织、社会工作者。",
            definition_references=[Reference(SOURCE, 5)],
        ),
        Concept(
            term="四水共治",
            id="s-02",
            origin="mined",
            components=["防洪水", "排涝水", "治污水", "保供水"],
            domain="生态环境",
            references=[Reference(SOURCE, 2)],
            definition="防洪水、排涝水、治污水、保供水。",
        ),
        Concept(
            term="联动机制",
            id="s-03",
            origin="editorial",
            domain="社会治理",
            references=[Reference(SOURCE, 3)],
            definition="各方协同工作的安排。",
        ),
        Concept(
            term="长江主轴",
            id="s-04",
            origin="mined",
            domain="城市建设",
            synonyms=[Synonym("长江发展主轴", "fullForm")],
            references=[Reference(SOURCE, 3)],
            definition="沿长江的城市发展轴线。",
        ),
        Concept(
            term="单县",
            id="s-05",
            origin="editorial",
            domain="城市建设",
            definition="山东省的一个县。",
        ),
        Concept(
            term="大湖+",
            id="s-06",
            origin="mined",
            domain="生态环境",
            references=[Reference(SOURCE, 4)],
            definition="<b>以大东湖为核心</b> & 发展 " + HOSTILE,
        ),
    ]


_EN = {
    "三社联动": dict(
        target="three-society linkage",
        comments=[
            "alt: three-sector linkage",
            "avoid: three communities",
            "note: She is the first character of all three words.",
        ],
        definition_target="Communities, social organizations and social workers.",
    ),
    "四水共治": dict(
        target="four-water co-governance",
        definition_target="Flood control, drainage, sewage treatment, water supply.",
    ),
    "联动机制": dict(
        target="coordination mechanism",
        definition_target="Arrangements for joint work.",
    ),
    "长江主轴": dict(
        target="Yangtze River main axis",
        comments=["alt: Changjiang Axis", "avoid: Yangtze River spindle"],
        definition_target="The development axis along the Yangtze.",
    ),
    "单县": dict(
        target="Shan County",
        comments=["note: A county of Shandong.", "pinyin: shàn xiàn"],
        flags=["fuzzy"],
        definition_target="A county of Shandong.",
    ),
    "大湖+": dict(
        target="Great Lakes Plus " + HOSTILE,
        comments=["note: " + HOSTILE, "avoid: Big Lake <b>Plus</b>"],
        definition_target="A development model & " + HOSTILE,
    ),
}
_TW = {
    "三社联动": "三社聯動",
    "四水共治": "四水共治",
    "联动机制": "聯動機制",
    "长江主轴": "長江主軸",
    "单县": "單縣",
    "大湖+": "大湖+",
}
_HK = {**_TW, "长江主轴": "長江主軸"}


def _side(template: Concept, data: dict[str, object]) -> Concept:
    concept = Concept(
        term=template.term,
        id=template.id,
        origin=template.origin,
        origin_detail=template.origin_detail,
        synonyms=list(template.synonyms),
        components=list(template.components),
        domain=template.domain,
        references=list(template.references),
        definition=template.definition,
        definition_references=list(template.definition_references),
    )
    for key, value in data.items():
        setattr(concept, key, value)
    return concept


def _variant(template: Concept, term: str, config: str) -> dict[str, object]:
    comments = [f"converted: {config}"]
    if template.term == "长江主轴":
        comments.append("synonym: 長江發展主軸 (fullForm)")
    return dict(
        target=term,
        comments=comments,
        # Kept as a hand edit (no ``# converted:``): the sample needs no OpenCC.
        definition_target=template.definition,
    )


def make_site_catalogue(root: Path) -> Catalogue:
    """Write the sample catalogue (and its source text) under ``root``; return it loaded."""
    template = _template()
    locales = {
        "en": [_side(c, _EN[c.term]) for c in template],
        "zh_Hant_TW": [_side(c, _variant(c, _TW[c.term], "s2tw")) for c in template],
        "zh_Hant_HK": [_side(c, _variant(c, _HK[c.term], "s2hk")) for c in template],
    }
    catalogue = Catalogue(
        template=CatalogueFile(
            header=header(None),
            header_comments=["Sample glossary for tests."],
            concepts=template,
        ),
        locales={
            loc: CatalogueFile(locale=loc, header=header(loc), concepts=concepts)
            for loc, concepts in locales.items()
        },
    )
    save_new_catalogue(catalogue, root)
    source = root / SOURCE
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("\n".join(SOURCE_LINES) + "\n", encoding="utf-8")
    return load_catalogue(root)
