"""`glossary suggest` end to end against a local LibreTranslate look-alike (127.0.0.1 only)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from glossarykit.formats.po import read_po, write_po
from glossarykit.model import Status

from ..conftest import Invoke
from ..libretranslate_server import (
    LibreTranslateServer,
    closed_port_url,
    libre_server_fixture,  # noqa: F401  (the libre_server fixture)
    translate_text,
)
from ..suggest_catalogue import ROWS, UNTRANSLATED, entry_blocks, make_catalogue

SOURCES = {(row[0], "term"): row[0] for row in ROWS} | {
    (row[0], "definition"): row[1] for row in ROWS
}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    make_catalogue(tmp_path)
    return tmp_path


def po_path(root: Path) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / "glossary.po"


def test_untranslated_entries_become_fuzzy_machine_and_approved_stay_byte_identical(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    path = po_path(catalogue)
    before = entry_blocks(path.read_text(encoding="utf-8"))
    result = run("suggest", "--url", libre_server.url, catalogue=catalogue)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "suggested 2 terms and 3 definitions with libre; 0 failed\n"
    after = entry_blocks(path.read_text(encoding="utf-8"))
    for key, block in before.items():
        if key in UNTRANSLATED:
            continue
        assert after[key] == block, f"{key} changed"
    file = read_po(path)
    for term, kind in UNTRANSLATED:
        concept = file.get(term)
        assert concept is not None
        if kind == "term":
            target, flags, comments = concept.target, concept.flags, concept.comments
        else:
            target, flags = concept.definition_target, concept.definition_flags
            comments = concept.definition_comments
        assert target == translate_text(SOURCES[(term, kind)])
        assert flags[-2:] == ["fuzzy", "machine"]
        assert comments == ["suggested-by: libre"]
    # One batch: LibreTranslate takes q as a list.
    [request] = libre_server.translate_requests
    assert request["q"] == [SOURCES[key] for key in UNTRANSLATED]
    # A second run finds nothing left to do and sends nothing.
    again = run("suggest", "--url", libre_server.url, catalogue=catalogue)
    assert again.exit_code == 0
    assert (
        again.stderr == f"nothing to suggest: every entry in {path} has a translation\n"
    )
    assert len(libre_server.translate_requests) == 1


def test_written_entries_read_back_as_machine_suggestions(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    run("suggest", "--url", libre_server.url, catalogue=catalogue)
    lookup = run("lookup", "四水共治", "--format", "json", catalogue=catalogue)
    record = json.loads(lookup.stdout)["concepts"][0]
    assert (record["rendering"], record["status"]) == (
        "four-water co-governance",
        Status.MACHINE.value,
    )


def test_dry_run_prints_and_writes_nothing(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    before = po_path(catalogue).read_bytes()
    result = run("suggest", "--url", libre_server.url, "--dry-run", catalogue=catalogue)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "四水共治\tfour-water co-governance",
        f"四水共治 (definition)\t{translate_text(SOURCES[('四水共治', 'definition')])}",
        f"大湖+ (definition)\t{translate_text(SOURCES[('大湖+', 'definition')])}",
        f"一号工程\t{translate_text('一号工程')}",
        f"长江主轴 (definition)\t{translate_text(SOURCES[('长江主轴', 'definition')])}",
    ]
    assert result.stderr == (
        "suggested 2 terms and 3 definitions with libre; 0 failed (dry run: nothing written)\n"
    )
    assert po_path(catalogue).read_bytes() == before


def test_dry_run_as_json(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    result = run(
        "suggest",
        "--url",
        libre_server.url,
        "--dry-run",
        "--limit",
        "1",
        "--format",
        "json",
        catalogue=catalogue,
    )
    assert json.loads(result.stdout) == [
        {
            "kind": "term",
            "term": "四水共治",
            "source": "四水共治",
            "suggestion": "four-water co-governance",
        }
    ]


def test_limit_and_batch_size(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    result = run(
        "suggest",
        "--url",
        libre_server.url,
        "--limit",
        "3",
        "--batch-size",
        "1",
        catalogue=catalogue,
    )
    assert result.stderr == "suggested 1 term and 2 definitions with libre; 0 failed\n"
    # --batch-size 1: one text a request, through deep-translator's own LibreTranslator call.
    assert [r["q"] for r in libre_server.translate_requests] == [
        SOURCES[key] for key in UNTRANSLATED[:3]
    ]


def test_server_down_exits_3_with_one_line(run: Invoke, catalogue: Path) -> None:
    before = po_path(catalogue).read_bytes()
    url = closed_port_url()
    result = run("suggest", "--url", url, catalogue=catalogue)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {url}: cannot reach libre (connection refused); no suggestion received, "
        "nothing written. Check that the server is running and that --url points at it\n"
    )
    assert po_path(catalogue).read_bytes() == before


def test_hung_server_returns_within_the_timeout(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    libre_server.mode = "hung"
    started = time.monotonic()
    result = run(
        "suggest", "--url", libre_server.url, "--timeout", "0.5", catalogue=catalogue
    )
    assert time.monotonic() - started < 0.5 + 2
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: {libre_server.url}: libre did not answer within 0.5 s; no suggestion received, "
        "nothing written. Raise --timeout, or try again later\n"
    )


def test_rate_limit_is_retried_then_reported(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    libre_server.mode = "ratelimit"  # answers 429 with Retry-After: 0
    result = run(
        "suggest", "--url", libre_server.url, "--retries", "2", catalogue=catalogue
    )
    assert result.exit_code == 3
    assert len(libre_server.translate_requests) == 3
    assert result.stderr == (
        f"Error: {libre_server.url}: libre failed after 2 retries: HTTP 429 Too Many Requests: "
        "Too many request limits violations; no suggestion received, nothing written. "
        "Wait a while, then run glossary suggest again: entries already filled are skipped\n"
    )


def test_rate_limit_that_clears_is_transparent(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    libre_server.mode, libre_server.fail_count = "ratelimit", 2
    result = run("suggest", "--url", libre_server.url, catalogue=catalogue)
    assert result.exit_code == 0
    assert result.stderr == "suggested 2 terms and 3 definitions with libre; 0 failed\n"
    assert len(libre_server.translate_requests) == 3


@pytest.mark.parametrize(
    ("mode", "what"),
    [
        ("error", "libre failed: HTTP 500 Internal Server Error"),
        ("garbage", "libre sent a malformed answer (not JSON)"),
    ],
)
def test_partial_results_are_kept_when_the_server_fails(
    run: Invoke,
    catalogue: Path,
    libre_server: LibreTranslateServer,
    mode: str,
    what: str,
) -> None:
    path = po_path(catalogue)
    before = entry_blocks(path.read_text(encoding="utf-8"))
    libre_server.mode, libre_server.fail_after = mode, 2
    result = run(
        "suggest",
        "--url",
        libre_server.url,
        "--batch-size",
        "1",
        "--retries",
        "0",
        catalogue=catalogue,
    )
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"Error: {libre_server.url}: {what}; kept the 2 suggestions received before the "
        f"failure in {path}. "
    )
    assert result.stderr.count("\n") == 1
    after = entry_blocks(path.read_text(encoding="utf-8"))
    kept, untouched = UNTRANSLATED[:2], UNTRANSLATED[2:]
    for key in kept:
        assert "#, fuzzy, machine" in after[key].splitlines()
    for key in before.keys() - set(kept):
        assert after[key] == before[key], key
    assert len(untouched) == 3


def test_ctrl_c_keeps_what_was_done(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    # The third request presses Ctrl-C (in the main thread) and never answers.
    libre_server.mode, libre_server.fail_after = "interrupt", 2
    result = run(
        "suggest", "--url", libre_server.url, "--batch-size", "1", catalogue=catalogue
    )
    assert result.exit_code == 130
    assert (
        result.stderr
        == "Interrupted: suggested 1 term and 1 definition with libre; 0 failed\n"
    )
    file = read_po(po_path(catalogue))
    concept = file.get("四水共治")
    assert concept is not None and concept.status is Status.MACHINE
    assert [(c.term, c.status) for c in file.concepts][2:4] == [
        ("大湖+", Status.UNTRANSLATED),
        ("一号工程", Status.UNTRANSLATED),
    ]


def test_progress_bar_for_many_requests_and_quiet(
    run: Invoke, tmp_path: Path, libre_server: LibreTranslateServer
) -> None:
    make_catalogue(tmp_path, extra=1)  # 7 untranslated entries
    result = run(
        "suggest",
        "--url",
        libre_server.url,
        "--batch-size",
        "1",
        "--dry-run",
        catalogue=tmp_path,
    )
    # Not a terminal: click prints the bar's label once instead of redrawing a bar.
    assert result.stderr == (
        "Asking libre for 7 suggestions\n"
        "suggested 3 terms and 4 definitions with libre; 0 failed (dry run: nothing written)\n"
    )
    few = run(
        "suggest",
        "--url",
        libre_server.url,
        "--batch-size",
        "2",
        "--dry-run",
        catalogue=tmp_path,
    )
    assert few.stderr.startswith("suggested ")  # 4 requests: no bar
    quiet = run(
        "-q",
        "suggest",
        "--url",
        libre_server.url,
        "--batch-size",
        "1",
        catalogue=tmp_path,
    )
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    statuses = {c.term: c.status for c in read_po(po_path(tmp_path)).concepts}
    assert Status.UNTRANSLATED not in statuses.values()
    assert statuses["第1号提法"] is Status.MACHINE


def test_api_key_from_the_environment(
    run: Invoke, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LibreTranslateServer(api_key="s3cret") as server:
        refused = run("suggest", "--url", server.url, catalogue=catalogue)
        assert refused.exit_code == 3
        assert refused.stderr == (
            f"Error: {server.url}: libre failed: HTTP 403 Forbidden: Invalid API key; no suggestion "
            "received, nothing written. Check --api-key or GLOSSARY_MT_API_KEY\n"
        )
        monkeypatch.setenv("GLOSSARY_MT_API_KEY", "s3cret")
        result = run("suggest", "--url", server.url, catalogue=catalogue)
        assert result.exit_code == 0
        assert server.translate_requests[-1]["api_key"] == "s3cret"


def test_source_language_code_is_configurable(run: Invoke, catalogue: Path) -> None:
    with LibreTranslateServer(languages=("zh-Hans", "en")) as server:
        result = run(
            "suggest",
            "--url",
            server.url,
            "--source-lang",
            "zh-Hans",
            catalogue=catalogue,
        )
        assert result.exit_code == 0
        assert server.translate_requests[0]["source"] == "zh-Hans"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--url", "http://127.0.0.1:9/", "--locale", "fr"],
            "Error: {root}/locales/fr/LC_MESSAGES/glossary.po: no catalogue for locale fr. "
            "Pick --locale from: en",
        ),
        (
            ["--provider", "google", "--url", "http://127.0.0.1:9/"],
            "Error: --url applies to --provider libre, not google. "
            "Leave --url out, or use --provider libre for a self-hosted server",
        ),
        (
            ["--provider", "deepl"],
            "Error: deepl needs an API key. Pass --api-key or set GLOSSARY_MT_API_KEY; for text "
            "that must not leave your organisation, run LibreTranslate yourself and pass --url",
        ),
    ],
)
def test_bad_options_exit_2_with_one_line(
    run: Invoke, catalogue: Path, args: list[str], message: str
) -> None:
    before = po_path(catalogue).read_bytes()
    result = run("suggest", *args, catalogue=catalogue)
    assert result.exit_code == 2
    assert result.stderr == message.format(root=catalogue) + "\n"
    assert po_path(catalogue).read_bytes() == before


def test_repository_catalogue_keeps_every_translated_entry(
    run: Invoke, catalogue_copy: Path, libre_server: LibreTranslateServer
) -> None:
    path = po_path(catalogue_copy)
    # New terms arrive untranslated: empty the first two concepts, as `glossary update` would.
    file = read_po(path)
    for concept in file.concepts[:2]:
        concept.target = concept.definition_target = ""
    path.write_text(write_po(file), encoding="utf-8")
    emptied = {
        (c.term, kind) for c in file.concepts[:2] for kind in ("term", "definition")
    }
    before = entry_blocks(path.read_text(encoding="utf-8"))
    result = run("suggest", "--url", libre_server.url, catalogue=catalogue_copy)
    assert result.exit_code == 0
    assert result.stderr == "suggested 2 terms and 2 definitions with libre; 0 failed\n"
    after = entry_blocks(path.read_text(encoding="utf-8"))
    assert after.keys() == before.keys()
    for key, block in before.items():
        if key in emptied:
            assert "#, fuzzy, machine" in after[key].splitlines()
        else:
            assert after[key] == block, key


def test_validate_reports_machine_suggestions(
    run: Invoke, catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    validate = ("validate", "--select", "machine-suggested")
    assert run(*validate, catalogue=catalogue).stdout == ""
    run("suggest", "--url", libre_server.url, catalogue=catalogue)
    result = run(*validate, catalogue=catalogue)
    assert result.exit_code == 0  # warnings only
    findings = result.stdout.splitlines()
    assert len(findings) == len(UNTRANSLATED)
    assert all(" warning [machine-suggested] " in line for line in findings)
    strict = run(*validate, "--fail-on", "warning", catalogue=catalogue)
    assert strict.exit_code == 1
    assert strict.stdout == result.stdout
