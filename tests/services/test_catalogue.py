"""Finding the catalogue: --catalogue, $GLOSSARY_HOME, upwards from the cwd, then the bundled seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import CatalogueError
from glossarykit.services.catalogue import (
    bundled_root,
    load_catalogue,
    locate_catalogue,
    save_catalogue,
)

from ..conftest import REPO, Invoke


def test_explicit_folder_wins(
    catalogue_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GLOSSARY_HOME", str(REPO))
    assert locate_catalogue(catalogue_copy, cwd=tmp_path) == catalogue_copy
    # The glossary/ subfolder is accepted too.
    assert locate_catalogue(catalogue_copy / "glossary", cwd=tmp_path) == catalogue_copy


def test_environment_variable_comes_next(
    catalogue_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_HOME", str(catalogue_copy))
    assert locate_catalogue(None, cwd=REPO) == catalogue_copy


def test_nearest_folder_upwards(catalogue_copy: Path) -> None:
    deep = catalogue_copy / "locales" / "en" / "LC_MESSAGES"
    assert locate_catalogue(None, cwd=deep) == catalogue_copy


def test_bundled_seed_glossary_last(tmp_path: Path) -> None:
    assert locate_catalogue(None, cwd=tmp_path) == bundled_root()
    assert bundled_root() is not None


def test_explicit_folder_without_catalogue_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        locate_catalogue(tmp_path)
    assert str(info.value) == (
        f"{tmp_path}: no catalogue here (expected glossary/glossary.pot). "
        "Point --catalogue at a folder that holds glossary/glossary.pot"
    )


def test_save_writes_only_what_changed(catalogue_copy: Path) -> None:
    catalogue = load_catalogue(catalogue_copy)
    assert save_catalogue(catalogue) == []
    catalogue.locales["en"].get("三社联动").target = "three-sector linkage"
    changed = save_catalogue(catalogue)
    assert changed == [
        catalogue_copy / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    ]
    reloaded = load_catalogue(catalogue_copy)
    assert reloaded.locales["en"].get("三社联动").target == "three-sector linkage"


def test_cli_uses_environment_variable_and_works_from_any_folder(
    run: Invoke, catalogue_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    english = catalogue_copy / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            'msgstr "three-society linkage"', 'msgstr "X"'
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GLOSSARY_HOME", str(catalogue_copy))
    assert run("lookup", "三社联动").stdout.splitlines()[0] == "三社联动  X"
    monkeypatch.delenv("GLOSSARY_HOME")
    assert (
        run("lookup", "三社联动").stdout.splitlines()[0]
        == "三社联动  three-society linkage"
    )
