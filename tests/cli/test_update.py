"""`glossary update`: merge the template into every locale; --dry-run, --check, bad input."""

from __future__ import annotations

from pathlib import Path

from ..conftest import Invoke
from ..variant_helpers import edit_template, make_catalogue

EN = "locales/en/LC_MESSAGES/glossary.po"


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*.po*"))}


def test_an_up_to_date_catalogue_is_left_alone(
    run: Invoke, catalogue_copy: Path
) -> None:
    before = snapshot(catalogue_copy)
    locales = sorted(p.name for p in (catalogue_copy / "locales").iterdir())

    result = run("update", catalogue=catalogue_copy)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "".join(
        f"locales/{loc}/LC_MESSAGES/glossary.po: up to date.\n" for loc in locales
    )
    assert snapshot(catalogue_copy) == before
    assert run("update", "--check", catalogue=catalogue_copy).exit_code == 0


def test_update_writes_fuzzy_new_and_obsolete_entries(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。")

    result = run("update", catalogue=root)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"{EN}:31: 三社联动 (t-2) definition: changed in the template, now fuzzy\n"
        f"Updated {EN}: 0 new, 1 fuzzy, 0 obsolete.\n"
    )
    assert '#| msgid "“三社”指社区、社会组织、社会工作者。"' in (root / EN).read_text(
        encoding="utf-8"
    )


def test_dry_run_and_check_show_the_changes_and_write_nothing(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "群众路线", term="群众路线教育")
    before = snapshot(root)
    expected = (
        f"{EN}:46: 群众路线教育 (t-4) term: changed in the template, now fuzzy\n"
        f"{EN}:51: 群众路线教育 (t-4) definition: changed in the template, now fuzzy\n"
    )

    dry = run("update", "--dry-run", catalogue=root)
    check = run("update", "--check", catalogue=root)

    assert (dry.exit_code, dry.stdout) == (0, expected)
    assert dry.stderr == f"Would update {EN}: 0 new, 2 fuzzy, 0 obsolete.\n"
    assert (check.exit_code, check.stdout) == (1, expected)
    assert check.stderr == (
        f"Would update {EN}: 0 new, 2 fuzzy, 0 obsolete.\n"
        "1 locale catalogue out of date; run `glossary update`.\n"
    )
    assert snapshot(root) == before

    assert run("-q", "update", catalogue=root).stderr == ""
    assert run("update", "--check", catalogue=root).exit_code == 0


def test_a_malformed_locale_stops_the_update_before_anything_is_written(
    run: Invoke, tmp_path: Path
) -> None:
    root = make_catalogue(tmp_path)
    edit_template(root, "三社联动", definition="“三社”指社区、社会组织和社会工作者。")
    broken = root / "locales" / "de" / "LC_MESSAGES" / "glossary.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    before = snapshot(root)

    result = run("update", catalogue=root)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {broken}:2: ")
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(root) == before


def test_duplicate_entries_are_an_input_error(run: Invoke, tmp_path: Path) -> None:
    root = make_catalogue(tmp_path)
    path = root / EN
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\nmsgid "七军会"\nmsgstr "again"\n', encoding="utf-8")

    result = run("update", catalogue=root)

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:55: duplicate entry msgid “七军会” (first at line 35). "
        "Merge the two entries or remove one; gettext keys must be unique\n"
    )
