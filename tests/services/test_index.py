"""The lookup index cache: same answers as a full load, rebuilt when stale, kept when not."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from glossarykit.formats.po import read_po, write_po
from glossarykit.records import concept_record
from glossarykit.services import index
from glossarykit.services import lookup as lookup_service
from glossarykit.services.catalogue import TEMPLATE_PATH, load_catalogue, locale_path
from glossarykit.services.lookup import lookup_at

from ..conftest import Invoke


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(index.CACHE_ENV, str(folder))
    return folder


def indexes(cache: Path) -> list[str]:
    """The index files (and leftovers of writing one) in the cache folder."""
    if not cache.exists():
        return []
    return sorted(p.name for p in cache.iterdir() if "lookup-" in p.name)


def answer(root: Path, query: str) -> dict[str, Any]:
    """What a user sees: the kind of match, the concept records, the suggestions."""
    catalogue, result = lookup_at(root, query)
    return {
        "kind": [m.kind for m in result.matches],
        "records": [
            concept_record(catalogue, m.concept, "en", pinyin=m.reading)
            for m in result.matches
        ],
        "suggestions": result.suggestions,
    }


def queries(root: Path) -> list[str]:
    """Every head term and synonym (what the index answers), and a few other kinds."""
    catalogue = load_catalogue(root)
    found = [form for concept in catalogue.concepts for form in concept.sources]
    english = catalogue.translation(catalogue.concepts[0], "en")
    if english is not None and english.target:
        found.append(english.target)
    variant = catalogue.locales.get("zh_Hant_TW")
    if variant is not None and variant.concepts:
        found.append(variant.concepts[0].target)
    return [*found, "三社", "no such term", "  三社联动 "]


def test_answers_are_the_same_with_and_without_the_index(
    catalogue_copy: Path, cache: Path
) -> None:
    asked = queries(catalogue_copy)
    whole = load_catalogue(catalogue_copy)  # what a lookup without the index reads

    def reference(query: str) -> dict[str, Any]:
        result = lookup_service.lookup(whole, query)
        return {
            "kind": [m.kind for m in result.matches],
            "records": [
                concept_record(whole, m.concept, "en", pinyin=m.reading)
                for m in result.matches
            ],
            "suggestions": result.suggestions,
        }

    answer(catalogue_copy, "no such term")  # builds the index
    assert index.LookupIndex.open(catalogue_copy) is not None
    assert [answer(catalogue_copy, q) for q in asked] == [reference(q) for q in asked]
    assert (
        sum(index.catalogue_for_form(catalogue_copy, q) is not None for q in asked) > 3
    )


def test_no_index_is_a_full_load(
    catalogue_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    expected = answer(catalogue_copy, term)
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")
    assert answer(catalogue_copy, term) == expected


def test_an_exact_match_does_not_read_the_catalogue(
    catalogue_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    expected = answer(catalogue_copy, term)

    def refuse(*args: object) -> None:
        raise AssertionError("the catalogue was read")

    monkeypatch.setattr(index, "load_catalogue", refuse)
    assert answer(catalogue_copy, term) == expected


def test_cli_output_is_the_same_with_and_without_the_index(
    run: Invoke, catalogue_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    term = load_catalogue(catalogue_copy).concepts[-1].term
    first = run("lookup", term, "--format", "json", catalogue=catalogue_copy)
    assert index.LookupIndex.open(catalogue_copy) is not None
    cached = run("lookup", term, "--format", "json", catalogue=catalogue_copy)
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")
    uncached = run("lookup", term, "--format", "json", catalogue=catalogue_copy)
    assert first.exit_code == cached.exit_code == uncached.exit_code == 0
    assert first.stdout == cached.stdout == uncached.stdout


def edit_rendering(root: Path, new: str) -> str:
    """Change the English rendering of the first concept; return its term."""
    path = locale_path(root, "en")
    file = read_po(path)
    concept = file.concepts[0]
    concept.target = new
    path.write_text(write_po(file), encoding="utf-8")
    return concept.term


def rendering(root: Path, term: str) -> str:
    return str(answer(root, term)["records"][0]["rendering"])


def test_an_edited_catalogue_is_seen_and_the_index_rebuilt(
    catalogue_copy: Path, cache: Path
) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    rendering(catalogue_copy, term)
    built = index.index_path(catalogue_copy)
    assert built is not None and built.is_file()
    before = built.stat().st_ino
    edit_rendering(catalogue_copy, "a rendering edited after the build")
    assert rendering(catalogue_copy, term) == "a rendering edited after the build"
    assert built.stat().st_ino != before  # rebuilt
    assert index.LookupIndex.open(catalogue_copy) is not None


def test_an_edit_that_keeps_size_and_time_is_seen_right_after_the_build(
    catalogue_copy: Path, cache: Path
) -> None:
    term = edit_rendering(catalogue_copy, "aaaa")
    assert rendering(catalogue_copy, term) == "aaaa"
    path = locale_path(catalogue_copy, "en")
    stat = path.stat()
    edit_rendering(catalogue_copy, "bbbb")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time
    assert rendering(catalogue_copy, term) == "bbbb"


def test_a_touched_file_keeps_the_index(catalogue_copy: Path, cache: Path) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    old = time.time_ns() - 3_600 * 10**9
    for path in index.catalogue_files(catalogue_copy):
        os.utime(path, ns=(old, old))
    expected = answer(catalogue_copy, term)
    built = index.index_path(catalogue_copy)
    assert built is not None
    inode = built.stat().st_ino
    os.utime(catalogue_copy / TEMPLATE_PATH)  # same bytes, new time
    assert answer(catalogue_copy, term) == expected
    assert built.stat().st_ino == inode  # not rebuilt, only restamped
    stamps = {s.path: s for s in index.stamp_files(catalogue_copy)}
    assert index.LookupIndex.open(catalogue_copy) is not None
    assert stamps[TEMPLATE_PATH.as_posix()].mtime_ns > old


def test_a_new_locale_makes_the_index_stale(catalogue_copy: Path, cache: Path) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    answer(catalogue_copy, term)
    source = locale_path(catalogue_copy, "en")
    target = locale_path(catalogue_copy, "fr")
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes().replace(b"Language: en", b"Language: fr"))
    assert index.LookupIndex.open(catalogue_copy) is None
    assert answer(catalogue_copy, term)["records"]
    assert index.LookupIndex.open(catalogue_copy) is not None


def test_the_index_lives_in_the_cache_folder_only(
    catalogue_copy: Path, cache: Path
) -> None:
    before = sorted(p.relative_to(catalogue_copy) for p in catalogue_copy.rglob("*"))
    term = load_catalogue(catalogue_copy).concepts[0].term
    answer(catalogue_copy, term)
    answer(catalogue_copy, term)
    after = sorted(p.relative_to(catalogue_copy) for p in catalogue_copy.rglob("*"))
    assert after == before
    assert indexes(cache) == [index.index_path(catalogue_copy).name]  # type: ignore[union-attr]


def test_no_cache_means_nothing_read_or_written(
    catalogue_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(index.NO_CACHE_ENV, "1")
    term = load_catalogue(catalogue_copy).concepts[0].term
    assert answer(catalogue_copy, term)["kind"] == ["exact"]
    assert index.index_path(catalogue_copy) is None
    assert not indexes(cache)


def test_an_unwritable_cache_folder_only_costs_time(
    catalogue_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(index.CACHE_ENV, str(blocker / "cache"))
    term = load_catalogue(catalogue_copy).concepts[0].term
    assert answer(catalogue_copy, term)["kind"] == ["exact"]
    assert answer(catalogue_copy, term)["kind"] == ["exact"]


def test_a_damaged_index_is_rebuilt(catalogue_copy: Path, cache: Path) -> None:
    term = load_catalogue(catalogue_copy).concepts[0].term
    expected = answer(catalogue_copy, term)
    built = index.index_path(catalogue_copy)
    assert built is not None
    built.write_bytes(b"not a database" * 100)
    assert index.LookupIndex.open(catalogue_copy) is None
    assert answer(catalogue_copy, term) == expected
    assert index.LookupIndex.open(catalogue_copy) is not None
    assert indexes(cache) == [built.name]  # no temporary files left


def test_old_indexes_are_pruned(
    catalogue_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "KEEP_INDEXES", 2)
    cache.mkdir()
    for number in range(3):
        stale = cache / f"lookup-old{number}.sqlite"
        stale.write_bytes(b"")
        os.utime(stale, ns=(number, number))
    answer(catalogue_copy, load_catalogue(catalogue_copy).concepts[0].term)
    assert indexes(cache) == sorted(
        ["lookup-old2.sqlite", index.index_path(catalogue_copy).name]  # type: ignore[union-attr]
    )


def test_concepts_survive_the_index_unchanged(catalogue_copy: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    for file in [catalogue.template, *catalogue.locales.values()]:
        for concept in file.concepts:
            again = index.decode_concept(index.encode_concept(concept))
            assert again == concept
            assert (again.line, again.definition_line) == (
                concept.line,
                concept.definition_line,
            )


def test_lookup_at_raises_for_an_empty_query(catalogue_copy: Path, cache: Path) -> None:
    with pytest.raises(lookup_service.GlossaryError, match="empty"):
        lookup_at(catalogue_copy, "   ")
