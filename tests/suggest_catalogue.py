"""A small catalogue in tmp_path for `glossary suggest` tests: every review state, in canonical PO.

Approved, fuzzy (human) and untranslated entries side by side, so that tests can check what
gets a suggestion and that everything else stays byte-identical.
"""

from __future__ import annotations

from pathlib import Path

from glossarykit.formats.po import write_po
from glossarykit.model import CatalogueFile, Concept, Reference
from glossarykit.services.catalogue import TEMPLATE_PATH, locale_path

HEADER = [
    ("Project-Id-Version", "glossarykit test"),
    ("Report-Msgid-Bugs-To", ""),
    ("POT-Creation-Date", "2026-11-30 00:00+0000"),
    ("PO-Revision-Date", "2026-11-30 00:00+0000"),
    ("Last-Translator", "test"),
    ("Language-Team", "English"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
]

SOURCE = "glossary/sources/report.txt"

# (term, definition, term target, term flags, definition target, definition flags)
ROWS = [
    (
        "三社联动",
        "“三社”指社区、社会组织、社会工作者。",
        "three-society linkage",
        [],
        "The three societies are communities, social organizations and social workers.",
        [],
    ),
    ("四水共治", "防洪水、排涝水、治污水、保供水。", "", [], "", []),
    ("大湖+", "以大东湖为核心的发展模式。", "Great Lake Plus", ["fuzzy"], "", []),
    (
        "一号工程",
        "全区首要的重点工程。",
        "",
        [],
        "The district's first priority project.",
        ["fuzzy"],
    ),
    (
        "长江主轴",
        "围绕主城区长江段打造城市中轴。",
        "Yangtze River main axis",
        [],
        "",
        ["fuzzy"],
    ),
]

# What `glossary suggest` may fill: (term, kind) for every empty target above.
UNTRANSLATED = [
    ("四水共治", "term"),
    ("四水共治", "definition"),
    ("大湖+", "definition"),
    ("一号工程", "term"),
    ("长江主轴", "definition"),
]


def rows(extra: int = 0) -> list[tuple[str, str, str, list[str], str, list[str]]]:
    """ROWS plus ``extra`` untranslated concepts (two entries each)."""
    more = [
        (f"第{n}号提法", f"第{n}号提法的定义。", "", [], "", [])
        for n in range(1, extra + 1)
    ]
    return ROWS + more


def concepts(locale: bool, extra: int = 0) -> list[Concept]:
    """The concepts of the template (``locale`` False) or of the English PO."""
    result = []
    for n, (term, definition, target, flags, def_target, def_flags) in enumerate(
        rows(extra), 1
    ):
        concept = Concept(
            term=term,
            definition=definition,
            id=f"t-{n:02d}",
            origin="mined",
            references=[Reference(SOURCE, 10 * n)],
            definition_references=[Reference(SOURCE, 10 * n)],
        )
        if locale:
            concept.target = target
            concept.flags = list(flags)
            concept.definition_target = def_target
            concept.definition_flags = list(def_flags)
            if term == "三社联动":
                concept.comments = ["alt: three-sector linkage", "note: reviewed"]
        result.append(concept)
    return result


def make_catalogue(root: Path, extra: int = 0) -> Path:
    """Write the template and the English PO under ``root``; return the PO's path.

    :param extra: more untranslated concepts, for runs of many requests.
    """
    template = CatalogueFile(
        header=[(k, "" if k == "Language" else v) for k, v in HEADER],
        concepts=concepts(False, extra),
    )
    (root / TEMPLATE_PATH).parent.mkdir(parents=True, exist_ok=True)
    (root / TEMPLATE_PATH).write_text(write_po(template), encoding="utf-8")
    english = CatalogueFile(
        locale="en", header=list(HEADER), concepts=concepts(True, extra)
    )
    path = locale_path(root, "en")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(write_po(english), encoding="utf-8")
    return path


def entry_blocks(text: str) -> dict[tuple[str, str], str]:
    """The PO's entries as text, keyed by (term, "term" or "definition"); the header under ("", "")."""
    blocks: dict[tuple[str, str], str] = {}
    for block in text.split("\n\n"):
        lines = block.splitlines()
        ctxt = next((ln for ln in lines if ln.startswith("msgctxt ")), None)
        msgid = next((ln for ln in lines if ln.startswith("msgid ")), block)
        if ctxt is not None:
            key = (ctxt[len('msgctxt "definition|') : -1], "definition")
        else:
            key = (msgid[len('msgid "') : -1], "term" if msgid != 'msgid ""' else "")
        blocks[key] = block
    return blocks
