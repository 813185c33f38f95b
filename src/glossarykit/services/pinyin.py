"""Pinyin readings of Chinese terms, and the keys that pinyin search matches against.

The only module that imports pypinyin, and only when a reading is not cached: loading its
phrase dictionary costs about half a second, which an exact ``glossary lookup`` never pays.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError
from ..model import Catalogue, Concept, comment_values

# ``# pinyin: shàn xiàn`` on a term entry of the English PO overrides the dictionary.
COMMENT_PINYIN = "pinyin"
OVERRIDE_LOCALE = "en"
CACHE_ENV = "GLOSSARY_CACHE_DIR"
CACHE_FILE = "pinyin.json"
# Bump when the shape of a reading changes, so old caches are ignored.
CACHE_VERSION = 1
CACHE_LIMIT = 200_000

# These two are compiled on first use (_reading_patterns): a class reaching into the
# supplementary planes takes several ms to compile, and an exact lookup, whose readings
# come from the cache, never needs them.
_HAN_PATTERN = r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
# Outside Han runs a reading keeps words and digits, "+" (大湖+ dà hú+) and list commas.
_OTHER_TOKEN_PATTERN = r"[A-Za-z0-9]+|\+|[、，,；;]"
_KEY_TOKEN_RE = re.compile(r"[a-z0-9]+|\+")
_QUERY_DROP_RE = re.compile(r"[^a-z0-9+]")


@dataclass(frozen=True)
class PinyinKey:
    """A reading as search sees it: toneless lower-case syllables (``san she lian dong``)."""

    syllables: tuple[str, ...]

    @property
    def joined(self) -> str:
        """The syllables run together: ``sansheliandong``."""
        return "".join(self.syllables)

    @property
    def initials(self) -> str:
        """First letters of the syllables (digits and ``+`` kept whole): ``ssld``."""
        return "".join(s[0] if s[0].isalpha() else s for s in self.syllables)

    @property
    def starts(self) -> list[int]:
        """Offsets in :attr:`joined` where a syllable begins."""
        offsets, at = [], 0
        for syllable in self.syllables:
            offsets.append(at)
            at += len(syllable)
        return offsets


def fold(text: str) -> str:
    """Lower case without tone marks, ü and v as u: how queries and readings compare.

    >>> fold("Lǜ Mǎn"), fold("lv"), fold("nüè")
    ('lu man', 'lu', 'nue')
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("v", "u")


def search_key(reading: str) -> PinyinKey:
    """The search key of a reading (its syllables are separated by spaces).

    >>> search_key("dà hú+").syllables, search_key("sān shè lián dòng").initials
    (('da', 'hu', '+'), 'ssld')
    """
    return PinyinKey(tuple(_KEY_TOKEN_RE.findall(fold(reading))))


def pinyin_query(text: str) -> str:
    """A query as pinyin search compares it: folded, spaces and punctuation dropped.

    Empty when the text holds no Latin letter (Chinese, digits only), which is no pinyin.

    >>> pinyin_query("Sānshè liándòng"), pinyin_query("ssld"), pinyin_query("三社")
    ('sansheliandong', 'ssld', '')
    """
    folded = _QUERY_DROP_RE.sub("", fold(text))
    return folded if re.search("[a-z]", folded) else ""


def matches_whole(query: str, key: PinyinKey) -> bool:
    """True when ``query`` (from :func:`pinyin_query`) is the whole reading or its initials.

    >>> key = search_key("sān shè lián dòng")
    >>> matches_whole("sansheliandong", key), matches_whole("ssld", key), matches_whole("sanshe", key)
    (True, True, False)
    """
    if not query:
        return False
    return query == key.joined or (len(query) > 1 and query == key.initials)


def matches_part(query: str, key: PinyinKey) -> bool:
    """True when ``query`` runs from the start of a syllable of the reading, or begins its
    initials: ``sanshe``, ``liand``, ``shelian`` and ``ssl`` match 三社联动, ``anshe`` does
    not. (The site's search, ``site.js``, matches the same way.)

    >>> key = search_key("sān shè lián dòng")
    >>> [matches_part(q, key) for q in ("sanshe", "liand", "shelian", "ssl", "anshe")]
    [True, True, True, True, False]
    """
    if not query:
        return False
    if len(query) > 1 and key.initials.startswith(query):
        return True
    joined = key.joined
    return any(joined.startswith(query, at) for at in key.starts)


def override(catalogue: Catalogue, concept: Concept) -> str | None:
    """The reading an editor wrote for the head term: ``# pinyin:`` on its entry in the
    English PO (translator comments live in locale files; DESIGN.md §3)."""
    entry = catalogue.translation(concept, OVERRIDE_LOCALE)
    return _written_reading(entry) if entry is not None else None


def _written_reading(entry: Concept) -> str | None:
    values = [v.strip() for v in comment_values(entry.comments, COMMENT_PINYIN)]
    return next((v for v in values if v), None)


