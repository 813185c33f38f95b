"""Chinese script conversion through OpenCC, and the Traditional-script variant catalogues.

The only module that imports opencc. Converters are built once per process (``lru_cache``)
and configs are always named: OpenCC's bare ``t`` is its own "standard Traditional", no
region's (OpenCC DESIGN_PRINCIPLES), so zh_Hant_TW uses s2tw/s2twp and zh_Hant_HK s2hk.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ConversionError, GlossaryError, UnsupportedLocaleError
from ..formats.po import write_po
from ..gcpause import collector_paused
from ..model import (
    Catalogue,
    CatalogueFile,
    Concept,
    Synonym,
    parse_comment,
    set_comment_values,
)
from .catalogue import locale_path, save_files
from .update import (
    CHANGE_FUZZY,
    CHANGE_OBSOLETE,
    ENTRY_DEFINITION,
    ENTRY_TERM,
    merge_file,
)

# Traditional -> Simplified, for normalising user input in any regional script.
TO_SIMPLIFIED_CONFIGS = ("tw2s", "hk2s", "t2s")

# Glyph-level conversion fills the variants; phrase-level (s2twp: 软件→軟體, 信息→資訊)
# changes vocabulary, so an editor accepts it per concept. Hong Kong has no phrase config.
VARIANT_CONFIGS = {"zh_Hant_TW": "s2tw", "zh_Hant_HK": "s2hk"}
PHRASE_CONFIGS = {"zh_Hant_TW": "s2twp", "zh_Hant_HK": "s2hk"}
KNOWN_CONFIGS = frozenset(VARIANT_CONFIGS.values()) | frozenset(PHRASE_CONFIGS.values())

# Translator comments of a variant PO (README "Catalogue format").
COMMENT_CONVERTED = "converted"
COMMENT_SYNONYM = "synonym"
COMMENT_REPLACED = "replaced"

_TEAMS = {
    "zh_Hant_TW": "Chinese (Traditional, Taiwan)",
    "zh_Hant_HK": "Chinese (Traditional, Hong Kong)",
}
_REVISION_DATE = "PO-Revision-Date"
_CONVERTER_NAME = "glossary convert (OpenCC)"

# What convert did, or would do, to one entry.
EVENT_CREATED = "created"  # the variant file did not exist
EVENT_MISSING = "missing"  # a template entry the file lacked, now filled
EVENT_FILLED = "filled"  # an empty entry, now filled
EVENT_REFRESHED = "refreshed"  # a converted entry, now with another config
EVENT_FUZZY = "fuzzy"  # a fuzzy converted entry, refilled
EVENT_CHANGED = "changed"  # changed in the template since (no `glossary update` yet)
EVENT_REPLACED = "replaced"  # a fuzzy hand edit, refilled; its text kept as # replaced:
EVENT_SYNONYMS = "synonyms"  # synonym comments refreshed
EVENT_OBSOLETE = "obsolete"  # no longer in the template
EVENT_REWRITTEN = "rewritten"  # other differences: metadata, references, layout
EVENT_CONFLICT = "conflict"  # edited by hand yet marked converted: left alone
EVENT_KEPT = "kept"  # a hand edit, left alone (not a problem)

_MESSAGES = {
    EVENT_MISSING: "{entry} missing",
    EVENT_FILLED: "{entry} untranslated",
    EVENT_REFRESHED: "{entry} to be converted again, with {config}",
    EVENT_FUZZY: "{entry} fuzzy",
    EVENT_CHANGED: "{entry} changed in the template",
    EVENT_REPLACED: "{entry} fuzzy, edited by hand (the edit is kept as a `# replaced:` comment)",
    EVENT_SYNONYMS: "{entry} synonym comments out of date",
    EVENT_OBSOLETE: "{entry} no longer in the template",
    EVENT_CONFLICT: "{entry} edited by hand but still marked `# converted: {config}`; "
    "delete that comment line to keep the edit, or empty the msgstr to convert it again",
    EVENT_KEPT: "{entry} edited by hand, left alone",
}


@functools.cache  # lru_cache without a bound: one converter per config, per process
def _converter(config: str) -> Any:
    import opencc  # imported here so that `glossary --help` and exact lookups stay fast

    try:
        return opencc.OpenCC(config)
    except (
        Exception
    ) as exc:  # OpenCC raises bare Exception/ValueError for unknown configs
        raise ConversionError(
            f"OpenCC cannot load the config {config!r}",
            hint="Use s2tw, s2twp, s2hk or t2s",
        ) from exc


def convert_text(text: str, config: str) -> str:
    """Convert ``text`` with the named OpenCC config (``s2tw``, ``s2hk``, ``tw2s``...)."""
    return str(_converter(config).convert(text))


def convert_texts(texts: Sequence[str], config: str) -> list[str]:
    """Convert many strings with one OpenCC call: ``[convert_text(t, config) for t in texts]``.

    Each OpenCC call costs far more than the conversion of a short string (a catalogue of
    100,000 concepts made 780,000 calls). OpenCC converts lines independently: its
    dictionaries are built from text files of one ``key<TAB>values`` line each, so no key or
    value holds a newline and no match spans one. So the strings are converted joined by
    newlines and split again. A string holding a newline or NUL (the C library stops at
    NUL) is converted on its own, and a result that does not split into as many lines as
    went in falls back to one call per string.
    """
    converter = _converter(config)
    results = [""] * len(texts)
    batch: list[int] = []
    for index, text in enumerate(texts):
        if "\n" in text or "\0" in text:
            results[index] = str(converter.convert(text))
        else:
            batch.append(index)
    if not batch:
        return results
    lines = str(converter.convert("\n".join([texts[i] for i in batch]))).split("\n")
    if len(lines) != len(batch):  # pragma: no cover (OpenCC lost line independence)
        lines = [str(converter.convert(texts[i])) for i in batch]
    for index, line in zip(batch, lines, strict=True):
        results[index] = line
    return results


class _Conversions:
    """The conversions of one run: made in bulk where known in advance, each made once."""

    def __init__(self) -> None:
        self._done: dict[str, dict[str, str]] = {}

    def prefetch(self, texts: Iterable[str], config: str) -> None:
        """Convert every one of ``texts`` not converted yet, in one OpenCC call."""
        done = self._done.setdefault(config, {})
        todo = [text for text in dict.fromkeys(texts) if text not in done]
        done.update(zip(todo, convert_texts(todo, config), strict=True))

    def __call__(self, text: str, config: str) -> str:
        try:
            return self._done[config][text]
        except KeyError:
            result = convert_text(text, config)
            self._done.setdefault(config, {})[text] = result
            return result


def simplified_forms(text: str) -> list[str]:
    """The distinct Simplified readings of ``text`` under the Taiwan, Hong Kong and generic configs."""
    forms: list[str] = []
    for config in TO_SIMPLIFIED_CONFIGS:
        form = convert_text(text, config)
        if form not in forms:
            forms.append(form)
    return forms


def variant_config(locale: str, phrase: bool = False) -> str:
    """The OpenCC config that fills ``locale``: glyph level, or phrase level.

    >>> variant_config("zh_Hant_TW"), variant_config("zh_Hant_TW", phrase=True)
    ('s2tw', 's2twp')
    """
    configs = PHRASE_CONFIGS if phrase else VARIANT_CONFIGS
    try:
        return configs[locale]
    except KeyError:
        raise UnsupportedLocaleError(
            f"{locale} is not a Traditional-script variant locale",
            hint=f"Use one of {', '.join(VARIANT_CONFIGS)}",
        ) from None


def expected_variant(text: str, locale: str, phrase: bool = False) -> str:
    """``text`` as the variant catalogue of ``locale`` should hold it (glyph or phrase level)."""
    return convert_text(text, variant_config(locale, phrase))


def vocabulary_changes(text: str, locale: str) -> list[tuple[str, str]]:
    """The words that phrase-level conversion of ``text`` changes, as (glyph, phrase) pairs.

    Each difference between the glyph- and phrase-level conversions is widened to the
    smallest piece of the Simplified text around it whose own conversions differ: the word
    OpenCC's phrase dictionary replaced (社区 → 社群, not 區 → 群). Repeats are listed once.

    >>> vocabulary_changes("推进互联网与社区服务、社区治理", "zh_Hant_TW")
    [('互聯網', '網際網路'), ('社區', '社群')]
    """
    glyph_config, phrase_config = variant_config(locale), variant_config(locale, True)
    return _vocabulary_changes(text, glyph_config, phrase_config, convert_text)


def _vocabulary_changes(
    text: str, glyph_config: str, phrase_config: str, convert: Callable[[str, str], str]
) -> list[tuple[str, str]]:
    glyph = convert(text, glyph_config)
    phrase = convert(text, phrase_config)
    changes: list[tuple[str, str]] = []
    for i1, i2, j1, j2 in _changed_spans(glyph, phrase):
        word = None
        if len(text) == len(glyph):  # positions in the source and its glyph form agree
            word = _word_at(text, i1, i2, glyph_config, phrase_config, convert)
        pair = word or (glyph[i1:i2], phrase[j1:j2])
        if pair not in changes:
            changes.append(pair)
    return changes


def _changed_spans(glyph: str, phrase: str) -> list[tuple[int, int, int, int]]:
    """Differing spans; an insertion or deletion next to another change, at most one equal
    character away, joins it (互聯網 → 網際網路 is one change, not two around 網)."""
    matcher = difflib.SequenceMatcher(None, glyph, phrase, autojunk=False)
    spans: list[list[int]] = []
    last_tag = ""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        near = spans and i1 - spans[-1][1] <= 1 and j1 - spans[-1][3] <= 1
        if near and "replace" not in (tag, last_tag):
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
        last_tag = tag
    return [(a, b, c, d) for a, b, c, d in spans]


def _word_at(
    text: str,
    start: int,
    end: int,
    glyph_config: str,
    phrase_config: str,
    convert: Callable[[str, str], str],
) -> tuple[str, str] | None:
    end = max(end, start + 1)
    for extra in range(4):
        for left in range(extra + 1):
            a, b = start - left, end + extra - left
            if a < 0 or b > len(text):
                continue
            glyph = convert(text[a:b], glyph_config)
            phrase = convert(text[a:b], phrase_config)
            if glyph != phrase:
                return glyph, phrase
    return None


@dataclass(frozen=True)
class ConvertEvent:
    """One thing convert did, or would do (``--check``), to one entry of a variant file."""

    kind: str
    term: str = ""
    concept_id: str = ""
    entry: str = ENTRY_TERM
    line: int = 0
    config: str = ""

    @property
    def message(self) -> str:
        """A readable line, without the file name: ``三社联动 (wc2017-a06): definition fuzzy``."""
        if self.kind == EVENT_CREATED:
            return "missing; `glossary convert` creates it"
        if self.kind == EVENT_REWRITTEN:
            return "comments, references or metadata differ from the template"
        name = f"{self.term} ({self.concept_id})" if self.concept_id else self.term
        text = _MESSAGES[self.kind].format(entry=self.entry, config=self.config)
        return f"{name}: {text}"

    @property
    def is_problem(self) -> bool:
        """Everything but a hand edit left alone makes the file stale (``--check``)."""
        return self.kind != EVENT_KEPT


@dataclass(frozen=True)
class PhraseChange:
    """A place where phrase-level conversion would change the words, not just the glyphs."""

    locale: str
    concept_id: str
    term: str
    entry: str
    glyph: str
    phrase: str
    changes: tuple[tuple[str, str], ...]
    accepted: bool


@dataclass
class VariantResult:
    """The converted variant file of one locale, and what changed in it."""

    locale: str
    config: str
    path: Path
    file: CatalogueFile
    events: list[ConvertEvent] = field(default_factory=list)
    changed: bool = False

    @property
    def problems(self) -> list[ConvertEvent]:
        """Events that make the file on disk stale or need an editor."""
        return [e for e in self.events if e.is_problem]

    def count(self, kind: str) -> int:
        """How many events of one kind."""
        return sum(1 for e in self.events if e.kind == kind)


@dataclass
class ConvertReport:
    """What ``convert`` found: per variant locale, and the phrase-level vocabulary changes."""

    variants: list[VariantResult]
    phrase_changes: list[PhraseChange]

    @property
    def is_stale(self) -> bool:
        """True when a variant file is out of date or holds a conflict (``--check`` exits 1)."""
        return any(v.changed or v.problems for v in self.variants)


@dataclass
class _Entry:
    """The locale side of one PO entry while convert works on it."""

    text: str
    msgstr: str
    flags: list[str]
    comments: list[str]
    previous: str | None


def convert_catalogue(
    catalogue: Catalogue,
    locales: Sequence[str] | None = None,
    *,
    accept_phrase: Iterable[str] = (),
    reject_phrase: Iterable[str] = (),
    write: bool = True,
    now: datetime | None = None,
) -> ConvertReport:
    """Bring the variant catalogues (zh_Hant_TW, zh_Hant_HK) in line with the template.

    Each variant file is first merged with the template (as ``glossary update`` does), then
    every empty, fuzzy or converter-made entry is (re)filled through OpenCC and marked
    ``# converted: <config>``; a hand edit (no such marker) is never overwritten.

    :param accept_phrase: concept ids or head terms to convert at phrase level (s2twp).
    :param reject_phrase: concept ids or head terms to take back to glyph level (s2tw).
    :param write: False for ``--check``: compute everything, write nothing.
    :param now: the PO-Revision-Date of files that change (default: the current time).
    """
    chosen = list(locales) if locales else list(VARIANT_CONFIGS)
    for locale in chosen:
        variant_config(locale)
    template = catalogue.template
    accepted = _resolve(template, accept_phrase)
    rejected = _resolve(template, reject_phrase)
    both = accepted & rejected
    if both:
        raise GlossaryError(
            f"{sorted(both)[0]} is both accepted and rejected for phrase-level conversion",
            hint="Give it to only one of --accept-phrase and --reject-phrase",
        )
    stamp = _stamp(now)
    conversions = _Conversions()
    with collector_paused():
        results = [
            _convert_file(catalogue, locale, accepted, rejected, stamp, conversions)
            for locale in chosen
        ]
        phrase_changes = [
            change
            for result in results
            for change in _phrase_changes(result, conversions)
        ]
    if write:
        # All files are rendered and synced before the first is replaced (atomic_write_many).
        save_files([(r.file, r.path) for r in results if r.changed])
    return ConvertReport(results, phrase_changes)


def _stamp(now: datetime | None) -> str:
    moment = now or datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M%z")


def _resolve(template: CatalogueFile, wanted: Iterable[str]) -> set[str]:
    """Head terms of the concepts named by id or head term."""
    terms = set()
    for name in wanted:
        concept = next(
            (c for c in template.concepts if name in (c.id, c.term) and name), None
        )
        if concept is None:
            raise GlossaryError(
                f"no concept “{name}” in the template",
                path=template.path,
                hint="Give a concept id (as in `#. id:`) or its Simplified head term",
            )
        terms.add(concept.term)
    return terms


def _convert_file(
    catalogue: Catalogue,
    locale: str,
    accepted: set[str],
    rejected: set[str],
    stamp: str,
    conversions: _Conversions,
) -> VariantResult:
    root = catalogue.root if catalogue.root is not None else Path()
    existing = catalogue.locales.get(locale)
    path = existing.path if existing and existing.path else locale_path(root, locale)
    old = existing or _new_file(catalogue.template, locale, stamp, path)
    merged, changes = merge_file(catalogue.template, old, new_changes=False)
    merged.locale = locale
    result = VariantResult(locale, variant_config(locale), path, merged)
    if existing is None:
        result.events.append(ConvertEvent(EVENT_CREATED))
    result.events += [
        ConvertEvent(EVENT_OBSOLETE, c.term, c.concept_id, c.entry, c.line)
        for c in changes
        if c.kind == CHANGE_OBSOLETE
    ]
    changed = {(c.term, c.entry) for c in changes if c.kind == CHANGE_FUZZY}
    configs = (result.config, variant_config(locale, phrase=True))
    # Every text convert and the phrase-level report convert, in one call per config.
    texts = [text for concept in merged.concepts for text in _texts(concept)]
    for config in dict.fromkeys(configs):
        conversions.prefetch(texts, config)
    for concept in merged.concepts:
        events = _convert_concept(
            concept, configs, accepted, rejected, conversions, existing is not None
        )
        if existing is not None:
            result.events += [
                replace(e, kind=EVENT_CHANGED)
                if e.kind == EVENT_FUZZY and (e.term, e.entry) in changed
                else e
                for e in events
            ]
    result.changed = _differs(merged, path)
    if result.changed:
        if not any(e.is_problem for e in result.events):
            result.events.append(ConvertEvent(EVENT_REWRITTEN))
        merged.header = [
            (k, stamp if k == _REVISION_DATE else v) for k, v in merged.header
        ]
    return result


def _new_file(
    template: CatalogueFile, locale: str, stamp: str, path: Path
) -> CatalogueFile:
    """An empty variant file with a complete header (msgfmt --check wants every field)."""

    def field_of(name: str, default: str) -> str:
        return template.header_value(name) or default

    header = [
        ("Project-Id-Version", field_of("Project-Id-Version", "glossarykit")),
        ("Report-Msgid-Bugs-To", field_of("Report-Msgid-Bugs-To", "")),
        ("POT-Creation-Date", field_of("POT-Creation-Date", stamp)),
        (_REVISION_DATE, stamp),
        ("Last-Translator", _CONVERTER_NAME),
        ("Language-Team", _TEAMS[locale]),
        ("Language", locale),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=1; plural=0;"),
    ]
    comments = [
        *template.header_comments,
        f"{_TEAMS[locale]} variants, converted from the template with OpenCC by "
        "`glossary convert`.",
        "An entry without a `# converted:` comment is a hand edit and is never overwritten.",
    ]
    return CatalogueFile(
        locale=locale, header=header, header_comments=comments, path=path
    )


def _differs(file: CatalogueFile, path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8") != write_po(file)
    except (OSError, UnicodeDecodeError):
        return True


def _marker(comments: list[str]) -> str | None:
    """The first ``converted:`` comment's value, if any."""
    values = _comment_values(comments, COMMENT_CONVERTED)
    return values[0] if values else None


