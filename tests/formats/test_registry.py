"""The FORMATS registry: names, extensions, what can be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import UnknownFormatError
from glossarykit.formats import FORMATS, format_for, read_catalogue


def test_every_issue_format_is_registered() -> None:
    assert list(FORMATS) == ["tbx", "tbx3", "csv", "tsv", "po", "mo", "json", "xlsx"]
    assert [n for n, f in FORMATS.items() if f.can_read] == [
        "tbx", "tbx3", "csv", "po", "xlsx",
    ]  # fmt: skip
    assert all(f.can_write for f in FORMATS.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.tbx", "tbx"),
        ("a.CSV", "csv"),
        ("a.utf8", "tsv"),
        ("a.pot", "po"),
        ("a.mo", "mo"),
    ],
)
def test_format_from_extension(name: str, expected: str) -> None:
    assert format_for(Path(name)).name == expected


def test_unknown_format_name() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        format_for(None, "docx")
    assert str(caught.value) == (
        "unknown format 'docx'. Use one of: tbx, tbx3, csv, tsv, po, mo, json, xlsx"
    )


def test_write_only_format_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "g.mo"
    path.write_bytes(b"")
    with pytest.raises(UnknownFormatError) as caught:
        read_catalogue(path)
    assert str(caught.value) == (
        f"{path}: mo files cannot be imported. Import one of: tbx, tbx3, csv, po, xlsx"
    )
