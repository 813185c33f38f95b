"""Export to and import from exchange formats; compile MO files.

Import is a three-way merge per field. An export records a digest of every field
(``formats.fields.base_token``); on import, a field that differs between the file and the
catalogue was changed by whichever side no longer matches that digest. When both changed
it, or the file records no digests (a file from another tool, a PO), the field is a
conflict: reported, and resolved only by ``--theirs`` or ``--ours``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CatalogueError, UnsupportedLocaleError
from ..fileio import atomic_write, atomic_writer, read_source_text
from ..formats import (
    ExportOptions,
    ReadResult,
    read_catalogue,
    render_catalogue,
    write_catalogue,
)
from ..formats.base import concept_key
from ..formats.fields import (
    LOCALE_FIELDS,
    MIRRORED_FIELDS,
    TEMPLATE_FIELDS,
    field_hash,
    field_name,
    locale_index,
    locale_values,
    new_locale_concept,
    record_locales,
    set_locale_value,
    set_template_value,
    split_field,
    template_values,
)
from ..formats.mo import write_mo
from ..formats.poformat import UNDETERMINED
from ..langtags import parse_locale
from ..model import Catalogue, Concept
from .catalogue import TEMPLATE_PATH, locale_path, save_catalogue

THEIRS = "theirs"
OURS = "ours"
# Where a sentence ends in Chinese text (and in English text quoted in it).
_SENTENCE_END = re.compile(r"[。！？；!?;]")
# Template fields whose change turns a translation into one of an old text (msgids).
_MSGID_FIELDS = {"term": "previous_term", "definition": "previous_definition"}


# ---------------------------------------------------------------- export


def source_sentence(line: str, term: str) -> str:
    """The sentence of ``line`` that holds ``term`` (TBX ``context``); empty when absent.

    >>> source_sentence("一、总结。深化“三社联动”,建成中心14个。二、计划", "三社联动")
    '深化“三社联动”,建成中心14个。'
    """
    at = line.find(term)
    if at < 0:
        return ""
    starts = [m.end() for m in _SENTENCE_END.finditer(line, 0, at)]
    end = _SENTENCE_END.search(line, at + len(term))
    return line[starts[-1] if starts else 0 : end.end() if end else len(line)].strip()


def source_contexts(catalogue: Catalogue) -> dict[str, str]:
    """Head term -> the sentence around it at its first reference, where the source exists."""
    contexts: dict[str, str] = {}
    cache: dict[str, list[str]] = {}
    for concept in catalogue.concepts:
        if not concept.references or catalogue.root is None:
            continue
        reference = concept.references[0]
        if reference.path not in cache:
            try:
                text = read_source_text(catalogue.root / reference.path)
            except (OSError, UnicodeDecodeError):
                text = ""
            cache[reference.path] = text.splitlines()
        source_lines = cache[reference.path]
        if reference.line and 0 < reference.line <= len(source_lines):
            sentence = source_sentence(source_lines[reference.line - 1], concept.term)
            if sentence:
                contexts[concept.term] = sentence
    return contexts


def export_catalogue(
    catalogue: Catalogue, format_name: str, options: ExportOptions
) -> bytes:
    """The catalogue in ``format`` (TBX gets the context sentences from the sources)."""
    _prepare_export(catalogue, format_name, options)
    return render_catalogue(catalogue, format_name, options)


def _prepare_export(
    catalogue: Catalogue, format_name: str, options: ExportOptions
) -> None:
    for locale in options.locales or []:
        if locale not in catalogue.locales:
            have = ", ".join(sorted(catalogue.locales)) or "none"
            raise CatalogueError(
                f"the catalogue has no locale {locale!r} (it has: {have})",
                hint="Pass --locale with one of those",
            )
    if format_name in ("tbx", "tbx3"):
        options.contexts = source_contexts(catalogue)


def write_output(data: bytes, path: Path, catalogue: Catalogue | None = None) -> None:
    """Write an export atomically (an existing file is replaced, as ``-o`` promises).

    :raises CatalogueError: ``path`` is one of the catalogue's own files.
    """
    if catalogue is not None and _is_catalogue_file(path, catalogue):
        raise CatalogueError(
            "refusing to overwrite a catalogue file with an export",
            path=path,
            hint="Choose another -o file; the catalogue is changed by `glossary import`",
        )
    atomic_write(path, data)


def _is_catalogue_file(path: Path, catalogue: Catalogue) -> bool:
    if catalogue.root is None:
        return False
    own = [catalogue.root / TEMPLATE_PATH]
    own += [locale_path(catalogue.root, loc) for loc in catalogue.locales]
    return any(path.resolve() == p.resolve() for p in own)


def export_to_file(
    catalogue: Catalogue, format_name: str, options: ExportOptions, path: Path
) -> None:
    """Export straight into ``path``, atomically: what ``write_output(export_catalogue(...))``
    does (same bytes, same errors), without holding the whole file in memory.

    :raises CatalogueError: as those two.
    """
    if _is_catalogue_file(path, catalogue):
        # Refused only after rendering (whose errors come first), as there.
        write_output(export_catalogue(catalogue, format_name, options), path, catalogue)
        return
    _prepare_export(catalogue, format_name, options)
    opened = False
    try:
        with atomic_writer(path) as stream:
            opened = True
            write_catalogue(catalogue, stream, format_name, options)
    except CatalogueError:
        if not opened:
            # The folder cannot be written: an error of the catalogue's own still comes
            # first, as when the file was rendered before it was written.
            render_catalogue(catalogue, format_name, options)
        raise


def compile_catalogue(catalogue: Catalogue) -> list[Path]:
    """Write ``glossary.mo`` beside every locale's PO; return the paths written."""
    import io

    if catalogue.root is None:
        raise CatalogueError("the catalogue has no folder to compile into")
    written = []
    for locale, file in sorted(catalogue.locales.items()):
        buffer = io.BytesIO()
        write_mo(file, buffer)
        path = locale_path(catalogue.root, locale).with_suffix(".mo")
        atomic_write(path, buffer.getvalue())
        written.append(path)
    return written


