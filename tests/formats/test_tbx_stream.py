"""The streamed TBX writer: the bytes of the whole-tree writer, its errors, atomic files.

``tbx.write_document`` renders each entry as text (the fast path) and writes it at once;
``tbx.build_document`` builds the whole lxml tree and serialises it (the general path, what
the writer did before). Both must give the same bytes, and the same error for characters
XML cannot hold.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit import fileio
from glossarykit.errors import CatalogueError
from glossarykit.formats import FORMATS, ExportOptions, render_catalogue, tbx, tbx3
from glossarykit.formats.fields import concept_records
from glossarykit.model import Catalogue, CatalogueFile
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.exchange import (
    export_catalogue,
    export_to_file,
    write_output,
)

from ..conftest import bench_generator, generated_catalogue
from ..exchange_sample import make_sample_catalogue
from ..strategies import catalogues, free_text

CASES = {
    "tbx": ("tbx", ExportOptions()),
    "tbx-forbidden-terms": ("tbx", ExportOptions(forbidden_terms=True)),
    "tbx-no-base": ("tbx", ExportOptions(record_base=False)),
    "tbx3": ("tbx3", ExportOptions()),
    "tbx3-forbidden-terms": ("tbx3", ExportOptions(forbidden_terms=True)),
}
# Every character lxml refuses in a value (lone surrogates fail to encode).
NOT_XML = [chr(c) for c in range(32) if c not in (9, 10, 13)] + [
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
]


def _whole_tree_document(
    stream: BinaryIO,
    root: Any,
    body: Any,
    catalogue: Catalogue,
    locales: list[str],
    options: ExportOptions,
    dialect: tbx.Dialect,
) -> None:
    records = concept_records(catalogue, locales)
    stream.write(tbx.build_document(root, body, records, locales, options, dialect))


def _options(options: ExportOptions) -> ExportOptions:
    return dataclasses.replace(options, contexts=dict(options.contexts))


def streamed(catalogue: Catalogue, case: str, contexts: bool = True) -> bytes:
    """What the writer writes (through export_catalogue: with the context sentences)."""
    format_name, options = CASES[case]
    if not contexts:
        return render_catalogue(catalogue, format_name, _options(options))
    return export_catalogue(catalogue, format_name, _options(options))


def whole_tree(catalogue: Catalogue, case: str, contexts: bool = True) -> bytes:
    """What the writer wrote before it streamed: the whole tree, serialised at once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tbx, "write_document", _whole_tree_document)
        patch.setattr(tbx3, "write_document", _whole_tree_document)
        return streamed(catalogue, case, contexts)


@pytest.fixture
def general_path_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send every entry through lxml (the path of entries with XML-invalid characters)."""
    monkeypatch.setattr(tbx, "_CONTROL_BYTES", (b"<",))
    monkeypatch.setattr(tbx, "_NOT_XML", re.compile(".", re.DOTALL))


@pytest.fixture(scope="module")
def generated_1000(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The benchmarks' generated catalogue of 1,000 concepts (with its corpus)."""
    root = tmp_path_factory.mktemp("generated") / "cat-1000"
    bench_generator().generate(1000, out=root)
    return load_catalogue(root)


# ---------------------------------------------------------------- the same bytes


@pytest.mark.parametrize("case", CASES)
def test_seed_glossary(catalogue_copy: Path, case: str) -> None:
    catalogue = load_catalogue(catalogue_copy)
    assert streamed(catalogue, case) == whole_tree(catalogue, case)


@pytest.mark.parametrize("case", CASES)
def test_sample_catalogue(tmp_path: Path, case: str) -> None:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    assert streamed(catalogue, case) == whole_tree(catalogue, case)


@pytest.mark.parametrize("case", CASES)
def test_generated_catalogue_of_1000(generated_1000: Catalogue, case: str) -> None:
    expected = whole_tree(generated_1000, case)
    assert expected.count(b"<?glossarykit-base ") == (
        0 if case == "tbx-no-base" else 1000
    )
    assert streamed(generated_1000, case) == expected


def test_generated_catalogue_of_10000() -> None:
    catalogue = load_catalogue(generated_catalogue(10000))
    assert streamed(catalogue, "tbx") == whole_tree(catalogue, "tbx")


@pytest.mark.parametrize("case", ["tbx", "tbx3"])
def test_an_empty_catalogue(case: str) -> None:
    catalogue = Catalogue(CatalogueFile(), {"en": CatalogueFile(locale="en")})
    data = streamed(catalogue, case, contexts=False)
    assert data == whole_tree(catalogue, case, contexts=False)
    assert b"<body/>" in data


@pytest.mark.parametrize("case", ["tbx", "tbx3"])
def test_the_general_path_gives_the_same_bytes(
    tmp_path: Path, catalogue_copy: Path, general_path_only: None, case: str
) -> None:
    for catalogue in (
        load_catalogue(catalogue_copy),
        make_sample_catalogue(tmp_path / "sample"),
    ):
        assert streamed(catalogue, case) == whole_tree(catalogue, case)