def _comment_values(comments: list[str], key: str) -> list[str]:
    """``model.comment_values`` without parsing the lines of other keys: a line of ``key``
    starts with ``key:`` (parse_comment's key is a run of [a-z0-9-] before the colon)."""
    prefix = f"{key}:"
    values = []
    for line in comments:
        if line.startswith(prefix):
            parsed = parse_comment(line)
            if parsed is not None:
                values.append(parsed[1])
    return values


def _concept_config(
    concept: Concept, glyph: str, phrase: str, accepted: set[str], rejected: set[str]
) -> str:
    if concept.term in accepted:
        return phrase
    if concept.term in rejected:
        return glyph
    markers = {_marker(concept.comments), _marker(concept.definition_comments)}
    return phrase if phrase in markers else glyph


def _texts(concept: Concept) -> list[str]:
    """The Chinese texts of a concept that its variants convert: term, synonyms, definition."""
    texts = [concept.term, *(s.term for s in concept.synonyms)]
    if concept.definition:
        texts.append(concept.definition)
    return texts


def _convert_concept(
    concept: Concept,
    configs: tuple[str, str],
    accepted: set[str],
    rejected: set[str],
    convert: Callable[[str, str], str],
    report: bool,
) -> list[ConvertEvent]:
    """Fill the entries of one merged concept in place; return what happened to them
    (nothing unless ``report``: a new file reports no event per entry)."""
    config = _concept_config(concept, *configs, accepted, rejected)
    events = []
    term = _Entry(
        concept.term,
        concept.target,
        concept.flags,
        concept.comments,
        concept.previous_term,
    )
    kind, owned = _fill(term, config, convert)
    if owned:
        synonyms = [
            str(Synonym(convert(s.term, config), s.type)) for s in concept.synonyms
        ]
        if _comment_values(term.comments, COMMENT_SYNONYM) != synonyms:
            term.comments = set_comment_values(term.comments, COMMENT_SYNONYM, synonyms)
            kind = kind or EVENT_SYNONYMS
    concept.target, concept.flags = term.msgstr, term.flags
    concept.comments, concept.previous_term = term.comments, term.previous
    if kind and report:
        events.append(_event(kind, concept, ENTRY_TERM, concept.line, config, term))
    if concept.definition is not None and concept.definition:
        definition = _Entry(
            concept.definition,
            concept.definition_target,
            concept.definition_flags,
            concept.definition_comments,
            concept.previous_definition,
        )
        kind, _ = _fill(definition, config, convert)
        concept.definition_target = definition.msgstr
        concept.definition_flags = definition.flags
        concept.definition_comments = definition.comments
        concept.previous_definition = definition.previous
        if kind and report:
            line = concept.definition_line
            events.append(
                _event(kind, concept, ENTRY_DEFINITION, line, config, definition)
            )
    return events


