"""Bulk OpenCC conversion (one call per config) gives what one call per string gives."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.formats.po import write_po
from glossarykit.services import convert
from glossarykit.services.catalogue import load_catalogue, locale_path
from glossarykit.services.convert import (
    ConvertReport,
    convert_catalogue,
    convert_text,
    convert_texts,
)

from ..conftest import REPO, generated_catalogue
from ..variant_helpers import TW, edit_template, make_catalogue

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
CONFIGS = ("s2tw", "s2twp", "s2hk", "tw2s", "hk2s", "t2s")

# Words OpenCC's phrase dictionaries replace, glyphs that differ per region, and the
# characters that could break a joined conversion: line breaks, NUL, quotes.
_PIECES = [
    *"软件信息网络互联网窗口鼠标着台里后发干系面",
    "社区服务",
    "优化提升",
    "三社联动",
    "“”、，。",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "\u2028",
    " ",
    "ab",
    "",
]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)


def per_string(texts: list[str], config: str) -> list[str]:
    return [convert_text(text, config) for text in texts]


def seed_texts() -> list[str]:
    catalogue = load_catalogue(REPO)
    texts = []
    for file in [catalogue.template, *catalogue.locales.values()]:
        for concept in file.concepts:
            texts += [concept.term, *(s.term for s in concept.synonyms)]
            texts += [concept.definition or "", concept.target]
            texts += [concept.definition_target, *concept.comments]
    return texts


@pytest.mark.parametrize("config", CONFIGS)
def test_joined_conversion_is_per_string_conversion_on_the_seed_glossary(
    config: str,
) -> None:
    texts = seed_texts()
    assert convert_texts(texts, config) == per_string(texts, config)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(TEXTS, max_size=8), config=st.sampled_from(CONFIGS))
def test_joined_conversion_is_per_string_conversion(
    texts: list[str], config: str
) -> None:
    assert convert_texts(texts, config) == per_string(texts, config)


def test_a_nul_ends_a_string_in_opencc_and_only_that_string() -> None:
    # The C library stops at NUL; a joined call must not lose the strings after it.
    texts = ["信息\0软件", "软件", "a\nb"]
    assert convert_texts(texts, "s2twp") == ["資訊", "軟體", "a\nb"]


def report_of(root: Path, bulk: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Everything convert_catalogue decides, with bulk conversion on or off."""
    with monkeypatch.context() as patch:
        if not bulk:  # every conversion then goes through convert_text, one per string
            patch.setattr(convert._Conversions, "prefetch", lambda *args: None)
        report: ConvertReport = convert_catalogue(
            load_catalogue(root), write=False, now=NOW
        )
    files = [(v.locale, v.changed, write_po(v.file)) for v in report.variants]
    events = [(v.locale, v.events) for v in report.variants]
    return files, events, report.phrase_changes


def catalogue_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source / "glossary", target / "glossary")
    if (source / "locales").is_dir():
        shutil.copytree(source / "locales", target / "locales")
    return target


@pytest.mark.parametrize("size", [0, 1000])
def test_bulk_conversion_changes_nothing_in_a_run(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = REPO if size == 0 else generated_catalogue(size)
    root = catalogue_copy(source, tmp_path / "cat")
    assert report_of(root, True, monkeypatch) == report_of(root, False, monkeypatch)


def test_bulk_conversion_changes_nothing_for_existing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Existing variant files: accepted phrase level, a changed template, a hand edit, a
    # conflict (a marked entry edited by hand) and a fuzzy entry.
    root = make_catalogue(tmp_path)
    convert_catalogue(load_catalogue(root), accept_phrase=["t-1"], now=NOW)
    edit_template(root, "七军会", definition="第七届世界军人运动会在武汉举行。")
    path = locale_path(root, TW)
    text = path.read_text(encoding="utf-8")
    text = text.replace("# converted: s2tw\n", "", 1)
    text = text.replace('msgstr "七軍會"', 'msgstr "七軍會（手改）"')
    text = text.replace('msgid "群众路线"', '#, fuzzy\nmsgid "群众路线"')
    path.write_text(text, encoding="utf-8")
    assert report_of(root, True, monkeypatch) == report_of(root, False, monkeypatch)
