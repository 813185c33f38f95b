"""Machine-translation suggestions: choosing entries, writing them safely, and every failure mode.

Service tests use FakeSuggester or DeepTranslatorSuggester pointed at the local LibreTranslate
look-alike; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from glossarykit.errors import GlossaryError, SuggestionError, UnsupportedLocaleError
from glossarykit.formats.po import read_po, write_po
from glossarykit.model import Status
from glossarykit.services.suggest import (
    MAX_WAIT,
    DeepTranslatorSuggester,
    FakeSuggester,
    Suggestion,
    SuggestionTask,
    apply_suggestions,
    find_untranslated,
    plan_suggestions,
    suggest_translations,
)

from ..libretranslate_server import (
    LibreTranslateServer,
    closed_port_url,
    libre_server_fixture,  # noqa: F401  (the libre_server fixture)
    translate_text,
)
from ..suggest_catalogue import UNTRANSLATED, entry_blocks, make_catalogue


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """Root of a small catalogue with approved, fuzzy and untranslated entries."""
    make_catalogue(tmp_path)
    return tmp_path


def po_path(root: Path) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / "glossary.po"


def libre(server: LibreTranslateServer, **options: object) -> DeepTranslatorSuggester:
    """A libre suggester for the test server that records its waits instead of sleeping."""
    waits: list[float] = []
    suggester = DeepTranslatorSuggester(
        "libre",
        url=server.url,
        sleep=waits.append,
        **options,  # type: ignore[arg-type]
    )
    suggester.waits = waits  # type: ignore[attr-defined]
    return suggester


# --- choosing and applying -------------------------------------------------------------------


def test_only_empty_targets_are_candidates(catalogue: Path) -> None:
    tasks = find_untranslated(read_po(po_path(catalogue)))
    assert [(t.term, t.kind) for t in tasks] == UNTRANSLATED
    assert tasks[1] == SuggestionTask(
        "四水共治", "definition", "防洪水、排涝水、治污水、保供水。"
    )


def test_limit_counts_entries(catalogue: Path) -> None:
    tasks = find_untranslated(read_po(po_path(catalogue)), limit=2)
    assert [(t.term, t.kind) for t in tasks] == UNTRANSLATED[:2]


def test_applied_suggestion_is_fuzzy_machine_with_provider(catalogue: Path) -> None:
    file = read_po(po_path(catalogue))
    term = SuggestionTask("四水共治", "term", "四水共治")
    definition = SuggestionTask(
        "长江主轴", "definition", "围绕主城区长江段打造城市中轴。"
    )
    applied = apply_suggestions(
        file,
        [Suggestion(term, "four waters"), Suggestion(definition, "An axis.")],
        "libre",
    )
    assert applied == 2
    concept = file.get("四水共治")
    assert concept is not None
    assert (concept.target, concept.flags, concept.comments) == (
        "four waters",
        ["fuzzy", "machine"],
        ["suggested-by: libre"],
    )
    assert concept.term_status is Status.MACHINE
    axis = file.get("长江主轴")
    assert axis is not None
    # The fuzzy flag it had is kept, not doubled.
    assert axis.definition_flags == ["fuzzy", "machine"]
    assert axis.definition_comments == ["suggested-by: libre"]
    assert axis.target == "Yangtze River main axis" and axis.flags == []


def test_translated_or_changed_entries_are_never_overwritten(catalogue: Path) -> None:
    file = read_po(po_path(catalogue))
    approved = SuggestionTask("三社联动", "term", "三社联动")
    fuzzy = SuggestionTask("大湖+", "term", "大湖+")
    changed_source = SuggestionTask("四水共治", "definition", "an older definition")
    missing = SuggestionTask("不存在", "term", "不存在")
    before = write_po(file)
    suggestions = [
        Suggestion(t, "x") for t in (approved, fuzzy, changed_source, missing)
    ]
    assert apply_suggestions(file, suggestions, "libre") == 0
    assert write_po(file) == before


# --- runs with the fake suggester --------------------------------------------------------------


def test_run_writes_suggestions_and_leaves_other_entries_byte_identical(
    catalogue: Path,
) -> None:
    before = entry_blocks(po_path(catalogue).read_text(encoding="utf-8"))
    fake = FakeSuggester(translate=lambda text: f"EN {len(text)}")
    plan = plan_suggestions(catalogue, "en", fake)
    run = suggest_translations(plan, fake)
    assert (run.terms, run.definitions, run.failed, run.written) == (2, 3, [], 5)
    after = entry_blocks(po_path(catalogue).read_text(encoding="utf-8"))
    assert after.keys() == before.keys()
    for key, block in before.items():
        if key in UNTRANSLATED:
            assert block != after[key]
            lines = after[key].splitlines()
            assert "# suggested-by: fake" in lines and "#, fuzzy, machine" in lines
        else:
            assert after[key] == block, key
    assert len(fake.calls) == 5  # one text per request for max_batch 1


def test_dry_run_writes_nothing(catalogue: Path) -> None:
    before = po_path(catalogue).read_bytes()
    fake = FakeSuggester()
    run = suggest_translations(
        plan_suggestions(catalogue, "en", fake), fake, dry_run=True
    )
    assert len(run.suggestions) == 5 and run.written == 0
    assert po_path(catalogue).read_bytes() == before


def test_empty_or_echoed_answers_count_as_failed(catalogue: Path) -> None:
    fake = FakeSuggester(translate=lambda text: text if text == "四水共治" else None)
    run = suggest_translations(plan_suggestions(catalogue, "en", fake), fake)
    assert run.suggestions == [] and len(run.failed) == 5
    assert "machine" not in po_path(catalogue).read_text(encoding="utf-8")


def test_failure_keeps_what_was_received(catalogue: Path) -> None:
    fake = FakeSuggester(
        fail_after=2,
        error=SuggestionError("the fake broke", path="http://mt/", hint="Retry"),
    )
    plan = plan_suggestions(catalogue, "en", fake)
    with pytest.raises(SuggestionError) as caught:
        suggest_translations(plan, fake)
    path = po_path(catalogue)
    assert str(caught.value) == (
        f"http://mt/: the fake broke; kept the 2 suggestions received before the failure in {path}. Retry"
    )
    assert caught.value.exit_code == 3
    file = read_po(path)
    assert [(c.term, c.term_status, c.definition_status) for c in file.concepts][1] == (
        "四水共治",
        Status.MACHINE,
        Status.MACHINE,
    )
    assert len(find_untranslated(file)) == 3


def test_ctrl_c_keeps_what_was_done(catalogue: Path) -> None:
    fake = FakeSuggester(fail_after=3, interrupt=True)
    run = suggest_translations(plan_suggestions(catalogue, "en", fake), fake)
    assert run.interrupted and run.written == 3
    assert len(find_untranslated(read_po(po_path(catalogue)))) == 2


def test_edits_made_during_the_run_are_kept(catalogue: Path) -> None:
    path = po_path(catalogue)

    def translate_while_editor_saves(text: str) -> str:
        if (
            text == "四水共治"
        ):  # an editor saves a human translation of the next entry now
            file = read_po(path)
            concept = file.get("四水共治")
            assert concept is not None
            concept.definition_target = "Human definition."
            path.write_text(write_po(file), encoding="utf-8")
        return f"EN {text}"

    fake = FakeSuggester(translate=translate_while_editor_saves)
    run = suggest_translations(plan_suggestions(catalogue, "en", fake), fake)
    assert len(run.suggestions) == 5 and run.written == 4
    concept = read_po(path).get("四水共治")
    assert concept is not None
    assert concept.definition_target == "Human definition."
    assert concept.definition_flags == []


def test_failure_after_suggestions_no_longer_needed_says_so(catalogue: Path) -> None:
    path = po_path(catalogue)

    def translate_then_editor_fills_it(text: str) -> str:
        file = read_po(path)
        concept = file.get("四水共治")
        assert concept is not None
        concept.target = "four-water co-governance"
        path.write_text(write_po(file), encoding="utf-8")
        return "suggested"

    fake = FakeSuggester(translate=translate_then_editor_fills_it, fail_after=1)
    with pytest.raises(SuggestionError) as caught:
        suggest_translations(plan_suggestions(catalogue, "en", fake), fake)
    assert caught.value.message == (
        "the fake service failed; 1 suggestion received, none still needed"
    )
    concept = read_po(path).get("四水共治")
    assert concept is not None and concept.flags == []


def test_unknown_locale_is_reported(catalogue: Path) -> None:
    with pytest.raises(UnsupportedLocaleError) as caught:
        plan_suggestions(catalogue, "fr", FakeSuggester())
    assert str(caught.value) == (
        f"{catalogue / 'locales/fr/LC_MESSAGES/glossary.po'}: no catalogue for locale fr. "
        "Pick --locale from: en"
    )


# --- deep-translator against the local LibreTranslate look-alike ------------------------------


def test_libre_batches_texts_in_one_request(libre_server: LibreTranslateServer) -> None:
    answers = libre(libre_server).suggest(["三社联动", "四水共治", "一号工程"])
    assert answers == [
        "three-society linkage",
        "four-water co-governance",
        translate_text("一号工程"),
    ]
    [request] = libre_server.translate_requests
    assert request["q"] == ["三社联动", "四水共治", "一号工程"]
    assert (request["source"], request["target"], request["format"]) == (
        "zh",
        "en",
        "text",
    )
    assert "api_key" not in request


def test_single_text_goes_through_deep_translators_own_request(
    libre_server: LibreTranslateServer,
) -> None:
    suggester = libre(libre_server, api_key="k1")
    assert suggester.suggest(["三社联动"]) == ["three-society linkage"]
    [request] = libre_server.translate_requests
    # deep-translator's LibreTranslator sends form fields as query parameters, q a string.
    assert (request["q"], request["source"], request["api_key"]) == (
        "三社联动",
        "zh",
        "k1",
    )


def test_plan_batches_by_size(
    catalogue: Path, libre_server: LibreTranslateServer
) -> None:
    plan = plan_suggestions(catalogue, "en", libre(libre_server, batch_size=2))
    assert [len(b) for b in plan.batches] == [2, 2, 1]
    run = suggest_translations(plan, libre(libre_server, batch_size=2))
    assert len(run.suggestions) == 5
    assert len(libre_server.translate_requests) == 3
    assert libre_server.texts == [task.source for task in plan.tasks]


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_newer_servers_want_zh_hans(texts: list[str]) -> None:
    with LibreTranslateServer(languages=("zh-Hans", "en")) as server:
        with pytest.raises(SuggestionError) as caught:
            libre(server).suggest(texts)
        assert "HTTP 400 Bad Request" in str(caught.value)
        assert str(caught.value).endswith(
            "Check --source-lang and --locale: LibreTranslate servers use zh or zh-Hans "
            "depending on their version"
        )
        assert libre(server, source_lang="zh-Hans").suggest(texts) == [
            translate_text(t) for t in texts
        ]


def test_wrong_api_key_is_an_auth_error() -> None:
    with LibreTranslateServer(api_key="secret") as server:
        with pytest.raises(SuggestionError) as caught:
            libre(server, api_key="wrong").suggest(["一", "二"])
        assert str(caught.value) == (
            f"{server.url}: libre failed: HTTP 403 Forbidden: Invalid API key. "
            "Check --api-key or GLOSSARY_MT_API_KEY"
        )
        assert libre(server, api_key="secret").suggest(["一", "二"]) == [
            translate_text("一"),
            translate_text("二"),
        ]


def test_rate_limit_is_retried_honouring_retry_after(
    libre_server: LibreTranslateServer,
) -> None:
    libre_server.mode, libre_server.fail_count, libre_server.retry_after = (
        "ratelimit",
        2,
        "2",
    )
    suggester = libre(libre_server)
    assert suggester.suggest(["一", "二"]) == [
        translate_text("一"),
        translate_text("二"),
    ]
    assert len(libre_server.translate_requests) == 3
    assert suggester.waits == [2.0, 2.0]  # type: ignore[attr-defined]


def test_rate_limit_that_persists_is_reported(
    libre_server: LibreTranslateServer,
) -> None:
    libre_server.mode = "ratelimit"
    suggester = libre(libre_server, retries=2)
    with pytest.raises(SuggestionError) as caught:
        suggester.suggest(["一", "二"])
    assert len(libre_server.translate_requests) == 3
    assert str(caught.value) == (
        f"{libre_server.url}: libre failed after 2 retries: HTTP 429 Too Many Requests: "
        "Too many request limits violations. Wait a while, then run glossary suggest again: "
        "entries already filled are skipped"
    )


def test_retry_after_beyond_the_cap_is_not_waited_for(
    libre_server: LibreTranslateServer,
) -> None:
    libre_server.mode, libre_server.retry_after = "ratelimit", str(int(MAX_WAIT) + 1)
    suggester = libre(libre_server)
    with pytest.raises(SuggestionError, match=r"asks to wait 31 s"):
        suggester.suggest(["一", "二"])
    assert len(libre_server.translate_requests) == 1
    assert suggester.waits == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_server_errors_are_retried_with_exponential_backoff(
    libre_server: LibreTranslateServer, texts: list[str]
) -> None:
    libre_server.mode, libre_server.retry_after = "error", None
    suggester = libre(libre_server)
    with pytest.raises(
        SuggestionError, match=r"libre failed after 3 retries: HTTP 500"
    ):
        suggester.suggest(texts)
    assert len(libre_server.translate_requests) == 4
    assert suggester.waits == [1.0, 2.0, 4.0]  # type: ignore[attr-defined]


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_garbage_is_a_malformed_answer_and_not_retried(
    libre_server: LibreTranslateServer, texts: list[str]
) -> None:
    libre_server.mode = "garbage"
    with pytest.raises(SuggestionError) as caught:
        libre(libre_server).suggest(texts)
    assert str(caught.value) == (
        f"{libre_server.url}: libre sent a malformed answer (not JSON). "
        "Check that --url points at a LibreTranslate server"
    )
    assert len(libre_server.translate_requests) == 1


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_dropped_connection_is_reported(
    libre_server: LibreTranslateServer, texts: list[str]
) -> None:
    libre_server.mode = "close"
    with pytest.raises(SuggestionError) as caught:
        libre(libre_server).suggest(texts)
    assert str(caught.value).startswith(
        f"{libre_server.url}: cannot reach libre (the server closed the connection without an answer)."
    )


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_server_down_is_reported(texts: list[str]) -> None:
    url = closed_port_url()
    with pytest.raises(SuggestionError) as caught:
        DeepTranslatorSuggester("libre", url=url).suggest(texts)
    assert str(caught.value) == (
        f"{url}: cannot reach libre (connection refused). "
        "Check that the server is running and that --url points at it"
    )


@pytest.mark.parametrize("texts", [["一", "二"], ["一"]], ids=["batch", "single"])
def test_hung_server_is_abandoned_after_the_timeout(
    libre_server: LibreTranslateServer, texts: list[str]
) -> None:
    libre_server.mode = "hung"
    started = time.monotonic()
    with pytest.raises(SuggestionError) as caught:
        libre(libre_server, timeout=0.3).suggest(texts)
    assert time.monotonic() - started < 0.3 + 1.5
    assert str(caught.value) == (
        f"{libre_server.url}: libre did not answer within 0.3 s. Raise --timeout, or try again later"
    )
    assert len(libre_server.translate_requests) == 1  # a timeout is not retried


def test_slow_answer_within_the_timeout_is_accepted(
    libre_server: LibreTranslateServer,
) -> None:
    libre_server.mode, libre_server.delay = "slow", 0.2
    assert libre(libre_server, timeout=2).suggest(["一"]) == [translate_text("一")]


@pytest.mark.parametrize(
    ("provider", "options", "message"),
    [
        (
            "babel",
            {},
            "unknown provider babel. Use one of libre, google, mymemory, deepl, microsoft",
        ),
        (
            "google",
            {"url": "http://127.0.0.1:5000/"},
            "--url applies to --provider libre, not google. "
            "Leave --url out, or use --provider libre for a self-hosted server",
        ),
        (
            "libre",
            {"url": "localhost:5000"},
            "--url localhost:5000 is not an http(s) URL. "
            "Give the server's base URL, e.g. http://localhost:5000/",
        ),
        (
            "deepl",
            {},
            "deepl needs an API key. Pass --api-key or set GLOSSARY_MT_API_KEY; for text that "
            "must not leave your organisation, run LibreTranslate yourself and pass --url",
        ),
        (
            "libre",
            {},
            "libretranslate.com needs an API key. Pass --api-key or set GLOSSARY_MT_API_KEY; "
            "for text that must not leave your organisation, run LibreTranslate yourself and pass --url",
        ),
    ],
)
def test_options_that_do_not_fit_the_provider(
    provider: str, options: dict[str, str], message: str
) -> None:
    with pytest.raises(GlossaryError) as caught:
        DeepTranslatorSuggester(provider, **options)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("provider", "source"),
    [("libre", "zh"), ("google", "zh-CN"), ("mymemory", "zh-CN"), ("deepl", "zh")],
)
def test_each_provider_gets_its_chinese_code(provider: str, source: str) -> None:
    # Building the deep-translator object makes no request for these providers.
    suggester = DeepTranslatorSuggester(
        provider,
        api_key="key:fx",
        url=None if provider != "libre" else "http://127.0.0.1:9/",
    )
    translator = suggester._get_translator()
    assert (translator.source, translator.target) == (source, "en")
    assert suggester.max_batch == (20 if provider == "libre" else 1)
