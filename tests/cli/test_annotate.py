"""`glossary annotate`: text, JSON and HTML output, input encodings, errors, and the page in Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossarykit.cli import cli
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.matcher import PlainMatcher

from ..conftest import DATA, REPO, SOURCE_REPORT, Invoke

CATALOGUE = DATA / "qa" / "catalogue"
TEXT = "深化三社联动,对接長江主軸。\n筹办七军会,完成“九定”。\n"
ANNOTATED = (
    "深化三社联动[three-society linkage],对接長江主軸[Yangtze River main axis]。\n"
    "筹办七军会[7th CISM Military World Games],"
    "完成“九定[nine-point standardization]”。\n"
)


def write(tmp_path: Path, text: str = TEXT, encoding: str = "utf-8") -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    return path


def test_text_format_marks_terms_inline(run: Invoke, tmp_path: Path) -> None:
    result = run("annotate", str(write(tmp_path)), catalogue=CATALOGUE)
    assert result.exit_code == 0
    assert result.stdout == ANNOTATED
    assert result.stderr == "4 occurrences of 4 glossary terms marked.\n"


def test_stdin_is_read_with_a_dash(run: Invoke) -> None:
    result = run("annotate", "-", catalogue=CATALOGUE, stdin=TEXT)
    assert result.exit_code == 0
    assert result.stdout == ANNOTATED


def test_gb18030_input_is_detected_on_stdin_and_in_files(tmp_path: Path) -> None:
    data = TEXT.encode("gb18030")
    runner = CliRunner()
    args = ["--catalogue", str(CATALOGUE), "annotate"]
    from_stdin = runner.invoke(cli, [*args, "-"], input=data, catch_exceptions=False)
    assert from_stdin.stdout == ANNOTATED
    path = write(tmp_path, encoding="gb18030")
    assert runner.invoke(cli, [*args, str(path)]).stdout == ANNOTATED


def test_encoding_option(run: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path, "深化三社聯動。", encoding="big5")
    result = run("annotate", str(path), "--encoding", "big5", catalogue=CATALOGUE)
    assert result.stdout == "深化三社聯動[three-society linkage]。"


def test_json_format(run: Invoke, tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run("annotate", str(path), "--format", "json", catalogue=CATALOGUE)
    data = json.loads(result.stdout)
    assert data["file"] == str(path)
    assert data["matches"][1] == {
        "start": 9,
        "end": 13,
        "line": 1,
        "form": "長江主軸",
        "form_type": "variant",
        "form_locale": "zh_Hant_TW",
        "id": "qa-02",
        "term": "长江主轴",
        "rendering": "Yangtze River main axis",
    }
    for match in data["matches"]:
        assert TEXT[match["start"] : match["end"]] == match["form"]


@pytest.mark.parametrize("output_format", ["text", "json", "html"])
def test_the_same_output_from_the_index_and_from_a_full_load(
    run: Invoke,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    output_format: str,
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, TEXT + SOURCE_REPORT.read_text(encoding="utf-8"))
    args = ("annotate", str(path), "--format", output_format)
    results = [run(*args, catalogue=CATALOGUE) for _ in range(3)]  # builds, then reads
    assert list((tmp_path / "cache").glob("lookup-*.annotate-*.json"))
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    results.append(run(*args, catalogue=CATALOGUE))
    assert {(r.exit_code, r.stdout, r.stderr) for r in results} == {
        (results[0].exit_code, results[0].stdout, results[0].stderr)
    }
    assert results[0].exit_code == 0


def test_a_binary_file_is_refused(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    result = run("annotate", str(path), catalogue=CATALOGUE)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {path}:2: is binary, not text (it holds a NUL byte). "
        "Give a plain-text file (UTF-8 or GB18030)\n"
    )


def test_a_missing_file_is_refused(run: Invoke, tmp_path: Path) -> None:
    result = run("annotate", str(tmp_path / "nope.txt"), catalogue=CATALOGUE)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nope.txt'}: no such file. Check the path\n"
    )


# --- The HTML page in a real browser -------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian package chromium, "
    "listed in .ci/debian-packages)",
)


def dump_dom(page: Path, profile: Path) -> str:
    """The DOM of ``page`` after Chromium loaded it (and ran any script in it)."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


