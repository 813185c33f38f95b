"""Checks of one concept at a time: its texts, its numerals, its review state."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from operator import attrgetter
from types import EllipsisType

from ..model import Concept, Reference
from .base import (
    CheckContext,
    Problem,
    Severity,
    alternatives,
    concept_check,
    concepts_matching,
)
from .numerals import ANY_NUMERAL_RE, describe_count, numeral_count
from .text import (
    CJK_OR_FULLWIDTH_RE,
    FULLWIDTH_EQUIVALENT,
    HALFWIDTH_MARK_RE,
    QUOTE_MARK_RE,
    STRAIGHT_QUOTE_RE,
    cjk_runs,
    enumerated_items,
    halfwidth_in_zh,
    has_number,
    unbalanced_quote,
    whitespace_problem,
)

ERROR = Severity.ERROR
WARNING = Severity.WARNING
ANNOTATED = "annotated"
_COLON = "[:：]"
# What follows a term in an annotation: optional spaces, a colon, optional spaces.
_AFTER_TERM_RE = re.compile(rf"\s*{_COLON}\s*")
_CONTEXT_CHARS = 12


def _annotated(ctx: CheckContext, concept: Concept) -> bool:
    template = ctx.template_concept(concept)
    return (template or concept).origin == ANNOTATED


# Where a text sits: which entry of the concept, and which line of it.
TERM_MSGID = ("term", "msgid ")
TERM_MSGSTR = ("term", "msgstr ")
DEFINITION_MSGID = ("definition", "msgid ")
DEFINITION_MSGSTR = ("definition", "msgstr ")
ALT_LINE = ("term", "# alt:")


def _line(ctx: CheckContext, concept: Concept, where: tuple[str, str]) -> int:
    """The line of ``where`` (computed only for a finding: most texts have none)."""
    entry, prefix = where
    if entry == "term":
        return ctx.term_line(concept, prefix)
    return ctx.definition_line(concept, prefix)


def _texts(
    ctx: CheckContext, concept: Concept, *, skip_verbatim: bool = False
) -> Iterator[tuple[str, str, tuple[str, str]]]:
    """(label, text, where) of the strings of ``concept`` that this file answers for.

    The Chinese side (msgids) is checked where ``ctx.source_side``; every locale file answers
    for its msgstrs. With ``skip_verbatim``, annotated definitions (the report's own text,
    which must stay verbatim) and their converted variants are left out.
    """
    # Whether the definition is verbatim is asked only where it matters (a template
    # lookup per concept and check otherwise).
    if ctx.source_side:
        yield "term", concept.term, TERM_MSGID
        if concept.definition and not (skip_verbatim and _annotated(ctx, concept)):
            yield "definition", concept.definition, DEFINITION_MSGID
    if ctx.file.is_template:
        return
    if concept.target:
        yield "rendering", concept.target, TERM_MSGSTR
    if concept.definition_target and not (
        skip_verbatim and ctx.is_variant and _annotated(ctx, concept)
    ):
        yield "translated definition", concept.definition_target, DEFINITION_MSGSTR


def _text_fields(ctx: CheckContext, *, msgstrs: bool = True) -> list[str]:
    """The Concept fields that _texts can yield in this file (verbatim or not)."""
    fields = ["term", "definition"] if ctx.source_side else []
    if msgstrs and not ctx.file.is_template:
        fields += ["target", "definition_target"]
    return fields


def _suspects(
    pattern: re.Pattern[str],
    *,
    in_ascii: re.Pattern[str] | EllipsisType | None = ...,
    msgstrs: Callable[[CheckContext], bool] | None = None,
) -> Callable[[CheckContext], list[Concept]]:
    """The runner's suspects for a check over _texts: concepts where ``pattern`` matches
    one of their strings (see concepts_matching for ``in_ascii``; ``msgstrs``: whether
    the locale strings count)."""

    def suspects(ctx: CheckContext) -> list[Concept]:
        concepts = ctx.file.concepts
        fields = _text_fields(ctx, msgstrs=msgstrs(ctx) if msgstrs else True)
        found = concepts_matching(concepts, pattern, fields, in_ascii=in_ascii)
        return [concepts[i] for i in sorted(found)]

    return suspects


def _excerpt(text: str, at: int) -> str:
    start = max(0, at - _CONTEXT_CHARS // 2)
    piece = text[start : start + _CONTEXT_CHARS]
    return (
        ("…" if start else "")
        + piece
        + ("…" if start + _CONTEXT_CHARS < len(text) else "")
    )


def _verbatim_problem(
    ctx: CheckContext, concept: Concept, ref: Reference
) -> str | None:
    if ref.line is None:
        return f"it cites {ref.path} without a line number; cite path:line"
    lines = ctx.sources.get(ref.path)
    if lines is None:
        return (
            f"its cited source {ref.path} cannot be read; paths are relative to the "
            "folder that holds glossary/"
        )
    if ref.line > len(lines):
        return f"it cites {ref} but {ref.path} has {len(lines)} lines"
    text = lines[ref.line - 1]
    definition = concept.definition or ""
    for form in concept.sources:
        end = _annotation_start(text, form)
        if end is not None:
            break
    else:
        return f"{ref} does not hold “{concept.term}:” (an annotation is the term, a colon, then its definition)"
    found = text[end:].strip()
    if found == definition:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(found, definition, strict=False)) if a != b),
        min(len(found), len(definition)),
    )
    return (
        f"it differs from {ref} at character {at + 1}: the source has "
        f"“{_excerpt(found, at)}”, the catalogue “{_excerpt(definition, at)}”"
    )


def _annotation_start(text: str, form: str) -> int | None:
    r"""Where the definition starts after the first ``form:`` in ``text``, if there is one.

    What ``re.search(re.escape(form) + r"\s*[:：]\s*", text).end()`` gives, without
    compiling a pattern per term (the regex cache holds 512).

    >>> _annotation_start("三社联动：指社区", "三社联动"), _annotation_start("三社 x", "三社")
    (5, None)
    """
    at = text.find(form)
    while at >= 0:
        match = _AFTER_TERM_RE.match(text, at + len(form))
        if match:
            return match.end()
        at = text.find(form, at + 1)
    return None


@concept_check(
    "definition-not-verbatim",
    "Definition not verbatim",
    ERROR,
    applies=lambda ctx: ctx.source_side,
    suspects=lambda ctx: [c for c in ctx.file.concepts if c.origin == ANNOTATED],
)
def definition_not_verbatim(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """An annotated definition is not the report's text on its cited source line (after “term:”)."""
    if not ctx.source_side or concept.origin != ANNOTATED or not concept.definition:
        return
    problems = []
    if not concept.definition_references:
        problems.append(
            f"the annotated definition of “{concept.term}” cites no source line; "
            "add a #: path:line reference to its definition entry"
        )
    for ref in concept.definition_references:
        problem = _verbatim_problem(ctx, concept, ref)
        if problem:
            problems.append(
                f"the annotated definition of “{concept.term}” is not verbatim: {problem}"
            )
    if problems:
        line = ctx.definition_line(concept)  # read only for a finding
        for message in problems:
            yield Problem(line, message, concept)


