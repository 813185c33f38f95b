"""`update_catalogue` / `merge_file`: gettext merge semantics through Babel's Catalog.update."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.errors import DuplicateConceptError
from glossarykit.formats.babelcat import MergeEntry, merge_entries
from glossarykit.formats.po import read_po, write_po
from glossarykit.model import CatalogueFile, Concept
from glossarykit.services.catalogue import TEMPLATE_PATH, load_catalogue, locale_path
from glossarykit.services.update import (
    CHANGE_FUZZY,
    CHANGE_NEW,
    CHANGE_OBSOLETE,
    EntryChange,
    merge_file,
    update_catalogue,
)

from ..variant_helpers import (
    concepts,
    edit_template,
    entry_block,
    entry_line,
    make_catalogue,
    write_english,
    write_template,
)


def english_text(root: Path) -> str:
    return locale_path(root, "en").read_text(encoding="utf-8")


def test_an_unchanged_template_leaves_every_locale_byte_for_byte(
    catalogue_copy: Path,
) -> None:
    before = {p: p.read_bytes() for p in (catalogue_copy / "locales").rglob("*.po")}
    results = update_catalogue(load_catalogue(catalogue_copy))
    assert [r.changed for r in results] == [False] * len(before)
    assert all(r.changes == [] for r in results)
    assert {p: p.read_bytes() for p in before} == before


def test_a_changed_definition_turns_fuzzy_with_the_previous_msgid(
    tmp_path: Path,
) -> None:
    root = make_catalogue(tmp_path)
    old = edit_template(
        root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。"
    )

    [result] = update_catalogue(load_catalogue(root))

    assert result.changes == [
        EntryChange(CHANGE_FUZZY, "三社联动", "t-2", "definition", 31, old)
    ]
    block = entry_block(
        english_text(root),
        "“三社”指社区、社会组织和社会工作者。",
        "definition|三社联动",
    )
    assert block == (
        "#, fuzzy\n"
        f'#| msgid "{old}"\n'
        'msgctxt "definition|三社联动"\n'
        'msgid "“三社”指社区、社会组织和社会工作者。"\n'
        'msgstr "The three societies act together."'
    )


def test_a_new_concept_arrives_untranslated_in_template_order(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    items = concepts()
    items.insert(1, Concept(term="四水共治", definition="防洪水、排涝水。", id="t-9"))
    write_template(root, items)
    [result] = update_catalogue(load_catalogue(root))

    assert [c.kind for c in result.changes] == [CHANGE_NEW, CHANGE_NEW]
    merged = read_po(locale_path(root, "en"))
    assert [c.term for c in merged.concepts] == [c.term for c in items]
    new = merged.get("四水共治")
    assert new is not None
    assert (new.target, new.definition_target, new.flags, new.comments) == (
        "",
        "",
        [],
        [],
    )
    assert new.id == "t-9"


def test_a_removed_concept_becomes_obsolete_with_its_comments(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    write_template(root, [c for c in concepts() if c.term != "七军会"])
    [result] = update_catalogue(load_catalogue(root))

    assert [(c.kind, c.term, c.entry) for c in result.changes] == [
        (CHANGE_OBSOLETE, "七军会", "term"),
        (CHANGE_OBSOLETE, "七军会", "definition"),
    ]
    text = english_text(root)
    assert text.endswith(
        "# note: about 7th Military World Games\n"
        '#~ msgid "七军会"\n'
        '#~ msgstr "7th Military World Games"\n'
        "\n"
        '#~ msgctxt "definition|七军会"\n'
        '#~ msgid "第七届世界军人运动会。"\n'
        '#~ msgstr "The 7th CISM Military World Games."\n'
    )
    assert 'msgid "七军会"' not in text.replace('#~ msgid "七军会"', "")


def test_a_renamed_term_keeps_its_translations_as_fuzzy(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "群众路线", term="群众路线教育")

    [result] = update_catalogue(load_catalogue(root))

    assert [(c.kind, c.entry, c.previous) for c in result.changes] == [
        (CHANGE_FUZZY, "term", "群众路线"),
        (CHANGE_FUZZY, "definition", "着力为人民群众服务。"),
    ]
    concept = read_po(locale_path(root, "en")).get("群众路线教育")
    assert concept is not None
    assert concept.target == "mass line"
    assert concept.comments == ["note: about mass line"]
    assert "fuzzy" in concept.flags and "fuzzy" in concept.definition_flags


def test_template_metadata_and_references_replace_the_locale_ones(
    tmp_path: Path,
) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "软件园区", domain="产业")

    [result] = update_catalogue(load_catalogue(root))

    assert result.changed and result.changes == []
    concept = read_po(locale_path(root, "en")).get("软件园区")
    assert concept is not None and concept.domain == "产业"
    assert concept.target == "software park"


def test_update_is_idempotent_and_keeps_previous_msgids_of_fuzzy_entries(
    tmp_path: Path,
) -> None:
    # Babel's Catalog.update drops previous_id on an exact match; msgmerge keeps it while the
    # entry stays fuzzy, and so do we, or a second update would erase the #| lines.
    root = make_catalogue(tmp_path)
    edit_template(root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。")
    update_catalogue(load_catalogue(root))
    once = english_text(root)

    [again] = update_catalogue(load_catalogue(root))

    assert not again.changed and again.changes == []
    assert english_text(root) == once
    assert '#| msgid "“三社”指社区、社会组织、社会工作者。"' in once


def test_a_fuzzy_entry_changed_again_keeps_its_oldest_previous_msgid(
    tmp_path: Path,
) -> None:
    root = make_catalogue(tmp_path)
    first = edit_template(
        root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。"
    )
    update_catalogue(load_catalogue(root))
    edit_template(
        root, "三社联动", definition="“三社”指社区、社会组织和专业社会工作者。"
    )

    [result] = update_catalogue(load_catalogue(root))

    # The English text still translates the first definition, as msgmerge records it.
    assert [c.previous for c in result.changes] == [first]


def test_babel_pairs_fuzzy_matches_by_msgid_alone_ignoring_msgctxt() -> None:
    plan = merge_entries(
        [MergeEntry("四水共治工程"), MergeEntry("新定义", "definition|B")],
        [
            MergeEntry("四水共治", translated=True),
            MergeEntry("旧定义甲乙", "definition|A", translated=True),
            MergeEntry("新定义", "definition|A", translated=True),
        ],
    )
    assert [(p.source, p.fuzzy, p.previous_msgid) for p in plan.pairings] == [
        (0, True, "四水共治"),
        (2, True, "新定义"),
    ]
    assert plan.obsolete == [1]


def test_untranslated_old_entries_are_never_fuzzy_candidates() -> None:
    plan = merge_entries([MergeEntry("四水共治工程")], [MergeEntry("四水共治")])
    assert plan.pairings[0].source is None
    assert plan.obsolete == [0]


def test_an_entry_the_template_still_holds_is_never_paired_with_another(
    tmp_path: Path,
) -> None:
    # msgmerge would hand 四水共治's rendering and notes to the new 四水共治工程 as a
    # fuzzy guess; in a termbase that is another concept, so it arrives untranslated.
    items = [Concept(term="四水共治", definition="防洪水、排涝水、治污水。", id="t-1")]
    english = {"四水共治": ("four-water co-governance", "Flood, waterlogging, sewage.")}
    write_template(tmp_path, items)
    write_english(tmp_path, items, english)
    write_template(
        tmp_path,
        [*items, Concept(term="四水共治工程", definition="新的工程。", id="t-2")],
    )

    [result] = update_catalogue(load_catalogue(tmp_path))

    new = read_po(locale_path(tmp_path, "en")).get("四水共治工程")
    assert new is not None
    assert (new.target, new.flags, new.comments, new.previous_term) == (
        "",
        [],
        [],
        None,
    )
    assert [c.kind for c in result.changes] == [CHANGE_NEW, CHANGE_NEW]


def test_a_fuzzy_pairing_babel_makes_across_concept_ids_is_undone(
    tmp_path: Path,
) -> None:
    # 四水共治 leaves the template and 四水共治工程 (another id) arrives: Babel pairs them
    # (test_babel_pairs_fuzzy_matches_by_msgid_alone_ignoring_msgctxt); the pairing is
    # undone and the old translation is kept as obsolete.
    items = [Concept(term="四水共治", definition="防洪水、排涝水、治污水。", id="t-1")]
    english = {"四水共治": ("four-water co-governance", "Flood, waterlogging, sewage.")}
    write_template(tmp_path, items)
    write_english(tmp_path, items, english)
    write_template(
        tmp_path,
        [Concept(term="四水共治工程", definition="防洪水、排涝水。", id="t-2")],
    )

    [result] = update_catalogue(load_catalogue(tmp_path))

    assert [(c.kind, c.term, c.entry) for c in result.changes] == [
        (CHANGE_NEW, "四水共治工程", "term"),
        (CHANGE_NEW, "四水共治工程", "definition"),
        (CHANGE_OBSOLETE, "四水共治", "term"),
        (CHANGE_OBSOLETE, "四水共治", "definition"),
    ]
    file = read_po(locale_path(tmp_path, "en"))
    assert [(e.msgid, e.msgstr, e.obsolete) for e in file.extra] == [
        ("四水共治", "four-water co-governance", True),
        ("防洪水、排涝水、治污水。", "Flood, waterlogging, sewage.", True),
    ]


def test_without_ids_a_renamed_term_is_still_paired(tmp_path: Path) -> None:
    items = [Concept(term="四水共治", definition="防洪水、排涝水、治污水。")]
    english = {"四水共治": ("four-water co-governance", "Flood, waterlogging, sewage.")}
    write_template(tmp_path, items)
    write_english(tmp_path, items, english)
    write_template(
        tmp_path, [Concept(term="四水共治工程", definition="防洪水、排涝水、治污水。")]
    )

    [result] = update_catalogue(load_catalogue(tmp_path))

    assert [(c.kind, c.entry, c.previous) for c in result.changes] == [
        (CHANGE_FUZZY, "term", "四水共治"),
        (CHANGE_FUZZY, "definition", "防洪水、排涝水、治污水。"),
    ]


def test_babel_po_reader_takes_previous_msgids_for_translator_comments() -> None:
    # Why babelcat builds Babel catalogues from our model instead of babel.messages.pofile:
    # the reader keeps no previous_id and turns "#| msgid" into a translator comment.
    from babel.messages.pofile import read_po as babel_read_po

    catalog = babel_read_po(
        io.StringIO('#, fuzzy\n#| msgid "旧"\nmsgid "新"\nmsgstr "x"\n')
    )
    message = catalog.get("新")
    assert message is not None
    assert message.previous_id == []
    assert message.user_comments == ['| msgid "旧"']


def test_duplicate_entries_are_refused_with_their_line(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = locale_path(root, "en")
    text = path.read_text(encoding="utf-8")
    block = entry_block(text, "七军会")
    path.write_text(text + "\n" + block + "\n", encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(DuplicateConceptError) as info:
        update_catalogue(load_catalogue(root))

    first = entry_line(text, "七军会")
    second = text.count("\n") + 2
    assert str(info.value) == (
        f"{path}:{second}: duplicate entry msgid “七军会” (first at line {first}). "
        "Merge the two entries or remove one; gettext keys must be unique"
    )
    assert path.read_bytes() == before


def test_the_header_takes_the_template_creation_date_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    root = make_catalogue(tmp_path)
    template = root / TEMPLATE_PATH
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "2026-01-01 00:00+0000", "2026-06-01 12:00+0000"
        ),
        encoding="utf-8",
    )
    old = read_po(locale_path(root, "en"))
    merged, _ = merge_file(read_po(template), old)
    assert merged.header_value("POT-Creation-Date") == "2026-06-01 12:00+0000"
    assert [h for h in merged.header if h[0] != "POT-Creation-Date"] == [
        h for h in old.header if h[0] != "POT-Creation-Date"
    ]


def test_the_merge_agrees_with_msgmerge(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    before = english_text(root)
    edit_template(root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。")
    edit_template(root, "群众路线", term="群众路线教育")
    items = [c for c in read_po(root / TEMPLATE_PATH).concepts if c.term != "七军会"]
    items.append(Concept(term="大湖+", definition="以大湖为核心。", id="t-8"))
    write_template(root, items)
    old = tmp_path / "old.po"
    old.write_text(before, encoding="utf-8")
    expected = subprocess.run(
        ["msgmerge", "--previous", "--quiet", str(old), str(root / TEMPLATE_PATH)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout

    update_catalogue(load_catalogue(root))

    # msgmerge also writes "#| msgctxt" for fuzzy definitions; our model does not keep
    # the previous msgctxt. Both are compared in msgcat's layout.
    assert _canonical(english_text(root), tmp_path) == _canonical(
        re.sub(r"^#\| msgctxt .*\n", "", expected, flags=re.M), tmp_path
    )


def _canonical(text: str, tmp_path: Path) -> str:
    path = tmp_path / "canonical.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_write_po_of_a_merge_is_a_fixpoint(tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "七军会", definition="第七届世界军人运动会(武汉)。")
    update_catalogue(load_catalogue(root))
    text = english_text(root)
    assert write_po(read_po(locale_path(root, "en"))) == text


# Property: whatever the template does to a locale file, the merge keeps every translation
# (in an active entry or an obsolete one) and a second merge changes nothing.

_TERMS = ["三社联动", "四水共治", "两工互动", "七军会", "大湖+", "九定"]
_definitions = st.text(alphabet="社区组织工作者水治理动", min_size=1, max_size=10)


@st.composite
def _files(draw: st.DrawFn) -> tuple[CatalogueFile, CatalogueFile]:
    def concepts_of(translated: bool) -> list[Concept]:
        terms = draw(st.lists(st.sampled_from(_TERMS), unique=True, max_size=5))
        items = []
        for term in terms:
            items.append(
                Concept(
                    term=term,
                    definition=draw(_definitions),
                    id=f"id-{draw(st.sampled_from(_TERMS).map(_TERMS.index))}",
                    target=draw(st.sampled_from(["", "a", "b c"]))
                    if translated
                    else "",
                    definition_target=(
                        draw(st.sampled_from(["", "d", "e f"])) if translated else ""
                    ),
                    comments=[f"note: {term}"] if translated else [],
                )
            )
        return items

    return (
        CatalogueFile(header=[("Language", "")], concepts=concepts_of(False)),
        CatalogueFile(
            locale="en", header=[("Language", "en")], concepts=concepts_of(True)
        ),
    )


@settings(max_examples=60, deadline=None)
@given(_files())
def test_a_merge_loses_no_translation_and_is_idempotent(
    files: tuple[CatalogueFile, CatalogueFile],
) -> None:
    template, old = files
    merged, _ = merge_file(template, old)

    assert [c.term for c in merged.concepts] == [c.term for c in template.concepts]
    kept = [c.target for c in merged.concepts]
    kept += [c.definition_target for c in merged.concepts]
    kept += [e.msgstr for e in merged.extra]
    for concept in old.concepts:
        for text in (concept.target, concept.definition_target):
            assert not text or text in kept
    again, changes = merge_file(template, merged)
    assert changes == []
    assert write_po(again) == write_po(merged)
