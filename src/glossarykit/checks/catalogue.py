"""Checks over a whole file: its header, and what concepts share or must not share."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..model import Concept
from .base import Check, CheckContext, Problem, Severity, check, register
from .text import is_number_word, words

ERROR = Severity.ERROR
WARNING = Severity.WARNING

register(
    Check(
        "parse-error",
        "Parse error",
        ERROR,
        "A file cannot be read as PO/POT (syntax, encoding, BOM, NUL byte); the other files are still checked.",
        scope="file",
    )
)

REQUIRED_HEADER = (
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


def _header_line(ctx: CheckContext) -> int:
    for index, text in enumerate(ctx.lines):
        if text.startswith('msgid ""'):
            return index + 1
    return 1


@check("incomplete-header", "Incomplete header", ERROR)
def incomplete_header(ctx: CheckContext) -> Iterator[Problem]:
    """The header lacks a required field (Project-Id-Version, Language, MIME-Version, Content-Type with charset=UTF-8, Content-Transfer-Encoding, Plural-Forms)."""
    header = dict(ctx.file.header)
    if not header:
        yield Problem(
            1,
            'the file has no header entry (msgid ""); add one with '
            + ", ".join(REQUIRED_HEADER),
        )
        return
    problems = []
    missing = [key for key in REQUIRED_HEADER if key not in header]
    if missing:
        problems.append("lacks " + ", ".join(missing))
    content_type = header.get("Content-Type")
    if content_type is not None and "charset=utf-8" not in content_type.lower():
        problems.append(f"Content-Type “{content_type}” does not declare charset=UTF-8")
    plural = header.get("Plural-Forms")
    if plural is not None and not ("nplurals=" in plural and "plural=" in plural):
        problems.append(f"Plural-Forms “{plural}” lacks nplurals= or plural=")
    if (
        not ctx.file.is_template
        and "Language" in header
        and not header["Language"].strip()
    ):
        problems.append("Language is empty (a PO file names its locale)")
    if problems:
        yield Problem(_header_line(ctx), "the header " + "; ".join(problems))


@check("duplicate-concept", "Duplicate concept", ERROR)
def duplicate_concept(ctx: CheckContext) -> Iterator[Problem]:
    """Two concepts in one file share a head term or an id, or a term has two definition entries."""
    terms: dict[str, Concept] = {}
    ids: dict[str, Concept] = {}
    for concept in ctx.file.concepts:
        first = terms.setdefault(concept.term, concept)
        if first is not concept:
            yield Problem(
                ctx.term_line(concept),
                f"“{concept.term}” is already a concept at line {ctx.term_line(first)}",
                concept,
            )
            continue
        if concept.id:
            owner = ids.setdefault(concept.id, concept)
            if owner is not concept:
                yield Problem(
                    ctx.term_line(concept, "#. id:"),
                    f"the id {concept.id} of “{concept.term}” is already the id of "
                    f"“{owner.term}” at line {ctx.term_line(owner)}",
                    concept,
                )
    for orphan in ctx.file.unpaired:
        paired = terms.get(orphan.term)
        if paired is not None and paired.definition is not None:
            yield Problem(
                ctx.definition_line(orphan, "msgctxt "),
                f"“{orphan.term}” has a second definition entry (the first is at line "
                f"{ctx.definition_line(paired, 'msgctxt ')})",
                orphan,
            )


@check("unpaired-definition", "Unpaired definition", ERROR)
def unpaired_definition(ctx: CheckContext) -> Iterator[Problem]:
    """A term entry has no definition entry, or a definition entry has no term entry."""
    counts = Counter(concept.term for concept in ctx.file.concepts)
    for concept in ctx.file.concepts:
        # A repeated term is duplicate-concept's to report.
        if concept.definition is None and counts[concept.term] == 1:
            yield Problem(
                ctx.term_line(concept),
                f"“{concept.term}” has no definition entry "
                f'(msgctxt "definition|{concept.term}")',
                concept,
            )
    for orphan in ctx.file.unpaired:
        if orphan.term not in counts:
            yield Problem(
                ctx.definition_line(orphan, "msgctxt "),
                f"the definition entry “definition|{orphan.term}” has no term entry "
                f"(msgid “{orphan.term}”)",
                orphan,
            )


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


@check("inconsistent-target", "Inconsistent target", WARNING)
def inconsistent_target(ctx: CheckContext) -> Iterator[Problem]:
    """Two concepts share one rendering, so a reader cannot tell them apart."""
    if ctx.file.is_template:
        return
    seen: dict[str, Concept] = {}
    for concept in ctx.file.concepts:
        if not concept.target:
            continue
        first = seen.setdefault(_normal(concept.target), concept)
        if first is not concept and first.term != concept.term:
            yield Problem(
                ctx.term_line(concept, "msgstr "),
                f"the rendering “{concept.target}” of “{concept.term}” is also the "
                f"rendering of “{first.term}” (line {ctx.term_line(first, 'msgstr ')})",
                concept,
            )


# Words that Title Case leaves in lower case.
MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "nor", "but", "for", "of", "to", "in", "on"}
    | {"at", "by", "with", "from", "as", "per", "via", "vs"}
)
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def is_title_case(text: str) -> bool:
    """True when every word after the first, minor words aside, is capitalised: a name.

    >>> is_title_case("Red Engine Project"), is_title_case("Four Projects for Attracting Capital")
    (True, True)
    >>> is_title_case("four Deepening Sunshine campaigns"), is_title_case("Wuhan")
    (False, False)
    """
    later = [t for t in words(text)[1:] if t.isalpha() and t.lower() not in MINOR_WORDS]
    return bool(later) and all(_is_capitalised(t) or t.isupper() for t in later)


def initial_style(text: str, common: set[str]) -> str | None:
    """``sentence`` or ``lower`` for a descriptive rendering; None for a name or one word.

    A capitalised first word is a style choice (sentence case) only when that word is a
    common one: a number word, a minor word, or one written in lower case elsewhere
    (``common``); otherwise it is taken for a proper noun (Yangtze River main axis).

    >>> initial_style("Three-society linkage", {"three"}), initial_style("four-water co-governance", set())
    ('sentence', 'lower')
    >>> initial_style("Yangtze River main axis", {"yangtze"}), initial_style("Red Engine Project", set())
    (None, None)
    >>> initial_style("Red Engine + five-line advance", {"red"}), initial_style("Red flag campaign", {"red"})
    (None, 'sentence')
    """
    tokens = words(text)
    if len(tokens) < 2 or not tokens[0].isalpha() or is_title_case(text):
        return None
    first, second = tokens[0], tokens[1]
    if first.islower():
        return "lower"
    if not _is_capitalised(first) or not second.islower():
        return None  # an acronym, or a name that opens the rendering (Red Engine + ...)
    lower = first.lower()
    if lower in common or lower in MINOR_WORDS or is_number_word(lower):
        return "sentence"
    return None


def _english_texts(ctx: CheckContext) -> Iterator[tuple[Concept, str, str, int]]:
    """(concept, label, text, line) of every English text of the file but the renderings."""
    for concept in ctx.file.concepts:
        for alt in concept.alternatives:
            yield concept, "admitted rendering", alt, ctx.term_line(concept, "# alt:")
        if concept.definition_target:
            line = ctx.definition_line(concept, "msgstr ")
            yield concept, "translated definition", concept.definition_target, line


def _case_clash(rendering: str, text: str) -> str | None:
    """How ``text`` writes ``rendering`` with other capitalisation, if it does.

    The first letter is free (a sentence may start with the rendering).

    >>> _case_clash("three-society linkage", "it pairs with Three-Society Linkage.")
    'Three-Society Linkage'
    >>> _case_clash("three-society linkage", "Three-society linkage is...") is None
    True
    """
    needle = _TOKEN_RE.findall(rendering)
    if len(needle) < 2:
        return None
    tokens = list(_TOKEN_RE.finditer(text))
    low = [t.group().lower() for t in tokens]
    want = [t.lower() for t in needle]
    for i in range(len(tokens) - len(want) + 1):
        if low[i : i + len(want)] != want:
            continue
        found = [t.group() for t in tokens[i : i + len(want)]]
        if found[0][1:] != needle[0][1:] or found[1:] != needle[1:]:
            return text[tokens[i].start() : tokens[i + len(want) - 1].end()]
    return None


@check("inconsistent-capitalisation", "Inconsistent capitalisation", WARNING)
def inconsistent_capitalisation(ctx: CheckContext) -> Iterator[Problem]:
    """English renderings mix sentence case with lower case, or other English text of the file capitalises a rendering differently."""
    if not ctx.renders_latin:
        return
    rendered = [c for c in ctx.file.concepts if c.target]
    others = list(_english_texts(ctx))
    common = {
        t
        for text in [*(c.target for c in rendered), *(o[2] for o in others)]
        for t in words(text)
        if t.islower()
    }
    styles: dict[str, list[Concept]] = {"sentence": [], "lower": []}
    for concept in rendered:
        style = initial_style(concept.target, common)
        if style:
            styles[style].append(concept)
    if styles["sentence"] and styles["lower"]:
        first_sentence = rendered.index(styles["sentence"][0])
        first_lower = rendered.index(styles["lower"][0])
        more = len(styles["sentence"]) - len(styles["lower"])
        usual = (
            "sentence"
            if more > 0 or (more == 0 and first_sentence < first_lower)
            else "lower"
        )
        model = styles[usual][0]
        n_usual = len(styles[usual])
        for concept in styles["lower" if usual == "sentence" else "sentence"]:
            yield Problem(
                ctx.term_line(concept, "msgstr "),
                f"the rendering “{concept.target}” of “{concept.term}” is in "
                f"{'lower' if usual == 'sentence' else 'sentence'} case, but "
                f"{n_usual} other rendering{'s are' if n_usual != 1 else ' is'} in {usual} case, like "
                f"“{model.target}” (line {ctx.term_line(model, 'msgstr ')}); use one style",
                concept,
            )
    # A rendering is the agreed form: other English text that uses it must write it so.
    # Indexed by their first two words, so that each text is matched in one pass.
    by_start: dict[tuple[str, str], list[Concept]] = defaultdict(list)
    for concept in rendered:
        tokens = [t.lower() for t in words(concept.target)]
        if len(tokens) >= 2:
            by_start[tokens[0], tokens[1]].append(concept)
    for owner, label, text, line in others:
        tokens = [t.lower() for t in words(text)]
        present = set(itertools.pairwise(tokens))
        for start in present & by_start.keys():
            for concept in by_start[start]:
                clash = _case_clash(concept.target, text)
                if clash:
                    yield Problem(
                        line,
                        f"the {label} of “{owner.term}” writes “{clash}”, but the rendering "
                        f"of “{concept.term}” is “{concept.target}” "
                        f"(line {ctx.term_line(concept, 'msgstr ')})",
                        owner,
                    )
