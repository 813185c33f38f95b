"""``glossary suggest``: machine-translation suggestions for untranslated entries."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from ..services.suggest import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFINITION,
    ENV_API_KEY,
    PROVIDERS,
    DeepTranslatorSuggester,
    SuggestionPlan,
    SuggestionRun,
    plan_suggestions,
    suggest_translations,
    target_language,
)
from .context import AppContext, pass_app
from .output import emit, format_option, render_rows
from .params import LOCALE

# More requests than this get a progress bar.
HANDFUL = 5
COLUMNS = ("kind", "term", "source", "suggestion")
EXIT_INTERRUPTED = 130


@click.command("suggest")
@click.option(
    "--provider",
    type=click.Choice(PROVIDERS),
    default="libre",
    show_default=True,
    help="Machine-translation service (through deep-translator).",
)
@click.option(
    "--url",
    help="Base URL of a LibreTranslate server (--provider libre), e.g. http://localhost:5000/.",
)
@click.option(
    "--api-key", envvar=ENV_API_KEY, show_envvar=True, help="The service's API key."
)
@click.option(
    "--source-lang",
    metavar="CODE",
    help="The service's code for Simplified Chinese. Default: zh for libre (zh-Hans for newer "
    "LibreTranslate), zh-CN for google and mymemory, zh for deepl, zh-Hans for microsoft.",
)
@click.option(
    "--locale",
    type=LOCALE,
    default="en",
    show_default=True,
    help="Locale whose PO gets suggestions.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds allowed for each request.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=DEFAULT_RETRIES,
    show_default=True,
    help="Retries of a request answered HTTP 429 or 5xx, with backoff.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Texts per request (libre; other services take one text per request).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="Suggest for at most N entries."
)
@click.option("--dry-run", is_flag=True, help="Print the suggestions; write nothing.")
@format_option()
@pass_app
def suggest_command(
    app: AppContext,
    provider: str,
    url: str | None,
    api_key: str | None,
    source_lang: str | None,
    locale: str,
    timeout: float,
    retries: int,
    batch_size: int,
    limit: int | None,
    dry_run: bool,
    output_format: str,
) -> None:
    """Fill untranslated terms and definitions with machine translations.

    Suggestions are written as fuzzy entries flagged `machine`, with the comment
    `# suggested-by: <provider>`; translated entries are never touched. For text that must
    not leave your organisation, run LibreTranslate yourself and pass --url. A failing
    service stops the run with exit 3, keeping every suggestion already received.

    \b
    Examples:
        glossary suggest --url http://localhost:5000/ --dry-run
        glossary suggest --url http://localhost:5000/ --limit 10
        GLOSSARY_MT_API_KEY=... glossary suggest --provider deepl
    """
    suggester = DeepTranslatorSuggester(
        provider,
        url=url,
        api_key=api_key,
        source_lang=source_lang,
        target_lang=target_language(locale),
        timeout=timeout,
        retries=retries,
        batch_size=batch_size,
    )
    plan = plan_suggestions(app.root, locale, suggester, limit)
    if not plan.tasks:
        app.message(f"nothing to suggest: every entry in {plan.path} has a translation")
        return
    with _progress(app, plan, provider) as advance:
        run = suggest_translations(
            plan, suggester, dry_run=dry_run, on_progress=advance
        )
    if dry_run:
        emit(render_rows(_rows(run), output_format, COLUMNS, _text_row))
    if run.interrupted:
        click.echo(f"Interrupted: {summary(run)}", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    app.message(summary(run))


def summary(run: SuggestionRun) -> str:
    """``suggested 12 terms and 9 definitions with libre; 0 failed``."""
    terms = f"{run.terms} term{'' if run.terms == 1 else 's'}"
    definitions = f"{run.definitions} definition{'' if run.definitions == 1 else 's'}"
    line = f"suggested {terms} and {definitions} with {run.provider}; {len(run.failed)} failed"
    return f"{line} (dry run: nothing written)" if run.dry_run else line


@contextlib.contextmanager
def _progress(
    app: AppContext, plan: SuggestionPlan, provider: str
) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when there are more than a handful of requests."""
    if app.quiet or len(plan.batches) <= HANDFUL:
        yield lambda done: None
        return
    with click.progressbar(
        length=len(plan.tasks),
        label=f"Asking {provider} for {len(plan.tasks)} suggestions",
        file=sys.stderr,
    ) as bar:
        yield bar.update


def _rows(run: SuggestionRun) -> list[dict[str, Any]]:
    return [
        {
            "kind": s.task.kind,
            "term": s.task.term,
            "source": s.task.source,
            "suggestion": s.text,
        }
        for s in run.suggestions
    ]


def _text_row(row: dict[str, Any]) -> str:
    label = (
        f"{row['term']} ({DEFINITION})" if row["kind"] == DEFINITION else row["term"]
    )
    return f"{label}\t{row['suggestion']}"
