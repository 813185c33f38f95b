"""A small catalogue in tmp_path for the update / convert / variant tests (not the seed glossary)."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

from glossarykit.formats.po import read_po, write_po
from glossarykit.model import CatalogueFile, Concept, Synonym
from glossarykit.services.catalogue import TEMPLATE_PATH, locale_path

HEADER = [
    ("Project-Id-Version", "glossarykit-test 1"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "2026-01-01 00:00+0000"),
    ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
    ("Last-Translator", ""),
    ("Language-Team", ""),
    ("Language", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
]
TW = "zh_Hant_TW"
HK = "zh_Hant_HK"


def concepts() -> list[Concept]:
    """Four concepts: phrase-level vocabulary (软件, 信息, 社区), a synonym, TW/HK glyphs."""
    return [
        Concept(
            term="软件园区",
            definition="信息软件企业集聚的园区。",
            id="t-1",
            origin="editorial",
        ),
        Concept(
            term="三社联动",
            definition="“三社”指社区、社会组织、社会工作者。",
            id="t-2",
            origin="annotated",
            origin_detail="6",
        ),
        Concept(
            term="七军会",
            definition="第七届世界军人运动会。",
            id="t-3",
            term_type="abbreviation",
            synonyms=[Synonym("第七届世界军人运动会", "fullForm")],
        ),
        Concept(term="群众路线", definition="着力为人民群众服务。", id="t-4"),
    ]


ENGLISH = {
    "软件园区": ("software park", "A park where software companies cluster."),
    "三社联动": ("three-society linkage", "The three societies act together."),
    "七军会": ("7th Military World Games", "The 7th CISM Military World Games."),
    "群众路线": ("mass line", "Serving the people."),
}


def write_template(root: Path, items: list[Concept]) -> Path:
    """Write ``items`` as the template of the catalogue at ``root``."""
    path = root / TEMPLATE_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    header_comments = ["Test glossary."]
    path.write_text(
        write_po(
            CatalogueFile(
                header=HEADER, header_comments=header_comments, concepts=items
            )
        ),
        encoding="utf-8",
    )
    return path


def write_english(
    root: Path,
    items: list[Concept],
    english: dict[str, tuple[str, str]] | None = None,
) -> Path:
    """An English locale translating every concept, with a note on each term."""
    localized = []
    for concept in items:
        rendering, definition = (english or ENGLISH)[concept.term]
        localized.append(
            replace(
                concept,
                target=rendering,
                definition_target=definition,
                comments=[f"note: about {rendering}"],
            )
        )
    header = [(k, "en" if k == "Language" else v) for k, v in HEADER]
    path = locale_path(root, "en")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        write_po(CatalogueFile(locale="en", header=header, concepts=localized)),
        encoding="utf-8",
    )
    return path


def make_catalogue(root: Path, items: list[Concept] | None = None) -> Path:
    """A catalogue folder with a template and an English locale; returns ``root``."""
    items = concepts() if items is None else items
    write_template(root, items)
    write_english(root, items)
    return root


def edit_template(root: Path, head: str, **changes: str) -> str:
    """Change fields of one template concept (as an editor would); return the old definition."""
    path = root / TEMPLATE_PATH
    file = read_po(path)
    concept = file.get(head)
    assert concept is not None
    old = concept.definition or ""
    for name, value in changes.items():
        setattr(concept, name, value)
    path.write_text(write_po(file), encoding="utf-8")
    return old


def _field(lines: list[str], keyword: str) -> str | None:
    """The unquoted value of ``msgid`` / ``msgctxt`` in an entry, continuation lines joined."""
    for index, line in enumerate(lines):
        if line.startswith(keyword + " "):
            parts = [line[len(keyword) + 1 :]]
            parts += itertools.takewhile(
                lambda follow: follow.startswith('"'), lines[index + 1 :]
            )
            return "".join(json.loads(part) for part in parts)
    return None


def entry_block(text: str, msgid: str, msgctxt: str | None = None) -> str:
    """The whole PO entry (comments included) whose msgid / msgctxt are given."""
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if _field(lines, "msgid") == msgid and _field(lines, "msgctxt") == msgctxt:
            return block.rstrip("\n")
    raise AssertionError(f"no entry {msgctxt!r} {msgid!r}")


def entry_line(text: str, msgid: str, msgctxt: str | None = None) -> int:
    """The first line of that entry, comments included (how polib numbers entries)."""
    return text[: text.index(entry_block(text, msgid, msgctxt))].count("\n") + 1


def without_revision_date(text: str) -> str:
    """PO text with the volatile PO-Revision-Date blanked."""
    return re.sub(r'"PO-Revision-Date: [^"]*\\n"', '"PO-Revision-Date: X\\n"', text)
