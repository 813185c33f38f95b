"""The term matcher: pyahocorasick, leftmost-longest, verified against the plain matcher."""

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
