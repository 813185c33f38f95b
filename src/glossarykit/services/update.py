"""Propagate the template to the locale catalogues with gettext merge semantics.

Babel's ``Catalog.update`` decides (``formats/babelcat.py``): a new concept arrives untranslated,
a changed term or definition turns fuzzy with its previous msgid kept (``#|``), a removed one
becomes obsolete (``#~``). Translator comments stay; ``#.`` metadata and ``#:`` references
come from the template. This module maps those decisions back onto our model.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..errors import DuplicateConceptError
from ..formats.babelcat import MergeEntry, Pairing, merge_entries
from ..formats.po import write_po
from ..gcpause import collector_paused
from ..model import Catalogue, CatalogueFile, Concept, FrozenList, RawEntry
from .catalogue import locale_path, save_files

CHANGE_NEW = "new"
CHANGE_FUZZY = "fuzzy"
CHANGE_OBSOLETE = "obsolete"

ENTRY_TERM = "term"
ENTRY_DEFINITION = "definition"
ENTRY_OTHER = "entry"

_CREATION_DATE = "POT-Creation-Date"

Key = tuple[str, str | None]


@dataclass(frozen=True)
class EntryChange:
    """One entry that the merge adds, turns fuzzy or makes obsolete."""

    kind: str
    term: str
    concept_id: str = ""
    entry: str = ENTRY_TERM
    line: int = 0
    previous: str | None = None

    @property
    def label(self) -> str:
        """``三社联动 (wc2017-a06) definition``: which concept and which of its entries."""
        name = f"{self.term} ({self.concept_id})" if self.concept_id else self.term
        return f"{name} {self.entry}"


@dataclass
class LocaleUpdate:
    """The merge result for one locale file, and whether it differs from the file on disk."""

    locale: str
    path: Path
    file: CatalogueFile
    changes: list[EntryChange] = field(default_factory=list)
    changed: bool = False

    def count(self, kind: str) -> int:
        """How many changes of one kind (``new``, ``fuzzy``, ``obsolete``)."""
        return sum(1 for change in self.changes if change.kind == kind)


@dataclass(slots=True)
class _Slot:
    """One PO entry of a catalogue file, wherever our model keeps it."""

    kind: str
    msgid: str
    msgctxt: str | None
    msgstr: str
    flags: list[str]
    comments: list[str]
    previous: str | None
    line: int
    term: str
    concept_id: str = ""
    raw: RawEntry | None = None
    key: Key = field(init=False)  # (msgid, msgctxt), asked for several times per entry

    def __post_init__(self) -> None:
        self.key = (self.msgid, self.msgctxt)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) or bool(
            self.raw and any(self.raw.msgstr_plural.values())
        )


def _term_slot(concept: Concept) -> _Slot:
    return _Slot(
        ENTRY_TERM,
        concept.term,
        None,
        concept.target,
        concept.flags,
        concept.comments,
        concept.previous_term,
        concept.line,
        concept.term,
        concept.id,
    )


def _definition_slot(concept: Concept) -> _Slot:
    return _Slot(
        ENTRY_DEFINITION,
        concept.definition or "",
        concept.definition_context,
        concept.definition_target,
        concept.definition_flags,
        concept.definition_comments,
        concept.previous_definition,
        concept.definition_line,
        concept.term,
        concept.id,
    )


def _raw_slot(entry: RawEntry) -> _Slot:
    return _Slot(
        ENTRY_OTHER,
        entry.msgid,
        entry.msgctxt,
        entry.msgstr,
        entry.flags,
        entry.comments,
        entry.previous_msgid,
        entry.line,
        entry.msgid,
        raw=entry,
    )


def _slots(file: CatalogueFile) -> list[_Slot]:
    """Every live entry of ``file`` in file-model order; the header and obsolete ones excluded."""
    slots = []
    for concept in file.concepts:
        slots.append(_term_slot(concept))
        if concept.definition is not None:
            slots.append(_definition_slot(concept))
    slots += [_definition_slot(c) for c in file.unpaired]
    slots += [_raw_slot(e) for e in file.extra if not e.obsolete]
    return slots


def _check_unique(slots: list[_Slot], file: CatalogueFile) -> None:
    seen: dict[Key, _Slot] = {}
    for slot in slots:
        first = seen.setdefault(slot.key, slot)
        if first is not slot:
            what = f"msgctxt “{slot.msgctxt}” " if slot.msgctxt else ""
            raise DuplicateConceptError(
                f"duplicate entry {what}msgid “{slot.msgid}” (first at line {first.line})",
                path=file.path,
                line=slot.line or None,
                hint="Merge the two entries or remove one; gettext keys must be unique",
            )


def _same_concept(new: _Slot, old: _Slot, template_keys: set[Key]) -> bool:
    """Whether a fuzzy pairing Babel made stays within one concept.

    Babel's fuzzy match compares msgids only (``Catalog._to_fuzzy_match_key`` drops the
    msgctxt), so it can hand one concept's translation to another concept's entry, or a
    definition's to a term. Concept ids say which pairings are sound; without ids, an old
    entry still present in the template belongs to that entry, not to this one.
    """
    if new.kind != old.kind:
        return False
    if new.concept_id and old.concept_id:
        return new.concept_id == old.concept_id
    return old.key not in template_keys


class _Merged(NamedTuple):
    """A template entry's locale side after the merge (a tuple: one per entry, made fast)."""

    msgstr: str
    flags: list[str]
    comments: list[str]
    previous: str | None
    line: int
    msgstr_plural: dict[int, str]