MARK_RE = re.compile(
    r'<mark class="term" id="m(\d+)" tabindex="0" data-concept="([^"]*)" data-form="([^"]*)"'
)


@needs_chromium
def test_the_seed_report_page_in_chromium_highlights_every_occurrence(
    run: Invoke, tmp_path: Path
) -> None:
    result = run("annotate", str(SOURCE_REPORT), "--format", "html", catalogue=REPO)
    assert result.exit_code == 0
    page = tmp_path / "report.html"
    page.write_text(result.stdout, encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    catalogue = load_catalogue(REPO)
    expected = PlainMatcher.from_catalogue(catalogue).find(
        SOURCE_REPORT.read_text(encoding="utf-8")
    )
    marks = MARK_RE.findall(dom)
    assert len(marks) == len(expected) > 0
    assert [(c, f) for _, c, f in marks] == [
        (m.concept.id, m.form.form) for m in expected
    ]
    assert [int(n) for n, _, _ in marks] == list(range(1, len(expected) + 1))


# A test-only script, added to a copy of the page: it focuses the first term with the
# keyboard API and records what the browser computed.
HARNESS = """<script id="harness">
const mark = document.querySelector("mark.term");
const tip = mark.querySelector(".tip");
const body = document.body.dataset;
body.background = getComputedStyle(mark).backgroundColor;
body.before = getComputedStyle(tip).display;
mark.focus();
body.focused = String(document.activeElement === mark);
body.after = getComputedStyle(tip).display;
body.scripts = String(document.scripts.length);
body.tip = tip.textContent;
</script></body>"""


@needs_chromium
def test_the_page_shows_the_tip_on_focus_and_runs_no_catalogue_text(
    run: Invoke, tmp_path: Path
) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    po = catalogue / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    text = po.read_text(encoding="utf-8")
    evil = '<script>document.title=\\"pwned\\"</script><b>bold</b>'
    marker = 'msgstr "three-society linkage'
    assert marker in text
    po.write_text(
        text.replace(marker, f'msgstr "{evil} three-society linkage'), "utf-8"
    )
    source = write(tmp_path, "深化三社联动。")
    result = run("annotate", str(source), "--format", "html", catalogue=catalogue)
    assert result.exit_code == 0
    page = tmp_path / "page.html"
    # The only script must be the harness's; the page's own CSP would (rightly) block it.
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')
    page.write_text(
        csp.sub("", result.stdout).replace("</body>", HARNESS), encoding="utf-8"
    )
    dom = dump_dom(page, tmp_path / "profile")
    body_tag = re.search(r"<body[^>]*>", dom)
    assert body_tag is not None
    body = {
        k: html.unescape(v) for k, v in re.findall(r'data-(\w+)="([^"]*)"', body_tag[0])
    }
    assert body["background"] == "rgb(255, 241, 168)"  # the highlight
    assert (body["before"], body["focused"], body["after"]) == ("none", "true", "block")
    assert body["scripts"] == "1"  # the harness: the rendering's <script> is text
    assert "<title>report.txt · glossary terms</title>" in dom
    assert body["tip"].startswith(
        '<script>document.title="pwned"</script><b>bold</b> three-society linkage'
    )


@pytest.mark.parametrize("command", ["annotate", "check"])
def test_help_loads_no_heavy_library(command: str) -> None:
    code = (
        "import sys\n"
        "from glossarykit.cli import cli\n"
        f"cli.main([{command!r}, '--help'], standalone_mode=False)\n"
        "print(sorted(m for m in ('ahocorasick_rs', 'jinja2', 'lxml') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"
