"""TBX-Basic 2008 and v3: valid per the official schemas, the mapping, safe and strict reading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from glossarykit.errors import CatalogueParseError
from glossarykit.formats import ExportOptions, read_catalogue
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.exchange import export_catalogue

from ..conftest import SHARED
from ..exchange_sample import make_sample_catalogue

VALIDATOR = SHARED / "tools" / "tbx-validate"
needs_shared = pytest.mark.skipif(
    not VALIDATOR.is_file(), reason=f"{VALIDATOR} is absent (../shared not checked out)"
)


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(VALIDATOR), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


@needs_shared
@pytest.mark.parametrize(
    ("format_name", "options", "verdict"),
    [
        ("tbx", ExportOptions(), "VALID - TBX v2 (ISO 30042:2008)"),
        ("tbx", ExportOptions(forbidden_terms=True), "VALID - TBX v2 (ISO 30042:2008)"),
        ("tbx3", ExportOptions(), "VALID - TBX v3 (ISO 30042:2019)"),
    ],
    ids=["tbx", "tbx-forbidden-terms", "tbx3"],
)
def test_full_glossary_export_is_valid(
    catalogue_copy: Path,
    tmp_path: Path,
    format_name: str,
    options: ExportOptions,
    verdict: str,
) -> None:
    path = tmp_path / f"glossary.{format_name}"
    path.write_bytes(
        export_catalogue(load_catalogue(catalogue_copy), format_name, options)
    )
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{path}: {verdict}" in result.stdout


@needs_shared
@pytest.mark.parametrize("format_name", ["tbx", "tbx3"])
def test_sample_export_is_valid(tmp_path: Path, format_name: str) -> None:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    path = tmp_path / "out.tbx"
    path.write_bytes(
        export_catalogue(catalogue, format_name, ExportOptions(forbidden_terms=True))
    )
    result = validate(path)
    assert result.returncode == 0, result.stdout


def _tree(tmp_path: Path, format_name: str = "tbx", **options: bool) -> etree._Element:
    catalogue = make_sample_catalogue(tmp_path / "cat")
    data = export_catalogue(catalogue, format_name, ExportOptions(**options))
    return etree.fromstring(data)


def test_avoid_is_a_note_by_default_and_a_deprecated_term_on_request(
    tmp_path: Path,
) -> None:
    default = _tree(tmp_path)
    english = default.find(
        ".//termEntry[@id='s-01']/langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']"
    )
    assert [n.text for n in english.findall("note")] == [
        "avoid: three communities",
        "note: She is the first character of all three words.",
    ]
    assert "deprecatedTerm-admn-sts" not in etree.tostring(default, encoding="unicode")

    flagged = _tree(tmp_path / "b", forbidden_terms=True)
    english = flagged.find(
        ".//termEntry[@id='s-01']/langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']"
    )
    terms = {
        tig.findtext("term"): tig.findtext("termNote[@type='administrativeStatus']")
        for tig in english.findall("tig")
    }
    assert terms == {
        "three-society linkage": "preferredTerm-admn-sts",
        "three-society coordination": "admittedTerm-admn-sts",
        "three communities": "deprecatedTerm-admn-sts",
    }
    assert [n.text for n in english.findall("note")] == [
        "note: She is the first character of all three words."
    ]


def test_entry_carries_id_subject_field_context_and_sources(tmp_path: Path) -> None:
    entry = _tree(tmp_path).find(".//termEntry[@id='s-01']")
    assert entry.findtext("descrip[@type='subjectField']") == "社会治理"
    head = entry.find("langSet/tig")
    assert head.findtext("term") == "三社联动"
    assert (
        head.findtext("descrip[@type='context']")
        == "深化“三社联动”,建成街道社会工作服务中心14个。"
    )
    assert [a.text for a in head.findall("admin[@type='source']")] == [
        "glossary/sources/report.txt:2",
        "glossary/sources/report.txt:4",
    ]
    langs = [
        ls.get("{http://www.w3.org/XML/1998/namespace}lang")
        for ls in entry.findall("langSet")
    ]
    assert langs == ["zh-Hans", "en", "zh-Hant-TW"]


def test_synonym_is_a_term_with_its_term_type(tmp_path: Path) -> None:
    tigs = _tree(tmp_path).findall(".//termEntry[@id='s-02']/langSet/tig")
    found = [
        (t.findtext("term"), t.findtext("termNote[@type='termType']")) for t in tigs
    ]
    assert ("七军会", "abbreviation") in found
    assert ("第七届世界军人运动会", "fullForm") in found
    assert ("第七屆世界軍人運動會", "fullForm") in found


def test_no_whitespace_is_added_inside_terms(tmp_path: Path) -> None:
    for format_name in ("tbx", "tbx3"):
        root = _tree(tmp_path / format_name, format_name)
        for term in root.iter("{*}term"):
            assert term.text == (term.text or "").strip() and len(term) == 0


def test_v3_uses_concept_entries_in_the_iso_namespace(tmp_path: Path) -> None:
    root = _tree(tmp_path, "tbx3")
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    ids = [e.get("id") for e in root.iter("{urn:iso:std:iso:30042:ed-2}conceptEntry")]
    assert ids == ["s-01", "s-02", "s-03"]


def _read(tmp_path: Path, text: str) -> CatalogueParseError:
    path = tmp_path / "in.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueParseError) as caught:
        read_catalogue(path)
    return caught.value


def test_entities_are_refused(tmp_path: Path) -> None:
    error = _read(
        tmp_path,
        '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaa">]>\n<martif><text><body/></text></martif>\n',
    )
    assert str(error) == (
        f"{tmp_path / 'in.tbx'}:1: the DOCTYPE declares entities or elements; refused "
        "(entity expansion). Remove the DOCTYPE's [...] internal subset"
    )


def test_external_dtd_is_refused(tmp_path: Path) -> None:
    error = _read(
        tmp_path,
        '<!DOCTYPE martif SYSTEM "http://example.invalid/evil.dtd">\n<martif/>\n',
    )
    assert error.line == 1
    assert "names an external DTD (http://example.invalid/evil.dtd); refused" in str(
        error
    )


def test_standard_tbx_doctype_is_accepted(tmp_path: Path) -> None:
    sample = SHARED / "tools" / "clients" / "samples" / "zh-en_basic_v2.tbx"
    if not sample.is_file():
        pytest.skip(f"{sample} is absent (../shared not checked out)")
    result = read_catalogue(sample)
    assert [r["term"] for r in result.records] == ["三社联动", "四水共治", "大湖+"]
    assert result.records[1]["en:avoid"] == "four-water treatment"
    assert result.records[0]["en:comments"] == "Keep the hyphen."
    # partOfSpeech has no glossary field: reported with its line, not dropped silently.
    assert [(u.line, u.what) for u in result.unrecognised][:1] == [
        (26, '<termNote type="partOfSpeech"> (no glossary field)')
    ]


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    error = _read(tmp_path, "<martif>\n<text>\n<body>\n</text>\n</martif>\n")
    assert error.line == 4
    assert str(error).startswith(f"{tmp_path / 'in.tbx'}:4: not well-formed XML (")
    assert str(error).endswith("). Fix the markup there")


def test_other_root_is_refused(tmp_path: Path) -> None:
    error = _read(tmp_path, "<xliff/>\n")
    assert str(error) == (
        f"{tmp_path / 'in.tbx'}:1: not a TBX file (the root element is <xliff>). Expected "
        "<martif> (TBX 2008) or <tbx> in the ISO 30042:2019 namespace"
    )
