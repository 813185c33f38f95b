"""Checks over a whole file: its header, and what concepts share or must not share."""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

from ..model import Concept
from .base import (
    Check,
    CheckContext,
    Problem,
    Severity,
    alternatives,
    check,
    register,
)
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
    concepts = ctx.file.concepts
    # Checked in C first: unique terms and ids, and no loose definition, are the rule.
    head_terms = list(map(attrgetter("term"), concepts))
    if len(set(head_terms)) == len(head_terms) and not ctx.file.unpaired:
        known = [i for i in map(attrgetter("id"), concepts) if i]
        if len(set(known)) == len(known):
            return
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
    counts = Counter(map(attrgetter("term"), ctx.file.concepts))
    for concept in [c for c in ctx.file.concepts if c.definition is None]:
        # A repeated term is duplicate-concept's to report.
        if counts[concept.term] == 1:
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
    return _is_title_case(words(text))


def _is_title_case(tokens: list[str]) -> bool:
    named = False  # stops at the first word that is not capitalised: most renderings
    for token in tokens[1:]:
        if token.isalpha() and token.lower() not in MINOR_WORDS:
            # _is_capitalised(token), inline: this runs for every rendering.
            if not ((token[:1].isupper() and token[1:].islower()) or token.isupper()):
                return False
            named = True
    return named


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
    return _initial_style(words(text), common)


def _initial_style(tokens: list[str], common: set[str]) -> str | None:
    style, word = _style_parts(tokens)
    if style == _IF_COMMON:
        return "sentence" if word in common else None
    return style


_IF_COMMON = "sentence if common"


def _style_parts(tokens: list[str]) -> tuple[str | None, str]:
    """initial_style without ``common``: (style, "") or (_IF_COMMON, the first word)."""
    if len(tokens) < 2 or not tokens[0].isalpha() or _is_title_case(tokens):
        return None, ""
    first, second = tokens[0], tokens[1]
    if first.islower():
        return "lower", ""
    if not _is_capitalised(first) or not second.islower():
        return (
            None,
            "",
        )  # an acronym, or a name that opens the rendering (Red Engine...)
    lower = first.lower()
    if lower in MINOR_WORDS or is_number_word(lower):
        return "sentence", ""
    return _IF_COMMON, lower


_ALT = "admitted rendering"
_DEFINITION = "translated definition"


def _english_texts(ctx: CheckContext) -> Iterator[tuple[Concept, str, str]]:
    """(concept, label, text) of every English text of the file but the renderings."""
    for concept in ctx.file.concepts:
        for alt in alternatives(concept):
            yield concept, _ALT, alt
        if concept.definition_target:
            yield concept, _DEFINITION, concept.definition_target


def _english_line(ctx: CheckContext, concept: Concept, label: str) -> int:
    """The line of an English text of ``_english_texts`` (read only for a finding)."""
    if label == _ALT:
        return ctx.term_line(concept, "# alt:")
    return ctx.definition_line(concept, "msgstr ")


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
    # One pass over the renderings reads their styles and indexes their words; one pass
    # over the other English texts looks each up in that index (_case_clashes). Whether
    # a word is ``common`` (written in lower case somewhere) is asked only of the first
    # words of sentence-case renderings that are not number or minor words (few).
    # The index: the first two words of each rendering of two words or more (lower case,
    # interned: the vocabulary is small) -> the rendering, or a list of those that share
    # them. Kept small: at 100,000 concepts it is the largest thing validate builds.
    starts: dict[tuple[str, str], int | list[int]] = {}
    style_of: list[str | None] = []
    if_common: dict[int, str] = {}
    for index, concept in enumerate(rendered):
        tokens = words(concept.target)
        style, word = _style_parts(tokens)
        style_of.append(style)
        if style == _IF_COMMON:
            if_common[index] = word
        if len(tokens) >= 2:
            pair = (sys.intern(tokens[0].lower()), sys.intern(tokens[1].lower()))
            known = starts.setdefault(pair, index)
            if known != index:
                if isinstance(known, int):
                    starts[pair] = known = [known]
                known.append(index)
    wanted = set(if_common.values())
    common: set[str] = set()  # the wanted words found in lower case
    clashes = []
    for owner, label, text in _english_texts(ctx):
        tokens = words(text)
        if wanted:
            common.update(wanted.intersection(tokens))
        found = _case_clashes(text, tokens, rendered, starts)
        clashes += [(owner, label, rendered[i], clash) for i, clash in found]
    del starts
    if wanted:
        for concept in rendered:
            common.update(wanted.intersection(words(concept.target)))
    styles: dict[str, list[Concept]] = {"sentence": [], "lower": []}
    for index, (concept, style) in enumerate(zip(rendered, style_of, strict=True)):
        if style == _IF_COMMON:
            style = "sentence" if if_common[index] in common else None
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
    for owner, label, concept, clash in clashes:
        yield Problem(
            _english_line(ctx, owner, label),
            f"the {label} of “{owner.term}” writes “{clash}”, but the rendering "
            f"of “{concept.term}” is “{concept.target}” "
            f"(line {ctx.term_line(concept, 'msgstr ')})",
            owner,
        )


def _case_clashes(
    text: str,
    tokens: list[str],
    rendered: list[Concept],
    starts: dict[tuple[str, str], int | list[int]],
) -> list[tuple[int, str]]:
    """(rendering, clash) of the renderings that ``text`` writes with other capitalisation.

    What ``_case_clash(rendered[i].target, text)`` gives for each rendering, found by
    looking ``text`` up in an index instead of comparing it with every rendering (at
    100,000 concepts thousands share their first two words). ``tokens`` are
    ``words(text)``; ``starts`` maps the first two words of each rendering of two words or
    more, in lower case, to the rendering (or renderings).
    """
    low = list(map(str.lower, tokens))
    if starts.keys().isdisjoint(itertools.pairwise(low)):
        return []  # checked in C first: most texts contain no rendering
    spans: list[tuple[int, int]] = []
    clashes: dict[int, str] = {}
    for at, pair in enumerate(itertools.pairwise(low)):
        hit = starts.get(pair)
        if hit is None:
            continue
        for index in hit if isinstance(hit, list) else (hit,):
            if index in clashes:
                continue  # the first window that clashes is the one reported
            needle = words(rendered[index].target)
            size = len(needle)
            if list(map(str.lower, needle)) != low[at : at + size]:
                continue
            found = tokens[at : at + size]
            if found[0][1:] != needle[0][1:] or found[1:] != needle[1:]:
                spans = spans or [m.span() for m in _TOKEN_RE.finditer(text)]
                clashes[index] = text[spans[at][0] : spans[at + size - 1][1]]
    return sorted(clashes.items())
