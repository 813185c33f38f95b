"""`glossary annotate` service: every occurrence marked, offsets right, HTML escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from glossarykit.model import Catalogue, CatalogueFile, Concept, Synonym
from glossarykit.services.annotate import (
    annotate_text,
    annotated_html,
    annotated_text,
    annotation_data,
)
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.matcher import PlainMatcher, source_forms

from ..conftest import REPO, SOURCE_REPORT


def make_catalogue(
    definition: str = "“三社”指社区、社会组织、社会工作者。",
) -> Catalogue:
    template = CatalogueFile(
        concepts=[
            Concept(term="三社联动", id="c1", definition=definition),
            Concept(
                term="七军会",
                id="c2",
                definition="第七届世界军人运动会。",
                synonyms=[Synonym("第七届世界军人运动会", "fullForm")],
            ),
            Concept(term="九定", id="c3"),
        ]
    )
    english = CatalogueFile(
        locale="en",
        concepts=[
            Concept(
                term="三社联动",
                target="three-society linkage",
                definition=definition,
                definition_target='The "three societies" & <their> work.',
            ),
            Concept(term="七军会", target="7th CISM Military World Games"),
        ],
    )
    return Catalogue(template=template, locales={"en": english})


TEXT = "深化三社联动。\n筹办第七届世界军人运动会(七军会),完成“九定”。三社联动!"


def test_text_format_puts_the_rendering_after_each_term() -> None:
    annotation = annotate_text(make_catalogue(), TEXT)
    assert annotated_text(annotation) == (
        "深化三社联动[three-society linkage]。\n"
        "筹办第七届世界军人运动会[7th CISM Military World Games]"
        "(七军会[7th CISM Military World Games]),完成“九定[?]”。"
        "三社联动[three-society linkage]!"
    )


def test_json_data_gives_character_offsets_lines_and_concepts() -> None:
    data = annotation_data(annotate_text(make_catalogue(), TEXT), "t.txt")
    assert [
        (m["start"], m["end"], m["line"], m["form"], m["form_type"], m["id"])
        for m in data["matches"]
    ] == [
        (2, 6, 1, "三社联动", "term", "c1"),
        (10, 20, 2, "第七届世界军人运动会", "synonym", "c2"),
        (21, 24, 2, "七军会", "term", "c2"),
        (29, 31, 2, "九定", "term", "c3"),
        (33, 37, 2, "三社联动", "term", "c1"),
    ]
    for match in data["matches"]:
        assert TEXT[match["start"] : match["end"]] == match["form"]
    assert [(c["id"], c["count"]) for c in data["concepts"]] == [
        ("c1", 2),
        ("c2", 2),
        ("c3", 1),
    ]
    assert list(data) == ["file", "locale", "characters", "matches", "concepts"]
    assert data["characters"] == len(TEXT)


class PageReader(HTMLParser):
    """Collect the marks of an annotate page and the text outside the tips."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.scripts = 0
        self.tip_texts: list[str] = []
        self.body_text: list[str] = []
        self._depth_in_tip = 0
        self._in_text = False
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._stack.append(tag)
        if tag == "script":
            self.scripts += 1
        if tag == "div" and attributes.get("class") == "text":
            self._in_text = True
        if tag == "mark":
            self.marks.append(attributes)
        if tag == "span" and (self._depth_in_tip or attributes.get("class") == "tip"):
            self._depth_in_tip += 1
            if self._depth_in_tip == 1:
                self.tip_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._stack.pop()
        if tag == "span" and self._depth_in_tip:
            self._depth_in_tip -= 1
        if tag == "div" and self._in_text:
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if self._depth_in_tip:
            self.tip_texts[-1] += data
        elif self._in_text:
            self.body_text.append(data)


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def test_html_page_marks_every_term_and_keeps_the_text() -> None:
    annotation = annotate_text(make_catalogue(), TEXT)
    page = read_page(annotated_html(annotation, "t.txt"))
    assert [(m["data-concept"], m["data-form"]) for m in page.marks] == [
        ("c1", "三社联动"),
        ("c2", "第七届世界军人运动会"),
        ("c2", "七军会"),
        ("c3", "九定"),
        ("c1", "三社联动"),
    ]
    # Focusable, and described by their tip for screen readers.
    assert all(m["tabindex"] == "0" for m in page.marks)
    assert [m["aria-describedby"] for m in page.marks] == [f"t{n}" for n in range(1, 6)]
    # The text outside the tips is the input, character for character.
    assert "".join(page.body_text) == TEXT
    assert page.tip_texts[0] == (
        "three-society linkage三社联动 · c1"
        'The "three societies" & <their> work.“三社”指社区、社会组织、社会工作者。'
    )
    assert page.tip_texts[3] == "no rendering yet九定 · c3"


def test_html_escapes_everything_the_catalogue_says() -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    annotation = annotate_text(make_catalogue(definition=evil), "三社联动")
    html = annotated_html(annotation, '<b>"report".txt')
    page = read_page(html)
    assert page.scripts == 0
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<title>&lt;b&gt;&#34;report&#34;.txt · glossary terms</title>" in html
    assert evil in page.tip_texts[0]


def test_seed_report_every_occurrence_of_every_term_is_marked() -> None:
    catalogue = load_catalogue(REPO)
    text = SOURCE_REPORT.read_text(encoding="utf-8")
    annotation = annotate_text(catalogue, text)
    plain = PlainMatcher.from_catalogue(catalogue).find(text)
    assert [m.key for m in annotation.matches] == [m.key for m in plain]
    page = read_page(annotated_html(annotation, SOURCE_REPORT.name))
    assert len(page.marks) == len(plain) > 0
    assert "".join(page.body_text) == text
    # Every occurrence of every form lies inside a mark (a longer term may hold it).
    spans = [(m.start, m.end) for m in annotation.matches]
    for form in source_forms(catalogue):
        start = text.find(form.form)
        while start >= 0:
            end = start + len(form.form)
            assert any(a <= start and end <= b for a, b in spans), form.form
            start = text.find(form.form, start + 1)
