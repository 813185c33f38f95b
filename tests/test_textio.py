"""Reading Chinese text files: UTF-8, BOMs, GB18030/GBK, an explicit encoding, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import CatalogueError, CatalogueParseError, GlossaryError
from glossarykit.textio import read_text

TEXT = "深化“三社联动”，推进“四水共治”。\n第二行：一感两度两率。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_detected_encodings(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode(codec))
    assert read_text(path) == TEXT


def test_an_explicit_encoding_wins(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("三社聯動".encode("big5"))
    assert read_text(path, encoding="big5") == "三社聯動"


def test_binary_files_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes("第一行\n第二行\n".encode() + b"PK\x00\x03")
    with pytest.raises(CatalogueParseError) as caught:
        read_text(path)
    assert caught.value.line == 3
    assert str(caught.value) == (
        f"{path}:3: is binary, not text (it holds a NUL byte). "
        "Give a plain-text file (UTF-8 or GB18030)"
    )


def test_text_that_is_neither_utf8_nor_gb18030_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "line one\nCaf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fa\xe7on\n".encode("latin-1")
    )
    with pytest.raises(CatalogueParseError) as caught:
        read_text(path)
    assert caught.value.line == 2
    assert "--encoding" in str(caught.value)


def test_a_wrong_explicit_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    with pytest.raises(CatalogueParseError) as caught:
        read_text(path, encoding="utf-8")
    assert (caught.value.line, caught.value.message) == (1, "does not decode as utf-8")


def test_unknown_encoding_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown encoding 'klingon'"):
        read_text(path, encoding="klingon")
    with pytest.raises(CatalogueError, match="no such file"):
        read_text(tmp_path / "missing.txt")
