"""Round trips: catalogue -> csv / tbx / tbx3 -> import gives back the catalogue byte for byte.

Each file is imported into a copy of the catalogue whose files hold only their headers, so
every field must come back from the file itself; importing it into the catalogue it came
from must change nothing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from glossarykit import fileio
from glossarykit.formats import ExportOptions
from glossarykit.model import Catalogue
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.exchange import export_catalogue, import_file

from ..strategies import (
    catalogue_bytes,
    catalogues,
    empty_catalogue_copy,
    save_new_catalogue,
)


@pytest.fixture(autouse=True, scope="module")
def no_fsync() -> Iterator[None]:
    """Skip fsync in atomic writes here: durability is not under test, and each fsync
    costs tens of milliseconds on a busy disk (hundreds of catalogue writes below)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fileio.os, "fsync", lambda fd: None)
        yield


CASES = [
    ("csv", ExportOptions()),
    ("csv", ExportOptions(bom=True)),
    ("tbx", ExportOptions()),
    ("tbx", ExportOptions(forbidden_terms=True)),
    ("tbx3", ExportOptions()),
]
IDS = ["csv", "csv-bom", "tbx", "tbx-forbidden-terms", "tbx3"]


def assert_round_trip(
    root: Path, work: Path, format_name: str, options: ExportOptions
) -> None:
    original = catalogue_bytes(root)
    exported = work / f"export.{format_name}"
    exported.write_bytes(export_catalogue(load_catalogue(root), format_name, options))

    target = work / "empty"
    empty_catalogue_copy(root, target)
    report = import_file(load_catalogue(target), exported, format_name=format_name)
    assert report.plan.conflicts == [] and report.plan.notes == []
    assert catalogue_bytes(target) == original

    again = import_file(load_catalogue(root), exported, format_name=format_name)
    assert again.plan.is_empty and again.written == []
    assert catalogue_bytes(root) == original


@pytest.mark.parametrize(("format_name", "options"), CASES, ids=IDS)
def test_full_glossary_round_trip(
    catalogue_copy: Path, tmp_path: Path, format_name: str, options: ExportOptions
) -> None:
    assert_round_trip(catalogue_copy, tmp_path, format_name, options)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_generated_catalogue_round_trip(catalogue: Catalogue) -> None:
    # Every format on the same catalogue: generating it costs more than a round trip.
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        save_new_catalogue(catalogue, work / "cat")
        for format_name, options in CASES:
            assert_round_trip(work / "cat", work, format_name, options)
