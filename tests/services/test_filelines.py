"""FileLines: the lines of a file read on demand are those of read_text().split("\\n")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.services import filelines
from glossarykit.services.filelines import FileLines

from ..conftest import DATA, REPO, generated_catalogue


def is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# FileLines reads files the PO reader has accepted, so UTF-8 ones.
SEED_FILES = sorted(
    path
    for path in [
        *(REPO / "glossary").glob("*.pot"),
        *(REPO / "locales").glob("*/LC_MESSAGES/*.po"),
        *DATA.rglob("*.po"),
        *DATA.rglob("*.pot"),
    ]
    if is_utf8(path)
)


def expected(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def assert_same(path: Path) -> None:
    want = expected(path)
    lines = FileLines(path)
    assert len(lines) == len(want)
    # Random access in a scattered order, then the whole file by iteration.
    order = list(range(len(want)))[::-1][::7] + list(range(len(want)))
    assert [lines[i] for i in order] == [want[i] for i in order]
    assert list(lines) == want
    assert lines[-1] == want[-1] if want else True


@pytest.fixture(params=[3, 16, 1 << 14], ids=lambda n: f"block{n}")
def block_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Tiny blocks put lines across block boundaries everywhere."""
    monkeypatch.setattr(filelines, "BLOCK_SIZE", request.param)
    monkeypatch.setattr(filelines, "_READ_SIZE", request.param * 5)
    return int(request.param)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_seed_and_test_files(path: Path, block_size: int) -> None:
    assert_same(path)


def test_generated_catalogue() -> None:
    root = generated_catalogue(10000)
    paths = [root / "glossary" / "glossary.pot"]
    paths += sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))
    for path in paths:
        assert_same(path)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n",
        b"\n\n\n",
        b"abc",
        b"abc\n",
        "三社联动\n\n“x”\n".encode(),
        b"a\r\nb\r\n",  # CRLF: read as text, as before
        b"a\rb\nc",  # a lone CR ends a line in text mode
    ],
)
def test_edge_files(tmp_path: Path, data: bytes, block_size: int) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(data)
    assert_same(path)


def test_missing_file(tmp_path: Path) -> None:
    lines = FileLines(tmp_path / "gone.po")
    assert len(lines) == 0 and list(lines) == []
    with pytest.raises(IndexError):
        lines[0]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(["a", "三", "“", "\n", "\n", " ", "#", "m", "\u3000"]),
        max_size=300,
    ),
    block=st.integers(1, 40),
)
def test_hypothesis_text(
    tmp_path_factory: pytest.TempPathFactory, text: str, block: int
) -> None:
    path = tmp_path_factory.mktemp("lines") / "x.po"
    path.write_bytes(text.encode("utf-8"))
    saved = filelines.BLOCK_SIZE, filelines._READ_SIZE
    filelines.BLOCK_SIZE, filelines._READ_SIZE = block, block * 3
    try:
        assert_same(path)
    finally:
        filelines.BLOCK_SIZE, filelines._READ_SIZE = saved