# ---------------------------------------------------------------- import


@dataclass
class FieldChange:
    """One field of one concept that the file and the catalogue disagree on."""

    field: str
    old: str
    new: str
    kind: str  # "change", "conflict" or "kept" (newer in the catalogue)
    taken: bool = False  # the file's value goes in


@dataclass
class ConceptPlan:
    """What import does to one concept of the file."""

    key: str
    term: str
    line: int | None
    added: bool = False
    values: dict[str, str] = field(default_factory=dict)
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The diff between a file and the catalogue, and how each difference is resolved."""

    concepts: list[ConceptPlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    resolve: str | None = None

    @property
    def conflicts(self) -> list[FieldChange]:
        """Every field both sides changed (or that differs with no export record)."""
        return [c for p in self.concepts for c in p.changes if c.kind == "conflict"]

    @property
    def blocked(self) -> bool:
        """True when conflicts are left unresolved: then nothing may be written."""
        return bool(self.conflicts) and self.resolve is None

    @property
    def is_empty(self) -> bool:
        """True when nothing would change."""
        return not any(
            p.added or any(c.taken for c in p.changes) for p in self.concepts
        )


def plan_import(
    catalogue: Catalogue, result: ReadResult, resolve: str | None = None
) -> ImportPlan:
    """Compare the file's records with the catalogue, field by field."""
    plan = ImportPlan(resolve=resolve)
    plan.notes += [
        f"{u.line}: ignored {u.what}" if u.line else f"ignored {u.what}"
        for u in result.unrecognised
    ]
    fields = _usable_fields(catalogue, result, plan)
    by_id = {c.id: c for c in catalogue.concepts if c.id}
    by_term = {c.term: c for c in catalogue.concepts}
    index = locale_index(catalogue, catalogue.locales)
    seen: set[str] = set()
    for values, line in zip(result.records, result.lines, strict=True):
        term, concept_id = values.get("term", ""), values.get("id", "")
        key = concept_key(concept_id, term)
        where = f"{line}: " if line else ""
        if not term:
            plan.notes.append(
                f"{where}skipped a concept with no head term ({key or 'no id'})"
            )
            continue
        if key in seen:
            plan.notes.append(f"{where}skipped {key}: it appears twice in the file")
            continue
        seen.add(key)
        concept = by_id.get(concept_id) if concept_id else None
        if concept is None:
            concept = by_term.get(term)
            if (
                concept is not None
                and concept_id
                and concept.id
                and concept.id != concept_id
            ):
                # Ids are stable and never reused: match by term, never rename the id.
                plan.notes.append(
                    f"{where}matched {concept_id} to {concept.id} by its term {term} "
                    "(the catalogue's id is kept)"
                )
                concept_id = ""
        if concept is None:
            if result.adds_concepts:
                plan.concepts.append(
                    ConceptPlan(key, term, line, added=True, values=values)
                )
            else:
                plan.notes.append(
                    f"{where}skipped {key} {term}: not in the template (import the POT or "
                    "run `glossary update` first)"
                )
            continue
        current = _current_values(concept, index)
        base = result.bases.get(key)
        concept_plan = ConceptPlan(concept.id or concept.term, concept.term, line)
        for name in fields:
            if name == "id" and not concept_id:
                continue
            new, old = values.get(name, ""), current.get(name, "")
            if new == old:
                continue
            if name == "term" and new in by_term:
                plan.notes.append(
                    f"{where}skipped renaming {key} to {new}: that term is taken"
                )
                continue
            concept_plan.changes.append(_classify(name, old, new, base, resolve))
        if concept_plan.changes:
            plan.concepts.append(concept_plan)
    return plan


