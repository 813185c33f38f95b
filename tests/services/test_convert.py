"""OpenCC conversion and the variant catalogues: fill, refresh, hand edits, phrase level."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from glossarykit.errors import GlossaryError, UnsupportedLocaleError
from glossarykit.formats.po import read_po
from glossarykit.model import Concept, Synonym
from glossarykit.services import convert
from glossarykit.services.catalogue import load_catalogue, locale_path
from glossarykit.services.convert import (
    EVENT_CHANGED,
    EVENT_CONFLICT,
    EVENT_CREATED,
    EVENT_FUZZY,
    EVENT_KEPT,
    EVENT_MISSING,
    EVENT_OBSOLETE,
    EVENT_REFRESHED,
    EVENT_REPLACED,
    EVENT_SYNONYMS,
    PHRASE_CONFIGS,
    VARIANT_CONFIGS,
    ConvertEvent,
    convert_catalogue,
    convert_text,
    expected_variant,
    simplified_forms,
    vocabulary_changes,
)
from glossarykit.services.update import update_catalogue

from ..variant_helpers import (
    HK,
    TW,
    concepts,
    edit_template,
    entry_block,
    entry_line,
    make_catalogue,
    without_revision_date,
    write_template,
)

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)


def variant_text(root: Path, locale: str) -> str:
    return locale_path(root, locale).read_text(encoding="utf-8")


def converted(root: Path, **options: object) -> Path:
    convert_catalogue(load_catalogue(root), now=NOW, **options)  # type: ignore[arg-type]
    return root


def test_the_configs_are_fixed_per_locale() -> None:
    assert VARIANT_CONFIGS == {"zh_Hant_TW": "s2tw", "zh_Hant_HK": "s2hk"}
    assert PHRASE_CONFIGS == {"zh_Hant_TW": "s2twp", "zh_Hant_HK": "s2hk"}


@pytest.mark.parametrize(
    ("text", "locale", "phrase", "expected"),
    [
        ("信息软件", TW, False, "信息軟件"),
        ("信息软件", TW, True, "資訊軟體"),
        ("信息软件", HK, False, "信息軟件"),
        ("着力为人民群众服务", TW, False, "著力為人民群眾服務"),
        ("着力为人民群众服务", HK, False, "着力為人民羣眾服務"),
        ("着力为人民群众服务", HK, True, "着力為人民羣眾服務"),
    ],
)
def test_expected_variant(text: str, locale: str, phrase: bool, expected: str) -> None:
    assert expected_variant(text, locale, phrase) == expected


def test_expected_variant_refuses_other_locales() -> None:
    with pytest.raises(UnsupportedLocaleError) as info:
        expected_variant("三社联动", "zh_Hant")
    assert str(info.value) == (
        "zh_Hant is not a Traditional-script variant locale. "
        "Use one of zh_Hant_TW, zh_Hant_HK"
    )


def test_converters_are_built_once_per_config() -> None:
    convert_text("软件", "s2tw")
    before = convert._converter.cache_info()
    convert_text("信息", "s2tw")
    convert_text("鼠标", "s2tw")
    after = convert._converter.cache_info()
    assert after.misses == before.misses
    assert after.hits == before.hits + 2


def test_simplified_forms_read_traditional_input() -> None:
    assert simplified_forms("三社聯動") == ["三社联动"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息软件企业集聚的园区。", [("信息", "資訊"), ("軟件", "軟體")]),
        # one change although the lengths differ and 網 is shared
        ("推进互联网与政务服务深度融合", [("互聯網", "網際網路")]),
        # widened to the word: 窗口 → 視窗, not an insertion of 視 and a deletion of 口
        ("一个窗口能办理多类事项，窗口人员", [("窗口", "視窗")]),
        ("系统化的优化提升，从全局出发", [("優化", "最佳化"), ("全局", "全域性")]),
        ("三社联动", []),
    ],
)
def test_vocabulary_changes_name_the_replaced_words(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert vocabulary_changes(text, TW) == expected
    assert vocabulary_changes(text, HK) == []


def test_a_new_variant_file_holds_every_concept_converted_and_marked(
    tmp_path: Path,
) -> None:
    root = converted(make_catalogue(tmp_path))
    for locale, config in VARIANT_CONFIGS.items():
        file = read_po(locale_path(root, locale))
        assert file.header_value("Language") == locale
        assert file.header_value("PO-Revision-Date") == "2026-12-01 09:30+0000"
        assert file.header_value("Plural-Forms") == "nplurals=1; plural=0;"
        for concept in file.concepts:
            assert concept.target == expected_variant(concept.term, locale)
            assert concept.definition_target == expected_variant(
                concept.definition or "", locale
            )
            assert concept.comments[0] == f"converted: {config}"
            assert concept.definition_comments == [f"converted: {config}"]
        subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(locale_path(root, locale))],
            check=True,
        )


def test_synonyms_are_written_converted_as_translator_comments(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    assert entry_block(variant_text(root, TW), "七军会") == (
        "# converted: s2tw\n"
        "# synonym: 第七屆世界軍人運動會 (fullForm)\n"
        "#. id: t-3\n"
        "#. term-type: abbreviation\n"
        "#. synonym: 第七届世界军人运动会 (fullForm)\n"
        'msgid "七军会"\n'
        'msgstr "七軍會"'
    )


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    before = {loc: variant_text(root, loc) for loc in VARIANT_CONFIGS}

    report = convert_catalogue(load_catalogue(root), now=datetime.now(timezone.utc))

    assert not report.is_stale
    assert [v.events for v in report.variants] == [[], []]
    assert {loc: variant_text(root, loc) for loc in VARIANT_CONFIGS} == before


def test_a_hand_edit_without_the_marker_is_never_overwritten(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    path = locale_path(root, TW)
    text = path.read_text(encoding="utf-8")
    edited = entry_block(text, "三社联动").replace("# converted: s2tw\n", "")
    edited = edited.replace('msgstr "三社聯動"', 'msgstr "三社連動"')
    path.write_text(
        text.replace(entry_block(text, "三社联动"), edited), encoding="utf-8"
    )

    report = convert_catalogue(load_catalogue(root), [TW], now=NOW)

    assert entry_block(variant_text(root, TW), "三社联动") == edited
    assert [(e.kind, e.term, e.entry) for e in report.variants[0].events] == [
        (EVENT_KEPT, "三社联动", "term")
    ]
    assert not report.is_stale


def test_a_marked_entry_edited_by_hand_is_a_conflict_left_alone(
    tmp_path: Path,
) -> None:
    root = converted(make_catalogue(tmp_path))
    path = locale_path(root, TW)
    text = path.read_text(encoding="utf-8").replace(
        'msgstr "三社聯動"', 'msgstr "三社連動"'
    )
    path.write_text(text, encoding="utf-8")

    report = convert_catalogue(load_catalogue(root), [TW], now=NOW)

    assert path.read_text(encoding="utf-8") == text
    [event] = report.variants[0].events
    line = entry_line(text, "三社联动")
    assert event == ConvertEvent(
        EVENT_CONFLICT, "三社联动", "t-2", "term", line, "s2tw"
    )
    assert event.message == (
        "三社联动 (t-2): term edited by hand but still marked `# converted: s2tw`; "
        "delete that comment line to keep the edit, or empty the msgstr to convert it again"
    )
    assert report.is_stale


def test_a_changed_definition_is_refreshed_after_update(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    edit_template(root, "群众路线", definition="着力为广大人民群众服务。")
    update_catalogue(load_catalogue(root))

    report = convert_catalogue(load_catalogue(root), now=NOW)

    for variant in report.variants:
        assert [(e.kind, e.entry) for e in variant.events] == [
            (EVENT_FUZZY, "definition")
        ]
    assert entry_block(
        variant_text(root, HK), "着力为广大人民群众服务。", "definition|群众路线"
    ) == (
        "# converted: s2hk\n"
        'msgctxt "definition|群众路线"\n'
        'msgid "着力为广大人民群众服务。"\n'
        'msgstr "着力為廣大人民羣眾服務。"'
    )


def test_without_update_a_changed_template_is_merged_by_convert(
    tmp_path: Path,
) -> None:
    root = converted(make_catalogue(tmp_path))
    edit_template(root, "群众路线", definition="着力为广大人民群众服务。")

    report = convert_catalogue(load_catalogue(root), [TW], now=NOW)

    assert [(e.kind, e.entry) for e in report.variants[0].events] == [
        (EVENT_CHANGED, "definition")
    ]
    assert report.variants[0].events[0].message == (
        "群众路线 (t-4): definition changed in the template"
    )
    concept = read_po(locale_path(root, TW)).get("群众路线")
    assert concept is not None
    assert concept.definition_target == "著力為廣大人民群眾服務。"
    assert concept.definition_flags == [] and concept.previous_definition is None


def test_a_fuzzy_hand_edit_is_refilled_and_kept_as_a_replaced_comment(
    tmp_path: Path,
) -> None:
    root = converted(make_catalogue(tmp_path))
    path = locale_path(root, TW)
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, "着力为人民群众服务。", "definition|群众路线")
    edited = block.replace("# converted: s2tw\n", "").replace(
        "著力為人民群眾服務。", "致力為人民群眾服務。"
    )
    path.write_text(text.replace(block, edited), encoding="utf-8")
    edit_template(root, "群众路线", definition="着力为广大人民群众服务。")

    report = convert_catalogue(load_catalogue(root), [TW], now=NOW)

    assert [e.kind for e in report.variants[0].events] == [EVENT_REPLACED]
    assert entry_block(
        variant_text(root, TW), "着力为广大人民群众服务。", "definition|群众路线"
    ) == (
        "# replaced: 致力為人民群眾服務。\n"
        "# converted: s2tw\n"
        'msgctxt "definition|群众路线"\n'
        'msgid "着力为广大人民群众服务。"\n'
        'msgstr "著力為廣大人民群眾服務。"'
    )


def test_new_and_removed_concepts_are_added_and_made_obsolete(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    items = [c for c in concepts() if c.term != "七军会"]
    items.append(Concept(term="大湖+", definition="以大湖为核心的发展。", id="t-8"))
    write_template(root, items)

    report = convert_catalogue(load_catalogue(root), [HK], now=NOW)

    assert [(e.kind, e.term, e.entry) for e in report.variants[0].events] == [
        (EVENT_OBSOLETE, "七军会", "term"),
        (EVENT_OBSOLETE, "七军会", "definition"),
        (EVENT_MISSING, "大湖+", "term"),
        (EVENT_MISSING, "大湖+", "definition"),
    ]
    file = read_po(locale_path(root, HK))
    assert [c.term for c in file.concepts] == [c.term for c in items]
    assert [(e.msgid, e.obsolete) for e in file.extra] == [
        ("七军会", True),
        ("第七届世界军人运动会。", True),
    ]


def test_template_synonyms_reach_the_converted_term_entry(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    file = read_po(root / "glossary" / "glossary.pot")
    concept = file.get("三社联动")
    assert concept is not None
    concept.synonyms = [Synonym("社区社会组织社工联动", "fullForm")]
    write_template(root, file.concepts)

    report = convert_catalogue(load_catalogue(root), [TW], now=NOW)

    assert [e.kind for e in report.variants[0].events] == [EVENT_SYNONYMS]
    assert "# synonym: 社區社會組織社工聯動 (fullForm)\n" in entry_block(
        variant_text(root, TW), "三社联动"
    )


def test_phrase_level_changes_are_reported_for_taiwan_only(tmp_path: Path) -> None:
    report = convert_catalogue(
        load_catalogue(make_catalogue(tmp_path)), write=False, now=NOW
    )
    assert [
        (c.locale, c.concept_id, c.entry, c.changes, c.accepted)
        for c in report.phrase_changes
    ] == [
        ("zh_Hant_TW", "t-1", "term", (("軟件", "軟體"),), False),
        (
            "zh_Hant_TW",
            "t-1",
            "definition",
            (("信息", "資訊"), ("軟件", "軟體")),
            False,
        ),
        ("zh_Hant_TW", "t-2", "definition", (("社區", "社群"),), False),
    ]


def test_accepting_phrase_level_conversion_marks_the_concept(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))

    report = convert_catalogue(load_catalogue(root), accept_phrase=["t-1"], now=NOW)

    tw = [(e.kind, e.entry) for e in report.variants[0].events]
    assert tw == [(EVENT_REFRESHED, "term"), (EVENT_REFRESHED, "definition")]
    assert report.variants[1].events == []  # Hong Kong has no phrase-level config
    text = variant_text(root, TW)
    assert entry_block(text, "软件园区").startswith("# converted: s2twp\n")
    assert entry_block(text, "软件园区").endswith('msgstr "軟體園區"')
    assert [c.accepted for c in report.phrase_changes] == [True, True, False]

    # It sticks: later runs, and template changes, keep phrase level for this concept.
    edit_template(root, "软件园区", definition="信息软件企业集聚的园区和基地。")
    convert_catalogue(load_catalogue(root), now=NOW)
    concept = read_po(locale_path(root, TW)).get("软件园区")
    assert concept is not None
    assert concept.definition_target == "資訊軟體企業集聚的園區和基地。"

    # And it can be taken back, by head term.
    convert_catalogue(load_catalogue(root), reject_phrase=["软件园区"], now=NOW)
    concept = read_po(locale_path(root, TW)).get("软件园区")
    assert concept is not None
    assert (concept.target, concept.comments) == ("軟件園區", ["converted: s2tw"])


def test_an_unknown_concept_to_accept_is_an_error(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    with pytest.raises(GlossaryError) as info:
        convert_catalogue(load_catalogue(root), accept_phrase=["t-99"])
    assert info.value.message == "no concept “t-99” in the template"
    assert not locale_path(root, TW).exists()


def test_check_mode_writes_nothing_and_reports_the_missing_file(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    report = convert_catalogue(load_catalogue(root), write=False)
    assert report.is_stale
    assert [[e.kind for e in v.events] for v in report.variants] == [
        [EVENT_CREATED],
        [EVENT_CREATED],
    ]
    assert not locale_path(root, TW).exists()
    assert not locale_path(root, HK).exists()


def test_the_revision_date_changes_only_with_the_content(tmp_path: Path) -> None:
    root = converted(make_catalogue(tmp_path))
    later = datetime(2027, 1, 1, tzinfo=timezone.utc)
    before = variant_text(root, TW)
    convert_catalogue(load_catalogue(root), now=later)
    assert variant_text(root, TW) == before
    edit_template(root, "群众路线", definition="着力为广大人民群众服务。")
    convert_catalogue(load_catalogue(root), now=later)
    after = variant_text(root, TW)
    assert '"PO-Revision-Date: 2027-01-01 00:00+0000\\n"' in after
    assert without_revision_date(after) != without_revision_date(before)
