"""Script checks: Traditional characters in the Simplified template, and the Traditional-script
variant catalogues (zh_Hant_*) against the template they are converted from.

Conventions of the variant catalogues: the term msgstr is the converted head term, the
definition msgstr the converted definition; an entry the converter filled carries the
translator comment ``# converted: <config>`` (s2tw, s2hk, s2twp...). An entry without it is
a human edit and is never compared with the converter's output.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from ..model import Concept, comment_values
from .base import CheckContext, Problem, Severity, check, concept_check

COMMENT_CONVERTED = "converted"


def _traditional_texts(concept: Concept) -> list[tuple[str, str, str]]:
    """(label, text, line prefix) of the Chinese texts of ``concept``; "" for the definition."""
    texts = [("term", concept.term, "msgid ")]
    texts += [("synonym", s.term, "#. synonym:") for s in concept.synonyms]
    if concept.components:
        texts.append(("components", "、".join(concept.components), "#. components:"))
    if concept.definition:
        texts.append(("definition", concept.definition, ""))
    return texts


def _traditional_suspects(ctx: CheckContext) -> list[Concept]:
    """The concepts with a text that holds Traditional characters.

    Each kind of text of the whole file goes to the detector in one call
    (``traditional_chars_of``: one OpenCC conversion instead of one per text); the check
    then runs on these concepts only.
    """
    concepts = ctx.file.concepts
    found: set[int] = set()
    for name in ("term", "definition"):
        texts = [text or "" for text in map(attrgetter(name), concepts)]
        found.update(
            i for i, chars in enumerate(ctx.traditional_chars_of(texts)) if chars
        )
    # Synonyms and components: (owner, text) of the few concepts that have them.
    more = [
        (i, text)
        for i, c in enumerate(concepts)
        if c.synonyms or c.components
        for _, text, _ in _traditional_texts(c)
    ]
    chars = ctx.traditional_chars_of([text for _, text in more])
    found.update(i for (i, _), hit in zip(more, chars, strict=True) if hit)
    return [concepts[i] for i in sorted(found)]


@concept_check(
    "traditional-in-simplified",
    "Traditional in Simplified",
    Severity.WARNING,
    applies=lambda ctx: ctx.source_side and ctx.traditional_chars is not None,
    suspects=_traditional_suspects,
)
def traditional_in_simplified(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """The Simplified template's term, synonyms, components or definition hold Traditional characters."""
    if not ctx.source_side or ctx.traditional_chars is None:
        return
    for label, text, prefix in _traditional_texts(concept):
        found = ctx.traditional_chars(text)
        if not found:
            continue
        line = (
            ctx.term_line(concept, prefix) if prefix else ctx.definition_line(concept)
        )
        yield Problem(
            line,
            f"the {label} of “{concept.term}” holds Traditional characters: "
            + " ".join(found),
            concept,
        )


@check("variant-missing", "Variant missing", Severity.ERROR)
def variant_missing(ctx: CheckContext) -> Iterator[Problem]:
    """A Traditional-script (zh_Hant_*) catalogue lacks a template concept or leaves it empty."""
    if not ctx.is_variant:
        return
    if ctx.template is not None:
        for concept in ctx.template.concepts:
            if ctx.file.get(concept.term) is None:
                yield Problem(
                    None,
                    f"“{concept.term}” of the template is missing; run `glossary update` "
                    "and `glossary convert`",
                    concept,
                )
    for concept in ctx.file.concepts:
        if not concept.target:
            yield Problem(
                ctx.term_line(concept, "msgstr "),
                f"“{concept.term}” has no variant; run `glossary convert`",
                concept,
            )
        if concept.definition and not concept.definition_target:
            yield Problem(
                ctx.definition_line(concept, "msgstr "),
                f"the definition of “{concept.term}” has no variant; run `glossary convert`",
                concept,
            )


def _converted_config(comments: list[str]) -> str | None:
    values = comment_values(comments, COMMENT_CONVERTED)
    return values[0].strip() if values else None


@concept_check("variant-stale", "Variant stale", Severity.ERROR)
def variant_stale(ctx: CheckContext, concept: Concept) -> Iterator[Problem]:
    """A zh_Hant_* entry is out of date: not in the template, another msgid, or a converted text that converting the template no longer gives."""
    if not ctx.is_variant:
        return
    template = ctx.template_concept(concept)
    if ctx.template is not None and template is None:
        yield Problem(
            ctx.term_line(concept),
            f"“{concept.term}” is not in the template; run `glossary update`",
            concept,
        )
        return
    source = template or concept
    msgid_differs = (
        concept.definition is not None
        and source.definition is not None
        and concept.definition != source.definition
    )
    if msgid_differs:
        yield Problem(
            ctx.definition_line(concept),
            f"the definition msgid of “{concept.term}” differs from the template's; "
            "run `glossary update`",
            concept,
        )
    if ctx.convert is None:
        return
    entries = [
        ("term", concept.comments, source.term, concept.target),
        (
            "definition",
            concept.definition_comments,
            "" if msgid_differs else source.definition or "",
            concept.definition_target,
        ),
    ]
    for label, comments, text, target in entries:
        config = _converted_config(comments)
        if config is None or not target or not text:
            continue
        expected = ctx.convert(text, config, ctx.locale or "")
        if expected == target:
            continue
        line = (
            ctx.term_line(concept, "msgstr ")
            if label == "term"
            else ctx.definition_line(concept, "msgstr ")
        )
        if expected is None:
            yield Problem(
                line,
                f"the {label} of “{concept.term}” names an unknown conversion "
                f"“# converted: {config}”",
                concept,
            )
        else:
            yield Problem(
                line,
                f"the {label} “{target}” of “{concept.term}” is marked converted, but "
                f"converting the template with {config or ctx.locale} gives “{expected}”; "
                "run `glossary convert` (for a hand edit, delete its “# converted:” line "
                "to keep it)",
                concept,
            )