def _usable_fields(
    catalogue: Catalogue, result: ReadResult, plan: ImportPlan
) -> list[str]:
    """The file's fields in a stable order, without those of locales the catalogue lacks."""
    fields = [f for f in TEMPLATE_FIELDS if f in result.fields]
    for locale in record_locales(result.fields):
        if locale not in catalogue.locales:
            used = any(
                v
                for values in result.records
                for k, v in values.items()
                if split_field(k)[0] == locale
            )
            if used:
                plan.notes.append(
                    f"skipped locale {locale}: the catalogue has no "
                    f"locales/{locale}/LC_MESSAGES/glossary.po (create it first)"
                )
            continue
        fields += [
            field_name(locale, n)
            for n in LOCALE_FIELDS
            if field_name(locale, n) in result.fields
        ]
    return fields


def _current_values(
    concept: Concept, index: dict[str, dict[str, Concept]]
) -> dict[str, str]:
    values = template_values(concept)
    for locale, by_term in index.items():
        side = locale_values(by_term.get(concept.term))
        values.update({field_name(locale, k): v for k, v in side.items()})
    return values


def _classify(
    name: str, old: str, new: str, base: dict[str, str] | None, resolve: str | None
) -> FieldChange:
    if base is None:
        kind = "conflict"
    else:
        recorded = base.get(name)
        catalogue_changed = (field_hash(old) != recorded) if recorded else bool(old)
        file_changed = (field_hash(new) != recorded) if recorded else bool(new)
        if not catalogue_changed:
            kind = "change"
        elif not file_changed:
            kind = "kept"
        else:
            kind = "conflict"
    taken = kind == "change" or (kind == "conflict" and resolve == THEIRS)
    return FieldChange(name, old, new, kind, taken)


