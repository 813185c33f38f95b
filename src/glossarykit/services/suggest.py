"""Machine-translation suggestions for untranslated entries: the only module importing deep_translator.

Suggestions are written as ``#, fuzzy, machine`` entries with ``# suggested-by: <provider>``, never
as approved translations. Every call is bounded in time and every failure becomes SuggestionError;
what was received before a failure or Ctrl-C is written (atomically) all the same.
"""

from __future__ import annotations

import email.utils
import functools
import http
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import GlossaryError, SuggestionError, UnsupportedLocaleError
from ..formats.po import read_po
from ..model import COMMENT_SUGGESTED_BY, CatalogueFile, Concept, set_comment_values
from .catalogue import find_locale_files, locale_path, lock_catalogue, save_file

log = logging.getLogger(__name__)

PROVIDERS = ("libre", "google", "mymemory", "deepl", "microsoft")
# The code each service uses for Simplified Chinese. Older LibreTranslate servers know "zh",
# newer ones (and libretranslate.com) list "zh-Hans": hence --source-lang.
SOURCE_LANGUAGES = {
    "libre": "zh",
    "google": "zh-CN",
    "mymemory": "zh-CN",
    "deepl": "zh",
    "microsoft": "zh-Hans",
}
NEEDS_API_KEY = ("deepl", "microsoft")
ENV_API_KEY = "GLOSSARY_MT_API_KEY"
LIBRE_HOSTED_URL = "https://libretranslate.com/"

DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 3
DEFAULT_BATCH_SIZE = 20
# LibreTranslate servers may cap the characters of one request (--char-limit).
MAX_BATCH_CHARS = 2000
BACKOFF_BASE = 1.0
# The longest wait we accept, from Retry-After or backoff; a server asking for more is reported.
MAX_WAIT = 30.0
# How often a waiting main thread wakes up, so that Ctrl-C is noticed promptly.
_POLL = 0.1

TERM = "term"
DEFINITION = "definition"


class Suggester(Protocol):
    """A machine-translation service: ``suggest`` maps source texts to suggestions.

    ``suggest`` returns one item per text, None where the service had no translation for that
    text, and raises :class:`SuggestionError` when the service itself fails.
    """

    name: str
    max_batch: int

    def suggest(self, texts: Sequence[str]) -> list[str | None]:
        """Translate ``texts`` (at most ``max_batch`` of them) in one request."""
        ...


@dataclass
class FakeSuggester:
    """A scripted suggester for tests: no network, answers from ``translate``.

    :param fail_after: after this many successful calls, raise KeyboardInterrupt (as Ctrl-C
        does) when ``interrupt`` is set, else ``error`` (a SuggestionError by default).
    """

    translate: Callable[[str], str | None] = lambda text: f"suggestion for {text}"
    name: str = "fake"
    max_batch: int = 1
    fail_after: int | None = None
    error: GlossaryError | None = None
    interrupt: bool = False
    calls: list[list[str]] = field(default_factory=list)

    def suggest(self, texts: Sequence[str]) -> list[str | None]:
        """Answer ``texts``, or fail as scripted."""
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            if self.interrupt:
                raise KeyboardInterrupt
            raise self.error or SuggestionError("the fake service failed")
        self.calls.append(list(texts))
        return [self.translate(text) for text in texts]


@dataclass(frozen=True)
class SuggestionTask:
    """One untranslated entry: a concept's term or its definition."""

    term: str
    kind: str
    source: str


@dataclass(frozen=True)
class Suggestion:
    """A machine translation received for a task."""

    task: SuggestionTask
    text: str


@dataclass
class SuggestionPlan:
    """What a run will ask for: the locale file and its untranslated entries, in batches."""

    path: Path
    locale: str
    tasks: list[SuggestionTask]
    batches: list[list[SuggestionTask]]


@dataclass
class SuggestionRun:
    """The outcome of a run: suggestions received, entries with none, what was written."""

    provider: str
    path: Path
    suggestions: list[Suggestion] = field(default_factory=list)
    failed: list[SuggestionTask] = field(default_factory=list)
    written: int = 0
    dry_run: bool = False
    interrupted: bool = False

    @property
    def terms(self) -> int:
        """Suggestions for term entries."""
        return sum(1 for s in self.suggestions if s.task.kind == TERM)

    @property
    def definitions(self) -> int:
        """Suggestions for definition entries."""
        return sum(1 for s in self.suggestions if s.task.kind == DEFINITION)


