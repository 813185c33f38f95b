"""The term matcher: ahocorasick-rs, leftmost-longest, verified against the plain matcher."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.model import Catalogue, CatalogueFile, Concept, Synonym
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.matcher import (
    FORM_SYNONYM,
    FORM_TERM,
    FORM_VARIANT,
    UNITS,
    FormMatcher,
    PlainMatcher,
    TermForm,
    TermMatcher,
    source_forms,
)

from ..conftest import DATA, REPO, SOURCE_REPORT

QA_CATALOGUE = DATA / "qa" / "catalogue"


def forms_of(*words: str) -> list[TermForm]:
    """One concept per word, the word its head term."""
    return [TermForm(w, Concept(term=w)) for w in words]


def keys(matcher: TermMatcher | PlainMatcher, text: str) -> list[tuple[int, int, str]]:
    return [m.key for m in matcher.find(text)]


def both(forms: list[TermForm], text: str) -> list[tuple[int, int, str]]:
    """The matches of both matchers, which must agree."""
    fast, plain = keys(TermMatcher(forms), text), keys(PlainMatcher(forms), text)
    assert fast == plain
    return fast


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        # pyahocorasick issue 133: iter_long finds nothing here (2.3.1 still).
        (("知识产权", "国家知识产权局"), "国家知识产权", [(2, 6, "知识产权")]),
        (("b", "c", "abd"), "abc", [(1, 2, "b"), (2, 3, "c")]),
        (("bc", "abcdefg"), "abcdefz", [(1, 3, "bc")]),
        # Issue 185: the fix for 133 then lost the longest match.
        (("ab", "abcabd"), "zzabcabdzz", [(2, 8, "abcabd")]),
        # Leftmost wins over longer-but-later; longest wins at one start.
        (("ab", "bcde"), "abcde", [(0, 2, "ab")]),
        (
            ("三社", "三社联动"),
            "深化三社联动和三社",
            [(2, 6, "三社联动"), (7, 9, "三社")],
        ),
        # Adjacent and repeated occurrences are all found.
        (("四水共治",), "四水共治四水共治", [(0, 4, "四水共治"), (4, 8, "四水共治")]),
        # Non-BMP ideographs count as one character each.
        (("𠀀𠀁",), "a𠀀𠀁b𠀀", [(1, 3, "𠀀𠀁")]),
        ((), "三社联动", []),
        (("三社联动",), "", []),
    ],
)
def test_leftmost_longest_matches(
    words: tuple[str, ...], text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert both(forms_of(*words), text) == expected


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab国家知", min_size=1, max_size=6), max_size=8),
    text=st.text(alphabet="ab国家知x", max_size=60),
)
def test_automaton_agrees_with_the_plain_matcher(words: list[str], text: str) -> None:
    # A small alphabet makes overlapping, nested and shared-prefix forms the rule.
    matches = both(forms_of(*words), text)
    for start, end, form in matches:
        assert text[start:end] == form
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(matches))


def make_catalogue() -> Catalogue:
    army = Concept(
        term="七军会", id="c2", synonyms=[Synonym("第七届世界军人运动会", "fullForm")]
    )
    template = CatalogueFile(
        concepts=[
            Concept(term="三社联动", id="c1"),
            army,
            Concept(term="九定", id="c3"),
        ]
    )
    variants = CatalogueFile(
        locale="zh_Hant_TW",
        concepts=[
            Concept(term="三社联动", target="三社聯動"),
            Concept(
                term="七军会",
                target="七軍會",
                comments=["synonym: 第七屆世界軍人運動會 (fullForm)", "note: x"],
            ),
            Concept(term="九定", target="九定"),  # same as Simplified: listed once
        ],
    )
    return Catalogue(template=template, locales={"zh_Hant_TW": variants})


def test_source_forms_cover_terms_synonyms_and_traditional_variants() -> None:
    forms = source_forms(make_catalogue())
    assert [(f.form, f.concept.id, f.kind, f.locale) for f in forms] == [
        ("三社联动", "c1", FORM_TERM, None),
        ("七军会", "c2", FORM_TERM, None),
        ("第七届世界军人运动会", "c2", FORM_SYNONYM, None),
        ("九定", "c3", FORM_TERM, None),
        ("三社聯動", "c1", FORM_VARIANT, "zh_Hant_TW"),
        ("七軍會", "c2", FORM_VARIANT, "zh_Hant_TW"),
        ("第七屆世界軍人運動會", "c2", FORM_VARIANT, "zh_Hant_TW"),
    ]


def test_every_form_is_found_in_running_text() -> None:
    catalogue = make_catalogue()
    text = "深化三社聯動,筹办第七屆世界軍人運動會(七军会),完成“九定”。"
    matches = TermMatcher.from_catalogue(catalogue).find(text)
    assert [(m.form.form, m.concept.id) for m in matches] == [
        ("三社聯動", "c1"),
        ("第七屆世界軍人運動會", "c2"),
        ("七军会", "c2"),
        ("九定", "c3"),
    ]
    assert keys(PlainMatcher.from_catalogue(catalogue), text) == [
        m.key for m in matches
    ]


def test_variants_are_read_from_the_locale_po_files() -> None:
    catalogue = load_catalogue(QA_CATALOGUE)
    forms = {f.form: (f.concept.id, f.kind) for f in source_forms(catalogue)}
    assert forms["三社聯動"] == ("qa-01", FORM_VARIANT)
    assert forms["第七屆世界軍人運動會"] == ("qa-05", FORM_VARIANT)
    assert forms["第七届世界军人运动会"] == ("qa-05", FORM_SYNONYM)


def test_an_empty_catalogue_matches_nothing() -> None:
    assert TermMatcher.from_catalogue(Catalogue(CatalogueFile())).find("三社联动") == []


def test_seed_report_matches_equal_the_plain_matcher() -> None:
    catalogue = load_catalogue(REPO)
    text = SOURCE_REPORT.read_text(encoding="utf-8")
    fast = keys(TermMatcher.from_catalogue(catalogue), text)
    assert fast == keys(PlainMatcher.from_catalogue(catalogue), text)
    # Every concept that cites the report as a source is found in it.
    cited = {
        c.term
        for c in catalogue.concepts
        if any(r.path.endswith(SOURCE_REPORT.name) for r in c.references)
    }
    found = {m.concept.term for m in TermMatcher.from_catalogue(catalogue).find(text)}
    assert cited and found >= cited


def generated_text(forms: list[str], size: int, seed: int) -> str:
    """About ``size`` UTF-8 bytes mixing whole forms, their prefixes, suffixes and overlaps
    with filler drawn from the forms' own characters: near misses everywhere."""
    rng = random.Random(seed)
    alphabet = sorted({ch for f in forms for ch in f}) + list("的和在。,、“”")
    pieces: list[str] = []
    length = 0
    while length < size:
        form = rng.choice(forms)
        cut = rng.randint(1, len(form))
        piece = rng.choice(
            [
                form,
                form[:cut],
                form[cut - 1 :],
                form + rng.choice(forms),
                form[:cut] + rng.choice(forms),
                "".join(rng.choices(alphabet, k=rng.randint(1, 12))),
            ]
        )
        pieces.append(piece)
        length += len(piece.encode("utf-8"))
    return "".join(pieces)


