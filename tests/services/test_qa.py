"""validate(): the broken catalogues of tests/data/broken, each caught with the right check and
line; clean catalogues; file discovery, templates, parse errors, --select/--ignore."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossarykit.checks import Severity, all_checks
from glossarykit.errors import CatalogueError, GlossaryError
from glossarykit.services.qa import (
    UnknownCheckError,
    catalogue_root_of,
    collect_files,
    display_path,
    select_checks,
    validate,
)

from ..conftest import DATA, REPO

BROKEN = DATA / "broken"
VALID = DATA / "valid"
TW = "locales/zh_Hant_TW/LC_MESSAGES/glossary.po"

# Every case in tests/data/broken and exactly what validating it alone must find:
# (path relative to tests/data/broken, line, check id). A case is named after its check.
EXPECTED: dict[str, list[tuple[str, int | None, str]]] = {
    "cjk-in-rendering.po": [
        ("cjk-in-rendering.po", 13, "cjk-in-rendering"),
        ("cjk-in-rendering.po", 17, "cjk-in-rendering"),
        ("cjk-in-rendering.po", 19, "cjk-in-rendering"),
    ],
    "definition-not-verbatim": [
        (
            "definition-not-verbatim/glossary/glossary.pot",
            line,
            "definition-not-verbatim",
        )
        for line in (22, 32, 42, 52, 61, 71)
    ],
    "duplicate-concept.pot": [
        ("duplicate-concept.pot", 21, "duplicate-concept"),
        ("duplicate-concept.pot", 28, "duplicate-concept"),
        ("duplicate-concept.pot", 36, "duplicate-concept"),
    ],
    "forbidden-term-used.po": [
        ("forbidden-term-used.po", 11, "forbidden-term-used"),
        ("forbidden-term-used.po", 15, "forbidden-term-used"),
    ],
    "fuzzy.po": [("fuzzy.po", 12, "fuzzy"), ("fuzzy.po", 24, "fuzzy")],
    "halfwidth-punct-in-zh.pot": [
        ("halfwidth-punct-in-zh.pot", 18, "halfwidth-punct-in-zh"),
        ("halfwidth-punct-in-zh.pot", 23, "halfwidth-punct-in-zh"),
    ],
    "incomplete-header.po": [("incomplete-header.po", 2, "incomplete-header")],
    "incomplete-header-charset.pot": [
        ("incomplete-header-charset.pot", 3, "incomplete-header")
    ],
    "inconsistent-capitalisation.po": [
        ("inconsistent-capitalisation.po", 21, "inconsistent-capitalisation"),
        ("inconsistent-capitalisation.po", 25, "inconsistent-capitalisation"),
    ],
    "inconsistent-target.po": [("inconsistent-target.po", 21, "inconsistent-target")],
    "machine-suggested.po": [("machine-suggested.po", 12, "machine-suggested")],
    "numeral-count.pot": [
        ("numeral-count.pot", 14, "numeral-count"),
        ("numeral-count.pot", 24, "numeral-count"),
        ("numeral-count.pot", 34, "numeral-count"),
    ],
    "numeral-dropped.po": [("numeral-dropped.po", 13, "numeral-dropped")],
    "parse-error": [
        ("parse-error/still-checked.po", 13, "fuzzy"),
        ("parse-error/unterminated.po", 15, "parse-error"),
    ],
    "parse-error-encoding.po": [("parse-error-encoding.po", 12, "parse-error")],
    "traditional-in-simplified.pot": [
        ("traditional-in-simplified.pot", 14, "traditional-in-simplified"),
        ("traditional-in-simplified.pot", 16, "traditional-in-simplified"),
        ("traditional-in-simplified.pot", 20, "traditional-in-simplified"),
    ],
    "unbalanced-quotes.po": [
        ("unbalanced-quotes.po", 16, "unbalanced-quotes"),
        ("unbalanced-quotes.po", 17, "unbalanced-quotes"),
    ],
    "unpaired-definition.pot": [
        ("unpaired-definition.pot", 13, "unpaired-definition"),
        ("unpaired-definition.pot", 20, "unpaired-definition"),
    ],
    "untranslated.po": [
        ("untranslated.po", 13, "untranslated"),
        ("untranslated.po", 25, "untranslated"),
    ],
    "variant-missing": [
        (f"variant-missing/{TW}", None, "variant-missing"),
        (f"variant-missing/{TW}", 25, "variant-missing"),
    ],
    "variant-stale": [
        (f"variant-stale/{TW}", line, "variant-stale") for line in (26, 30, 41, 57)
    ],
    "whitespace.po": [
        ("whitespace.po", 13, "whitespace"),
        ("whitespace.po", 17, "whitespace"),
        ("whitespace.po", 20, "whitespace"),
    ],
}


def found(paths: list[Path], **options: object) -> list[tuple[str, int | None, str]]:
    report = validate(paths, **options)  # type: ignore[arg-type]
    return [(f.path, f.line, f.check_id) for f in report.findings]


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tests/data/broken, so that findings name paths relative to it."""
    monkeypatch.chdir(BROKEN)
    return BROKEN


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_broken_catalogue_is_caught_with_its_check_and_line(
    in_broken: Path, case: str
) -> None:
    assert found([Path(case)]) == EXPECTED[case]


