"""Term QA (`glossary check` service): planted errors found, correct segments left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.formats.segments import Segment, read_segments
from glossarykit.model import Catalogue, CatalogueFile, Concept
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.termcheck import (
    CHECK_AVOID,
    CHECK_MISSING,
    check_segments,
    check_translation,
)

from ..conftest import DATA

QA = DATA / "qa"
SAMPLES = ["sample.po", "sample.tsv", "sample-1.2.xlf", "sample-2.0.xlf"]

# The errors planted in every sample (segment number, check, concept id); every other
# segment is correct, each in its own way (see the sample files).
PLANTED = [
    (3, CHECK_MISSING, "qa-01"),  # rendering paraphrased away
    (5, CHECK_AVOID, "qa-02"),  # "Yangtze River spindle"
    (7, CHECK_AVOID, "qa-03"),  # "four waters" outside the approved rendering
    (9, CHECK_AVOID, "qa-04"),  # "Red Engine Engineering"
    (11, CHECK_MISSING, "qa-05"),  # source has the full-form synonym
    (16, CHECK_MISSING, "qa-03"),  # two terms, only one rendered
]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_planted_error_is_found_and_nothing_else(name: str) -> None:
    catalogue = load_catalogue(QA / "catalogue")
    segments = read_segments(QA / name)
    assert len(segments) == 18
    report = check_translation(catalogue, QA / name)
    assert report.segments == 18
    assert report.with_terms == 16  # one untranslated segment, one without terms
    expected = [(segments[n - 1].line, check, cid) for n, check, cid in PLANTED]
    assert [(f.line, f.check, f.concept_id) for f in report.findings] == expected


def test_findings_name_the_term_the_form_and_the_expected_renderings() -> None:
    report = check_translation(load_catalogue(QA / "catalogue"), QA / "sample.tsv")
    by_line = {f.line: f for f in report.findings}
    synonym = by_line[11]
    assert (synonym.path, synonym.term, synonym.form) == (
        str(QA / "sample.tsv"),
        "七军会",
        "第七届世界军人运动会",
    )
    assert synonym.expected == (
        "7th CISM Military World Games",
        "Seventh Military World Games",
    )
    assert synonym.message == (
        "第七届世界军人运动会 (七军会): the target has none of the approved renderings "
        "“7th CISM Military World Games” or “Seventh Military World Games”"
    )
    avoided = by_line[5]
    assert avoided.found == "Yangtze River spindle"
    assert avoided.message == (
        "长江主轴: the target uses “Yangtze River spindle”, a rendering to avoid; "
        "use “Yangtze River main axis” or “Changjiang Axis”"
    )


def catalogue_with(
    rendering: str, alt: tuple[str, ...] = (), avoid: tuple[str, ...] = ()
) -> Catalogue:
    comments = [f"alt: {a}" for a in alt] + [f"avoid: {a}" for a in avoid]
    return Catalogue(
        template=CatalogueFile(concepts=[Concept(term="三社联动", id="c1")]),
        locales={
            "en": CatalogueFile(
                locale="en",
                concepts=[
                    Concept(term="三社联动", target=rendering, comments=comments)
                ],
            )
        },
    )


def checks(catalogue: Catalogue, target: str) -> list[str]:
    segment = Segment(1, "深化三社联动。", target)
    return [f.check for f in check_segments(catalogue, [segment], "t.tsv").findings]


@pytest.mark.parametrize(
    ("rendering", "target", "found"),
    [
        ("three-society linkage", "three-society linkage", True),
        ("three-society linkage", "THREE-SOCIETY LINKAGE", True),  # case
        ("three-society linkage", "Three Society Linkage", True),  # hyphen vs space
        ("three society linkage", "three-society linkage", True),
        ("three-society linkage", "the three-society linkages", True),  # plural -s
        ("three-society linkage", "three-societies linkage", True),  # -y/-ies
        ("Red Engine Project", "red engine projects", True),
        ("the three-society linkage", "three-society linkage", True),  # article
        ("a three-society linkage", "three-society linkage", True),
        ("three-society linkage", "a three-society linkage", True),
        ("course of reform", "courses of reform", True),  # -es
        ("three-society linkage", "three-society-linkage", True),
        ("three-society linkage", "Ｔｈｒｅｅ-society linkage", True),  # full-width
        ("three-society linkage", "three-society link", False),
        ("three-society linkage", "linkage of three societies", False),  # word order
        ("main axis", "main taxis", False),  # word boundaries
        ("three-society linkage", "three-society linkages-on", True),
        ("three-society linkage", "threesociety linkage", False),
        ("one", "on", False),
    ],
)
def test_rendering_tolerance(rendering: str, target: str, found: bool) -> None:
    assert checks(catalogue_with(rendering), target) == (
        [] if found else [CHECK_MISSING]
    )


def test_an_alternative_rendering_is_as_good_as_the_preferred_one() -> None:
    catalogue = catalogue_with("three-society linkage", alt=("tri-sector linkage",))
    assert checks(catalogue, "Tri-sector linkage is deepened.") == []


def test_an_avoided_rendering_is_a_finding_even_next_to_an_approved_one() -> None:
    catalogue = catalogue_with("three-society linkage", avoid=("three-sector linkage",))
    assert checks(catalogue, "Three-sector linkage") == [CHECK_AVOID]
    assert checks(catalogue, "three-society linkage and three-sector linkage") == [
        CHECK_AVOID
    ]


def test_an_avoided_phrase_inside_the_approved_rendering_is_not_a_finding() -> None:
    catalogue = catalogue_with("four-water co-governance", avoid=("four waters",))
    assert checks(catalogue, "Four-water co-governance") == []
    assert checks(catalogue, "the four waters") == [CHECK_AVOID]


def test_renderings_that_are_not_approved_are_not_demanded() -> None:
    catalogue = catalogue_with("three-society linkage", avoid=("three-sector",))
    catalogue.locales["en"].concepts[0].flags = ["fuzzy"]
    assert checks(catalogue, "something else") == []
    # ...but its avoid list still applies.
    assert checks(catalogue, "three-sector work") == [CHECK_AVOID]


def test_untranslated_and_term_free_segments_are_not_checked() -> None:
    catalogue = catalogue_with("three-society linkage")
    segments = [Segment(1, "三社联动", ""), Segment(2, "地区生产总值", "GDP")]
    report = check_segments(catalogue, segments, "t.tsv")
    assert (report.segments, report.with_terms, report.findings) == (2, 0, [])


def test_a_term_twice_in_a_segment_gives_one_finding(tmp_path: Path) -> None:
    catalogue = catalogue_with("three-society linkage")
    segment = Segment(4, "三社联动、三社联动", "linkage")
    report = check_segments(catalogue, [segment], "t.tsv")
    assert [(f.line, f.check) for f in report.findings] == [(4, CHECK_MISSING)]