def apply_import(catalogue: Catalogue, plan: ImportPlan) -> None:
    """Carry out a plan on the in-memory catalogue (nothing is written here)."""
    index = locale_index(catalogue, catalogue.locales)
    for concept_plan in plan.concepts:
        if concept_plan.added:
            _add_concept(catalogue, concept_plan.values)
            continue
        concept = next(
            c for c in catalogue.concepts if (c.id or c.term) == concept_plan.key
        )
        taken = [c for c in concept_plan.changes if c.taken]
        sides = {loc: by_term.get(concept.term) for loc, by_term in index.items()}
        for change in taken:
            locale, name = split_field(change.field)
            if locale is None:
                set_template_value(concept, name, change.new)
                _mirror(sides, name, change)
        for change in taken:
            locale, name = split_field(change.field)
            if locale is None:
                continue
            side = sides.get(locale)
            if side is None:
                side = new_locale_concept(concept)
                catalogue.locales[locale].concepts.append(side)
                sides[locale] = side
            set_locale_value(side, name, change.new)


def _mirror(sides: dict[str, Concept | None], name: str, change: FieldChange) -> None:
    """Copy a template change into the locale files, as ``glossary update`` would.

    A changed term or definition is a new msgid: a translation of the old one becomes
    fuzzy, with the old msgid kept as ``#|`` (gettext's previous msgid).
    """
    for side in sides.values():
        if side is None:
            continue
        if name in MIRRORED_FIELDS or name == "term":
            if name in _MSGID_FIELDS:
                previous = _MSGID_FIELDS[name]
                translated = side.target if name == "term" else side.definition_target
                if translated:
                    # A new list: the reader shares concepts' lists (model.FrozenList).
                    if name == "term" and "fuzzy" not in side.flags:
                        side.flags = ["fuzzy", *side.flags]
                    elif name != "term" and "fuzzy" not in side.definition_flags:
                        side.definition_flags = ["fuzzy", *side.definition_flags]
                    setattr(side, previous, change.old or None)
            set_template_value(side, name, change.new)


def _add_concept(catalogue: Catalogue, values: dict[str, str]) -> None:
    concept = Concept(term=values["term"])
    for name in TEMPLATE_FIELDS:
        if name in values:
            set_template_value(concept, name, values[name])
    catalogue.template.concepts.append(concept)
    for locale, file in catalogue.locales.items():
        side = new_locale_concept(concept)
        for name in LOCALE_FIELDS:
            set_locale_value(side, name, values.get(field_name(locale, name), ""))
        file.concepts.append(side)


@dataclass
class ImportReport:
    """The outcome of ``glossary import``."""

    plan: ImportPlan
    written: list[Path] = field(default_factory=list)
    dry_run: bool = False


def import_file(
    catalogue: Catalogue,
    path: Path,
    *,
    format_name: str | None = None,
    locale: str | None = None,
    resolve: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Merge an exchange file into the catalogue and save it (unless dry-run or blocked).

    :param locale: read the file's (single) locale as this one (a PO named otherwise).
    :param resolve: ``theirs`` or ``ours`` for conflicts; None leaves them blocking.
    """
    result = read_catalogue(path, format_name)
    if locale is not None:
        _relabel(result, parse_locale(locale))
    elif UNDETERMINED in record_locales(result.fields):
        raise UnsupportedLocaleError(
            "cannot tell which locale this PO holds (no Language header)",
            path=path,
            hint="Pass --locale",
        )
    plan = plan_import(catalogue, result, resolve)
    report = ImportReport(plan, dry_run=dry_run)
    if dry_run or plan.blocked or plan.is_empty:
        return report
    apply_import(catalogue, plan)
    report.written = save_catalogue(catalogue)
    return report


def _relabel(result: ReadResult, locale: str) -> None:
    """Read the file's one locale as ``locale`` (``--locale``)."""
    found = record_locales(result.fields)
    if len(found) > 1:
        raise CatalogueError(
            f"the file holds several locales ({', '.join(found)})",
            hint="--locale only renames the locale of a one-locale file; leave it out",
        )
    if not found or found[0] == locale:
        return
    old = found[0]

    def rename(name: str) -> str:
        side, bare = split_field(name)
        return field_name(locale, bare) if side == old else name

    result.fields = {rename(f) for f in result.fields}
    result.records = [{rename(k): v for k, v in r.items()} for r in result.records]
    result.bases = {
        key: {rename(k): v for k, v in base.items()}
        for key, base in result.bases.items()
    }