@st.composite
def catalogues_with_contexts(draw: st.DrawFn) -> tuple[Catalogue, dict[str, str]]:
    """Hypothesis catalogues, with a context sentence for some head terms (as if from
    the sources, which catalogues() has not)."""
    catalogue = draw(catalogues())
    contexts = {}
    for concept in catalogue.concepts:
        if draw(st.booleans()):
            contexts[concept.term] = draw(free_text())
    return catalogue, contexts


def _both(
    catalogue: Catalogue, case: str, contexts: dict[str, str] | None = None
) -> tuple[bytes, bytes]:
    format_name, options = CASES[case]
    options = dataclasses.replace(options, contexts=contexts or {})
    fast = render_catalogue(catalogue, format_name, options)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tbx, "write_document", _whole_tree_document)
        patch.setattr(tbx3, "write_document", _whole_tree_document)
        slow = render_catalogue(catalogue, format_name, options)
    return fast, slow


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=catalogues_with_contexts(), case=st.sampled_from(sorted(CASES)))
def test_hypothesis_catalogues(
    drawn: tuple[Catalogue, dict[str, str]], case: str
) -> None:
    fast, slow = _both(drawn[0], case, drawn[1])
    assert fast == slow


@settings(max_examples=30, deadline=None)
@given(catalogue=catalogues(), case=st.sampled_from(["tbx", "tbx3"]))
def test_hypothesis_catalogues_through_lxml_only(
    catalogue: Catalogue, case: str
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tbx, "_CONTROL_BYTES", (b"<",))
        patch.setattr(tbx, "_NOT_XML", re.compile(".", re.DOTALL))
        fast, slow = _both(catalogue, case)
    assert fast == slow


# ---------------------------------------------------------------- characters XML cannot hold


def _error(write: Callable[[], object]) -> str:
    with pytest.raises(CatalogueError) as caught:
        write()
    return str(caught.value)


_FIELDS = ["term", "definition", "domain", "id", "comments", "target", "context"]


def _poisoned(
    catalogue: Catalogue, number: int, field: str, char: str
) -> tuple[Catalogue, dict[str, str]]:
    """``catalogue`` with ``char`` in one field of its concept ``number``."""
    contexts: dict[str, str] = {}
    template = catalogue.template.concepts[number]
    if field == "target":
        side = catalogue.locales["en"].concepts[number]
        side.target = f"a{char}b"
    elif field == "comments":
        template.comments = [*template.comments, f"x{char}"]
    elif field == "context":
        contexts[template.term] = f"前{char}后"
    elif field == "term":
        # The locale sides are found by term: rename them too.
        for file in catalogue.locales.values():
            for concept in file.concepts:
                if concept.term == template.term:
                    concept.term = f"{template.term}{char}"
        template.term = f"{template.term}{char}"
    else:
        setattr(template, field, f"{getattr(template, field) or 'v'}{char}")
    return catalogue, contexts


_POISON = st.tuples(
    st.integers(0, 2), st.sampled_from(_FIELDS), st.sampled_from(NOT_XML)
)


@settings(max_examples=60, deadline=None)
@given(
    poisons=st.lists(_POISON, min_size=1, max_size=2),
    case=st.sampled_from(["tbx", "tbx3", "tbx-forbidden-terms"]),
)
def test_a_character_xml_cannot_hold_is_the_same_error(
    tmp_path_factory: pytest.TempPathFactory,
    poisons: list[tuple[int, str, str]],
    case: str,
) -> None:
    """The first such value in document order gives the error, whichever path."""
    catalogue = make_sample_catalogue(tmp_path_factory.mktemp("poisoned") / "cat")
    contexts: dict[str, str] = {}
    for number, field, char in poisons:
        catalogue, more = _poisoned(catalogue, number, field, char)
        contexts.update(more)
    format_name, options = CASES[case]
    options = dataclasses.replace(options, contexts=contexts)
    fast = _error(lambda: render_catalogue(catalogue, format_name, options))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tbx, "write_document", _whole_tree_document)
        patch.setattr(tbx3, "write_document", _whole_tree_document)
        slow = _error(lambda: render_catalogue(catalogue, format_name, options))
    assert fast == slow
    assert fast.startswith("cannot write TBX: ")


def test_a_control_character_names_the_fix(tmp_path: Path) -> None:
    catalogue, _ = _poisoned(make_sample_catalogue(tmp_path / "cat"), 1, "term", "\x01")
    assert _error(lambda: render_catalogue(catalogue, "tbx")) == (
        "cannot write TBX: All strings must be XML compatible: Unicode or ASCII, no NULL "
        "bytes or control characters. Remove control characters from the catalogue; XML "
        "cannot hold them"
    )


# ---------------------------------------------------------------- streaming into a file


def test_entries_are_written_as_they_come(generated_1000: Catalogue) -> None:
    """Not one write of the whole document: memory stays flat however large it is."""
    writes: list[int] = []

    class Recorder(io.BytesIO):
        def write(self, data: Any) -> int:
            writes.append(len(data))
            return super().write(data)

    stream = Recorder()
    tbx.TBX.write(generated_1000, stream, ExportOptions())
    assert len(writes) >= 2 + 1000 // tbx._BATCH
    assert max(writes) < 0.6 * len(stream.getvalue())


