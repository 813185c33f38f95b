"""`glossary lookup` across scripts once the variant catalogues exist: same concept, variants shown."""

from __future__ import annotations

import json
from pathlib import Path

from glossarykit.services.convert import expected_variant

from ..conftest import Invoke
from ..variant_helpers import HK, TW, entry_block, make_catalogue


def test_traditional_and_simplified_input_print_the_same_concept_with_variants(
    run: Invoke, catalogue_copy: Path
) -> None:
    assert run("convert", catalogue=catalogue_copy).exit_code == 0

    simplified = run("lookup", "三社联动", catalogue=catalogue_copy)
    traditional = run("lookup", "三社聯動", catalogue=catalogue_copy)

    assert (simplified.exit_code, traditional.exit_code) == (0, 0)
    assert traditional.stdout == simplified.stdout
    assert simplified.stderr == ""
    assert traditional.stderr == "1 traditional match for 三社聯動:\n"
    lines = simplified.stdout.splitlines()
    assert lines[0].startswith("三社联动  ")
    assert "  zh_Hant_HK     三社聯動" in lines
    assert "  zh_Hant_TW     三社聯動" in lines


def test_json_lookup_carries_both_variants(run: Invoke, catalogue_copy: Path) -> None:
    run("convert", catalogue=catalogue_copy)

    result = run("lookup", "三社聯動", "--format", "json", catalogue=catalogue_copy)

    data = json.loads(result.stdout)
    assert data["match"] == "traditional"
    [concept] = data["concepts"]
    assert concept["term"] == "三社联动"
    definition = concept["definition"]
    assert concept["variants"] == {
        HK: {"term": "三社聯動", "definition": expected_variant(definition, HK)},
        TW: {"term": "三社聯動", "definition": expected_variant(definition, TW)},
    }


def test_a_regional_form_is_found_through_its_variant_catalogue(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    run("convert", catalogue=root)

    result = run("lookup", "羣眾路線", catalogue=root)  # the Hong Kong form

    assert result.exit_code == 0
    assert result.stderr == "1 traditional match for 羣眾路線:\n"
    lines = result.stdout.splitlines()
    assert lines[0] == "群众路线  mass line"
    assert "  zh_Hant_HK     羣眾路線" in lines
    assert "  zh_Hant_TW     群眾路線" in lines


def test_a_reviewed_hand_edit_is_found_where_opencc_alone_would_not(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    run("convert", catalogue=root)
    before = run("lookup", "三社連動", catalogue=root)
    assert before.exit_code == 1

    path = root / "locales" / TW / "LC_MESSAGES" / "glossary.po"
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, "三社联动")
    edited = block.replace("# converted: s2tw\n", "").replace("三社聯動", "三社連動")
    path.write_text(text.replace(block, edited), encoding="utf-8")

    result = run("lookup", "三社連動", catalogue=root)

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "三社联动  three-society linkage"
    assert "  zh_Hant_TW     三社連動" in result.stdout.splitlines()
