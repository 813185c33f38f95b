"""``glossary compile``: an MO beside every locale's PO."""

from __future__ import annotations

import gettext
from pathlib import Path

from ..conftest import Invoke
from ..exchange_sample import make_sample_catalogue


def test_compile_writes_every_locale(run: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "cat"
    make_sample_catalogue(root)
    result = run("compile", catalogue=root)
    assert result.exit_code == 0
    assert result.stdout == (
        "locales/en/LC_MESSAGES/glossary.mo\nlocales/zh_Hant_TW/LC_MESSAGES/glossary.mo\n"
    )
    assert result.stderr == "Compiled 2 locale(s).\n"
    english = gettext.translation("glossary", root / "locales", languages=["en"])
    assert english.gettext("三社联动") == "three-society linkage"
    taiwan = gettext.translation("glossary", root / "locales", languages=["zh_Hant_TW"])
    assert taiwan.gettext("三社联动") == "三社聯動"


def test_compile_unreadable_catalogue(run: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "cat"
    make_sample_catalogue(root)
    po = root / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    po.write_text('msgid "x"\nmsgstr\n', encoding="utf-8")
    result = run("compile", catalogue=root)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {po}:")
    assert not po.with_suffix(".mo").exists()