@pytest.mark.parametrize(
    "format_name", [name for name, fmt in FORMATS.items() if fmt.can_write]
)
def test_export_to_file_writes_what_write_output_writes(
    tmp_path: Path, format_name: str
) -> None:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    options = ExportOptions(locales=["en"] if format_name in ("mo", "json") else None)
    old, new = tmp_path / "old" / "out", tmp_path / "new" / "out"
    write_output(
        export_catalogue(catalogue, format_name, dataclasses.replace(options)),
        old,
        catalogue,
    )
    export_to_file(catalogue, format_name, dataclasses.replace(options), new)
    assert new.read_bytes() == old.read_bytes()
    assert new.stat().st_mode == old.stat().st_mode
    assert sorted(p.name for p in new.parent.iterdir()) == ["out"]


def test_a_failed_export_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    catalogue, _ = _poisoned(make_sample_catalogue(tmp_path / "cat"), 2, "term", "\x0b")
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.tbx").write_bytes(b"an earlier export")
    expected = _error(lambda: export_catalogue(catalogue, "tbx", ExportOptions()))
    error = _error(
        lambda: export_to_file(catalogue, "tbx", ExportOptions(), out / "g.tbx")
    )
    assert error == expected
    assert [p.name for p in out.iterdir()] == ["g.tbx"]
    assert (out / "g.tbx").read_bytes() == b"an earlier export"
    # A folder that -o would have made is not left behind either (it never was before).
    error = _error(
        lambda: export_to_file(
            catalogue, "tbx", ExportOptions(), tmp_path / "new" / "sub" / "g.tbx"
        )
    )
    assert error == expected
    assert not (tmp_path / "new").exists()


def test_the_catalogue_error_comes_before_an_unwritable_folder(tmp_path: Path) -> None:
    """As when the whole file was rendered before anything was written."""
    catalogue = make_sample_catalogue(tmp_path / "cat")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "g.tbx"

    def old_way() -> None:
        write_output(export_catalogue(catalogue, "tbx", ExportOptions()), target)

    def new_way() -> None:
        export_to_file(catalogue, "tbx", ExportOptions(), target)

    assert _error(new_way) == _error(old_way)
    assert "cannot write here" in _error(new_way)
    _poisoned(catalogue, 0, "definition", "\x00")
    assert _error(new_way) == _error(old_way)
    assert _error(new_way).startswith("cannot write TBX: ")


def test_the_catalogue_files_are_still_refused_after_rendering(tmp_path: Path) -> None:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    target = tmp_path / "cat" / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    before = target.read_bytes()
    message = _error(lambda: export_to_file(catalogue, "tbx", ExportOptions(), target))
    assert message.startswith(f"{target}: refusing to overwrite a catalogue file")
    assert target.read_bytes() == before
    _poisoned(catalogue, 0, "domain", "\x1f")
    message = _error(lambda: export_to_file(catalogue, "tbx", ExportOptions(), target))
    assert message.startswith("cannot write TBX: ")


# ---------------------------------------------------------------- fileio.atomic_writer


def test_atomic_writer_replaces_the_file_keeping_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(b"old")
    path.chmod(0o640)
    with fileio.atomic_writer(path) as stream:
        stream.write(b"new ")
        assert path.read_bytes() == b"old"
        stream.write(b"content")
    assert path.read_bytes() == b"new content"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["g.tbx"]


def test_atomic_writer_makes_the_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "g.tbx"
    with fileio.atomic_writer(path) as stream:
        stream.write(b"x")
    assert path.read_bytes() == b"x"


class _Boom(Exception):
    pass


def test_atomic_writer_leaves_nothing_when_the_block_fails(tmp_path: Path) -> None:
    (tmp_path / "g.tbx").write_bytes(b"old")

    def fail(path: Path) -> None:
        with fileio.atomic_writer(path) as stream:
            stream.write(b"half")
            raise _Boom

    for path in (tmp_path / "g.tbx", tmp_path / "new" / "deeper" / "g.tbx"):
        with pytest.raises(_Boom):
            fail(path)
    assert [p.name for p in tmp_path.iterdir()] == ["g.tbx"]
    assert (tmp_path / "g.tbx").read_bytes() == b"old"


def test_atomic_writer_turns_write_errors_into_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full_disk)
    path = tmp_path / "g.tbx"
    with pytest.raises(CatalogueError) as caught, fileio.atomic_writer(path) as stream:
        stream.write(b"x")
    assert str(caught.value) == (
        f"{path}: cannot write the file (No space left on device)"
    )
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_cannot_write_here(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    path = tmp_path / "file" / "g.tbx"
    entered = False
    with pytest.raises(CatalogueError) as caught, fileio.atomic_writer(path):
        entered = True
    assert not entered
    assert str(caught.value).startswith(f"{path}: cannot write here (")
