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

import bisect
import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from types import EllipsisType

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
    a text (OpenCC-backed), ``traditional_chars_many`` the same for a list of texts at
    once (optional); ``convert(text, config, locale)`` converts Simplified text with a
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
    # traditional_chars of many texts at once (one OpenCC call instead of one per text).
    traditional_chars_many: Callable[[Sequence[str]], list[str]] | None = None
    # Head terms the template lacks (a miss makes CatalogueFile.get scan every concept).
    _not_in_template: set[str] = field(
        default_factory=set, init=False, repr=False, compare=False
    )

    @property
    def locale(self) -> str | None:
        """The file's locale (None for a template, "" when unknown)."""
        return self.file.locale

    # The file's kind and language are read for every concept by several checks, so they
    # are computed once (a context is built for one file and not changed afterwards).
    @functools.cached_property
    def language(self) -> str:
        """The language part of the locale (``en`` for ``en_GB``), "" when unknown."""
        return re.split(r"[_@.-]", self.file.locale or "", maxsplit=1)[0].lower()

    @functools.cached_property
    def source_side(self) -> bool:
        """True when this file is where the Chinese side is checked.

        That is the template, or a PO that is checked without a template (so that its
        msgids are checked somewhere).
        """
        return self.file.is_template or self.template is None

    @functools.cached_property
    def is_variant(self) -> bool:
        """True for a Traditional-script locale PO (zh_Hant_TW, zh_Hant_HK...)."""
        return (self.file.locale or "").startswith(VARIANT_LOCALE_PREFIX)

    @functools.cached_property
    def is_translation(self) -> bool:
        """True for a locale PO that holds translations (not the template, not a variant)."""
        return not self.file.is_template and not self.is_variant

    @functools.cached_property
    def renders_latin(self) -> bool:
        """True for a translation into a known language not written in a CJK script."""
        return (
            self.is_translation
            and bool(self.language)
            and self.language not in CJK_LANGUAGES
        )

    def template_concept(self, concept: Concept) -> Concept | None:
        """The template's version of ``concept``, if a template is known."""
        if self.template is None:
            return None
        term = concept.term
        if term in self._not_in_template:
            return None
        found = self.template.get(term)
        if found is None:
            self._not_in_template.add(term)
        return found

    def traditional_chars_of(self, texts: Sequence[str]) -> list[str]:
        """``traditional_chars`` of each of ``texts``, in one call where the detector can."""
        if self.traditional_chars_many is not None:
            return self.traditional_chars_many(texts)
        detect = self.traditional_chars
        return [detect(text) if detect else "" for text in texts]

    def line_of(self, start: int, prefix: str) -> int:
        """The line of the entry starting at ``start`` that begins with ``prefix``.

        ``prefix`` is ``msgid ``, ``msgstr ``, ``#, `` or ``#. components:``; an entry ends
        at a blank line. Falls back to ``start`` (polib's entry line) when the text is not
        available or the line is not found. Only the entry's own lines are read: ``lines``
        may be a lazy view of a large file (``services.qa``), and line numbers are asked
        for findings only.

        >>> ctx = CheckContext(CatalogueFile(), lines=["#. id: a", 'msgid "x"', 'msgstr "y"'])
        >>> ctx.line_of(1, "msgstr "), ctx.line_of(1, "#, ")
        (3, 1)
        """
        lines = self.lines
        if start <= 0 or start > len(lines):
            return start
        if prefix in INDEXED_PREFIXES and _starts_block(lines, start):
            # An entry after a blank line: its first line of this kind, else its start.
            for index in range(start - 1, len(lines)):
                text = lines[index]
                if not text or text.isspace():
                    break
                if text.startswith(prefix):
                    return index + 1
            return start
        return _scan_entry(lines, start, prefix)

    def term_line(self, concept: Concept, prefix: str = "msgid ") -> int:
        """A line of the concept's term entry (its msgid line by default)."""
        return self.line_of(concept.line, prefix)

    def definition_line(self, concept: Concept, prefix: str = "msgid ") -> int:
        """A line of the concept's definition entry (its msgid line by default)."""
        return self.line_of(concept.definition_line, prefix)


# The entry lines checks point at (see line_of).
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