def target_language(locale: str) -> str:
    """The language code MT services expect for a catalogue locale.

    >>> target_language("en"), target_language("en_GB"), target_language("fr-CA")
    ('en', 'en', 'fr')
    """
    return locale.replace("-", "_").split("_")[0]


def find_untranslated(
    file: CatalogueFile, limit: int | None = None
) -> list[SuggestionTask]:
    """Entries of ``file`` with an empty target, in file order (at most ``limit``).

    Entries with any target, approved or fuzzy, are never candidates.
    """
    tasks = []
    for concept in file.concepts:
        if not concept.target and concept.term.strip():
            tasks.append(SuggestionTask(concept.term, TERM, concept.term))
        if concept.definition and not concept.definition_target:
            tasks.append(SuggestionTask(concept.term, DEFINITION, concept.definition))
    return tasks[:limit] if limit is not None else tasks


def batch_tasks(
    tasks: Sequence[SuggestionTask], size: int, max_chars: int = MAX_BATCH_CHARS
) -> list[list[SuggestionTask]]:
    """Group tasks into requests of at most ``size`` texts and about ``max_chars`` characters.

    >>> tasks = [SuggestionTask(t, TERM, t) for t in ("一", "二", "三")]
    >>> [len(b) for b in batch_tasks(tasks, 2)], [len(b) for b in batch_tasks(tasks, 5, 2)]
    ([2, 1], [2, 1])
    """
    batches: list[list[SuggestionTask]] = []
    chars = 0
    for task in tasks:
        if (
            batches
            and len(batches[-1]) < size
            and chars + len(task.source) <= max_chars
        ):
            batches[-1].append(task)
            chars += len(task.source)
        else:
            batches.append([task])
            chars = len(task.source)
    return batches


def plan_suggestions(
    root: Path, locale: str, suggester: Suggester, limit: int | None = None
) -> SuggestionPlan:
    """Read the locale's PO under ``root`` and list its untranslated entries in batches.

    :raises UnsupportedLocaleError: the catalogue has no PO for ``locale``.
    """
    path = locale_path(root, locale)
    if not path.is_file():
        known = ", ".join(find_locale_files(root)) or "none"
        raise UnsupportedLocaleError(
            f"no catalogue for locale {locale}",
            path=path,
            hint=f"Pick --locale from: {known}",
        )
    tasks = find_untranslated(read_po(path), limit)
    return SuggestionPlan(path, locale, tasks, batch_tasks(tasks, suggester.max_batch))


