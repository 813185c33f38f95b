"""Real readers load our exports: translate-toolkit (TBX 2008, CSV, PO) and OmegaT 3.6 (TBX, TSV).

OmegaT runs through ``../shared/tools/clients/omegat-glossary``, which loads a file with
OmegaT's own glossary readers and matcher (README there). Those tests skip only when OmegaT
(the Debian package ``omegat``) or ../shared is absent.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from glossarykit.formats import ExportOptions
from glossarykit.formats.fields import concept_records, split_flags
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.exchange import export_catalogue, source_contexts

from .conftest import SHARED

OMEGAT_HARNESS = SHARED / "tools" / "clients" / "omegat-glossary"
OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))


def expected_pairs(root: Path) -> dict[str, str]:
    """Head term -> English rendering, for every concept with a reviewed-or-human rendering."""
    records = concept_records(load_catalogue(root), ["en"])
    return {
        r["term"]: r["en:rendering"]
        for r in records
        if r["en:rendering"] and "machine" not in split_flags(r["en:flags"])
    }


def exported(
    root: Path, tmp_path: Path, name: str, format_name: str, **options: Any
) -> Path:
    path = tmp_path / name
    data = export_catalogue(load_catalogue(root), format_name, ExportOptions(**options))
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- translate-toolkit


def ttk_units(path: Path, target: str | None = None) -> dict[str, str]:
    from translate.storage import factory

    store = factory.getobject(str(path))
    if target is not None:
        store.setsourcelanguage("zh-Hans")
        store.settargetlanguage(target)
    return {str(u.source): str(u.target or "") for u in store.units if not u.isheader()}


def test_translate_toolkit_reads_our_tbx(catalogue_copy: Path, tmp_path: Path) -> None:
    path = exported(catalogue_copy, tmp_path, "g.tbx", "tbx")
    units = ttk_units(path, "en")
    for term, rendering in expected_pairs(catalogue_copy).items():
        assert units.get(term) == rendering, term


def test_translate_toolkit_sees_deprecated_terms_only_on_request(
    catalogue_copy: Path, tmp_path: Path
) -> None:
    from translate.storage import factory

    for forbidden, expected in ((False, False), (True, True)):
        path = exported(
            catalogue_copy,
            tmp_path,
            f"g{forbidden}.tbx",
            "tbx",
            forbidden_terms=forbidden,
        )
        store = factory.getobject(str(path))
        store.setsourcelanguage("zh-Hans")
        store.settargetlanguage("en")
        deprecated = any(
            t.deprecated for u in store.units for t in u.get_target_terms()
        )
        assert deprecated is expected


def test_translate_toolkit_reads_our_csv(catalogue_copy: Path, tmp_path: Path) -> None:
    path = exported(catalogue_copy, tmp_path, "g.csv", "csv", csv_shape="ttk")
    units = ttk_units(path)
    for term, rendering in expected_pairs(catalogue_copy).items():
        assert units.get(term) == rendering, term


def test_translate_toolkit_reads_our_po(catalogue_copy: Path, tmp_path: Path) -> None:
    path = exported(catalogue_copy, tmp_path, "en.po", "po", locales=["en"])
    units = ttk_units(path)
    for term, rendering in expected_pairs(catalogue_copy).items():
        assert units.get(term) == rendering, term


# ---------------------------------------------------------------- OmegaT 3.6


def omegat_offers(path: Path, sentence: str) -> dict[str, list[str]]:
    """What OmegaT's Glossary pane offers for ``sentence``: source -> targets."""
    if not OMEGAT_HARNESS.is_file():
        pytest.skip(f"{OMEGAT_HARNESS} is absent (../shared not checked out)")
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"OmegaT is not installed ({OMEGAT_JAR}; apt-get install omegat)")
    done = subprocess.run(
        [str(OMEGAT_HARNESS), "--sentence", sentence, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    offers: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        entry = json.loads(line)
        offers.setdefault(entry["src"], []).extend(entry["targets"])
    return offers


@pytest.mark.parametrize(("name", "format_name"), [("g.tbx", "tbx"), ("g.utf8", "tsv")])
def test_omegat_offers_our_renderings_in_a_report_sentence(
    catalogue_copy: Path, tmp_path: Path, name: str, format_name: str
) -> None:
    catalogue = load_catalogue(catalogue_copy)
    records = concept_records(catalogue, ["en"])
    sentence = source_contexts(catalogue)["三社联动"]
    # One OmegaT run per file: the report's sentence about 三社联动, then every head term.
    segment = sentence + "。".join(r["term"] for r in records)
    offers = omegat_offers(
        exported(catalogue_copy, tmp_path, name, format_name), segment
    )

    three_society = next(r for r in records if r["term"] == "三社联动")
    assert three_society["en:rendering"] in offers["三社联动"]
    avoided = {a for r in records for a in r["en:avoid"].split("\n") if a}
    assert not avoided & {t for targets in offers.values() for t in targets}
    for term, rendering in expected_pairs(catalogue_copy).items():
        assert rendering in offers.get(term, []), term
