"""The fast paths of the checks give what the general path gives.

A concept check may run its function only on the concepts a whole-file search picks out
(``suspects``), or skip files it cannot apply to (``applies``); inconsistent-capitalisation
looks texts up in an index of renderings; the Traditional-character detector converts many
texts in one OpenCC call. Each is compared here with the plain way: the check's function on
every concept, the previous implementation, one call per text. On the seed glossary, the
test catalogues, the generated catalogues of 1,000 and 10,000 concepts, and random input.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit.checks import CheckContext, Finding, Problem, all_checks, run_checks
from glossarykit.checks.base import Check, concepts_matching
from glossarykit.checks.catalogue import _case_clash, initial_style
from glossarykit.checks.text import words
from glossarykit.model import CatalogueFile, Concept
from glossarykit.services import qa

from ..conftest import DATA, REPO, generated_catalogue
from ..strategies import catalogues
from .build import HEADER

CONCEPT_CHECKS = [c for c in all_checks() if c.concept_func is not None]


def general(item: Check) -> Check:
    """The check with its function run on every concept of the file."""
    func = item.concept_func
    assert func is not None

    def every_concept(ctx: CheckContext) -> Iterator[Problem]:
        for concept in ctx.file.concepts:
            yield from func(ctx, concept)

    return dataclasses.replace(item, func=every_concept)


def contexts(paths: list[Path]) -> list[CheckContext]:
    """The contexts validate builds for these files (those that can be read)."""
    run = qa._Run(paths, [])
    found = []
    for path in paths:
        file, _ = run._read(path)
        if file is not None:
            found.append(run.context(path, file))
    return found


def assert_fast_is_general(ctx: CheckContext) -> None:
    for item in CONCEPT_CHECKS:
        assert run_checks(ctx, [item]) == run_checks(ctx, [general(item)]), item.id


def folder_files(root: Path) -> list[Path]:
    return qa.collect_files([root]) if (root / "glossary").is_dir() else []


CATALOGUES = {
    "seed": REPO,
    "valid": DATA / "valid",
    "broken": DATA / "broken",
}


@pytest.mark.parametrize("name", [*CATALOGUES, "generated-1000"])
def test_concept_checks_on_catalogues(name: str) -> None:
    root = generated_catalogue(1000) if name == "generated-1000" else CATALOGUES[name]
    paths = folder_files(root) if name != "broken" else qa.collect_files([root])
    for ctx in contexts(paths):
        assert_fast_is_general(ctx)


def test_concept_checks_on_the_10000_concept_catalogue() -> None:
    paths = folder_files(generated_catalogue(10000))
    for ctx in contexts(paths):
        assert_fast_is_general(ctx)
        assert list(old_inconsistent_capitalisation(ctx)) == list(
            _check("inconsistent-capitalisation").func(ctx)  # type: ignore[misc]
        )


def _check(check_id: str) -> Check:
    return next(c for c in all_checks() if c.id == check_id)


def random_contexts(catalogue_files: dict[str, CatalogueFile]) -> list[CheckContext]:
    run = qa._Run([], [])
    template = catalogue_files["template"]
    found = [CheckContext(file=template)]
    for locale, file in catalogue_files.items():
        if locale != "template":
            found.append(CheckContext(file=file, template=template))
            found.append(CheckContext(file=file))  # checked without its template
    for ctx in found:
        ctx.traditional_chars = run._traditional_chars
        ctx.traditional_chars_many = qa._traditional_chars_many
        ctx.convert = qa._convert_variant
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=catalogues(max_concepts=6))
def test_concept_checks_on_random_catalogues(catalogue: object) -> None:
    files = {"template": catalogue.template, **catalogue.locales}  # type: ignore[attr-defined]
    for ctx in random_contexts(files):
        assert_fast_is_general(ctx)


# inconsistent-capitalisation as it was before its index of renderings (the reference).
def old_inconsistent_capitalisation(ctx: CheckContext) -> Iterator[Problem]:
    if not ctx.renders_latin:
        return
    rendered = [c for c in ctx.file.concepts if c.target]
    others = []
    for concept in ctx.file.concepts:
        for alt in concept.alternatives:
            others.append(
                (concept, "admitted rendering", alt, ctx.term_line(concept, "# alt:"))
            )
        if concept.definition_target:
            line = ctx.definition_line(concept, "msgstr ")
            others.append(
                (concept, "translated definition", concept.definition_target, line)
            )
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


def by_order(problems: Iterator[Problem]) -> list[tuple[int | None, str]]:
    # The old check yielded clashes in set order; run_checks sorts findings anyway.
    return sorted((p.line, p.message) for p in problems)


_WORDS = ["three", "Three", "THREE", "society", "Society", "linkage", "Linkage"]
_WORDS += [
    "the",
    "of",
    "Red",
    "engine",
    "Engine",
    "Wuhan",
    "fund",
    "corridor",
    "K",
    "x1",
]
WORD = st.sampled_from(_WORDS)
PHRASE = st.lists(WORD, min_size=1, max_size=5).map(
    lambda ws: "".join(w + s for w, s in zip(ws, itertools.cycle([" ", "-", ", "])))
)


@st.composite
def english_files(draw: st.DrawFn) -> CatalogueFile:
    concepts = []
    for number in range(draw(st.integers(0, 8))):
        target = draw(st.just("") | PHRASE)
        alts = draw(st.lists(PHRASE, max_size=2))
        concepts.append(
            Concept(
                term=f"术语{number}",
                definition="定义",
                target=target,
                definition_target=draw(st.just("") | PHRASE | PHRASE.map(str.upper)),
                comments=[f"alt: {a}" for a in alts],
                line=number * 10 + 1,
                definition_line=number * 10 + 6,
            )
        )
    return CatalogueFile(locale="en", header=list(HEADER), concepts=concepts)


@settings(max_examples=300, deadline=None)
@given(file=english_files())
def test_capitalisation_index_gives_the_old_answers(file: CatalogueFile) -> None:
    ctx = CheckContext(file=file)
    new = _check("inconsistent-capitalisation").func
    assert new is not None
    assert by_order(new(ctx)) == by_order(old_inconsistent_capitalisation(ctx))


def test_capitalisation_on_the_seed_and_generated_catalogues() -> None:
    new = _check("inconsistent-capitalisation").func
    assert new is not None
    paths = folder_files(REPO) + folder_files(generated_catalogue(1000))
    for ctx in contexts(paths):
        assert by_order(new(ctx)) == by_order(old_inconsistent_capitalisation(ctx))


TEXT = st.text(
    alphabet=st.sampled_from(list("三社联动聯動區國際化乾隆发髮后後 a\n\0“”,:")),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(TEXT, max_size=12))
def test_traditional_detector_in_one_call(texts: list[str]) -> None:
    detect = qa._Run([], [])._traditional_chars
    assert qa._traditional_chars_many(texts) == [detect(t) for t in texts]


def test_traditional_detector_on_the_seed_template() -> None:
    file, _ = qa._Run([], [])._read(REPO / "glossary" / "glossary.pot")
    assert file is not None
    texts = [t for c in file.concepts for t in (c.term, c.definition or "")]
    texts += ["乾隆", "後來", "发髮"]
    detect = qa._Run([], [])._traditional_chars
    assert qa._traditional_chars_many(texts) == [detect(t) for t in texts]


PATTERNS = [
    re.compile('[“”"]'),
    re.compile(r"\s(?![^\0])"),
    re.compile(r"(?<![^\0])\s"),
    re.compile("[三聯]+"),
]


@settings(max_examples=200, deadline=None)
@given(
    terms=st.lists(TEXT, max_size=8),
    pattern=st.sampled_from(PATTERNS),
    in_ascii=st.sampled_from([..., None]),
)
def test_concepts_matching_is_a_search_per_text(
    terms: list[str], pattern: re.Pattern[str], in_ascii: object
) -> None:
    concepts = [Concept(term=t.replace("\0", "")) for t in terms]
    want = {i for i, c in enumerate(concepts) if pattern.search(c.term)}
    if in_ascii is None:  # what an ASCII-blind pattern may skip
        want = {i for i in want if not all(c.term.isascii() for c in concepts)}
    found = concepts_matching(concepts, pattern, ["term"], in_ascii=in_ascii)  # type: ignore[arg-type]
    assert found == want


def test_findings_compare_equal() -> None:
    # The comparisons above compare Finding lists: make sure that compares all fields.
    a = Finding("p", 1, _check("fuzzy").severity, "fuzzy", "m", "t-1", "x")
    assert a != dataclasses.replace(a, concept_id="t-2")
