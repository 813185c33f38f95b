"""`glossary convert`: the variant catalogues from the CLI, --check, --format json, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from glossarykit.formats.po import read_po
from glossarykit.services.catalogue import TEMPLATE_PATH, locale_path
from glossarykit.services.convert import VARIANT_CONFIGS, expected_variant

from ..conftest import Invoke
from ..variant_helpers import (
    TW,
    edit_template,
    entry_block,
    make_catalogue,
    without_revision_date,
)

TW_PO = "locales/zh_Hant_TW/LC_MESSAGES/glossary.po"
HK_PO = "locales/zh_Hant_HK/LC_MESSAGES/glossary.po"
PHRASE_REPORT = (
    "Phrase-level conversion (s2twp for zh_Hant_TW) would change vocabulary, "
    "not just glyphs, in 2 concepts:\n"
    "  t-1  软件园区  term        軟件 → 軟體\n"
    "  t-1  软件园区  definition  信息 → 資訊, 軟件 → 軟體\n"
    "  t-2  三社联动  definition  社區 → 社群\n"
    "Accept one with `glossary convert --accept-phrase ID`.\n"
)


def test_convert_creates_both_variants_and_reports_phrase_level_changes(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)

    result = run("convert", catalogue=root)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"Created {TW_PO}: 4 concepts converted with s2tw.\n"
        f"Created {HK_PO}: 4 concepts converted with s2hk.\n" + PHRASE_REPORT
    )
    again = run("convert", catalogue=root)
    assert again.stderr == (
        f"{TW_PO}: up to date.\n{HK_PO}: up to date.\n" + PHRASE_REPORT
    )


def test_accept_phrase_marks_the_concept_in_the_report(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    run("convert", catalogue=root)

    result = run("convert", "--accept-phrase", "软件园区", catalogue=root)

    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        f"Updated {TW_PO}: 2 entries refreshed.",
        f"{HK_PO}: up to date.",
    ]
    assert "  t-1  软件园区  term        軟件 → 軟體  (accepted)" in (
        result.stderr.splitlines()
    )
    block = entry_block((root / TW_PO).read_text(encoding="utf-8"), "软件园区")
    assert block.startswith("# converted: s2twp\n") and block.endswith(
        'msgstr "軟體園區"'
    )


def test_check_lists_stale_entries_and_exits_1(run: Invoke, tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    missing = run("convert", "--check", catalogue=root)
    assert (missing.exit_code, missing.stdout) == (
        1,
        f"{TW_PO}: missing; `glossary convert` creates it\n"
        f"{HK_PO}: missing; `glossary convert` creates it\n",
    )
    assert not (root / TW_PO).exists()

    run("convert", catalogue=root)
    edit_template(root, "群众路线", definition="着力为广大人民群众服务。")
    path = root / TW_PO
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'msgstr "三社聯動"', 'msgstr "三社連動"'
        ),
        encoding="utf-8",
    )
    before = path.read_bytes()

    result = run("convert", "--check", catalogue=root)

    assert result.exit_code == 1
    assert result.stdout == (
        f"{TW_PO}:29: 三社联动 (t-2): term edited by hand but still marked "
        "`# converted: s2tw`; delete that comment line to keep the edit, or empty "
        "the msgstr to convert it again\n"
        f"{TW_PO}:58: 群众路线 (t-4): definition changed in the template\n"
        f"{HK_PO}:58: 群众路线 (t-4): definition changed in the template\n"
    )
    assert result.stderr == (
        f"Stale {TW_PO}: 1 conflict, 1 entry changed in the template.\n"
        f"Stale {HK_PO}: 1 entry changed in the template.\n"
        "2 variant catalogues stale: run `glossary convert`; conflicts need an editor.\n"
    )
    assert path.read_bytes() == before


def test_convert_warns_about_conflicts_it_leaves_alone(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    run("convert", catalogue=root)
    path = root / TW_PO
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'msgstr "三社聯動"', 'msgstr "三社連動"'
        ),
        encoding="utf-8",
    )

    result = run("convert", "--locale", TW, catalogue=root)

    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        f"warning: {TW_PO}:29: 三社联动 (t-2): term edited by hand but still marked "
        "`# converted: s2tw`; delete that comment line to keep the edit, or empty "
        "the msgstr to convert it again",
        f"Updated {TW_PO}: 1 conflict left alone.",
    ]
    assert 'msgstr "三社連動"' in path.read_text(encoding="utf-8")


def test_json_output_for_tools(run: Invoke, tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    run("convert", catalogue=root)

    result = run("convert", "--format", "json", catalogue=root)

    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["check", "stale", "variants", "phrase_changes"]
    assert (data["check"], data["stale"]) == (False, False)
    assert [
        (v["locale"], v["config"], v["path"], v["changed"]) for v in data["variants"]
    ] == [
        ("zh_Hant_TW", "s2tw", TW_PO, False),
        ("zh_Hant_HK", "s2hk", HK_PO, False),
    ]
    assert data["phrase_changes"][2] == {
        "locale": "zh_Hant_TW",
        "id": "t-2",
        "term": "三社联动",
        "entry": "definition",
        "glyph": "“三社”指社區、社會組織、社會工作者。",
        "phrase": "“三社”指社群、社會組織、社會工作者。",
        "changes": [{"glyph": "社區", "phrase": "社群"}],
        "accepted": False,
    }
    assert result.stderr == f"{TW_PO}: up to date.\n{HK_PO}: up to date.\n"


def test_check_cannot_accept_or_reject(run: Invoke, tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    result = run("convert", "--check", "--accept-phrase", "t-1", catalogue=root)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --check writes nothing; drop it to accept or reject.\n"
    )


def test_an_unknown_locale_is_a_usage_error(run: Invoke, tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    result = run("convert", "--locale", "zh_Hant", catalogue=root)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--locale': 'zh_Hant' is not one of "
        "'zh_Hant_TW', 'zh_Hant_HK'.\n"
    )


def test_an_unknown_concept_is_an_input_error_and_nothing_is_written(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    result = run("convert", "--accept-phrase", "t-99", catalogue=root)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {root / TEMPLATE_PATH}: no concept “t-99” in the template. "
        "Give a concept id (as in `#. id:`) or its Simplified head term\n"
    )
    assert not (root / TW_PO).exists()


def test_help_imports_neither_opencc_nor_babel() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from glossarykit.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('opencc', 'babel') if m in sys.modules))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert output == "[]\n"


# The "Show" list, on the seed glossary (whatever concepts it holds by then).


def test_both_variants_are_complete_for_every_concept_and_pass_msgfmt(
    run: Invoke, catalogue_copy: Path
) -> None:
    assert run("convert", catalogue=catalogue_copy).exit_code == 0

    template = read_po(catalogue_copy / TEMPLATE_PATH)
    for locale in VARIANT_CONFIGS:
        path = locale_path(catalogue_copy, locale)
        variant = read_po(path)
        for concept in template.concepts:
            converted = variant.get(concept.term)
            assert converted is not None, (locale, concept.term)
            assert converted.target and "fuzzy" not in converted.flags
            if concept.definition:
                assert converted.definition_target
                assert "fuzzy" not in converted.definition_flags
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    check = run("convert", "--check", catalogue=catalogue_copy)
    assert (check.exit_code, check.stdout) == (0, "")


def test_hand_edit_survives_update_and_convert_while_a_changed_definition_is_refreshed(
    run: Invoke, catalogue_copy: Path
) -> None:
    root = catalogue_copy
    assert run("convert", catalogue=root).exit_code == 0
    template = read_po(root / TEMPLATE_PATH)
    english = read_po(locale_path(root, "en"))
    edited_concept = template.concepts[0]
    changed_concept = next(
        c
        for c in template.concepts[1:]
        if c.definition and (english.get(c.term) or c).definition_target
    )

    # An editor edits the Taiwan term of one concept (and drops the converter's mark)...
    tw_path = locale_path(root, TW)
    tw_text = tw_path.read_text(encoding="utf-8")
    block = entry_block(tw_text, edited_concept.term)
    edited = block.replace("# converted: s2tw\n", "").replace(
        f'msgstr "{expected_variant(edited_concept.term, TW)}"',
        f'msgstr "{expected_variant(edited_concept.term, TW)}（臺灣用語）"',
    )
    assert edited != block
    tw_path.write_text(tw_text.replace(block, edited), encoding="utf-8")
    # ... and a terminologist rewrites part of another concept's definition.
    old_definition = changed_concept.definition or ""
    new_definition = old_definition.removesuffix("。") + "等。"
    edit_template(root, changed_concept.term, definition=new_definition)
    english_before = english.get(changed_concept.term)
    assert english_before is not None

    update = run("update", catalogue=root)
    convert = run("convert", catalogue=root)

    assert (update.exit_code, convert.exit_code) == (0, 0)
    tw_after = tw_path.read_text(encoding="utf-8")
    assert entry_block(tw_after, edited_concept.term) == edited
    for locale in VARIANT_CONFIGS:
        concept = read_po(locale_path(root, locale)).get(changed_concept.term)
        assert concept is not None
        assert concept.definition == new_definition
        assert concept.definition_target == expected_variant(new_definition, locale)
        assert concept.definition_flags == []
        assert concept.previous_definition is None
    english_after = read_po(locale_path(root, "en")).get(changed_concept.term)
    assert english_after is not None
    assert "fuzzy" in english_after.definition_flags
    assert english_after.previous_definition == old_definition
    assert english_after.definition_target == english_before.definition_target
    assert "#| msgid " in entry_block(
        locale_path(root, "en").read_text(encoding="utf-8"),
        new_definition,
        changed_concept.definition_context,
    )
    # Everything else in the Taiwan file is as it was, byte for byte.
    changed_block = entry_block(
        tw_after, new_definition, changed_concept.definition_context
    )
    old_block = entry_block(
        tw_text.replace(block, edited),
        old_definition,
        changed_concept.definition_context,
    )
    assert without_revision_date(tw_after) == without_revision_date(
        tw_text.replace(block, edited).replace(old_block, changed_block)
    )
    assert run("convert", "--check", catalogue=root).exit_code == 0
    assert run("update", "--check", catalogue=root).exit_code == 0
