"""XLIFF 1.2 and 2.0 as aligned segments: inline markup, segmentation, and safe parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossarykit.errors import CatalogueParseError
from glossarykit.formats.segments import Segment
from glossarykit.formats.xliff import read_xliff


def write(tmp_path: Path, text: str, name: str = "t.xlf") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


XLIFF_12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="r.txt" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <group id="g">
        <trans-unit id="1">
          <source>深化<g id="a">三社<x id="b"/>联动</g><ph id="c">&lt;br/&gt;</ph>。</source>
          <target>Deepen the <g id="a">three-society</g> linkage<ph id="c">&lt;br/&gt;</ph>.</target>
        </trans-unit>
      </group>
      <trans-unit id="2" translate="no">
        <source>长江主轴</source>
        <target>skip me</target>
      </trans-unit>
      <trans-unit id="3">
        <source>四水共治</source>
      </trans-unit>
      <trans-unit id="4">
        <source>四水共治。红色引擎工程。</source>
        <seg-source><mrk mtype="seg" mid="1">四水共治。</mrk><mrk mtype="seg" mid="2">红色引擎工程。</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">Four-water co-governance.</mrk><mrk mtype="seg" mid="2">Red Engine Project.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff_12_units_groups_inline_codes_and_segments(tmp_path: Path) -> None:
    assert read_xliff(write(tmp_path, XLIFF_12)) == [
        Segment(7, "深化三社联动。", "Deepen the three-society linkage.", "1"),
        Segment(16, "四水共治", "", "3"),
        Segment(20, "四水共治。", "Four-water co-governance.", "4/1"),
        Segment(20, "红色引擎工程。", "Red Engine Project.", "4/2"),
    ]


XLIFF_20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>深化<pc id="1">三社联动</pc><ph id="2"/>。</source>
        <target>Deepen the <pc id="1">three-society linkage</pc><ph id="2"/>.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment>
        <source>长江<sc id="3"/>主轴<ec startRef="3"/><cp hex="20000"/></source>
        <target>Yangtze River <mrk id="m1" translate="yes">main axis</mrk></target>
      </segment>
    </unit>
    <unit id="u2" translate="no">
      <segment><source>九定</source><target>x</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff_20_segments_inline_codes_and_code_points(tmp_path: Path) -> None:
    assert read_xliff(write(tmp_path, XLIFF_20)) == [
        Segment(6, "深化三社联动。", "Deepen the three-society linkage.", "u1/s1"),
        Segment(11, "长江主轴\U00020000", "Yangtze River main axis", "u1/2"),
    ]


def test_xliff_21_is_read_as_20(tmp_path: Path) -> None:
    path = write(tmp_path, XLIFF_20.replace('version="2.0"', 'version="2.1"'))
    assert len(read_xliff(path)) == 2


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            "<xliff version='1.2'><file><body><trans-unit id='1'><source>x</source>",
            "is not well-formed XML",
            1,
        ),
        ("<tmx version='1.4'/>", "is not XLIFF (its root element is <tmx>)", 1),
        (
            "<xliff version='3.0'/>",
            "is XLIFF version 3.0, which glossary does not read",
            1,
        ),
    ],
)
def test_malformed_input_is_one_clear_error(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    with pytest.raises(CatalogueParseError) as info:
        read_xliff(write(tmp_path, text))
    assert info.value.message.startswith(message)
    assert info.value.line == line


def test_entity_declarations_are_refused_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>
<trans-unit id="1"><source>&xxe;&b;</source><target>x</target></trans-unit>
</body></file></xliff>
"""
    path = write(tmp_path, xxe)
    with pytest.raises(CatalogueParseError) as info:
        read_xliff(path)
    assert str(info.value) == (
        f"{path}:1: declares XML entities, which glossary does not expand (for safety). "
        "Remove the DOCTYPE; XLIFF needs none"
    )


def test_an_undeclared_entity_is_a_syntax_error(tmp_path: Path) -> None:
    text = XLIFF_12.replace(
        "四水共治</source>\n      </trans-unit>", "&nbsp;</source></trans-unit>"
    )
    with pytest.raises(CatalogueParseError) as info:
        read_xliff(write(tmp_path, text))
    assert info.value.message == "is not well-formed XML (Entity 'nbsp' not defined)"
    assert info.value.line == 16
