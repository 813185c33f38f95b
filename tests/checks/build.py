"""Build small catalogue files and check contexts in code, for table-driven check tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from glossarykit.checks import CheckContext, Finding, get_check, run_checks
from glossarykit.model import CatalogueFile, Concept, Reference

HEADER = [
    ("Project-Id-Version", "tests"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
]

# A concept that passes every check in every kind of file.
BASE: dict[str, Any] = {
    "term": "三社联动",
    "definition": "“三社”指社区、社会组织、社会工作者。",
    "id": "t-01",
    "origin": "editorial",
    "components": ["社区", "社会组织", "社会工作者"],
}
TARGETS = {
    "en": (
        "three-society linkage",
        "Communities, social organizations and social workers.",
    ),
    "zh_Hant_TW": ("三社聯動", "“三社”指社區、社會組織、社會工作者。"),
}


def concept(kind: str = "template", **fields: Any) -> Concept:
    """BASE, with the targets of ``kind`` (template, en, zh_Hant_TW), updated by ``fields``."""
    values = dict(BASE)
    if kind in TARGETS:
        values["target"], values["definition_target"] = TARGETS[kind]
    if kind == "zh_Hant_TW":
        values["comments"] = ["converted: s2tw"]
        values["definition_comments"] = ["converted: s2tw"]
    values.update(fields)
    if "references" in values:
        values["references"] = [Reference.parse(r) for r in values["references"]]
    if "definition_references" in values:
        values["definition_references"] = [
            Reference.parse(r) for r in values["definition_references"]
        ]
    return Concept(**values)


def catalogue_file(kind: str, concepts: list[Concept], **fields: Any) -> CatalogueFile:
    """A template (kind ``template``) or a locale file holding ``concepts``."""
    locale = None if kind == "template" else kind
    header = [
        (k, "" if k == "Language" and locale is None else (locale or v))
        for k, v in HEADER
    ]
    values: dict[str, Any] = {"locale": locale, "header": header, "concepts": concepts}
    values.update(fields)
    return CatalogueFile(**values)


def fake_convert(text: str, config: str, locale: str) -> str | None:
    """A stand-in for OpenCC s2tw that knows the few characters these tests use."""
    if config not in ("s2tw", ""):
        return None
    table = str.maketrans("联动区会组织两义", "聯動區會組織兩義")
    return text.translate(table)


def fake_traditional(text: str) -> str:
    """A stand-in detector: the Traditional characters these tests use."""
    return "".join(dict.fromkeys(c for c in text if c in "聯動區會組織兩義"))


def context(
    kind: str,
    concepts: list[Concept],
    *,
    template: list[Concept] | None = None,
    **fields: Any,
) -> CheckContext:
    """A check context for a file of ``kind``, with an optional template."""
    values: dict[str, Any] = {
        "file": catalogue_file(kind, concepts),
        "path": "test.po",
        "template": catalogue_file("template", template)
        if template is not None
        else None,
        "traditional_chars": fake_traditional,
        "convert": fake_convert,
    }
    values.update(fields)
    return CheckContext(**values)


def run(check_id: str, ctx: CheckContext) -> list[Finding]:
    """The findings of one check."""
    item = get_check(check_id)
    assert item is not None, check_id
    return run_checks(ctx, [item])


Builder = Callable[[], CheckContext]
