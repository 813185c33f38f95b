"""The check framework: severities, findings, the context a check runs in, and the registry.

A check is a plain function registered with :func:`check` (the whole file) or
:func:`concept_check` (one concept at a time). It yields :class:`Problem` objects; the runner
turns them into :class:`Finding` records with the check's id and severity, and drops those
that a concept silences with an ``ignore-<check-id>`` flag. A check never raises to report a
problem: an exception from a check is a bug. Checks are pure: the source documents, the
script detector and the script converter arrive on :class:`CheckContext`, filled in by
``services.qa``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import CatalogueFile, Concept

IGNORE_FLAG_PREFIX = "ignore-"
VARIANT_LOCALE_PREFIX = "zh_Hant"
# Languages whose renderings are written in CJK scripts (no cjk-in-rendering check there).
CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "wuu", "lzh"})
CHECK_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Severity(enum.Enum):
    """How bad a finding is; ``--fail-on`` picks the lowest one that fails a run."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        """Higher is worse: an ERROR outranks a WARNING."""
        return 1 if self is Severity.ERROR else 0


@dataclass(frozen=True)
class Finding:
    """One problem found in one file, at one line (None when it concerns the whole file)."""

    path: str
    line: int | None
    severity: Severity
    check_id: str
    message: str
    concept_id: str = ""
    term: str = ""

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order of output: by file, line, then check id."""
        return (self.path, self.line or 0, self.check_id, self.message)


@dataclass(frozen=True)
class Problem:
    """What a check yields: where, what, and which concept (for ``ignore-`` flags and ids)."""

    line: int | None
    message: str
    concept: Concept | None = None