def suggest_translations(
    plan: SuggestionPlan,
    suggester: Suggester,
    *,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> SuggestionRun:
    """Fetch suggestions for the plan's entries and write them into its PO file.

    Ctrl-C stops the run and returns it with ``interrupted`` set. Either way, and when the
    service fails, the suggestions received so far are written, atomically, unless ``dry_run``.

    :param on_progress: called with the number of entries each finished request covered.
    :raises SuggestionError: the service failed; its message says what was kept.
    """
    run = SuggestionRun(suggester.name, plan.path, dry_run=dry_run)
    try:
        for batch in plan.batches:
            answers = suggester.suggest([task.source for task in batch])
            if len(answers) != len(batch):
                raise SuggestionError(
                    f"{suggester.name} answered {len(answers)} texts for {len(batch)}"
                )
            for task, answer in zip(batch, answers, strict=True):
                text = _clean(task.source, answer)
                if text is None:
                    run.failed.append(task)
                else:
                    run.suggestions.append(Suggestion(task, text))
            if on_progress is not None:
                on_progress(len(batch))
    except SuggestionError as exc:
        _save(plan, run)
        raise SuggestionError(
            f"{exc.message}; {_kept(run)}", path=exc.path, line=exc.line, hint=exc.hint
        ) from exc
    except KeyboardInterrupt:
        run.interrupted = True
    _save(plan, run)
    return run


def apply_suggestions(
    file: CatalogueFile, suggestions: Sequence[Suggestion], provider: str
) -> int:
    """Fill the still-empty entries of ``file`` with ``suggestions``; return how many.

    A filled entry gets the flags ``fuzzy`` and ``machine`` and the translator comment
    ``suggested-by: <provider>``. An entry whose source changed or that got a translation
    in the meantime is left alone.
    """
    applied = 0
    for suggestion in suggestions:
        task = suggestion.task
        concept = file.get(task.term)
        if concept is not None and _fill(concept, task, suggestion.text, provider):
            applied += 1
    return applied


def _fill(concept: Concept, task: SuggestionTask, text: str, provider: str) -> bool:
    if task.kind == TERM:
        if concept.target or concept.term != task.source:
            return False
        concept.target = text
        concept.flags = _machine_flags(concept.flags)
        concept.comments = set_comment_values(
            concept.comments, COMMENT_SUGGESTED_BY, [provider]
        )
        return True
    if concept.definition_target or concept.definition != task.source:
        return False
    concept.definition_target = text
    concept.definition_flags = _machine_flags(concept.definition_flags)
    concept.definition_comments = set_comment_values(
        concept.definition_comments, COMMENT_SUGGESTED_BY, [provider]
    )
    return True


def _machine_flags(flags: list[str]) -> list[str]:
    """``flags`` plus ``fuzzy`` and ``machine`` (DESIGN.md §3: machine always comes with fuzzy).

    >>> _machine_flags([]), _machine_flags(["ignore-fuzzy", "fuzzy"])
    (['fuzzy', 'machine'], ['ignore-fuzzy', 'fuzzy', 'machine'])
    """
    return [*flags, *(f for f in ("fuzzy", "machine") if f not in flags)]


def _clean(source: str, answer: object) -> str | None:
    """The suggestion to write, or None for an empty answer or the source echoed back.

    Leading and trailing newlines follow the source's, as ``msgfmt --check`` requires.

    >>> _clean("甲\\n", " A "), _clean("甲", "甲"), _clean("甲", ""), _clean("甲", None)
    ('A\\n', None, None, None)
    """
    if not isinstance(answer, str) or not answer.strip():
        return None
    text = answer.strip()
    if text == source.strip():
        return None
    return (
        ("\n" if source.startswith("\n") else "")
        + text
        + ("\n" if source.endswith("\n") else "")
    )


def _save(plan: SuggestionPlan, run: SuggestionRun) -> None:
    """Write what was received into a fresh read of the file, keeping edits made meanwhile."""
    if run.dry_run or not run.suggestions:
        return
    # The lock covers only this read-change-write, not the (slow) requests before it.
    # plan.path is locale_path(root, locale): root/locales/<locale>/LC_MESSAGES/<file>.
    with lock_catalogue(plan.path.parents[3], "glossary suggest"):
        file = read_po(plan.path)
        file.locale = plan.locale
        run.written = apply_suggestions(file, run.suggestions, run.provider)
        if run.written:
            save_file(file, plan.path)


def _kept(run: SuggestionRun) -> str:
    received = len(run.suggestions)
    if run.dry_run:
        return f"{_plural(received, 'suggestion')} received, nothing written (dry run)"
    if not received:
        return "no suggestion received, nothing written"
    if not run.written:  # every entry got a translation meanwhile
        return f"{_plural(received, 'suggestion')} received, none still needed"
    return f"kept the {_plural(run.written, 'suggestion')} received before the failure in {run.path}"


def _plural(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


class DeepTranslatorSuggester:
    """Suggestions from an online service through deep-translator, bounded and retried.

    Each request runs in a worker thread and is abandoned after ``timeout`` seconds, because
    deep-translator calls ``requests`` without a timeout. HTTP 429 and 5xx answers are retried
    ``retries`` times with exponential backoff, honouring Retry-After up to MAX_WAIT. LibreTranslate
    takes batches (``q`` as a list, sent with our own timeouts); other services one text a request.

    :param source_lang: the service's code for the source language (default: SOURCE_LANGUAGES).
    :param sleep: how to wait between retries (tests pass a recorder).
    :raises GlossaryError: the options do not fit the provider (unknown, missing key, bad URL).
    """

    def __init__(
        self,
        provider: str,
        *,
        url: str | None = None,
        api_key: str | None = None,
        source_lang: str | None = None,
        target_lang: str = "en",
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        batch_size: int = DEFAULT_BATCH_SIZE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if provider not in PROVIDERS:
            raise GlossaryError(
                f"unknown provider {provider}",
                hint=f"Use one of {', '.join(PROVIDERS)}",
            )
        if url is not None and provider != "libre":
            raise GlossaryError(
                f"--url applies to --provider libre, not {provider}",
                hint="Leave --url out, or use --provider libre for a self-hosted server",
            )
        if url is not None and not url.startswith(("http://", "https://")):
            raise GlossaryError(
                f"--url {url} is not an http(s) URL",
                hint="Give the server's base URL, e.g. http://localhost:5000/",
            )
        if not api_key and (
            provider in NEEDS_API_KEY or (provider == "libre" and url is None)
        ):
            where = "libretranslate.com" if provider == "libre" else provider
            raise GlossaryError(
                f"{where} needs an API key",
                hint=f"Pass --api-key or set {ENV_API_KEY}; for text that must not leave "
                "your organisation, run LibreTranslate yourself and pass --url",
            )
        self.name = provider
        self.url = (url.rstrip("/") + "/") if url else None
        self.api_key = api_key or ""
        self.source_lang = source_lang or SOURCE_LANGUAGES[provider]
        self.target_lang = target_lang
        self.timeout = timeout
        self.retries = retries
        self.max_batch = batch_size if provider == "libre" else 1
        self._sleep = sleep
        self._translator: Any = None

    def suggest(self, texts: Sequence[str]) -> list[str | None]:
        """Translate ``texts`` in one request, retrying rate limits and server errors."""
        _import_clients()  # here, so that a slow first import does not eat into the timeout
        attempt = 0
        while True:
            try:
                return _call_with_deadline(lambda: self._request(texts), self.timeout)
            except _Failure as failure:
                wait = self._wait_before_retry(failure, attempt)
                if wait is None:
                    raise self._error(failure, attempt) from failure.cause
                log.info("%s: %s; retry in %.1f s", self.name, failure.detail, wait)
            self._sleep(wait)
            attempt += 1

    def _wait_before_retry(self, failure: _Failure, attempt: int) -> float | None:
        if not failure.retryable or attempt >= self.retries:
            return None
        if failure.retry_after is not None:
            return failure.retry_after if failure.retry_after <= MAX_WAIT else None
        return min(BACKOFF_BASE * 2.0**attempt, MAX_WAIT)

    def _request(self, texts: Sequence[str]) -> list[str | None]:
        """One request, run in the worker thread (MicrosoftTranslator's constructor is a request too)."""
        translator = self._get_translator()
        if len(texts) > 1:
            # A session per request, closed at once: nothing pooled is left to a thread
            # abandoned at its deadline.
            with _import_clients().Session() as session:
                result: list[str | None] = translator.translate_texts(
                    list(texts), session, self.timeout
                )
            return result
        return [_translate_one(translator, texts[0])]

    def _get_translator(self) -> Any:
        if self._translator is None:
            self._translator = _make_translator(
                self.name, self.url, self.api_key, self.source_lang, self.target_lang
            )
        return self._translator

    def _error(self, failure: _Failure, attempts: int) -> SuggestionError:
        where = self.url or (LIBRE_HOSTED_URL if self.name == "libre" else None)
        tried = f" after {_plural(attempts, 'retry', 'retries')}" if attempts else ""
        hint = {
            "connect": "Check that the server is running and that --url points at it"
            if self.url
            else "Check the network connection, or try again later",
            "timeout": "Raise --timeout, or try again later",
            "malformed": "Check that --url points at a LibreTranslate server",
            "language": "Check --source-lang and --locale: LibreTranslate servers use zh or "
            "zh-Hans depending on their version",
            "auth": f"Check --api-key or {ENV_API_KEY}",
        }.get(failure.kind, "Try again later; entries already filled are skipped")
        if failure.status == 429:
            hint = "Wait a while, then run glossary suggest again: entries already filled are skipped"
        if failure.kind == "timeout":
            what = f"{self.name} did not answer within {self.timeout:g} s"
        elif failure.kind == "connect":
            what = f"cannot reach {self.name} ({failure.detail})"
        elif failure.kind == "malformed":
            what = f"{self.name} sent a malformed answer ({failure.detail})"
        elif (
            failure.status == 429
            and failure.retry_after
            and failure.retry_after > MAX_WAIT
        ):
            what = f"{self.name} is rate-limiting (HTTP 429) and asks to wait {failure.retry_after:g} s"
        else:
            what = f"{self.name} failed{tried}: {failure.detail}"
        return SuggestionError(what, path=where, hint=hint)


class _Failure(Exception):
    """A failed request, classified: what went wrong and whether a retry may help."""

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.retry_after = retry_after
        self.cause = cause

    @property
    def retryable(self) -> bool:
        return self.kind == "http" and (
            self.status is None or self.status == 429 or self.status >= 500
        )


class _HttpStatusError(Exception):
    """A non-2xx answer to one of our own (batch) requests, with what the server said."""

    def __init__(self, status: int, retry_after: float | None, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.message = message


class _MalformedAnswerError(Exception):
    """An answer that is not what the LibreTranslate API promises."""


def _call_with_deadline(
    call: Callable[[], list[str | None]], timeout: float
) -> list[str | None]:
    """Run ``call`` in a daemon thread; give up after ``timeout`` seconds.

    An abandoned thread may still be blocked on its socket; being a daemon, it cannot keep
    the process alive. Exceptions from ``call`` are classified into :class:`_Failure`.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the main thread, which classifies it
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="glossary-suggest", daemon=True).start()
    deadline = time.monotonic() + timeout
    while not done.wait(min(_POLL, max(0.0, deadline - time.monotonic()))):
        if time.monotonic() >= deadline:
            raise _Failure("timeout", f"no answer within {timeout:g} s")
    if "error" in box:
        raise _classify(box["error"])
    result: list[str | None] = box["value"]
    return result


@functools.cache
def _import_clients() -> Any:
    """Import deep-translator (with requests and BeautifulSoup) and return ``requests``."""
    import deep_translator  # noqa: F401
    import requests

    _libre_class()
    return requests


# deep-translator's ServerException keeps only a message; this gives the status back.
def _status_of_server_message(message: str) -> int | None:
    from deep_translator.exceptions import ServerException

    for status, text in ServerException.errors.items():
        if text == message:
            return int(status)
    return None


def _classify(exc: BaseException) -> _Failure:
    """Turn any exception from a request into a :class:`_Failure` (deep-translator's have no common base)."""
    import requests
    from deep_translator import exceptions as dt

    if isinstance(exc, _Failure):
        return exc
    if isinstance(exc, _HttpStatusError):
        return _Failure(
            "auth"
            if exc.status in (401, 403)
            else "language"
            if exc.status == 400
            else "http",
            _http_detail(exc.status, exc.message),
            status=exc.status,
            retry_after=exc.retry_after,
            cause=exc,
        )
    if isinstance(exc, requests.exceptions.Timeout):
        return _Failure("timeout", "timed out", cause=exc)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return _Failure("connect", _connection_reason(exc), cause=exc)
    if isinstance(exc, dt.AuthorizationException):
        return _Failure(
            "auth", "the API key was refused (HTTP 403)", status=403, cause=exc
        )
    if isinstance(exc, dt.ApiKeyException):
        return _Failure("auth", "an API key is needed", cause=exc)
    if isinstance(exc, dt.TooManyRequests):
        return _Failure("http", _http_detail(429, ""), status=429, cause=exc)
    if isinstance(exc, dt.ServerException):
        status = _status_of_server_message(str(exc))
        if status == 400:
            return _Failure("language", _http_detail(400, ""), status=400, cause=exc)
        detail = (
            _http_detail(status, "") if status else "the server answered with an error"
        )
        return _Failure("http", detail, status=status, cause=exc)
    if isinstance(exc, (dt.RequestError, dt.MicrosoftAPIerror)):
        return _Failure("http", str(exc), cause=exc)
    if isinstance(
        exc, (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage)
    ):
        return _Failure("language", "language not supported", cause=exc)
    if isinstance(exc, _MalformedAnswerError):
        return _Failure("malformed", str(exc), cause=exc)
    if isinstance(exc, ValueError):  # includes JSONDecodeError
        return _Failure("malformed", "not JSON", cause=exc)
    if isinstance(exc, (KeyError, IndexError, TypeError, AttributeError)):
        return _Failure("malformed", "unexpected JSON", cause=exc)
    if isinstance(exc, requests.exceptions.RequestException):
        return _Failure("connect", type(exc).__name__, cause=exc)
    if isinstance(exc, KeyboardInterrupt | SystemExit):
        raise exc
    return _Failure("other", f"{type(exc).__name__}: {exc}", cause=exc)


def _http_detail(status: int | None, message: str) -> str:
    """``HTTP 429 Too Many Requests: <what the server said>``.

    >>> _http_detail(500, "")
    'HTTP 500 Internal Server Error'
    """
    try:
        phrase = http.HTTPStatus(status or 0).phrase
    except ValueError:
        phrase = ""
    text = f"HTTP {status} {phrase}".rstrip()
    return f"{text}: {message}" if message else text


def _connection_reason(exc: BaseException) -> str:
    """The root cause of a requests ConnectionError, in a few words (never its repr)."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        name = type(current).__name__
        if name == "RemoteDisconnected" or isinstance(current, ConnectionResetError):
            return "the server closed the connection without an answer"
        if isinstance(current, ConnectionRefusedError):
            return "connection refused"
        if name == "gaierror":
            return "host name not found"
        if isinstance(current, OSError) and current.strerror:
            return current.strerror.lower()
        nested = [a for a in current.args if isinstance(a, BaseException)]
        nested += [
            e
            for e in (
                getattr(current, "reason", None),
                current.__cause__,
                current.__context__,
            )
            if isinstance(e, BaseException)
        ]
        stack.extend(nested)
    return "connection failed"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3).

    >>> _retry_after("2"), _retry_after(None), _retry_after("soon")
    (2.0, None, None)
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _translate_one(translator: Any, text: str) -> str | None:
    """One text through deep-translator's own request code; None where it found no translation."""
    from deep_translator import exceptions as dt

    try:
        answer = translator.translate(text)
    except (dt.NotValidLength, dt.NotValidPayload, dt.TranslationNotFound):
        return None
    return answer if isinstance(answer, str) else None


def _make_translator(
    provider: str, url: str | None, api_key: str, source: str, target: str
) -> Any:
    """Build the deep-translator object; language codes are set after construction.

    deep-translator validates codes against its own tables, which lag behind the services
    (LibreTranslate's zh-Hans is missing), so the codes given are used as they are.
    """
    import deep_translator as dt

    translator: Any
    # "auto" passes every table's check; the real codes are set below.
    if provider == "libre":
        # LibreTranslator insists on a key even for servers that need none; one that is
        # empty after construction is not sent.
        translator = _libre_class()(
            source="auto",
            target="auto",
            api_key=api_key or "unused",
            use_free_api=False,
            custom_url=url or LIBRE_HOSTED_URL,
        )
        translator.api_key = api_key
    elif provider == "google":
        translator = dt.GoogleTranslator(source="auto", target="auto")
    elif provider == "mymemory":
        translator = dt.MyMemoryTranslator(source="auto", target="auto")
    elif provider == "deepl":
        translator = dt.DeeplTranslator(
            source="auto",
            target="auto",
            api_key=api_key,
            use_free_api=api_key.endswith(":fx"),
        )
    else:
        translator = dt.MicrosoftTranslator(
            source="auto", target="auto", api_key=api_key
        )
    translator.source = source
    translator.target = target
    return translator


@functools.cache
def _libre_class() -> type:
    """deep-translator's LibreTranslator plus a batch request (``q`` as a list) with timeouts."""
    from deep_translator import LibreTranslator

    class BatchLibreTranslator(LibreTranslator):  # type: ignore[misc]
        def translate_texts(
            self, texts: list[str], session: Any, timeout: float
        ) -> list[str | None]:
            """Translate ``texts`` in one POST, as the LibreTranslate API allows."""
            payload: dict[str, Any] = {
                "q": texts,
                "source": self.source,
                "target": self.target,
                "format": "text",
            }
            if self.api_key:
                payload["api_key"] = self.api_key
            response = session.post(
                self._base_url + "translate", json=payload, timeout=(timeout, timeout)
            )
            if not 200 <= response.status_code < 300:
                raise _HttpStatusError(
                    response.status_code,
                    _retry_after(response.headers.get("Retry-After")),
                    _server_message(response),
                )
            data = response.json()
            translated = data.get("translatedText") if isinstance(data, dict) else None
            if not isinstance(translated, list) or len(translated) != len(texts):
                raise _MalformedAnswerError(
                    f"expected translatedText with {len(texts)} texts"
                )
            return [t if isinstance(t, str) else None for t in translated]

    return BatchLibreTranslator


def _server_message(response: Any) -> str:
    """The ``error`` text of a LibreTranslate error answer, if it sent one."""
    try:
        data = response.json()
    except ValueError:
        return ""
    message = data.get("error") if isinstance(data, dict) else None
    return str(message)[:200] if message else ""
