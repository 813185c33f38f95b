"""``glossary export``: every format, -o files and stdout, golden outputs, errors."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from glossarykit import __version__

from ..conftest import Invoke
from ..exchange_sample import make_sample_catalogue

GOLDEN_CASES = [
    ("tbx", [], "export-sample.tbx"),
    ("tbx", ["--forbidden-terms"], "export-sample-forbidden.tbx"),
    ("tbx3", [], "export-sample.tbx3"),
    ("csv", [], "export-sample.csv"),
    ("csv", ["--csv-shape", "omegat"], "export-sample-omegat.csv"),
    ("csv", ["--csv-shape", "ttk"], "export-sample-ttk.csv"),
    ("tsv", [], "export-sample.utf8"),
    ("json", [], "export-sample.json"),
    ("po", ["--locale", "en"], "export-sample-en.po"),
]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    make_sample_catalogue(tmp_path / "cat")
    return tmp_path / "cat"


@pytest.mark.parametrize(
    ("format_name", "extra", "name"), GOLDEN_CASES, ids=[c[2] for c in GOLDEN_CASES]
)
def test_export_to_stdout_matches_golden(
    run: Invoke, golden, sample: Path, format_name: str, extra: list[str], name: str
) -> None:
    result = run("export", "--format", format_name, *extra, catalogue=sample)
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(name, result.stdout_bytes.replace(__version__.encode(), b"VERSION"))


def test_export_to_file_is_the_same_and_says_so(
    run: Invoke, sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "glossary.tbx"
    result = run("export", "-o", str(out), catalogue=sample)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out} (tbx, 3 concepts).\n"
    assert out.read_bytes() == run("export", catalogue=sample).stdout_bytes


def test_existing_output_is_replaced(run: Invoke, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.csv"
    out.write_text("not ours\n", encoding="utf-8")
    result = run("-q", "export", "--format", "csv", "-o", str(out), catalogue=sample)
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_text(encoding="utf-8").startswith("id,zh,zh_Hant_TW,")


def test_refuses_to_overwrite_the_catalogue(run: Invoke, sample: Path) -> None:
    target = sample / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    before = target.read_bytes()
    result = run("export", "--format", "csv", "-o", str(target), catalogue=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target}: refusing to overwrite a catalogue file with an export. "
        "Choose another -o file; the catalogue is changed by `glossary import`\n"
    )
    assert target.read_bytes() == before


def test_mo_export_serves_gettext(run: Invoke, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.mo"
    result = run(
        "-q",
        "export",
        "--format",
        "mo",
        "--locale",
        "en",
        "-o",
        str(out),
        catalogue=sample,
    )
    assert result.exit_code == 0
    with out.open("rb") as handle:
        t = gettext.GNUTranslations(handle)
    assert t.gettext("三社联动") == "three-society linkage"
    assert t.pgettext(
        "definition|三社联动", "“三社”指社区、社会组织、社会工作者。"
    ) == (
        'The "three societies" are communities, social organizations and social workers.'
    )


def test_locale_the_catalogue_lacks(run: Invoke, sample: Path) -> None:
    result = run("export", "--format", "json", "--locale", "fr", catalogue=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the catalogue has no locale 'fr' (it has: en, zh_Hant_TW). "
        "Pass --locale with one of those\n"
    )


def test_locale_babel_does_not_know(run: Invoke, sample: Path) -> None:
    result = run("export", "--locale", "xx_YY", catalogue=sample)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--locale': unknown locale 'xx_YY' (Use a CLDR locale id "
        "such as en, zh_Hant_TW or zh_Hant_HK)\n"
    )


def test_only_chosen_locales(run: Invoke, sample: Path) -> None:
    result = run("export", "--locale", "en", catalogue=sample)
    assert "zh-Hant-TW" not in result.stdout
    assert 'xml:lang="en"' in result.stdout