def _event(
    kind: str, concept: Concept, entry: str, line: int, config: str, state: _Entry
) -> ConvertEvent:
    if kind == EVENT_FILLED and not line:
        kind = EVENT_MISSING
    if kind == EVENT_CONFLICT:
        config = _marker(state.comments) or config
    return ConvertEvent(kind, concept.term, concept.id, entry, line, config)


def _fill(
    entry: _Entry, config: str, convert: Callable[[str, str], str]
) -> tuple[str | None, bool]:
    """(Re)fill one entry in place when the converter owns it.

    Returns what happened (an EVENT_* kind, or None when it was up to date) and whether
    the converter owns the entry afterwards. The converter owns an entry that is empty,
    fuzzy, or marked ``converted: <config>`` with exactly that config's output of its msgid;
    a marked entry whose text is not that output was edited by hand (a conflict).
    """
    marker = _marker(entry.comments)
    fuzzy = "fuzzy" in entry.flags
    basis = entry.previous if fuzzy and entry.previous is not None else entry.text
    expected = convert(entry.text, config)
    made = None
    if marker in KNOWN_CONFIGS and marker is not None:
        same = (basis, marker) == (entry.text, config)  # the usual case: one conversion
        made = expected if same else convert(basis, marker)
    machine_made = made is not None and entry.msgstr == made
    if not entry.msgstr:
        kind: str | None = EVENT_FILLED
    elif fuzzy:
        kind = EVENT_FUZZY if machine_made else EVENT_REPLACED
    elif marker is None:
        return EVENT_KEPT, False
    elif not machine_made:
        return EVENT_CONFLICT, False
    elif entry.msgstr == expected and marker == config:
        return None, True
    else:
        kind = EVENT_REFRESHED
    if kind == EVENT_REPLACED:
        old = entry.msgstr.replace("\n", "\\n")
        entry.comments = [*entry.comments, f"{COMMENT_REPLACED}: {old}"]
    entry.msgstr = expected
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.previous = None
    if entry.comments:
        entry.comments = set_comment_values(entry.comments, COMMENT_CONVERTED, [config])
    else:  # what set_comment_values gives, for the entries of a new file
        entry.comments = [f"{COMMENT_CONVERTED}: {config}"]
    return kind, True