_T = TypeVar("_T")


def _own(items: list[_T]) -> list[_T]:
    """A list the merged file may change without changing ``items``' owner.

    A model.FrozenList cannot change, so it is shared as the reader shares it.
    """
    return items if isinstance(items, FrozenList) else list(items)


def _new_entry(new: _Slot) -> _Merged:
    """A template entry the locale file lacked: untranslated, the template's flags."""
    return _Merged("", _own(new.flags), _own(new.comments), None, 0, {})


def _merged(new: _Slot, pairing: Pairing, source: _Slot | None) -> _Merged:
    if source is None:
        return _new_entry(new)
    previous = None
    if pairing.fuzzy:
        # As msgmerge does: a translation that was already fuzzy still answers its older msgid.
        previous = pairing.previous_msgid
        if "fuzzy" in source.flags and source.previous:
            previous = source.previous
    elif "fuzzy" in pairing.flags:
        # Babel clears previous_id on an exact match; msgmerge keeps it while still fuzzy.
        previous = source.previous
    return _Merged(
        msgstr=source.msgstr,
        flags=list(pairing.flags),
        comments=_own(source.comments or new.comments),
        previous=previous,
        line=source.line,
        msgstr_plural=dict(source.raw.msgstr_plural) if source.raw else {},
    )


def _obsolete_entry(slot: _Slot) -> RawEntry:
    if slot.raw is not None:
        entry = copy.deepcopy(slot.raw)
        entry.obsolete = True
        return entry
    return RawEntry(
        msgid=slot.msgid,
        msgstr=slot.msgstr,
        msgctxt=slot.msgctxt,
        comments=list(slot.comments),
        flags=list(slot.flags),
        previous_msgid=slot.previous,
        obsolete=True,
        line=slot.line,
    )