def _is_blank(text: str) -> bool:
    return not text or text.isspace()


def _starts_block(lines: Sequence[str], start: int) -> bool:
    """True when line ``start`` (1-based) opens a block of lines: the first after a blank."""
    return not _is_blank(lines[start - 1]) and (
        start == 1 or _is_blank(lines[start - 2])
    )


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

    ``func`` is None for a check that the loader reports itself (``parse-error``). A
    concept check keeps its function of one concept as ``concept_func`` (``func`` runs it
    over a file, on the suspects only where it has a fast path).
    """

    id: str
    name: str
    severity: Severity
    description: str
    scope: str = "file"
    default_enabled: bool = True
    func: CheckFunction | None = field(default=None, compare=False)
    concept_func: ConceptCheckFunction | None = field(default=None, compare=False)


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
    check_id: str,
    name: str,
    severity: Severity,
    *,
    default_enabled: bool = True,
    applies: Callable[[CheckContext], bool] | None = None,
    suspects: Callable[[CheckContext], Iterable[Concept]] | None = None,
) -> Callable[[ConceptCheckFunction], ConceptCheckFunction]:
    """Register a check over one concept at a time: ``func(ctx, concept)``.

    :param applies: the kinds of file the check looks at (``ctx.renders_latin``...), when
        ``func`` yields nothing for any concept of other files: the runner then skips the
        file instead of calling ``func`` for each of its concepts. ``func`` still says so
        itself, for callers that call it directly.
    :param suspects: the concepts of a file that ``func`` may find a problem in (all that
        it would, in file order; see :func:`concepts_matching`): the runner calls ``func``
        on these only.
    """

    def decorate(func: ConceptCheckFunction) -> ConceptCheckFunction:
        def each_concept(ctx: CheckContext) -> Iterator[Problem]:
            if applies is not None and not applies(ctx):
                return
            concepts = ctx.file.concepts if suspects is None else suspects(ctx)
            for concept in concepts:
                yield from func(ctx, concept)

        register(
            Check(
                check_id,
                name,
                severity,
                _description(func),
                "concept",
                default_enabled,
                each_concept,
                func,
            )
        )
        return func

    return decorate


def concepts_matching(
    concepts: Sequence[Concept],
    pattern: re.Pattern[str],
    fields: Iterable[str],
    *,
    in_ascii: re.Pattern[str] | EllipsisType | None = ...,
) -> set[int]:
    """The positions of the concepts where ``pattern`` matches one of their ``fields``.

    ``fields`` are names of text attributes (None reads as ""). The texts of a field are
    searched in one pass, joined by NUL characters; a pattern that matches no NUL and
    looks at no character beyond a NUL finds exactly what searching each text would
    (``(?<![^\\0])`` stands for the start of a text). This is how a check over 100,000
    concepts asks a regex once per field instead of once per concept. ``in_ascii`` is
    what ``pattern`` can match in ASCII text (None: nothing; ``...``: itself), searched
    instead when all the texts of a field are ASCII (English ones, usually).

    >>> found = concepts_matching(
    ...     [Concept("a "), Concept("b"), Concept(" c")], re.compile(r"\\s(?![^\\0])"), ["term"]
    ... )
    >>> sorted(found)
    [0]
    """
    found: set[int] = set()
    for name in fields:
        texts = [text or "" for text in map(attrgetter(name), concepts)]
        joined = "\0".join(texts)
        search = pattern
        if joined.isascii() and in_ascii is not ...:  # isascii() is a flag: O(1)
            if in_ascii is None:
                continue
            search = in_ascii
        # ends[i]: where the text after text i starts (past its NUL); made on a match.
        ends: list[int] = []
        at = 0
        while match := search.search(joined, at):
            if not ends:
                ends = list(itertools.accumulate(len(text) + 1 for text in texts))
            index = bisect.bisect_right(ends, match.start())
            found.add(index)
            at = ends[index] if index < len(ends) else len(joined) + 1
            if at > len(joined):
                break
    return found


def alternatives(concept: Concept) -> list[str]:
    """``concept.alternatives``, without parsing comments when there are none (most)."""
    return list(concept.alternatives) if concept.comments else []


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
