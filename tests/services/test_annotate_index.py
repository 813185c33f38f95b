"""`glossary annotate` from the lookup index: the same output as from a full load."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossarykit.services import index
from glossarykit.services.annotate import (
    DERIVED,
    annotate_at,
    annotate_text,
    annotated_html,
    annotated_text,
    annotated_text_at,
    annotation_data,
    marked_text,
)
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.matcher import source_forms

from ..conftest import DATA, REPO, SOURCE_REPORT, bench_generator, generated_catalogue

QA_CATALOGUE = DATA / "qa" / "catalogue"


@pytest.fixture(scope="module")
def generated_1000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmarks' generated catalogue of 1,000 concepts (with its corpus)."""
    root = tmp_path_factory.mktemp("generated") / "cat-1000"
    bench_generator().generate(1000, out=root)
    return root


def loaded(root: Path, text: str, locale: str = "en") -> tuple[str, str, str]:
    """Text, JSON and HTML output from a full load, the way annotate always made them."""
    annotation = annotate_text(load_catalogue(root), text, locale)
    data = json.dumps(annotation_data(annotation, "t.txt"), ensure_ascii=False)
    return annotated_text(annotation), data, annotated_html(annotation, "t.txt")


def indexed(root: Path, text: str, locale: str = "en") -> tuple[str, str, str]:
    """The same through the index entry points (which must find a fresh index)."""
    marked = annotated_text_at(root, text, locale)
    annotation = annotate_at(root, text, locale)
    assert (marked.occurrences, marked.concepts) == (
        len(annotation.matches),
        len(annotation.records),
    )
    data = json.dumps(annotation_data(annotation, "t.txt"), ensure_ascii=False)
    return marked.text, data, annotated_html(annotation, "t.txt")


def only_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a full load fail, so that a passing test proves the index answered."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalogue was loaded")

    monkeypatch.setattr(index, "load_catalogue", refuse)


def build(root: Path) -> None:
    index.load_indexed(root)
    assert index.LookupIndex.open(root) is not None


def assert_same(
    root: Path, text: str, monkeypatch: pytest.MonkeyPatch, locale: str = "en"
) -> None:
    expected = loaded(root, text, locale)
    build(root)
    with monkeypatch.context() as patch:
        only_from_the_index(patch)
        assert indexed(root, text, locale) == expected  # derived data written
        assert indexed(root, text, locale) == expected  # and read back


def test_seed_report(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SOURCE_REPORT.read_text(encoding="utf-8")
    assert_same(REPO, text, monkeypatch)


def test_traditional_variants_and_synonyms(monkeypatch: pytest.MonkeyPatch) -> None:
    # The QA catalogue has zh_Hant_TW variants with # synonym: comments.
    text = (
        "深化三社联动,对接長江主軸。\n筹办第七屆世界軍人運動會(七军会),完成“九定”。\n"
    )
    assert_same(QA_CATALOGUE, text, monkeypatch)
    assert_same(QA_CATALOGUE, text, monkeypatch, locale="zh_Hant_TW")
    assert_same(QA_CATALOGUE, text, monkeypatch, locale="xx")  # no such locale: [?]


def test_generated_catalogue_of_1000_concepts(
    generated_1000: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = generated_1000 / "glossary" / "sources" / "corpus.txt"
    assert_same(generated_1000, corpus.read_text(encoding="utf-8"), monkeypatch)


def test_generated_catalogue_of_10000_concepts(monkeypatch: pytest.MonkeyPatch) -> None:
    root = generated_catalogue(10000)
    text = (root / "glossary" / "sources" / "corpus.txt").read_text("utf-8")
    expected = annotated_text(annotate_text(load_catalogue(root), text))
    build(root)
    with monkeypatch.context() as patch:
        only_from_the_index(patch)
        assert annotated_text_at(root, text).text == expected


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 2**32), size=st.integers(0, 400))
def test_random_text_over_the_seed_forms(
    seed: int, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    forms = [f.form for f in source_forms(load_catalogue(REPO))]
    pieces = []
    while sum(map(len, pieces)) < size:
        form = rng.choice(forms)
        cut = rng.randint(0, len(form))
        pieces.append(rng.choice([form, form[:cut], form[cut:], "的\n", "𠀀", "a"]))
    text = "".join(pieces)
    expected = loaded(REPO, text)
    if index.LookupIndex.open(REPO) is None:
        build(REPO)
    with monkeypatch.context() as patch:
        only_from_the_index(patch)
        assert indexed(REPO, text) == expected


def test_without_an_index_the_catalogue_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = SOURCE_REPORT.read_text(encoding="utf-8")
    expected = loaded(REPO, text)
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    assert indexed(REPO, text) == expected
    marked = marked_text(load_catalogue(REPO), text)
    assert marked.text == expected[0]


def test_the_first_run_builds_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    text = "深化三社联动。"
    assert annotated_text_at(REPO, text).text.startswith("深化三社联动[")
    assert index.LookupIndex.open(REPO) is not None


def test_damaged_or_foreign_derived_data_is_recomputed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    text = SOURCE_REPORT.read_text(encoding="utf-8")
    expected = loaded(REPO, text)
    build(REPO)
    path = index.index_path(REPO)
    assert path is not None
    derived = path.with_name(f"{path.stem}.{DERIVED}.json")
    for damage in (b"", b"[1, 2", b"[[], {}]", b'{"forms": 1}', b"[0, {}]"):
        derived.write_bytes(damage)
        assert indexed(REPO, text) == expected
    # Data kept for other contents (another key) is not used.
    key, value = json.loads(derived.read_bytes())
    value["forms"] = ["三社联动"] * len(value["forms"])
    derived.write_text(json.dumps([[*key[:2], []], value]), encoding="utf-8")
    assert indexed(REPO, text) == expected
    # Of a pruned index, it goes when other derived data is written.
    orphan = path.with_name(f"lookup-0000000000000000.{DERIVED}.json")
    orphan.write_text("[]", encoding="utf-8")
    derived.unlink()
    assert indexed(REPO, text) == expected
    assert derived.exists() and not orphan.exists()
