"""Pinyin readings (pypinyin's phrase dictionary), overrides, search keys, the reading cache,
and `glossary lookup` by pinyin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossarykit.services import pinyin
from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.lookup import MATCH_PARTIAL, MATCH_PINYIN, lookup

from ..conftest import REPO, SOURCE_REPORT, Invoke
from ..site_sample import make_site_catalogue


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own, empty reading cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(pinyin.CACHE_ENV, str(folder))
    return folder


# Heteronyms: characters with more than one reading, read right only with the phrase
# dictionary. True: the term occurs in the seed report, so the glossary meets it.
HETERONYMS = [
    ("长江主轴", "cháng jiāng zhǔ zhóu", True),  # 长 cháng long, 轴 zhóu axle
    ("长江经济带", "cháng jiāng jīng jì dài", True),
    ("河湖长制", "hé hú zhǎng zhì", True),  # 长 zhǎng chief
    ("重点", "zhòng diǎn", True),  # not chóng
    ("“125”重点工作", "125 zhòng diǎn gōng zuò", True),
    ("银行", "yín háng", True),  # 行 háng bank, not xíng
    ("行动", "xíng dòng", True),
    ("春风行动", "chūn fēng xíng dòng", True),
    ("调解", "tiáo jiě", True),  # not diào
    ("调研", "diào yán", True),
    ("一感两度两率", "yī gǎn liǎng dù liǎng lǜ", True),  # 率 lǜ rate, not shuài
    ("率先", "shuài xiān", True),
    ("七军会", "qī jūn huì", True),  # 会 huì, not kuài
    ("亮点区块", "liàng diǎn qū kuài", True),
    ("黑臭水体", "hēi chòu shuǐ tǐ", True),  # 臭 chòu, not xiù
    ("强筋健骨工程", "qiáng jīn jiàn gǔ gōng chéng", True),
    ("“绿满武昌”工程", "lǜ mǎn wǔ chāng gōng chéng", True),  # 绿 lǜ, not lù
    ("四个“阳光深化”行动", "sì gè yáng guāng shēn huà xíng dòng", True),
    ("增长", "zēng zhǎng", True),
    ("朝阳", "zhāo yáng", False),  # 朝 zhāo morning
    ("朝代", "cháo dài", False),  # 朝 cháo dynasty, court
    ("银行行长", "yín háng háng zhǎng", False),
    ("重庆", "chóng qìng", False),
    ("会计", "kuài jì", False),
]


@pytest.mark.parametrize(
    ("term", "expected", "in_report"), HETERONYMS, ids=[h[0] for h in HETERONYMS]
)
def test_heteronyms_are_read_from_the_phrase_dictionary(
    term: str, expected: str, in_report: bool
) -> None:
    assert pinyin.reading(term) == expected
    report = SOURCE_REPORT.read_text(encoding="utf-8")
    assert (term in report) == in_report


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("大湖+", "dà hú+"),
        ("“社团+”红色家园治理计划", "shè tuán+ hóng sè jiā yuán zhì lǐ jì huà"),
        ("现代化、国际化", "xiàn dài huà, guó jì huà"),
        ("新“四军”", "xīn sì jūn"),
        ("PPP模式", "PPP mó shì"),
        ("+", "+"),
        ("“”", ""),
    ],
)
def test_punctuation_digits_and_latin_in_a_reading(term: str, expected: str) -> None:
    assert pinyin.reading(term) == expected


@pytest.mark.parametrize(
    ("query", "whole", "part"),
    [
        ("sanshe liandong", True, True),
        ("sansheliandong", True, True),
        ("sānshè liándòng", True, True),
        ("SANSHE LIANDONG", True, True),
        ("san-she lian'dong", True, True),
        ("ssld", True, True),
        ("sanshe", False, True),
        ("liandong", False, True),
        ("she lian", False, True),
        ("anshe", False, False),
        ("ss", False, True),
        ("s", False, True),
        ("sanshe liandongx", False, False),
        ("三社", False, False),
        ("2017", False, False),
    ],
)
def test_pinyin_query_matching(query: str, whole: bool, part: bool) -> None:
    key = pinyin.search_key("sān shè lián dòng")
    folded = pinyin.pinyin_query(query)
    assert pinyin.matches_whole(folded, key) == whole
    assert pinyin.matches_part(folded, key) == part


def test_u_umlaut_is_typed_as_u_or_v() -> None:
    key = pinyin.search_key(pinyin.reading("绿满武昌"))
    for typed in ("lümanwuchang", "lvmanwuchang", "lumanwuchang", "lǜ mǎn wǔ chāng"):
        assert pinyin.matches_whole(pinyin.pinyin_query(typed), key), typed


# The report's own characters: real text, every one of them in pypinyin's dictionary.
REPORT_HAN = sorted(
    set(re.findall(r"[\u4e00-\u9fff]", SOURCE_REPORT.read_text("utf-8")))
)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(REPORT_HAN), min_size=1, max_size=8))
def test_typing_a_terms_own_reading_finds_it(term: str) -> None:
    reading = pinyin.reading(term)
    key = pinyin.search_key(reading)
    assert len(key.syllables) == len(term)
    for typed in (reading, reading.replace(" ", ""), pinyin.fold(reading)):
        assert pinyin.matches_whole(pinyin.pinyin_query(typed), key)
    if len(term) > 1:
        assert pinyin.matches_whole(key.initials, key)
    assert all(pinyin.matches_part(s, key) for s in key.syllables)


def test_a_character_the_dictionary_cannot_read_is_shown_and_not_searched() -> None:
    # U+74E7 瓧 (a rare unit character) has no reading in pypinyin.
    assert pinyin.reading("三瓧") == "sān 瓧"
    assert pinyin.search_key("sān 瓧").syllables == ("san",)


def test_an_override_in_the_english_po_replaces_the_dictionary_reading(
    tmp_path: Path,
) -> None:
    catalogue = make_site_catalogue(tmp_path / "cat")
    county = catalogue.by_id("s-05")
    assert county is not None
    assert (
        pinyin.reading("单县") == "dān xiàn"
    )  # the dictionary's, wrong for the county
    assert pinyin.override(catalogue, county) == "shàn xiàn"
    readings = pinyin.catalogue_readings(catalogue)
    assert readings.of(county) == "shàn xiàn"
    assert "单县" not in readings.dictionary  # never asked of the dictionary
    # Only the English PO counts: the same line in the template changes nothing.
    english = catalogue.translation(county, "en")
    assert english is not None
    english.comments = ["pinyin:  "]
    county.comments = ["pinyin: dàn xiàn"]
    assert pinyin.override(catalogue, county) is None
    assert pinyin.catalogue_readings(catalogue).of(county) == "dān xiàn"


def test_readings_are_cached_and_reused(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pinyin.readings(["三社联动", "长江主轴"]) == {
        "三社联动": "sān shè lián dòng",
        "长江主轴": "cháng jiāng zhǔ zhóu",
    }
    stored = json.loads((cache_dir / pinyin.CACHE_FILE).read_text(encoding="utf-8"))
    assert stored["readings"] == {
        "三社联动": "sān shè lián dòng",
        "长江主轴": "cháng jiāng zhǔ zhóu",
    }

    def no_dictionary(text: str) -> str:
        raise AssertionError(f"{text} should have come from the cache")

    monkeypatch.setattr(pinyin, "reading", no_dictionary)
    assert pinyin.readings(["长江主轴"]) == {"长江主轴": "cháng jiāng zhǔ zhóu"}


def test_a_cache_from_another_dictionary_or_broken_is_ignored(cache_dir: Path) -> None:
    cache_dir.mkdir()
    path = cache_dir / pinyin.CACHE_FILE
    path.write_text(
        json.dumps({"stamp": "other", "readings": {"长江": "zhǎng jiāng"}}),
        encoding="utf-8",
    )
    assert pinyin.readings(["长江"]) == {"长江": "cháng jiāng"}
    path.write_text("{not json", encoding="utf-8")
    assert pinyin.readings(["长江"]) == {"长江": "cháng jiāng"}
    assert json.loads(path.read_text(encoding="utf-8"))["readings"] == {
        "长江": "cháng jiāng"
    }


def test_an_unwritable_cache_does_not_stop_a_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(pinyin.CACHE_ENV, str(blocker / "cache"))
    assert pinyin.readings(["长江"]) == {"长江": "cháng jiāng"}


def test_lookup_kinds_on_the_sample(tmp_path: Path) -> None:
    catalogue = make_site_catalogue(tmp_path / "cat")
    whole = lookup(catalogue, "shanxian")
    assert [(m.concept.id, m.kind) for m in whole.matches] == [("s-05", MATCH_PINYIN)]
    assert whole.matches[0].reading == "shàn xiàn"
    assert lookup(catalogue, "danxian").matches == []
    part = lookup(catalogue, "liandong")
    assert [(m.concept.id, m.kind) for m in part.matches] == [
        ("s-01", MATCH_PARTIAL),
        ("s-03", MATCH_PARTIAL),
    ]
    # English wins over pinyin: "Changjiang Axis" is an admitted rendering.
    english = lookup(catalogue, "changjiang axis")
    assert [(m.concept.id, m.kind) for m in english.matches] == [("s-04", "english")]
    synonym = lookup(catalogue, "changjiangfazhanzhuzhou")
    assert [m.concept.id for m in synonym.matches] == ["s-04"]


@pytest.mark.parametrize("query", ["sanshe liandong", "sānshè liándòng", "ssld"])
def test_glossary_lookup_by_pinyin_finds_sanshe_liandong(
    run: Invoke, query: str
) -> None:
    exact = run("lookup", "三社联动", catalogue=REPO)
    result = run("lookup", query, catalogue=REPO)
    assert result.exit_code == 0
    assert result.stderr == f"1 pinyin match for {query}:\n"
    assert result.stdout == exact.stdout
    assert result.stdout.splitlines()[:2] == [
        "三社联动  three-society linkage",
        "  pinyin         sān shè lián dòng",
    ]


def test_glossary_lookup_takes_the_words_unquoted(run: Invoke) -> None:
    quoted = run("lookup", "sanshe liandong", catalogue=REPO)
    words = run("lookup", "sanshe", "liandong", catalogue=REPO)
    assert words.exit_code == 0
    assert (words.stdout, words.stderr) == (quoted.stdout, quoted.stderr)


def test_glossary_lookup_json_has_the_pinyin(run: Invoke) -> None:
    result = run("lookup", "sanshe liandong", "--format", "json", catalogue=REPO)
    data = json.loads(result.stdout)
    assert data["match"] == "pinyin"
    assert [(c["id"], c["pinyin"]) for c in data["concepts"]] == [
        ("wc2017-a06", "sān shè lián dòng")
    ]


def test_glossary_lookup_by_part_of_a_reading(run: Invoke) -> None:
    result = run("lookup", "sanshe", catalogue=REPO)
    assert result.exit_code == 0
    assert result.stderr.startswith("1 partial match for sanshe:")
    assert result.stdout.startswith("三社联动  three-society linkage\n")


def test_every_seed_concept_is_found_by_its_own_reading() -> None:
    catalogue = load_catalogue(REPO)
    readings = pinyin.catalogue_readings(catalogue)
    for concept in catalogue.concepts:
        reading = readings.of(concept)
        found = lookup(catalogue, reading).matches
        assert concept in [m.concept for m in found], (concept.term, reading)


def test_the_exact_path_does_not_import_pypinyin(cache_dir: Path) -> None:
    env = {**os.environ, pinyin.CACHE_ENV: str(cache_dir)}
    program = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from glossarykit.cli import cli\n"
        "argv = ['--catalogue', sys.argv[1], 'lookup', '三社联动']\n"
        "result = CliRunner().invoke(cli, argv)\n"
        "assert result.exit_code == 0, result.output\n"
        "print('pypinyin' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", program, str(REPO)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    ]
    # The first run fills the cache (and needs the dictionary); the second does not.
    assert runs == ["True\n", "False\n"]
