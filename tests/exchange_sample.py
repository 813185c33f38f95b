"""A small catalogue in tmp_path for export/import tests: every field the formats carry.

Three concepts: 三社联动 (alt, avoid, notes, rendering source; zh_Hant_TW converted),
七军会 (an abbreviation with a full-form synonym; fuzzy in en), 大湖+ (machine-suggested,
a note that starts with '=' as a spreadsheet formula would).
"""

from __future__ import annotations

from pathlib import Path

from glossarykit.model import Catalogue, CatalogueFile, Concept, Reference, Synonym
from glossarykit.services.catalogue import load_catalogue

from .strategies import header, save_new_catalogue

SOURCE = "glossary/sources/report.txt"
SOURCE_LINES = [
    "政府工作报告",
    "深化“三社联动”,建成街道社会工作服务中心14个。筹办七军会。",
    "实施“大湖+”战略,建设东湖绿道。",
    "名词注释:三社联动:“三社”指社区、社会组织、社会工作者。",
]


def _template() -> list[Concept]:
    return [
        Concept(
            term="三社联动",
            id="s-01",
            origin="annotated",
            origin_detail="1",
            components=["社区", "社会组织", "社会工作者"],
            domain="社会治理",
            references=[Reference(SOURCE, 2), Reference(SOURCE, 4)],
            definition="“三社”指社区、社会组织、社会工作者。",
            definition_references=[Reference(SOURCE, 4)],
        ),
        Concept(
            term="七军会",
            id="s-02",
            origin="editorial",
            term_type="abbreviation",
            synonyms=[Synonym("第七届世界军人运动会", "fullForm")],
            domain="社会事业",
            references=[Reference(SOURCE, 2)],
            flags=["ignore-numeral-count"],
            definition="第七届世界军人运动会。",
        ),
        Concept(
            term="大湖+",
            id="s-03",
            origin="mined",
            references=[Reference(SOURCE, 3)],
            definition="以大东湖为核心的发展模式。",
        ),
    ]


_EN = {
    "三社联动": dict(
        target="three-society linkage",
        comments=[
            "alt: three-society coordination",
            "avoid: three communities",
            "note: She is the first character of all three words.",
            "rendering-source: Wuhan Civil Affairs Bureau, 2016",
        ],
        definition_target='The "three societies" are communities, social organizations and social workers.',
    ),
    "七军会": dict(
        target="7th CISM Military World Games",
        flags=["fuzzy", "ignore-numeral-count"],
        comments=["avoid: World Military Games"],
        definition_target="The 7th CISM Military World Games.",
    ),
    "大湖+": dict(
        target="Great Lakes Plus",
        flags=["fuzzy", "machine"],
        comments=["note: =SUM(A1) is not a formula", "suggested-by: test"],
    ),
}
_TW = {
    "三社联动": dict(
        target="三社聯動",
        comments=["converted: s2tw"],
        definition_target="“三社”指社區、社會組織、社會工作者。",
        definition_comments=["converted: s2tw"],
    ),
    "七军会": dict(
        target="七軍會",
        comments=["converted: s2tw", "synonym: 第七屆世界軍人運動會 (fullForm)"],
        flags=["ignore-numeral-count"],
        definition_target="第七屆世界軍人運動會。",
        definition_comments=["converted: s2tw"],
    ),
    "大湖+": dict(
        target="大湖+",
        comments=["converted: s2tw"],
        definition_target="以大東湖為核心的發展模式。",
        definition_comments=["converted: s2tw"],
    ),
}


def _side(template: Concept, data: dict[str, object]) -> Concept:
    concept = Concept(
        term=template.term,
        id=template.id,
        origin=template.origin,
        origin_detail=template.origin_detail,
        term_type=template.term_type,
        synonyms=list(template.synonyms),
        components=list(template.components),
        domain=template.domain,
        references=list(template.references),
        definition=template.definition,
        definition_references=list(template.definition_references),
        flags=list(template.flags),
    )
    for key, value in data.items():
        setattr(concept, key, value)
    return concept


def make_sample_catalogue(root: Path) -> Catalogue:
    """Write the sample catalogue (and its source text) under ``root``; return it loaded."""
    template = _template()
    catalogue = Catalogue(
        template=CatalogueFile(header=header(None), concepts=template),
        locales={
            "en": CatalogueFile(
                locale="en",
                header=header("en"),
                concepts=[_side(c, _EN[c.term]) for c in template],
            ),
            "zh_Hant_TW": CatalogueFile(
                locale="zh_Hant_TW",
                header=header("zh_Hant_TW"),
                concepts=[_side(c, _TW[c.term]) for c in template],
            ),
        },
    )
    save_new_catalogue(catalogue, root)
    source = root / SOURCE
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("\n".join(SOURCE_LINES) + "\n", encoding="utf-8")
    return load_catalogue(root)