def merge_file(
    template: CatalogueFile,
    old: CatalogueFile,
    *,
    fuzzy_matching: bool = True,
    new_changes: bool = True,
) -> tuple[CatalogueFile, list[EntryChange]]:
    """Merge ``template`` into the locale file ``old``; return the new file and what changed.

    ``old`` is not modified. The result has the template's concepts in template order, the
    old header (with the template's POT-Creation-Date), old obsolete entries, then the newly
    obsolete ones.

    :param new_changes: False leaves the new entries out of the changes (``convert``
        reports its own events; a new file of 100,000 concepts has 200,000 of them).
    :raises DuplicateConceptError: either file holds two entries with the same key.
    """
    new_slots = _slots(template)
    old_slots = _slots(old)
    _check_unique(new_slots, template)
    _check_unique(old_slots, old)
    if not old_slots:
        # A new (or emptied) locale file: every template entry arrives untranslated, which
        # is what Babel decides too, without building its catalogues.
        news = [
            EntryChange(CHANGE_NEW, slot.term, slot.concept_id, slot.kind)
            for slot in new_slots
            if new_changes
        ]
        merged_new = [_new_entry(slot) for slot in new_slots]
        return _assemble(template, old, merged_new, []), news
    template_keys = {s.key for s in new_slots}
    # Only old entries that would otherwise go obsolete are offered for fuzzy matching: one
    # that the template still holds belongs to that entry (see _same_concept), and Babel's
    # difflib scan over every translated entry takes minutes on a large catalogue.
    plan = merge_entries(
        [MergeEntry(s.msgid, s.msgctxt, False, tuple(s.flags)) for s in new_slots],
        [
            MergeEntry(
                s.msgid,
                s.msgctxt,
                s.translated and s.key not in template_keys,
                tuple(s.flags),
            )
            for s in old_slots
        ],
        fuzzy_matching=fuzzy_matching,
    )
    changes: list[EntryChange] = []
    merged: list[_Merged] = []
    used: set[int] = set()
    rejected: set[int] = set()
    for slot, pairing in zip(new_slots, plan.pairings, strict=True):
        index = pairing.source
        if index is None:  # a new entry, without the checks below
            merged.append(_new_entry(slot))
            if new_changes:
                changes.append(
                    EntryChange(CHANGE_NEW, slot.term, slot.concept_id, slot.kind)
                )
            continue
        if (
            index is not None
            and pairing.fuzzy
            and not _same_concept(slot, old_slots[index], template_keys)
        ):
            rejected.add(index)
            index = None
        source = old_slots[index] if index is not None else None
        if index is not None:
            used.add(index)
        merged.append(_merged(slot, pairing, source))
        if source is None:
            changes.append(
                EntryChange(CHANGE_NEW, slot.term, slot.concept_id, slot.kind)
            )
        elif pairing.fuzzy:
            changes.append(
                EntryChange(
                    CHANGE_FUZZY,
                    slot.term,
                    slot.concept_id,
                    slot.kind,
                    source.line,
                    merged[-1].previous,
                )
            )
    orphans = {
        i for i in rejected if i not in used and old_slots[i].key not in template_keys
    }
    obsolete = [old_slots[i] for i in sorted(set(plan.obsolete) | orphans)]
    changes += [
        EntryChange(CHANGE_OBSOLETE, s.term, s.concept_id, s.kind, s.line)
        for s in obsolete
    ]
    result = _assemble(template, old, merged, obsolete)
    return result, changes


def _assemble(
    template: CatalogueFile,
    old: CatalogueFile,
    merged: list[_Merged],
    obsolete: list[_Slot],
) -> CatalogueFile:
    parts = iter(merged)
    concepts = [
        _merged_concept(
            concept,
            next(parts),
            next(parts) if concept.definition is not None else None,
        )
        for concept in template.concepts
    ]
    unpaired = [
        _merged_concept(concept, None, next(parts)) for concept in template.unpaired
    ]
    extra = []
    for entry in template.extra:
        if entry.obsolete:
            continue
        part = next(parts)
        extra.append(
            RawEntry(
                msgid=entry.msgid,
                msgstr=part.msgstr,
                msgctxt=entry.msgctxt,
                msgid_plural=entry.msgid_plural,
                msgstr_plural=part.msgstr_plural,
                comments=part.comments,
                extracted=list(entry.extracted),
                references=list(entry.references),
                flags=part.flags,
                previous_msgid=part.previous,
                line=part.line,
            )
        )
    gone = [_obsolete_entry(s) for s in obsolete]
    gone_keys = {(e.msgid, e.msgctxt) for e in gone}
    kept = [
        e for e in old.extra if e.obsolete and (e.msgid, e.msgctxt) not in gone_keys
    ]
    return CatalogueFile(
        locale=old.locale,
        header=_header(old.header, template.header_value(_CREATION_DATE)),
        header_comments=list(old.header_comments),
        header_flags=list(old.header_flags),
        concepts=concepts,
        unpaired=unpaired,
        extra=extra + kept + gone,
        path=old.path,
    )


