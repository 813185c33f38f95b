"""The static site: its page, search index, escaping, determinism and safe writing."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from glossarykit.errors import CatalogueError, UnsupportedLocaleError
from glossarykit.model import Reference
from glossarykit.services import pinyin
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.site import (
    SITE_FILES,
    Site,
    build_site,
    default_title,
    write_site,
)

from ..conftest import REPO
from ..site_sample import HOSTILE, IDS, make_site_catalogue


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pinyin.CACHE_ENV, str(tmp_path / "cache"))


@pytest.fixture
def sample(tmp_path: Path) -> Site:
    return build_site(make_site_catalogue(tmp_path / "cat"))


class _Page(HTMLParser):
    """Elements by tag with their attributes, and the text of the search index."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.index = ""
        self._in_index = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_index = tag == "script" and dict(attrs).get("id") == "index"

    def handle_endtag(self, tag: str) -> None:
        self._in_index = False

    def handle_data(self, data: str) -> None:
        if self._in_index:
            self.index += data
        else:
            self.text.append(data)


def parse(site: Site) -> _Page:
    parser = _Page()
    parser.feed(site.files["index.html"].decode("utf-8"))
    return parser


def test_the_page_matches_its_golden_file(sample: Site, golden) -> None:
    golden("site-sample.html", sample.files["index.html"])


def test_one_article_per_concept_with_a_stable_anchor(sample: Site) -> None:
    page = parse(sample)
    articles = [a["id"] for tag, a in page.elements if tag == "article"]
    assert articles == IDS
    links = [a["href"] for tag, a in page.elements if tag == "a"]
    assert all(f"#{concept_id}" in links for concept_id in IDS)


def test_the_search_index_is_embedded_as_json(sample: Site) -> None:
    index = json.loads(parse(sample).index)
    assert [e["id"] for e in index] == IDS
    assert index[0] == {
        "id": "s-01",
        "zh": ["三社联动"],
        "hant": ["三社聯動"],
        "en": ["three-society linkage", "three-sector linkage"],
        "py": ["san she lian dong"],
        "domain": "社会治理",
        "origin": "annotated",
    }
    assert index[3]["hant"] == ["長江主軸", "長江發展主軸"]  # synonyms too
    assert index[4]["py"] == ["shan xian"]  # the override, not the dictionary
    assert index[5]["en"] == ["Great Lakes Plus " + HOSTILE]


def test_every_catalogue_string_is_escaped(sample: Site) -> None:
    html = sample.files["index.html"].decode("utf-8")
    page = parse(sample)
    # The only scripts are ours; no catalogue text became an element or an attribute.
    assert [a for tag, a in page.elements if tag == "script"] == [
        {"src": "site.js", "defer": None},
        {"type": "application/json", "id": "index"},
    ]
    assert not [a for tag, a in page.elements if tag in ("img", "b")]
    assert "onerror" not in {k for _, a in page.elements for k in a}
    assert "window.pwned = 1</script>" not in html
    assert HOSTILE in "".join(page.text)  # shown as text
    assert html.count("</script>") == 2


def test_nothing_is_fetched_from_the_network(sample: Site) -> None:
    for name, data in sample.files.items():
        text = data.decode("utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), name
        assert not re.search(r"url\(|@import|https?://", text), name
    assert "default-src 'none'" in sample.files["index.html"].decode("utf-8")


def test_the_same_catalogue_gives_a_byte_identical_site(tmp_path: Path) -> None:
    first = build_site(make_site_catalogue(tmp_path / "a"))
    second = build_site(load_catalogue(tmp_path / "a"))
    third = build_site(make_site_catalogue(tmp_path / "b"))
    assert first.files == second.files == third.files
    assert list(first.files) == list(SITE_FILES)


def test_references_show_their_source_sentence(tmp_path: Path) -> None:
    catalogue = make_site_catalogue(tmp_path / "cat")
    catalogue.concepts[4].references = [
        Reference("glossary/sources/missing.txt", 3),
        Reference("glossary/sources/report.txt", 99),
        Reference("glossary/sources/report.txt", 1),
    ]
    html = build_site(catalogue).files["index.html"].decode("utf-8")
    assert (
        "<li><cite>glossary/sources/report.txt:2</cite> "
        '<span class="context" lang="zh-Hans">深化“<mark>三社联动</mark>”,'
        "建成街道社会工作服务中心14个。</span></li>"
    ) in html
    # A quoted form is found without its quotes: “大湖+” in the source.
    assert "实施“<mark>大湖+</mark>”战略。" in html
    # A missing file or line, or a line without the term: the reference alone.
    for ref in ("missing.txt:3", "report.txt:99", "report.txt:1"):
        assert f"<li><cite>glossary/sources/{ref}</cite></li>" in html


def test_the_seed_glossary_site(tmp_path: Path) -> None:
    catalogue = load_catalogue(REPO)
    site = build_site(catalogue)
    page = parse(site)
    assert site.concepts == len(catalogue.concepts)
    articles = [a["id"] for tag, a in page.elements if tag == "article"]
    assert articles == [c.id for c in catalogue.concepts]
    entry = next(e for e in json.loads(page.index) if e["id"] == "wc2017-a06")
    assert entry["py"] == ["san she lian dong"]
    assert "三社聯動" in entry["hant"]
    assert (
        "<title>Glossary of coined formulations in Chinese government work reports</title>"
        in site.files["index.html"].decode()
    )


def test_a_locale_the_catalogue_lacks(tmp_path: Path) -> None:
    catalogue = make_site_catalogue(tmp_path / "cat")
    with pytest.raises(UnsupportedLocaleError) as caught:
        build_site(catalogue, "fr")
    assert str(caught.value) == (
        "the catalogue has no locale 'fr' (it has: en, zh_Hant_HK, zh_Hant_TW). "
        "Pass --locale with one of those"
    )


def test_default_title(tmp_path: Path) -> None:
    catalogue = make_site_catalogue(tmp_path / "cat")
    assert default_title(catalogue) == "Sample glossary for tests"
    catalogue.template.header_comments = ["SOME DESCRIPTIVE TITLE.", "Copyright: x"]
    assert default_title(catalogue) == "Glossary"


def test_write_creates_rewrites_and_skips_unchanged_files(
    sample: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "site"
    assert write_site(sample, out) == [out / name for name in SITE_FILES]
    assert write_site(sample, out) == []
    changed = Site(files={**sample.files, "site.css": sample.files["site.css"] + b"\n"})
    assert write_site(changed, out) == [out / "site.css"]
    (out / "CNAME").write_text("glossary.example.org\n", encoding="utf-8")
    write_site(sample, out)
    assert (out / "CNAME").read_text(encoding="utf-8") == "glossary.example.org\n"


def test_write_never_replaces_a_file_it_did_not_write(
    sample: Site, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "site.js").write_text("// mine\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        write_site(sample, out)
    assert str(caught.value) == (
        f"{out / 'site.js'}: exists and was not written by glossary site. "
        "Choose another -o folder, or move that file away"
    )
    assert sorted(p.name for p in out.iterdir()) == ["site.js"]
    assert (out / "site.js").read_text(encoding="utf-8") == "// mine\n"


def test_write_refuses_a_file_as_the_folder(sample: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        write_site(sample, out)
    assert (
        str(caught.value) == f"{out}: is a file, not a folder. Choose a folder for -o"
    )
