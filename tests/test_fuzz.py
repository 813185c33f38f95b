"""Fuzzing of every reader: whatever the bytes, only our own errors (GlossaryError) escape.

Inputs are valid files from tests/data mutated byte by byte (flips, deletions,
duplications, truncations, and insertions of the tokens each format's parser cares about),
plus arbitrary bytes. Each reader gets them: PO (catalogue and bilingual pairs), TBX, CSV,
XLIFF, aligned TSV, text decoding, the miner, and two whole commands (``lookup`` and
``validate``) on a catalogue whose template is the fuzzed file, which must end with exit
0, 1 or 2, never an internal error.

The default run is short and derandomised (the same examples every time, so CI is
stable). Run it longer, with fresh random examples, by naming how many per reader::

    GLOSSARY_FUZZ_EXAMPLES=100000 .venv/bin/pytest tests/test_fuzz.py -p no:cacheprovider

A failure prints the smallest input hypothesis found; it is kept in .hypothesis/ and
replayed first on the next run.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit.cli import cli
from glossarykit.errors import GlossaryError
from glossarykit.formats.csvfile import CSV
from glossarykit.formats.po import read_po, read_po_pairs
from glossarykit.formats.segments import read_tsv
from glossarykit.formats.tbx import read_tbx
from glossarykit.formats.xliff import read_xliff
from glossarykit.services.mine import mine_text
from glossarykit.textio import decode_text

from .conftest import DATA

ENV_EXAMPLES = "GLOSSARY_FUZZ_EXAMPLES"
LONG_RUN = bool(os.environ.get(ENV_EXAMPLES))
EXAMPLES = int(os.environ.get(ENV_EXAMPLES) or 60)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS = {
    "po": [
        DATA / "valid" / "glossary" / "glossary.pot",
        DATA / "valid" / "locales" / "en" / "LC_MESSAGES" / "glossary.po",
        DATA / "broken" / "duplicate-concept.pot",
        DATA / "qa" / "sample.po",
    ],
    "xml": [
        DATA / "qa" / "sample-1.2.xlf",
        DATA / "qa" / "sample-2.0.xlf",
        DATA / "bad" / "tbx" / "billion-laughs.tbx",
        DATA / "bad" / "tbx" / "missing-language.tbx",
    ],
    "csv": [
        DATA / "bad" / "csv" / "accepted" / "formula-cells.csv",
        DATA / "bad" / "csv" / "ragged-row-short.csv",
    ],
    "text": [
        DATA / "qa" / "sample.tsv",
        DATA / "valid" / "glossary" / "sources" / "report.txt",
    ],
}
# What each parser keys on: quoting, escapes, keywords, markup, entities, separators, bytes
# that break encodings.
TOKENS = [
    b'"',
    b"\\",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"\x00",
    b"\xff",
    b"\xe4\xb8",
    b"\xef\xbb\xbf",
    b"\\x4",
    b"\\101\\101\\101\\101\\101\\101\\101\\101",
    b'msgid ""\nmsgstr ""\n',
    b'msgctxt "definition|',
    b"msgstr[0] ",
    b"#~ ",
    b"#| msgid ",
    b"#, fuzzy\n",
    b"Language: \\n",
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"<![CDATA[",
    b"]]>",
    b'<!DOCTYPE x [<!ENTITY e "ee">]>',
    b'<langSet xml:lang="">',
    b"<tig><term>",
    b"</termEntry>",
    b",",
    b'""',
    b"=SUM(A1)",
    b"\xe5\x90\x8d\xe8\xaf\x8d\xe6\xb3\xa8\xe9\x87\x8a\n",  # 名词注释
    "1、三社联动：".encode(),
    "“四水共治”".encode(),
    "大湖+".encode(),
]


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A seed file of ``kind`` with a few random mutations, or arbitrary bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(draw(st.sampled_from(SEEDS[kind])).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "insert", "delete", "copy", "cut"]))
        if operation == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif operation == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif operation == "copy":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        elif operation == "cut":
            del data[at:]
    return bytes(data)


def survives(read: Callable[[], object]) -> None:
    """Run a reader: it may return or raise our own error, nothing else."""
    try:
        read()
    except GlossaryError as exc:
        text = str(exc)
        assert "\n" not in text.strip(), text  # one line, as the CLI prints it
        assert len(text) < 2000, text[:200]  # never the whole input echoed back


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def put(scratch: Path, name: str, data: bytes) -> Path:
    path = scratch / name
    path.write_bytes(data)
    return path


@FUZZ
@given(data=mutated("po"))
def test_po_reader(scratch: Path, data: bytes) -> None:
    path = put(scratch, "fuzz.po", data)
    survives(lambda: read_po(path))
    survives(lambda: read_po_pairs(path))


@FUZZ
@given(data=mutated("xml"))
def test_tbx_reader(data: bytes) -> None:
    survives(lambda: read_tbx(data, "fuzz.tbx"))


@FUZZ
@given(data=mutated("xml"))
def test_xliff_reader(scratch: Path, data: bytes) -> None:
    path = put(scratch, "fuzz.xlf", data)
    survives(lambda: read_xliff(path))


@FUZZ
@given(data=mutated("csv"))
def test_csv_reader(data: bytes) -> None:
    survives(lambda: CSV.read(io.BytesIO(data), "fuzz.csv"))


@FUZZ
@given(data=mutated("text"))
def test_tsv_and_text_readers(scratch: Path, data: bytes) -> None:
    path = put(scratch, "fuzz.tsv", data)
    survives(lambda: read_tsv(path))
    survives(lambda: decode_text(data, "-"))


@FUZZ
@given(data=mutated("text"))
def test_miner(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    survives(lambda: mine_text(text))


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzzcat") / "cat"
    shutil.copytree(DATA / "valid", root)
    return root


@FUZZ
@given(data=mutated("po"))
def test_lookup_and_validate_on_a_fuzzed_template(catalogue: Path, data: bytes) -> None:
    (catalogue / "glossary" / "glossary.pot").write_bytes(data)
    runner = CliRunner()
    for args in (["lookup", "三社联动"], ["validate"]):
        result = runner.invoke(cli, ["--catalogue", str(catalogue), *args])
        assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
        assert "internal error" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