def test_one_megabyte_of_generated_text_matches_the_plain_matcher() -> None:
    seed_forms = source_forms(load_catalogue(REPO))
    text = generated_text([f.form for f in seed_forms], 1_000_000, seed=8)
    assert len(text.encode("utf-8")) >= 1_000_000
    # The seed's forms plus fragments of them, so that forms nest inside one another.
    fragments = {f.form[i:j] for f in seed_forms for i, j in ((1, -1), (2, None))}
    forms = seed_forms + forms_of(*sorted(fr for fr in fragments if len(fr) >= 2))
    fast = keys(TermMatcher(forms), text)
    assert len(fast) > 10_000
    assert fast == keys(PlainMatcher(forms), text)


def test_matcher_is_built_from_the_catalogue_once_per_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glossarykit.formats.segments import Segment
    from glossarykit.services import matcher, termcheck

    built = []
    original = matcher.TermMatcher.__init__

    def counting(self: TermMatcher, forms: object) -> None:
        built.append(1)
        original(self, forms)  # type: ignore[arg-type]

    monkeypatch.setattr(matcher.TermMatcher, "__init__", counting)
    segments = [Segment(n, "深化三社联动", "three-society linkage") for n in range(50)]
    catalogue = make_catalogue()
    catalogue.locales["en"] = CatalogueFile(locale="en")
    report = termcheck.check_segments(catalogue, segments, "x.tsv")
    assert report.with_terms == 50
    assert len(built) == 1


