"""`glossary site`: success, rebuild, and the refusals, with exact output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.services import pinyin

from ..conftest import REPO, Invoke
from ..site_sample import make_site_catalogue


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pinyin.CACHE_ENV, str(tmp_path / "cache"))


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    make_site_catalogue(tmp_path / "cat")
    return tmp_path / "cat"


def test_site_writes_three_files_then_reports_up_to_date(
    run: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    result = run("site", "-o", str(out), catalogue=catalogue)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert (
        result.stderr == f"Wrote {out / 'index.html'} (6 concepts, 3 files changed).\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html",
        "site.css",
        "site.js",
    ]
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    again = run("site", "-o", str(out), catalogue=catalogue)
    assert again.exit_code == 0
    assert again.stderr == f"{out / 'index.html'} is up to date (6 concepts).\n"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_site_options_title_and_quiet(
    run: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "public"
    result = run(
        "-q", "site", "-o", str(out), "--title", "Wuchang <2017>", catalogue=catalogue
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Wuchang &lt;2017&gt;</title>" in page
    assert "<h1>Wuchang &lt;2017&gt;</h1>" in page


def test_site_of_the_seed_glossary(run: Invoke, tmp_path: Path) -> None:
    result = run("site", "-o", str(tmp_path / "s"), catalogue=REPO)
    assert result.exit_code == 0
    page = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert '<article class="concept" id="wc2017-a06"' in page
    assert '<span class="pinyin" lang="zh-Latn-pinyin">sān shè lián dòng</span>' in page


def test_site_refuses_to_replace_a_foreign_page(
    run: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "index.html").write_text("<h1>My home page</h1>\n", encoding="utf-8")
    result = run("site", "-o", str(out), catalogue=catalogue)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {out / 'index.html'}: exists and was not written by glossary site. "
        "Choose another -o folder, or move that file away\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "<h1>My home page</h1>\n"


def test_site_refuses_a_file_as_output(
    run: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site.txt"
    out.write_text("notes\n", encoding="utf-8")
    result = run("site", "-o", str(out), catalogue=catalogue)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '-o' / '--output': Directory '{out}' is a file.\n"
    )
    assert out.read_text(encoding="utf-8") == "notes\n"


def test_site_with_a_locale_the_catalogue_lacks(
    run: Invoke, catalogue: Path, tmp_path: Path
) -> None:
    result = run(
        "site", "-o", str(tmp_path / "s"), "--locale", "fr", catalogue=catalogue
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the catalogue has no locale 'fr' (it has: en, zh_Hant_HK, zh_Hant_TW). "
        "Pass --locale with one of those\n"
    )
    assert not (tmp_path / "s").exists()


def test_site_needs_an_output_folder(run: Invoke, catalogue: Path) -> None:
    result = run("site", catalogue=catalogue)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Missing option '-o' / '--output'.\n")