def _numbered(ctx: CheckContext) -> list[Concept]:
    """Concepts whose term holds a numeral: the only ones that can announce a count."""
    concepts = ctx.file.concepts
    found = concepts_matching(concepts, ANY_NUMERAL_RE, ["term"])
    return [concepts[i] for i in sorted(found)]


@concept_check(
    "numeral-count",
    "Numeral count",
    ERROR,
    applies=lambda ctx: ctx.source_side,
    suspects=_numbered,
)
def numeral_count_matches(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A numbered formula lists a different number of components than its numerals announce."""
    if not ctx.source_side or not concept.components:
        return
    expected = numeral_count(concept.term)
    if expected is None or expected == len(concept.components):
        return
    yield Problem(
        ctx.term_line(concept, "#. components:"),
        f"“{concept.term}” announces {describe_count(concept.term)} components but "
        f"lists {len(concept.components)}; fix the components, or flag an ordinal "
        "with ignore-numeral-count",
        concept,
    )


def _cjk_suspects(ctx: CheckContext) -> list[Concept]:
    """Concepts with CJK in their msgstrs, or with comments (``# alt:`` lines)."""
    concepts = ctx.file.concepts
    fields = ["target", "definition_target"]
    found = concepts_matching(concepts, CJK_OR_FULLWIDTH_RE, fields, in_ascii=None)
    found.update(i for i, concept in enumerate(concepts) if concept.comments)
    return [concepts[i] for i in sorted(found)]


@concept_check(
    "cjk-in-rendering",
    "CJK in rendering",
    ERROR,
    applies=lambda ctx: ctx.renders_latin,
    suspects=_cjk_suspects,
)
def cjk_in_rendering(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A rendering, admitted alternative or translated definition holds CJK text or full-width punctuation."""
    if not ctx.renders_latin:
        return
    texts = [
        ("rendering", concept.target, TERM_MSGSTR),
        *(("admitted rendering", alt, ALT_LINE) for alt in alternatives(concept)),
        ("translated definition", concept.definition_target, DEFINITION_MSGSTR),
    ]
    for label, text, where in texts:
        runs = cjk_runs(text)
        if runs:
            shown = " ".join(f"“{run}”" for run in runs[:3])
            yield Problem(
                _line(ctx, concept, where),
                f"the {label} of “{concept.term}” holds CJK text or full-width punctuation: {shown}",
                concept,
            )


def _contains_phrase(text: str, phrase: str) -> bool:
    words = " ".join(phrase.casefold().split())
    if not words:
        return False
    pattern = rf"(?<!\w){re.escape(words)}(?!\w)"
    return re.search(pattern, " ".join(text.casefold().split())) is not None


@concept_check(
    "forbidden-term-used",
    "Forbidden term used",
    ERROR,
    applies=lambda ctx: not ctx.file.is_template,
    suspects=lambda ctx: [c for c in ctx.file.concepts if c.comments],
)
def forbidden_term_used(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A rendering or admitted alternative uses a rendering the entry forbids (# avoid:)."""
    if ctx.file.is_template or not concept.comments:
        return  # no comments, no # avoid: lines
    forms = [("rendering", concept.target, TERM_MSGSTR)]
    forms += [("admitted rendering", alt, ALT_LINE) for alt in concept.alternatives]
    for avoid in concept.avoid:
        for label, text, where in forms:
            if text and _contains_phrase(text, avoid):
                yield Problem(
                    _line(ctx, concept, where),
                    f"the {label} “{text}” of “{concept.term}” uses the forbidden rendering “{avoid}” (# avoid)",
                    concept,
                )


@concept_check(
    "untranslated",
    "Untranslated",
    WARNING,
    applies=lambda ctx: ctx.is_translation,
    suspects=lambda ctx: [
        c
        for c in ctx.file.concepts
        if not c.target or (c.definition and not c.definition_target)
    ],
)
def untranslated(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A term or its definition has no translation yet (empty msgstr)."""
    if not ctx.is_translation:
        return
    if not concept.target:
        yield Problem(
            ctx.term_line(concept, "msgstr "),
            f"“{concept.term}” has no rendering",
            concept,
        )
    if concept.definition and not concept.definition_target:
        yield Problem(
            ctx.definition_line(concept, "msgstr "),
            f"the definition of “{concept.term}” is not translated",
            concept,
        )


def _flagged(
    ctx: CheckContext, concept: Concept, flag: str, *, unless: str = ""
) -> Iterator[tuple[str, int]]:
    """(entry label, flag line) of the concept's entries that carry ``flag``."""
    if not concept.flags and not concept.definition_flags:
        return  # most entries: checked first, before building the list below
    entries = [
        ("rendering", concept.flags, ("term", "#, ")),
        ("translated definition", concept.definition_flags, ("definition", "#, ")),
    ]
    for label, flags, where in entries:
        if flag in flags and not (unless and unless in flags):
            yield label, _line(ctx, concept, where)


def _flagged_concepts(ctx: CheckContext) -> list[Concept]:
    return [c for c in ctx.file.concepts if c.flags or c.definition_flags]


@concept_check("fuzzy", "Fuzzy", WARNING, suspects=_flagged_concepts)
def fuzzy(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """An entry is marked fuzzy: its translation needs review (machine suggestions are reported apart)."""
    for label, line in _flagged(ctx, concept, "fuzzy", unless="machine"):
        yield Problem(
            line,
            f"the {label} of “{concept.term}” needs review (fuzzy); review it, then remove the flag",
            concept,
        )


@concept_check(
    "machine-suggested", "Machine suggested", WARNING, suspects=_flagged_concepts
)
def machine_suggested(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """An entry holds an unreviewed machine-translation suggestion (flag machine)."""
    for label, line in _flagged(ctx, concept, "machine"):
        yield Problem(
            line,
            f"the {label} of “{concept.term}” is a machine suggestion; review it, then "
            "remove the machine and fuzzy flags",
            concept,
        )


@concept_check(
    "numeral-dropped",
    "Numeral dropped",
    WARNING,
    applies=lambda ctx: ctx.renders_latin,
    suspects=_numbered,
)
def numeral_dropped(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A numbered term's rendering neither says its number nor lists all its items."""
    if not ctx.renders_latin or not concept.target:
        return
    if has_number(concept.target):
        return  # checked first: it is much cheaper than reading the numerals
    count = numeral_count(concept.term)
    if count is None:
        return
    if count > 1 and enumerated_items(concept.target) == count:
        return  # "modern, international and ecological ..." carries the three itself
    yield Problem(
        ctx.term_line(concept, "msgstr "),
        f"the rendering “{concept.target}” drops the number of “{concept.term}” ({count}); "
        "say it, or list all its items",
        concept,
    )


def _whitespace_suspects(ctx: CheckContext) -> list[Concept]:
    """Concepts with a text that whitespace_problem finds something in (see _texts)."""
    concepts = ctx.file.concepts
    found: set[int] = set()
    for name in _text_fields(ctx):
        texts = [text or "" for text in map(attrgetter(name), concepts)]
        joined = "\0".join(texts)
        if "\t" in joined or "\u3000" in joined or "  " in joined:  # C-speed scans
            found.update(i for i, text in enumerate(texts) if whitespace_problem(text))
        else:  # only the ends of each text can be wrong
            found.update(
                i
                for i, text in enumerate(texts)
                if text and (text[0].isspace() or text[-1].isspace())
            )
    return [concepts[i] for i in sorted(found)]


@concept_check("whitespace", "Whitespace", WARNING, suspects=_whitespace_suspects)
def whitespace(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A term, rendering or definition has leading, trailing or doubled whitespace."""
    for label, text, where in _texts(ctx, concept, skip_verbatim=True):
        problem = whitespace_problem(text)
        if problem:
            yield Problem(
                _line(ctx, concept, where),
                f"the {label} of “{concept.term}” has {problem}",
                concept,
            )


@concept_check(
    "unbalanced-quotes",
    "Unbalanced quotes",
    WARNING,
    suspects=_suspects(QUOTE_MARK_RE, in_ascii=STRAIGHT_QUOTE_RE),
)
def unbalanced_quotes(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A quotation mark (“” 「」 《》 or straight ") has no partner."""
    for label, text, where in _texts(ctx, concept, skip_verbatim=True):
        mark = unbalanced_quote(text)
        if mark:
            yield Problem(
                _line(ctx, concept, where),
                f"the {label} of “{concept.term}” has an unpaired {mark}",
                concept,
            )


@concept_check(
    "halfwidth-punct-in-zh",
    "Half-width punctuation in Chinese",
    WARNING,
    applies=lambda ctx: ctx.source_side or ctx.is_variant,
    suspects=_suspects(
        HALFWIDTH_MARK_RE, in_ascii=None, msgstrs=lambda ctx: ctx.is_variant
    ),
)
def halfwidth_punct_in_zh(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """Chinese text uses half-width punctuation (, : ; ? ! ( )) where full-width belongs."""
    for label, text, where in _texts(ctx, concept, skip_verbatim=True):
        if label in ("rendering", "translated definition") and not ctx.is_variant:
            continue  # renderings into other languages are not Chinese text
        marks = halfwidth_in_zh(text)
        if marks:
            fixes = ", ".join(
                f"{m} → {FULLWIDTH_EQUIVALENT[m]}" for m in dict.fromkeys(marks)
            )
            yield Problem(
                _line(ctx, concept, where),
                f"the {label} of “{concept.term}” uses half-width punctuation in Chinese ({fixes})",
                concept,
            )
