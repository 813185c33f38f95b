"""Every check on a file that passes and on files that fail (table-driven, built in code)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from glossarykit.checks import CheckContext, all_checks, get_check, run_checks
from glossarykit.checks.base import Check, Severity, register

from .build import HEADER, catalogue_file, concept, context, run

SOURCE = {
    "report.txt": ["名词注释", "  6.三社联动:“三社”指社区、社会组织、社会工作者。"]
}
ANNOTATED = {"origin": "annotated", "definition_references": ["report.txt:2"]}


def template(*concepts: object, **fields: object) -> CheckContext:
    return context("template", list(concepts), **fields)  # type: ignore[arg-type]


def en(*concepts: object, **fields: object) -> CheckContext:
    return context("en", list(concepts), template=[concept()], **fields)  # type: ignore[arg-type]


def variant(*concepts: object, **fields: object) -> CheckContext:
    return context("zh_Hant_TW", list(concepts), template=[concept()], **fields)  # type: ignore[arg-type]


def header_file(header: list[tuple[str, str]], kind: str = "en") -> CheckContext:
    return CheckContext(file=catalogue_file(kind, [concept(kind)], header=header))


WITHOUT_PLURAL = [(k, v) for k, v in HEADER if k != "Plural-Forms"]
ASCII_CHARSET = [(k, "text/plain" if k == "Content-Type" else v) for k, v in HEADER]
EMPTY_LANGUAGE = [(k, "" if k == "Language" else v) for k, v in HEADER]

# (check id, what the file holds, the file, how many findings)
CASES: list[tuple[str, str, Callable[[], CheckContext], int]] = [
    ("incomplete-header", "complete PO header", lambda: header_file(HEADER), 0),
    (
        "incomplete-header",
        "template with empty Language",
        lambda: header_file(EMPTY_LANGUAGE, "template"),
        0,
    ),
    ("incomplete-header", "no Plural-Forms", lambda: header_file(WITHOUT_PLURAL), 1),
    ("incomplete-header", "no charset", lambda: header_file(ASCII_CHARSET), 1),
    (
        "incomplete-header",
        "PO with empty Language",
        lambda: header_file(EMPTY_LANGUAGE),
        1,
    ),
    ("incomplete-header", "no header at all", lambda: header_file([]), 1),
    (
        "duplicate-concept",
        "distinct concepts",
        lambda: template(concept(), concept(term="两工互动", id="t-02")),
        0,
    ),
    (
        "duplicate-concept",
        "one term twice",
        lambda: template(concept(), concept(id="t-02")),
        1,
    ),
    (
        "duplicate-concept",
        "one id twice",
        lambda: template(concept(), concept(term="两工互动")),
        1,
    ),
    ("unpaired-definition", "term and definition", lambda: template(concept()), 0),
    (
        "unpaired-definition",
        "term without definition",
        lambda: template(concept(definition=None)),
        1,
    ),
    (
        "definition-not-verbatim",
        "verbatim",
        lambda: template(concept(**ANNOTATED), sources=SOURCE),
        0,
    ),
    (
        "definition-not-verbatim",
        "full-width colon",
        lambda: template(
            concept(**ANNOTATED),
            sources={
                "report.txt": ["", "三社联动：“三社”指社区、社会组织、社会工作者。"]
            },
        ),
        0,
    ),
    (
        "definition-not-verbatim",
        "editorial is free",
        lambda: template(concept(definition="编辑的定义。")),
        0,
    ),
    (
        "definition-not-verbatim",
        "one word changed",
        lambda: template(
            concept(**ANNOTATED, definition="“三社”指社区、社会组织和社会工作者。"),
            sources=SOURCE,
        ),
        1,
    ),
    (
        "definition-not-verbatim",
        "truncated",
        lambda: template(
            concept(**ANNOTATED, definition="“三社”指社区、社会组织"), sources=SOURCE
        ),
        1,
    ),
    (
        "definition-not-verbatim",
        "line past the end",
        lambda: template(
            concept(**{**ANNOTATED, "definition_references": ["report.txt:9"]}),
            sources=SOURCE,
        ),
        1,
    ),
    (
        "definition-not-verbatim",
        "source missing",
        lambda: template(concept(**ANNOTATED), sources={"report.txt": None}),
        1,
    ),
    (
        "definition-not-verbatim",
        "no citation",
        lambda: template(concept(origin="annotated"), sources=SOURCE),
        1,
    ),
    (
        "definition-not-verbatim",
        "locale PO: the template answers",
        lambda: en(concept("en", **ANNOTATED, definition="改了")),
        0,
    ),
    ("numeral-count", "three items", lambda: template(concept()), 0),
    (
        "numeral-count",
        "two items for 三",
        lambda: template(concept(components=["社区", "社会组织"])),
        1,
    ),
    (
        "numeral-count",
        "ordinal flagged",
        lambda: template(
            concept(
                term="七军会",
                components=["第七届世界军人运动会"],
                flags=["ignore-numeral-count"],
            )
        ),
        0,
    ),
    (
        "numeral-count",
        "ordinal not flagged",
        lambda: template(concept(term="七军会", components=["第七届世界军人运动会"])),
        1,
    ),
    (
        "numeral-count",
        "no numeral",
        lambda: template(concept(term="长江主轴", components=["a", "b"])),
        0,
    ),
    ("numeral-count", "no components", lambda: template(concept(components=[])), 0),
    (
        "numeral-count",
        "sum 3+2+1",
        lambda: template(concept(term="三打击两整治一提升", components=list("abcdef"))),
        0,
    ),
    (
        "numeral-count",
        "locale PO: the template answers",
        lambda: en(concept("en", components=["x"])),
        0,
    ),
    ("cjk-in-rendering", "English", lambda: en(concept("en")), 0),
    (
        "cjk-in-rendering",
        "ideographs in the rendering",
        lambda: en(concept("en", target="three-society (三社) linkage")),
        1,
    ),
    (
        "cjk-in-rendering",
        "full-width comma in the definition",
        lambda: en(concept("en", definition_target="Communities，workers.")),
        1,
    ),
    (
        "cjk-in-rendering",
        "CJK in an alternative",
        lambda: en(concept("en", comments=["alt: 三社 linkage"])),
        1,
    ),
    (
        "cjk-in-rendering",
        "curly quotes are English",
        lambda: en(concept("en", definition_target="The “three societies”.")),
        0,
    ),
    (
        "cjk-in-rendering",
        "variant is Chinese",
        lambda: variant(concept("zh_Hant_TW")),
        0,
    ),
    (
        "forbidden-term-used",
        "avoid not used",
        lambda: en(concept("en", comments=["avoid: three communities"])),
        0,
    ),
    (
        "forbidden-term-used",
        "rendering is the avoided one",
        lambda: en(
            concept(
                "en", target="Three  Communities", comments=["avoid: three communities"]
            )
        ),
        1,
    ),
    (
        "forbidden-term-used",
        "rendering contains it",
        lambda: en(
            concept(
                "en",
                target="the three communities linkage",
                comments=["avoid: three communities"],
            )
        ),
        1,
    ),
    (
        "forbidden-term-used",
        "an alternative contains it",
        lambda: en(
            concept(
                "en", comments=["alt: three communities", "avoid: three communities"]
            )
        ),
        1,
    ),
    (
        "forbidden-term-used",
        "only whole words",
        lambda: en(
            concept("en", target="three-society linkages", comments=["avoid: linkage"])
        ),
        0,
    ),
    ("untranslated", "translated", lambda: en(concept("en")), 0),
    ("untranslated", "no rendering", lambda: en(concept("en", target="")), 1),
    (
        "untranslated",
        "neither",
        lambda: en(concept("en", target="", definition_target="")),
        2,
    ),
    ("untranslated", "template has no targets", lambda: template(concept()), 0),
    (
        "untranslated",
        "variants answer to variant-missing",
        lambda: variant(concept("zh_Hant_TW", target="")),
        0,
    ),
    ("fuzzy", "reviewed", lambda: en(concept("en")), 0),
    ("fuzzy", "fuzzy rendering", lambda: en(concept("en", flags=["fuzzy"])), 1),
    (
        "fuzzy",
        "fuzzy definition",
        lambda: en(concept("en", definition_flags=["fuzzy"])),
        1,
    ),
    (
        "fuzzy",
        "machine suggestion is not reported as fuzzy",
        lambda: en(concept("en", flags=["fuzzy", "machine"])),
        0,
    ),
    (
        "fuzzy",
        "silenced on the entry",
        lambda: en(concept("en", flags=["fuzzy", "ignore-fuzzy"])),
        0,
    ),
    ("machine-suggested", "reviewed", lambda: en(concept("en", flags=["fuzzy"])), 0),
    (
        "machine-suggested",
        "machine suggestion",
        lambda: en(concept("en", flags=["fuzzy", "machine"])),
        1,
    ),
    ("numeral-dropped", "number kept", lambda: en(concept("en")), 0),
    (
        "numeral-dropped",
        "digits kept",
        lambda: en(
            concept("en", term="七军会", target="7th CISM Military World Games")
        ),
        0,
    ),
    (
        "numeral-dropped",
        "number dropped",
        lambda: en(concept("en", target="society linkage")),
        1,
    ),
    (
        "numeral-dropped",
        "all three items listed",
        lambda: en(
            concept(
                "en",
                term="“三化”大武汉",
                target="modern, international and ecological Greater Wuhan",
            )
        ),
        0,
    ),
    (
        "numeral-dropped",
        "two of three listed",
        lambda: en(
            concept(
                "en", term="“三化”大武汉", target="modern and ecological Greater Wuhan"
            )
        ),
        1,
    ),
    (
        "numeral-dropped",
        "no numeral",
        lambda: en(concept("en", term="长江主轴", target="Yangtze River main axis")),
        0,
    ),
    ("whitespace", "clean", lambda: en(concept("en")), 0),
    (
        "whitespace",
        "trailing space in the rendering",
        lambda: en(concept("en", target="three-society linkage ")),
        1,
    ),
    (
        "whitespace",
        "double space in the definition",
        lambda: en(concept("en", definition_target="Communities,  workers.")),
        1,
    ),
    (
        "whitespace",
        "leading space in a template term",
        lambda: template(concept(term=" 三社联动")),
        1,
    ),
    (
        "whitespace",
        "ideographic space in a template definition",
        lambda: template(concept(definition="社区、\u3000社会组织。")),
        1,
    ),
    (
        "unbalanced-quotes",
        "paired",
        lambda: en(concept("en", definition_target='The "three societies".')),
        0,
    ),
    (
        "unbalanced-quotes",
        "straight quote alone",
        lambda: en(concept("en", definition_target='The "three societies.')),
        1,
    ),
    (
        "unbalanced-quotes",
        "opening mark alone in the template",
        lambda: template(concept(definition="“三社指社区。")),
        1,
    ),
    (
        "unbalanced-quotes",
        "annotated text stays verbatim",
        lambda: template(concept(**ANNOTATED, definition="“三社指社区。")),
        0,
    ),
    (
        "halfwidth-punct-in-zh",
        "full-width",
        lambda: template(concept(definition="社区，社会组织。")),
        0,
    ),
    (
        "halfwidth-punct-in-zh",
        "half-width comma",
        lambda: template(concept(definition="社区,社会组织。")),
        1,
    ),
    (
        "halfwidth-punct-in-zh",
        "annotated text stays verbatim",
        lambda: template(concept(**ANNOTATED, definition="社区,社会组织。")),
        0,
    ),
    (
        "halfwidth-punct-in-zh",
        "variant rendering",
        lambda: variant(concept("zh_Hant_TW", target="三社(聯動)")),
        1,
    ),
    (
        "halfwidth-punct-in-zh",
        "English is not Chinese",
        lambda: en(concept("en", target="linkage (three), society")),
        0,
    ),
    (
        "halfwidth-punct-in-zh",
        "X+ formula",
        lambda: template(concept(term="大湖+", components=[])),
        0,
    ),
    (
        "inconsistent-target",
        "distinct",
        lambda: en(
            concept("en"),
            concept("en", term="两工互动", id="t-02", target="two-worker interaction"),
        ),
        0,
    ),
    (
        "inconsistent-target",
        "shared",
        lambda: en(
            concept("en"),
            concept("en", term="两工互动", id="t-02", target="Three-society  linkage"),
        ),
        1,
    ),
    (
        "inconsistent-capitalisation",
        "lower case and a name",
        lambda: en(
            concept("en"),
            concept("en", term="红色引擎工程", id="t-02", target="Red Engine Project"),
        ),
        0,
    ),
    (
        "inconsistent-capitalisation",
        "sentence case among lower case",
        lambda: en(
            concept("en"),
            concept("en", term="两工互动", id="t-02", target="Two-worker interaction"),
        ),
        1,
    ),
    (
        "inconsistent-capitalisation",
        "a definition capitalises a rendering",
        lambda: en(
            concept("en"),
            concept(
                "en",
                term="两工互动",
                id="t-02",
                target="two-worker interaction",
                definition_target="Paired with Three-Society Linkage.",
            ),
        ),
        1,
    ),
    (
        "inconsistent-capitalisation",
        "a sentence may start with it",
        lambda: en(
            concept("en"),
            concept(
                "en",
                term="两工互动",
                id="t-02",
                target="two-worker interaction",
                definition_target="Three-society linkage is its partner.",
            ),
        ),
        0,
    ),
    ("traditional-in-simplified", "Simplified", lambda: template(concept()), 0),
    (
        "traditional-in-simplified",
        "Traditional term",
        lambda: template(concept(term="三社聯動")),
        1,
    ),
    (
        "traditional-in-simplified",
        "Traditional definition and component",
        lambda: template(
            concept(definition="社區。", components=["社區", "社会组织", "社会工作者"])
        ),
        2,
    ),
    (
        "traditional-in-simplified",
        "variant targets are meant to be Traditional",
        lambda: variant(concept("zh_Hant_TW")),
        0,
    ),
    ("variant-missing", "complete", lambda: variant(concept("zh_Hant_TW")), 0),
    ("variant-missing", "concept missing", lambda: variant(), 1),
    (
        "variant-missing",
        "empty variant",
        lambda: variant(concept("zh_Hant_TW", target="", definition_target="")),
        2,
    ),
    ("variant-missing", "English is no variant", lambda: en(), 0),
    (
        "variant-stale",
        "converted and current",
        lambda: variant(concept("zh_Hant_TW")),
        0,
    ),
    (
        "variant-stale",
        "hand edit, unmarked",
        lambda: variant(concept("zh_Hant_TW", target="三社聯動機制", comments=[])),
        0,
    ),
    (
        "variant-stale",
        "hand edit, still marked",
        lambda: variant(concept("zh_Hant_TW", target="三社聯動機制")),
        1,
    ),
    (
        "variant-stale",
        "unknown config",
        lambda: variant(concept("zh_Hant_TW", comments=["converted: s2xx"])),
        1,
    ),
    (
        "variant-stale",
        "template definition changed",
        lambda: variant(concept("zh_Hant_TW", definition="旧定义。")),
        1,
    ),
    (
        "variant-stale",
        "not in the template",
        lambda: variant(
            concept("zh_Hant_TW"),
            concept("zh_Hant_TW", term="两工互动", id="t-02", target="兩工互動"),
        ),
        1,
    ),
]


@pytest.mark.parametrize(
    ("check_id", "builder", "expected"),
    [(c, b, n) for c, _, b, n in CASES],
    ids=[f"{c}: {what}" for c, what, _, _ in CASES],
)
def test_check(
    check_id: str, builder: Callable[[], CheckContext], expected: int
) -> None:
    findings = run(check_id, builder())
    assert [f.check_id for f in findings] == [check_id] * expected, findings


def test_every_check_has_a_passing_and_a_failing_case() -> None:
    passing = {c for c, _, _, n in CASES if n == 0}
    failing = {c for c, _, _, n in CASES if n > 0}
    loaded = {c.id for c in all_checks() if c.func is not None}
    assert loaded <= passing
    assert loaded <= failing


def test_severities_follow_the_design() -> None:
    errors = {
        "parse-error",
        "incomplete-header",
        "duplicate-concept",
        "unpaired-definition",
        "definition-not-verbatim",
        "numeral-count",
        "cjk-in-rendering",
        "forbidden-term-used",
        "variant-missing",
        "variant-stale",
    }
    registered = {c.id: c.severity for c in all_checks()}
    assert {i for i, s in registered.items() if s is Severity.ERROR} == errors
    assert {i for i, s in registered.items() if s is Severity.WARNING} == {
        "untranslated",
        "fuzzy",
        "machine-suggested",
        "inconsistent-target",
        "traditional-in-simplified",
        "inconsistent-capitalisation",
        "numeral-dropped",
        "whitespace",
        "unbalanced-quotes",
        "halfwidth-punct-in-zh",
    }


def test_registry_metadata() -> None:
    for item in all_checks():
        assert item.name and item.description.endswith("."), item
        assert "``" not in item.description
    with pytest.raises(ValueError, match="registered twice"):
        register(Check("fuzzy", "Again", Severity.WARNING, "Again."))
    with pytest.raises(ValueError, match="kebab-case"):
        register(Check("Not_Kebab", "Bad", Severity.WARNING, "Bad."))


def test_a_template_flag_silences_the_check_in_every_locale() -> None:
    ctx = context(
        "en",
        [concept("en", flags=["fuzzy"])],
        template=[concept(flags=["ignore-fuzzy"])],
    )
    assert run("fuzzy", ctx) == []


def test_a_definition_flag_silences_the_whole_concept() -> None:
    ctx = en(concept("en", target="", definition_flags=["ignore-untranslated"]))
    assert run("untranslated", ctx) == []


def test_findings_carry_the_concept_id_and_term_from_the_template() -> None:
    ctx = context(
        "en",
        [concept("en", id="", target="")],
        template=[concept(id="t-42")],
    )
    (finding,) = run("untranslated", ctx)
    assert (finding.concept_id, finding.term, finding.path) == (
        "t-42",
        "三社联动",
        "test.po",
    )
    assert finding.severity is Severity.WARNING


def test_findings_point_at_the_exact_line() -> None:
    lines = [
        "#. id: t-01",
        "#, fuzzy",
        'msgid "三社联动"',
        'msgstr ""',
        "",
        'msgctxt "definition|三社联动"',
        'msgid "x"',
        'msgstr "y"',
    ]
    item = concept("en", target="", flags=["fuzzy"], line=1, definition_line=6)
    ctx = en(item, lines=lines)
    assert [f.line for f in run("untranslated", ctx)] == [4]
    assert [f.line for f in run("fuzzy", ctx)] == [2]


def test_every_check_runs_on_an_empty_file() -> None:
    for kind in ("template", "en", "zh_Hant_TW"):
        ctx = context(kind, [], template=[] if kind != "template" else None)
        checks = [c for c in all_checks() if c.id != "incomplete-header"]
        assert run_checks(ctx, checks) == []


def test_get_check() -> None:
    item = get_check("numeral-count")
    assert item is not None and item.scope == "concept"
    assert get_check("no-such-check") is None