def _phrase_changes(
    result: VariantResult, convert: Callable[[str, str], str]
) -> list[PhraseChange]:
    """Every concept text whose phrase-level conversion differs from its glyph-level one."""
    glyph_config = variant_config(result.locale)
    phrase_config = variant_config(result.locale, phrase=True)
    if glyph_config == phrase_config:
        return []
    changes = []
    for concept in result.file.concepts:
        texts = [(ENTRY_TERM, concept.term)]
        if concept.synonyms:
            texts += [("synonym", s.term) for s in concept.synonyms]
        if concept.definition:
            texts.append((ENTRY_DEFINITION, concept.definition))
        accepted = None  # asked only of the few concepts whose words change
        for entry, text in texts:
            glyph = convert(text, glyph_config)
            phrase = convert(text, phrase_config)
            if glyph != phrase:
                if accepted is None:
                    accepted = phrase_config in {
                        _marker(concept.comments),
                        _marker(concept.definition_comments),
                    }
                changes.append(
                    PhraseChange(
                        result.locale,
                        concept.id,
                        concept.term,
                        entry,
                        glyph,
                        phrase,
                        tuple(
                            _vocabulary_changes(
                                text, glyph_config, phrase_config, convert
                            )
                        ),
                        accepted,
                    )
                )
    return changes
