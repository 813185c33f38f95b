"""MO through Babel: Python's gettext serves renderings and definitions."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from glossarykit.formats import ExportOptions, render_catalogue
from glossarykit.services.catalogue import load_catalogue

from ..exchange_sample import make_sample_catalogue


def _translations(data: bytes) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(data))


def test_full_glossary_serves_rendering_and_definition(catalogue_copy: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    concept = next(c for c in catalogue.concepts if c.term == "三社联动")
    english = catalogue.translation(concept, "en")
    assert english is not None and concept.definition
    t = _translations(render_catalogue(catalogue, "mo", ExportOptions(locales=["en"])))
    assert t.gettext("三社联动") == english.target
    assert (
        t.pgettext("definition|三社联动", concept.definition)
        == english.definition_target
    )


def test_fuzzy_is_left_out_and_synonyms_are_served(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path)
    t = _translations(render_catalogue(catalogue, "mo", ExportOptions()))
    assert t.gettext("三社联动") == "three-society linkage"
    assert t.gettext("七军会") == "七军会"  # fuzzy: gettext falls back to the source
    assert t.gettext("大湖+") == "大湖+"  # machine suggestion (fuzzy)
    assert t.pgettext("definition|七军会", "第七届世界军人运动会。") == (
        "The 7th CISM Military World Games."
    )


def test_other_locale(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path)
    t = _translations(
        render_catalogue(catalogue, "mo", ExportOptions(locales=["zh_Hant_TW"]))
    )
    # Only Chinese locales asked for: the target falls back to en.
    assert t.gettext("三社联动") == "three-society linkage"