def test_the_broken_folder_has_a_case_for_every_check() -> None:
    cases = {p.name for p in BROKEN.iterdir()}
    assert cases == set(EXPECTED), (
        "tests/data/broken and EXPECTED must list the same cases"
    )
    for case in cases:
        assert any(case.startswith(c.id) for c in all_checks()), case
    caught = {check for findings in EXPECTED.values() for _, _, check in findings}
    assert caught == {c.id for c in all_checks()}


def test_the_whole_broken_folder_at_once(in_broken: Path) -> None:
    every = [f for findings in EXPECTED.values() for f in findings]
    assert found([Path(".")]) == sorted(every, key=lambda f: (f[0], f[1] or 0, f[2]))


def test_the_valid_catalogue_is_clean() -> None:
    report = validate([VALID])
    assert report.findings == []
    assert report.files == [
        display_path(VALID / "glossary/glossary.pot"),
        display_path(VALID / "locales/en/LC_MESSAGES/glossary.po"),
        display_path(VALID / TW),
    ]


def test_the_shipped_glossary_is_clean(catalogue_copy: Path) -> None:
    report = validate([catalogue_copy])
    assert [(f.path, f.line, f.check_id, f.message) for f in report.findings] == []
    assert len(report.files) >= 2


def test_ignore_flags_in_the_broken_cases_are_honoured(in_broken: Path) -> None:
    # fuzzy.po flags t-03 with ignore-fuzzy; numeral-count.pot flags the ordinal 七军会.
    terms = {
        f.term for f in validate([Path("fuzzy.po"), Path("numeral-count.pot")]).findings
    }
    assert "四水共治" not in terms and "七军会" not in terms


def test_a_template_that_cannot_be_parsed_is_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "cat"
    shutil.copytree(VALID, root)
    (root / "glossary/glossary.pot").write_text(
        'msgid "unterminated\n', encoding="utf-8"
    )
    locale = root / "locales/en/LC_MESSAGES/glossary.po"
    # Checking a locale alone still says why its template was no use.
    report = validate([locale, root / TW])
    assert [(Path(f.path).name, f.line, f.check_id) for f in report.findings] == [
        ("glossary.pot", 1, "parse-error")
    ]


def test_select_and_ignore(in_broken: Path) -> None:
    paths = [Path("fuzzy.po"), Path("untranslated.po")]
    assert {c for _, _, c in found(paths, select=["untranslated"])} == {"untranslated"}
    assert {c for _, _, c in found(paths, ignore=["untranslated"])} == {"fuzzy"}
    assert found(paths, select=["fuzzy"], ignore=["fuzzy"]) == []
    assert found([Path("parse-error")], ignore=["parse-error"]) == [
        ("parse-error/still-checked.po", 13, "fuzzy")
    ]