@dataclass
class CheckContext:
    """Everything a check may look at. Built by ``services.qa``; checks only read it.

    ``lines`` are the file's own text lines, so that findings can point at the exact
    ``msgid``/``msgstr``/comment line rather than at the start of an entry. ``sources`` maps
    each cited source path (as written in ``#:``) to its lines, or to None when the file
    cannot be found or read. ``traditional_chars`` returns the Traditional-only characters of
    a text (OpenCC-backed); ``convert(text, config, locale)`` converts Simplified text with a
    named OpenCC config (the locale's default when ``config`` is empty) and returns None for a
    config it does not know.
    """

    file: CatalogueFile
    path: str = ""
    template: CatalogueFile | None = None
    lines: Sequence[str] = ()
    sources: Mapping[str, Sequence[str] | None] = field(default_factory=dict)
    traditional_chars: Callable[[str], str] | None = None
    convert: Callable[[str, str, str], str | None] | None = None
    _index: dict[int, dict[str, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def locale(self) -> str | None:
        """The file's locale (None for a template, "" when unknown)."""
        return self.file.locale

    @property
    def language(self) -> str:
        """The language part of the locale (``en`` for ``en_GB``), "" when unknown."""
        return re.split(r"[_@.-]", self.file.locale or "", maxsplit=1)[0].lower()

    @property
    def source_side(self) -> bool:
        """True when this file is where the Chinese side is checked.

        That is the template, or a PO that is checked without a template (so that its
        msgids are checked somewhere).
        """
        return self.file.is_template or self.template is None

    @property
    def is_variant(self) -> bool:
        """True for a Traditional-script locale PO (zh_Hant_TW, zh_Hant_HK...)."""
        return (self.file.locale or "").startswith(VARIANT_LOCALE_PREFIX)

    @property
    def is_translation(self) -> bool:
        """True for a locale PO that holds translations (not the template, not a variant)."""
        return not self.file.is_template and not self.is_variant

    @property
    def renders_latin(self) -> bool:
        """True for a translation into a known language not written in a CJK script."""
        return (
            self.is_translation
            and bool(self.language)
            and self.language not in CJK_LANGUAGES
        )

    def template_concept(self, concept: Concept) -> Concept | None:
        """The template's version of ``concept``, if a template is known."""
        return self.template.get(concept.term) if self.template else None

    def line_of(self, start: int, prefix: str) -> int:
        """The line of the entry starting at ``start`` that begins with ``prefix``.

        ``prefix`` is ``msgid ``, ``msgstr ``, ``#, `` or ``#. components:``; an entry ends
        at a blank line. Falls back to ``start`` (polib's entry line) when the text is not
        available or the line is not found.

        >>> ctx = CheckContext(CatalogueFile(), lines=["#. id: a", 'msgid "x"', 'msgstr "y"'])
        >>> ctx.line_of(1, "msgstr "), ctx.line_of(1, "#, ")
        (3, 1)
        """
        if start <= 0:
            return start
        if self._index is None:
            self._index = _index_entries(self.lines)
        found = self._index.get(start, {}).get(prefix)
        if found is not None:
            return found
        if start in self._index and prefix in INDEXED_PREFIXES:
            return start  # the entry has no such line
        return _scan_entry(self.lines, start, prefix)

    def term_line(self, concept: Concept, prefix: str = "msgid ") -> int:
        """A line of the concept's term entry (its msgid line by default)."""
        return self.line_of(concept.line, prefix)

    def definition_line(self, concept: Concept, prefix: str = "msgid ") -> int:
        """A line of the concept's definition entry (its msgid line by default)."""
        return self.line_of(concept.definition_line, prefix)


# The entry lines checks point at; indexed in one pass over the file (see line_of).
INDEXED_PREFIXES = (
    "msgid ",
    "msgstr ",
    "msgctxt ",
    "#, ",
    "#. id:",
    "#. components:",
    "#. synonym:",
    "# alt:",
)


def _index_entries(lines: Sequence[str]) -> dict[int, dict[str, int]]:
    """For each block of lines (an entry), its first line of each INDEXED_PREFIXES kind."""
    index: dict[int, dict[str, int]] = {}
    block: dict[str, int] | None = None
    for number, text in enumerate(lines, start=1):
        if not text or text.isspace():
            block = None
            continue
        if block is None:
            block = index.setdefault(number, {})
        if text[0] not in "#m":
            continue  # a continuation string
        for prefix in INDEXED_PREFIXES:
            if text.startswith(prefix):
                block.setdefault(prefix, number)
                break
    return index


def _scan_entry(lines: Sequence[str], start: int, prefix: str) -> int:
    """line_of for an entry that does not start a block (no blank line before it)."""
    is_comment = prefix.startswith("#")
    for index in range(start - 1, len(lines)):
        text = lines[index]
        if text.startswith(prefix):
            return index + 1
        if not text.strip() or (is_comment and text.startswith("msg")):
            break
        if text.startswith("msgstr") and not prefix.startswith("msgstr"):
            break
    return start


CheckFunction = Callable[[CheckContext], Iterable[Problem]]
ConceptCheckFunction = Callable[[CheckContext, Concept], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    """A registered check: stable id, name, severity, description (its docstring's first line).

    ``func`` is None for a check that the loader reports itself (``parse-error``).
    """

    id: str
    name: str
    severity: Severity
    description: str
    scope: str = "file"
    default_enabled: bool = True
    func: CheckFunction | None = field(default=None, compare=False)


REGISTRY: dict[str, Check] = {}


def register(item: Check) -> Check:
    """Add a check to the registry; ids are kebab-case and unique."""
    if not CHECK_ID_RE.match(item.id):
        raise ValueError(f"check id {item.id!r} is not kebab-case")
    if item.id in REGISTRY:
        raise ValueError(f"check id {item.id!r} is registered twice")
    REGISTRY[item.id] = item
    return item


def _description(func: Callable[..., object]) -> str:
    doc = (func.__doc__ or "").strip()
    return doc.splitlines()[0].strip() if doc else ""


def check(
    check_id: str, name: str, severity: Severity, *, default_enabled: bool = True
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check over a whole file: ``func(ctx) -> Iterable[Problem]``."""

    def decorate(func: CheckFunction) -> CheckFunction:
        register(
            Check(
                check_id,
                name,
                severity,
                _description(func),
                "file",
                default_enabled,
                func,
            )
        )
        return func

    return decorate


def concept_check(
    check_id: str, name: str, severity: Severity, *, default_enabled: bool = True
) -> Callable[[ConceptCheckFunction], ConceptCheckFunction]:
    """Register a check over one concept at a time: ``func(ctx, concept)``."""

    def decorate(func: ConceptCheckFunction) -> ConceptCheckFunction:
        def over_file(ctx: CheckContext) -> Iterator[Problem]:
            for concept in ctx.file.concepts:
                yield from func(ctx, concept)

        register(
            Check(
                check_id,
                name,
                severity,
                _description(func),
                "concept",
                default_enabled,
                over_file,
            )
        )
        return func

    return decorate


def ignored_checks(ctx: CheckContext, concept: Concept) -> set[str]:
    """The check ids a concept silences: ``ignore-<id>`` flags on its entries here or in the template."""
    flags = [*concept.flags, *concept.definition_flags]
    template = ctx.template_concept(concept)
    if template is not None:
        flags += [*template.flags, *template.definition_flags]
    return {
        flag[len(IGNORE_FLAG_PREFIX) :]
        for flag in flags
        if flag.startswith(IGNORE_FLAG_PREFIX)
    }


def run_checks(ctx: CheckContext, checks: Iterable[Check]) -> list[Finding]:
    """Run ``checks`` on the file of ``ctx``; findings sorted by line, then check id."""
    findings = []
    for item in checks:
        if item.func is None:
            continue
        for problem in item.func(ctx):
            concept_id, term = "", ""
            if problem.concept is not None:
                if item.id in ignored_checks(ctx, problem.concept):
                    continue
                template = ctx.template_concept(problem.concept)
                concept_id = problem.concept.id or (template.id if template else "")
                term = problem.concept.term
            findings.append(
                Finding(
                    path=ctx.path,
                    line=problem.line,
                    severity=item.severity,
                    check_id=item.id,
                    message=problem.message,
                    concept_id=concept_id,
                    term=term,
                )
            )
    return sorted(findings, key=Finding.sort_key)