# --- ahocorasick-rs: offsets, UTF-16 matching, blocks --------------------------------------


def unit_keys(matcher: FormMatcher, text: str) -> list[tuple[int, int, str]] | None:
    """find_units on the UTF-16 of ``text``, offsets turned back into characters."""
    found = matcher.find_units(text.encode(UNITS))
    if found is None:
        return None
    # Character offset of every code-unit offset (a non-BMP character is two units).
    char_at = {0: 0}
    units = 0
    for index, ch in enumerate(text, start=1):
        units += 2 if ord(ch) > 0xFFFF else 1
        char_at[units] = index
    return [
        (char_at[start // 2], char_at[end // 2], matcher.forms[i])
        for i, start, end in found
    ]


def test_offsets_are_characters_whatever_their_utf8_width() -> None:
    # 1-, 2-, 3- and 4-byte UTF-8 characters before, between and inside the forms.
    words = ("é国", "国家", "𠀀家", "a𠀀")
    text = "aé国家x𠀀家éa𠀀国"
    expected = [(1, 3, "é国"), (5, 7, "𠀀家"), (8, 10, "a𠀀")]
    assert both(forms_of(*words), text) == expected
    matcher = FormMatcher(words)
    assert [(s, e, words[i]) for i, s, e in matcher.find(text)] == expected
    assert unit_keys(FormMatcher(words, units=True), text) == expected


def test_a_utf16_match_across_two_characters_gives_no_answer() -> None:
    # 一丁 is 00 4E 01 4E in UTF-16-LE; Ŏ (U+014E) is 4E 01: found at byte 1, which is
    # no character of the text. find_units refuses, find() gives the true answer.
    matcher = FormMatcher(["Ŏ", "丁"], units=True)
    assert matcher.find_units("一丁".encode(UNITS)) is None
    assert matcher.find("一丁") == [(1, 1, 2)]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="aéŎ一丁国𠀀\u4e4e", min_size=1, max_size=4),
        max_size=8,
        unique=True,
    ),
    text=st.text(alphabet="aéŎ一丁国𠀀\u4e4ex\n", max_size=60),
)
def test_utf16_matching_agrees_with_the_plain_matcher(
    words: list[str], text: str
) -> None:
    # Characters whose UTF-16 bytes recombine (Ŏ is 4E 01, 一 00 4E, 丁 01 4E, 乎 4E 4E)
    # make matches across character boundaries likely: those must give None.
    expected = both(forms_of(*words), text)
    units = unit_keys(FormMatcher(words, units=True), text)
    assert units is None or units == expected


def test_lone_surrogates_are_matched_as_str() -> None:
    # UTF-8 and UTF-16 have no lone surrogates; a str may (pyahocorasick took them).
    matcher = FormMatcher(["\udc80国", "国"], units=True)
    assert matcher.find_units("x\u56fd".encode(UNITS)) is None
    assert matcher.find("a\udc80国国") == [(0, 1, 3), (1, 3, 4)]
    assert FormMatcher(["国"]).find("\ud800国") == [(0, 1, 2)]
    assert keys(TermMatcher(forms_of("\udc80国")), "a\udc80国") == [(1, 3, "\udc80国")]


@pytest.mark.parametrize("block", [1, 2, 7, 1 << 18])
def test_blocks_give_the_matches_of_the_whole_text(block: int) -> None:
    seed_forms = [f.form for f in source_forms(load_catalogue(REPO))]
    text = "\n".join(generated_text(seed_forms, 400, seed=n) for n in range(40))
    matcher = FormMatcher(seed_forms)
    matcher.BLOCK = block
    blocks = list(matcher.blocks(text))
    assert "".join(blocks) == text
    assert len(blocks) > 1 or block == 1 << 18
    moved = []
    offset = 0
    for piece in blocks:
        moved += [(i, s + offset, e + offset) for i, s, e in matcher.find(piece)]
        offset += len(piece)
    assert moved == matcher.find(text)


def test_a_form_holding_a_newline_keeps_the_text_whole() -> None:
    matcher = FormMatcher(["三社\n联动"])
    matcher.BLOCK = 1
    assert list(matcher.blocks("深化三社\n联动\n和三社\n联动")) == [
        "深化三社\n联动\n和三社\n联动"
    ]