def test_unknown_check_ids_are_refused() -> None:
    with pytest.raises(UnknownCheckError, match="unknown check id nope, nada") as info:
        select_checks(["fuzzy", "nope"], ["nada"])
    assert info.value.exit_code == 2


def test_default_checks_are_every_enabled_check() -> None:
    assert [c.id for c in select_checks()] == [
        c.id for c in all_checks() if c.default_enabled
    ]


def test_report_counts_and_failure(in_broken: Path) -> None:
    report = validate([Path("fuzzy.po"), Path("numeral-count.pot")])
    assert (report.count(Severity.ERROR), report.count(Severity.WARNING)) == (3, 2)
    assert report.failed(Severity.ERROR) and report.failed(Severity.WARNING)
    warnings_only = validate([Path("fuzzy.po")])
    assert not warnings_only.failed(Severity.ERROR)
    assert warnings_only.failed(Severity.WARNING)
    data = report.as_dict()
    assert data["counts"] == {
        "error": 3,
        "warning": 2,
        "by_check": {"fuzzy": 2, "numeral-count": 3},
    }
    assert data["failed"] is True and data["fail_on"] == "error"


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("missing", lambda p: p / "nope.po", "no such file or folder"),
        ("empty folder", lambda p: p, "nothing to check"),
        (
            "not PO",
            lambda p: (p / "notes.txt", (p / "notes.txt").write_text("x"))[0],
            "is not a PO or POT file",
        ),
    ],
)
def test_unusable_input_is_an_error(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(CatalogueError, match=message) as info:
        validate([path])
    assert isinstance(info.value, GlossaryError) and info.value.exit_code == 2


def test_folders_are_searched_but_hidden_ones_are_not(tmp_path: Path) -> None:
    (tmp_path / "po").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(BROKEN / "fuzzy.po", tmp_path / "po" / "de.po")
    shutil.copy(BROKEN / "fuzzy.po", tmp_path / ".git" / "hidden.po")
    assert collect_files([tmp_path]) == [tmp_path / "po" / "de.po"]
    # The same file named twice is checked once.
    assert collect_files([tmp_path / "po", tmp_path / "po" / "de.po"]) == [
        tmp_path / "po" / "de.po"
    ]


def test_a_catalogue_folder_means_its_template_and_locales() -> None:
    files = collect_files([VALID])
    assert [f.relative_to(VALID).as_posix() for f in files] == [
        "glossary/glossary.pot",
        "locales/en/LC_MESSAGES/glossary.po",
        TW,
    ]


def test_display_paths_are_relative_to_the_working_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(VALID)
    assert display_path(VALID / TW) == TW
    assert display_path(Path("/somewhere/else.po")) == "/somewhere/else.po"


def test_catalogue_root_is_found_by_layout_only() -> None:
    assert catalogue_root_of(VALID / TW) == VALID.absolute()
    assert catalogue_root_of(VALID / "glossary/glossary.pot") == VALID.absolute()
    # A stray PO below the repository's own glossary folder is not part of it.
    assert catalogue_root_of(BROKEN / "fuzzy.po") is None
    assert catalogue_root_of(REPO / "locales/en/LC_MESSAGES/glossary.po") == REPO


def test_a_po_is_paired_with_the_pot_of_its_name(tmp_path: Path) -> None:
    # Outside the glossary layout: messages.po goes with messages.pot among the files, and
    # the template's sources are found relative to its own folder.
    shutil.copy(VALID / "glossary/glossary.pot", tmp_path / "messages.pot")
    shutil.copytree(VALID / "glossary/sources", tmp_path / "glossary/sources")
    (tmp_path / "de").mkdir()
    text = (
        (VALID / TW)
        .read_text(encoding="utf-8")
        .replace(
            'msgid "两工互动"\nmsgstr "兩工互動"', 'msgid "两工互动"\nmsgstr "兩工互动"'
        )
    )
    (tmp_path / "de" / "messages.po").write_text(text, encoding="utf-8")
    report = validate([tmp_path])
    assert [(f.check_id, f.term) for f in report.findings] == [
        ("variant-stale", "两工互动")
    ]
