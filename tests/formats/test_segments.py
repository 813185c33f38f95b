"""Reading translations as aligned segments: bilingual PO, TSV, and format detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import CatalogueParseError, UnknownFormatError
from glossarykit.formats.po import read_po_pairs
from glossarykit.formats.segments import Segment, read_segments, read_tsv


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. a comment
#: report.txt:1
msgid "深化三社联动"
msgstr "Deepen the three-society linkage"

#, fuzzy
msgctxt "title"
msgid ""
"长江"
"主轴"
msgstr "Yangtze River main axis"

msgid "一个项目"
msgid_plural "%d个项目"
msgstr[0] "one project"
msgstr[1] "%d projects"

msgid "untranslated"
msgstr ""

#~ msgid "旧的"
#~ msgstr "old"
"""


def test_po_pairs_give_the_msgid_line_source_and_target(tmp_path: Path) -> None:
    path = write(tmp_path / "t.po", PO)
    assert read_po_pairs(path) == [
        (7, "深化三社联动", "Deepen the three-society linkage"),
        (12, "长江主轴", "Yangtze River main axis"),
        (17, "一个项目\n%d个项目", "one project\n%d projects"),
        (22, "untranslated", ""),
    ]
    assert read_segments(path)[0] == Segment(
        7, "深化三社联动", "Deepen the three-society linkage"
    )


def test_a_malformed_po_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.po", 'msgid "三社联动\nmsgstr "x"\n')
    with pytest.raises(CatalogueParseError) as info:
        read_segments(path)
    assert info.value.line == 1
    assert str(info.value).startswith(f"{path}:1: unterminated string")


def test_tsv_lines_split_at_the_first_tab(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.tsv",
        "深化三社联动\tDeepen it\r\n\n  \n长江主轴\tmain\taxis\n四水共治\t\n",
    )
    assert read_tsv(path) == [
        Segment(1, "深化三社联动", "Deepen it"),
        Segment(4, "长江主轴", "main\taxis"),
        Segment(5, "四水共治", ""),
    ]


def test_tsv_in_gb18030_is_detected(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", "深化三社联动\tDeepen it\n", "gb18030")
    assert read_segments(path) == [Segment(1, "深化三社联动", "Deepen it")]


def test_a_tsv_line_without_tab_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", "深化三社联动\tok\n长江主轴 main axis\n")
    with pytest.raises(CatalogueParseError) as info:
        read_segments(path)
    assert str(info.value) == (
        f"{path}:2: has no TAB between the Chinese and the English. "
        "Write each segment as Chinese<TAB>English on one line"
    )


@pytest.mark.parametrize("name", ["t.xlsx", "t"])
def test_an_unknown_extension_is_refused(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "x\ty\n")
    with pytest.raises(UnknownFormatError) as info:
        read_segments(path)
    assert "Name it .po (bilingual PO), .xlf/.xliff" in str(info.value)