# Concept's constructor arguments, in order: a merged concept is built in one call from
# the template concept's values (dataclasses.replace plus five assignments took about a
# fifth of a 100,000-concept update).
_CONCEPT_FIELDS = tuple(f.name for f in fields(Concept) if f.init)
_concept_values = attrgetter(*_CONCEPT_FIELDS)
_LIST_FIELDS = tuple(
    _CONCEPT_FIELDS.index(name)
    for name in (
        "synonyms",
        "components",
        "metadata",
        "references",
        "definition_references",
    )
)
_TERM_SIDE = tuple(
    _CONCEPT_FIELDS.index(name)
    for name in ("target", "flags", "comments", "previous_term", "line")
)
_DEFINITION_SIDE = tuple(
    _CONCEPT_FIELDS.index(name)
    for name in (
        "definition_target",
        "definition_flags",
        "definition_comments",
        "previous_definition",
        "definition_line",
    )
)


def _merged_concept(
    concept: Concept, term: _Merged | None, definition: _Merged | None
) -> Concept:
    """A copy of a template concept with the merged locale sides; its lists are its own
    (their items are immutable)."""
    values = list(_concept_values(concept))
    for index in _LIST_FIELDS:
        values[index] = _own(values[index])
    for side, part in ((_TERM_SIDE, term), (_DEFINITION_SIDE, definition)):
        if part is not None:
            for index, value in zip(side, part[:5], strict=True):
                values[index] = value
    return Concept(*values)


def _header(
    header: list[tuple[str, str]], created: str | None
) -> list[tuple[str, str]]:
    """The locale header with the template's creation date, as msgmerge and Babel copy it."""
    if created is None:
        return list(header)
    if not any(name == _CREATION_DATE for name, _ in header):
        return [*header, (_CREATION_DATE, created)]
    return [(n, created if n == _CREATION_DATE else v) for n, v in header]


def update_catalogue(
    catalogue: Catalogue, *, write: bool = True, fuzzy_matching: bool = True
) -> list[LocaleUpdate]:
    """Merge the template into every locale file of ``catalogue``; write those that changed.

    Every merge is computed before anything is written, so an error leaves all files as
    they were. With ``write=False`` nothing is written (``--dry-run``, ``--check``);
    ``fuzzy_matching=False`` turns every changed entry into a new, untranslated one.
    """
    results = []
    with collector_paused():
        for locale, file in sorted(catalogue.locales.items()):
            path = file.path or locale_path(_root(catalogue), locale)
            merged, changes = merge_file(
                catalogue.template, file, fuzzy_matching=fuzzy_matching
            )
            merged.locale = locale
            results.append(
                LocaleUpdate(locale, path, merged, changes, _differs(merged, path))
            )
    if write:
        # All files are rendered and synced before the first is replaced (atomic_write_many).
        save_files([(r.file, r.path) for r in results if r.changed])
    return results


def _root(catalogue: Catalogue) -> Path:
    return catalogue.root if catalogue.root is not None else Path()


def _differs(file: CatalogueFile, path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8") != write_po(file)
    except (OSError, UnicodeDecodeError):
        return True