@dataclass
class Readings:
    """The readings of some concepts: the editors' overrides, else the dictionary's."""

    dictionary: dict[str, str]
    overrides: dict[str, str]

    def of(self, concept: Concept) -> str:
        """The head term's reading."""
        return self.overrides.get(concept.term) or self.dictionary.get(concept.term, "")

    def keys(self, concept: Concept) -> list[PinyinKey]:
        """Search keys of every Chinese form (head term first, then the synonyms)."""
        keys = [search_key(self.of(concept))]
        keys += [search_key(self.dictionary.get(s.term, "")) for s in concept.synonyms]
        return [key for key in keys if key.syllables]


def catalogue_readings(
    catalogue: Catalogue, concepts: Iterable[Concept] | None = None
) -> Readings:
    """The readings of every form (head term, synonyms) of ``concepts`` (default: all)."""
    chosen = list(catalogue.concepts if concepts is None else concepts)
    wanted = {concept.term for concept in chosen}
    overrides = {}
    english = catalogue.locales.get(OVERRIDE_LOCALE)
    # One pass over the English PO (Catalogue.translation would scan it per concept).
    for entry in english.concepts if english else []:
        if entry.term in wanted and entry.term not in overrides:
            written = _written_reading(entry)
            if written:
                overrides[entry.term] = written
    forms = [
        form
        for concept in chosen
        for form in concept.sources[1 if concept.term in overrides else 0 :]
    ]
    return Readings(readings(forms), overrides)


def readings(terms: Iterable[str]) -> dict[str, str]:
    """Term -> its pinyin with tone marks, syllables separated by spaces.

    Readings come from the cache (``$GLOSSARY_CACHE_DIR``, else the user's cache folder)
    when it holds them for the installed pypinyin; the others are computed with pypinyin's
    phrase dictionary (长江 cháng jiāng, 河湖长制 hé hú zhǎng zhì) and cached.
    """
    wanted = list(dict.fromkeys(terms))
    if not wanted:
        return {}
    stamp = _dictionary_stamp()
    path = _cache_path()
    cached = _read_cache(path, stamp) if path else {}
    missing = [term for term in wanted if term not in cached]
    if missing:
        fresh = {term: reading(term) for term in missing}
        if path:
            kept = cached if len(cached) + len(fresh) <= CACHE_LIMIT else {}
            _write_cache(path, stamp, {**kept, **fresh})
        cached.update(fresh)
    return {term: cached[term] for term in wanted}


def reading(text: str) -> str:
    """The pinyin of ``text`` from pypinyin's phrase dictionary (uncached).

    Han runs are read phrase by phrase; digits and Latin words stay, ``+`` and list
    commas stick to the syllable before them, quotes and other punctuation go.

    >>> reading("长江经济带"), reading("河湖长制"), reading("大湖+")
    ('cháng jiāng jīng jì dài', 'hé hú zhǎng zhì', 'dà hú+')
    >>> reading("“125”重点工作"), reading("双招、双引")
    ('125 zhòng diǎn gōng zuò', 'shuāng zhāo, shuāng yǐn')
    """
    from pypinyin import Style, pinyin  # heavy: ~0.5 s to load its dictionaries

    parts: list[str] = []
    at = 0
    han, _ = _reading_patterns()
    for run in han.finditer(text):
        _append_other(parts, text[at : run.start()])
        parts += [item[0] for item in pinyin(run.group(), style=Style.TONE)]
        at = run.end()
    _append_other(parts, text[at:])
    return " ".join(parts)


@functools.cache
def _reading_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_HAN_PATTERN), re.compile(_OTHER_TOKEN_PATTERN)


def _append_other(parts: list[str], text: str) -> None:
    _, other = _reading_patterns()
    for token in other.findall(text):
        if token[0].isalnum():
            parts.append(token)
        elif parts:
            parts[-1] += "+" if token == "+" else ","
        elif token == "+":
            parts.append(token)


def _dictionary_stamp() -> str:
    """What identifies the installed dictionary, without importing pypinyin."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        raise GlossaryError(
            "pypinyin is not installed",
            hint="Install glossarykit with its dependencies",
        )
    phrases = Path(spec.origin).with_name("phrases_dict.json")
    try:
        stat = phrases.stat()
    except OSError:
        return f"{CACHE_VERSION}:{spec.origin}"
    return f"{CACHE_VERSION}:{stat.st_size}:{stat.st_mtime_ns}"


def _cache_path() -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
            os.path.expanduser("~"), ".cache"
        )
        if base.startswith("~"):  # no home folder to expand
            return None
        folder = os.path.join(base, "glossarykit")
    return Path(folder) / CACHE_FILE


def _debug(message: str, *args: object) -> None:
    """Log at debug level (logging is imported only then: start-up time)."""
    import logging

    logging.getLogger(__name__).debug(message, *args)


def _read_cache(path: Path, stamp: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        _debug("no pinyin cache at %s: %s", path, exc)
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    found = data.get("readings")
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str)}


def _write_cache(path: Path, stamp: str, cached: dict[str, str]) -> None:
    from ..fileio import atomic_write  # tempfile: only when the cache is written

    # The cache only saves time: a folder we cannot write is not the user's problem.
    payload = json.dumps({"stamp": stamp, "readings": cached}, ensure_ascii=False)
    try:
        atomic_write(path, payload)
    except GlossaryError as exc:
        _debug("pinyin cache not written: %s", exc)
