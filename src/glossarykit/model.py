"""The glossary's data model: concepts, the files that hold them, and the catalogue folder.

Pure data and small derived views; no I/O (readers and writers live in ``formats``).
A concept in one catalogue file is a pair of gettext entries (DESIGN.md §3): the term entry
(msgid = head term) and the definition entry (msgctxt ``definition|<term>``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

DEFINITION_CONTEXT = "definition|"
TEMPLATE_LOCALE = "zh_Hans"
ORIGINS = ("annotated", "mined", "editorial")

# Translator-comment keys the toolkit understands (``# key: value`` in a locale PO).
COMMENT_ALT = "alt"
COMMENT_AVOID = "avoid"
COMMENT_NOTE = "note"
COMMENT_RENDERING_SOURCE = "rendering-source"
COMMENT_SUGGESTED_BY = "suggested-by"

_COMMENT_RE = re.compile(r"^([a-z][a-z0-9-]*):\s?(.*)$")


class Status(enum.Enum):
    """Review state of one locale's side of a concept, worst first."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    NEEDS_REVIEW = "needs-review"
    APPROVED = "approved"


_STATUS_RANK = {s: i for i, s in enumerate(Status)}

_T = TypeVar("_T")


class FrozenList(list[_T]):
    """A list that refuses to change, so that one can be shared by many concepts.

    The PO reader gives every empty list field of the concepts it reads the same empty
    FrozenList, and identical reference lists one shared FrozenList (at 100,000 concepts
    fresh lists were a third of the memory). It is a ``list`` (equal to one, printed as
    one), but changing it in place raises TypeError: assign a new list to the field
    instead, which the model's read-only rule for concept fields asks anyway.

    >>> FrozenList(["a"]) == ["a"]
    True
    >>> FrozenList(["a"]) + ["b"]
    ['a', 'b']
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError(
            "this list may be shared by several concepts and cannot change in place; "
            "assign a new list to the field instead"
        )

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[type[FrozenList[_T]], tuple[list[_T]]]:
        # copy, deepcopy and pickle rebuild a list by appending to it: build it whole.
        return (type(self), (list(self),))


# The empty list field of every concept the reader makes (never changes: see above).
EMPTY: FrozenList[Any] = FrozenList()


def frozen(items: Iterable[_T]) -> FrozenList[_T]:
    """``items`` as a FrozenList; empty ones as the shared :data:`EMPTY`."""
    result = FrozenList(items)
    return result if result else EMPTY


@dataclass(frozen=True, order=True, slots=True)
class Reference:
    """A place in a source document: ``path:line`` as in a PO ``#:`` comment."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    @classmethod
    def parse(cls, text: str) -> Reference:
        """Parse ``path:line`` (the line is optional).

        >>> Reference.parse("glossary/sources/a.txt:50")
        Reference(path='glossary/sources/a.txt', line=50)
        >>> Reference.parse("notes.txt")
        Reference(path='notes.txt', line=None)
        """
        path, sep, line = text.rpartition(":")
        if sep and line.isdigit():
            return cls(path, int(line))
        return cls(text)


@dataclass(frozen=True, slots=True)
class Synonym:
    """Another Chinese form of the concept, with its TBX term type (fullForm, shortForm...)."""

    term: str
    type: str = ""

    def __str__(self) -> str:
        return f"{self.term} ({self.type})" if self.type else self.term

    @classmethod
    def parse(cls, text: str) -> Synonym:
        """Parse ``term (type)``.

        >>> Synonym.parse("第七届世界军人运动会 (fullForm)")
        Synonym(term='第七届世界军人运动会', type='fullForm')
        """
        match = re.fullmatch(r"(.*?)\s*\(([A-Za-z]+)\)", text.strip())
        if match:
            return cls(match.group(1), match.group(2))
        return cls(text.strip())


def parse_comment(line: str) -> tuple[str, str] | None:
    """Split a ``key: value`` comment line; None when it is free text.

    >>> parse_comment("alt: three-sector linkage")
    ('alt', 'three-sector linkage')
    >>> parse_comment("Free text, no key") is None
    True
    """
    match = _COMMENT_RE.match(line)
    return (match.group(1), match.group(2)) if match else None


def comment_values(comments: list[str], key: str) -> list[str]:
    """Values of every ``key: value`` line among translator comments, in order."""
    values = []
    for line in comments:
        parsed = parse_comment(line)
        if parsed and parsed[0] == key:
            values.append(parsed[1])
    return values


def set_comment_values(comments: list[str], key: str, values: list[str]) -> list[str]:
    """Return ``comments`` with the ``key`` lines replaced by ``values``.

    The new lines take the place of the first old one, or go at the end.

    >>> set_comment_values(["alt: a", "note: n", "alt: b"], "alt", ["c"])
    ['alt: c', 'note: n']
    """
    result: list[str] = []
    placed = False
    for line in comments:
        parsed = parse_comment(line)
        if parsed and parsed[0] == key:
            if not placed:
                result.extend(f"{key}: {v}" for v in values)
                placed = True
            continue
        result.append(line)
    if not placed:
        result.extend(f"{key}: {v}" for v in values)
    return result


@dataclass(slots=True)
class Concept:
    """One concept as one catalogue file holds it: a term entry and a definition entry.

    In the template (POT) the targets are empty; in a locale PO they hold that locale's
    rendering and definition. ``metadata`` keeps ``#.`` lines we do not model, in order.
    """

    term: str
    definition: str | None = None
    id: str = ""
    origin: str = ""
    origin_detail: str = ""
    term_type: str = ""
    synonyms: list[Synonym] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    domain: str = ""
    metadata: list[tuple[str, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    target: str = ""
    previous_term: str | None = None
    definition_references: list[Reference] = field(default_factory=list)
    definition_flags: list[str] = field(default_factory=list)
    definition_comments: list[str] = field(default_factory=list)
    definition_target: str = ""
    previous_definition: str | None = None
    line: int = field(default=0, compare=False)
    definition_line: int = field(default=0, compare=False)

    @property
    def definition_context(self) -> str:
        """The msgctxt that links the definition entry to this term."""
        return DEFINITION_CONTEXT + self.term

    @property
    def alternatives(self) -> list[str]:
        """Admitted renderings besides the preferred one (``# alt:``)."""
        return comment_values(self.comments, COMMENT_ALT)

    @property
    def avoid(self) -> list[str]:
        """Forbidden renderings (``# avoid:``)."""
        return comment_values(self.comments, COMMENT_AVOID)

    @property
    def notes(self) -> list[str]:
        """Notes for translators (``# note:``)."""
        return comment_values(self.comments, COMMENT_NOTE)

    @property
    def rendering_sources(self) -> list[str]:
        """Citations of the official English a rendering follows (``# rendering-source:``)."""
        return comment_values(self.comments, COMMENT_RENDERING_SOURCE)

    @property
    def origin_label(self) -> str:
        """``origin`` with its detail, as written in ``#. origin:``."""
        return f"{self.origin} {self.origin_detail}".strip()

    @property
    def term_status(self) -> Status:
        """Review state of the term entry's target."""
        return _entry_status(self.target, self.flags)

    @property
    def definition_status(self) -> Status:
        """Review state of the definition entry's target (approved when there is none to give)."""
        if not self.definition:
            return Status.APPROVED
        return _entry_status(self.definition_target, self.definition_flags)

    @property
    def status(self) -> Status:
        """The worse of the term's and the definition's review state."""
        return min(
            self.term_status, self.definition_status, key=_STATUS_RANK.__getitem__
        )

    @property
    def sources(self) -> list[str]:
        """Every Chinese form of the concept: the head term, then its synonyms."""
        return [self.term, *(s.term for s in self.synonyms)]


def _entry_status(target: str, flags: list[str]) -> Status:
    if not target:
        return Status.UNTRANSLATED
    if "machine" in flags:
        return Status.MACHINE
    if "fuzzy" in flags:
        return Status.NEEDS_REVIEW
    return Status.APPROVED


@dataclass(slots=True)
class RawEntry:
    """A PO entry that is not part of a concept (obsolete, plural, unknown context), kept as is."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)


@dataclass(slots=True)
class CatalogueFile:
    """One PO or POT file: its header and its concepts, in file order.

    ``locale`` is None for the template. ``unpaired`` holds definition entries whose term
    entry is missing; ``extra`` everything else that is not a concept (obsolete included).
    """

    locale: str | None = None
    header: list[tuple[str, str]] = field(default_factory=list)
    header_comments: list[str] = field(default_factory=list)
    header_flags: list[str] = field(default_factory=list)
    concepts: list[Concept] = field(default_factory=list)
    unpaired: list[Concept] = field(default_factory=list)
    extra: list[RawEntry] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)
    # get()'s index: term -> position of its first concept, and the list it was built from.
    _positions: dict[str, int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _indexed: tuple[list[Concept], int] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, term: str) -> Concept | None:
        """The concept whose head term is ``term``, if any (the first one, if several).

        A dict index answers in constant time (a scan took seconds per lookup loop at
        100,000 concepts). It is rebuilt when ``concepts`` is replaced or changes length,
        and every answer is checked against the list; a term the index lacks is searched
        for in the list, so a concept renamed in place is still found.
        """
        concepts = self.concepts
        if (
            self._indexed is None
            or self._indexed[0] is not concepts
            or self._indexed[1] != len(concepts)
        ):
            self._reindex()
        position = self._positions.get(term)
        if position is not None and concepts[position].term == term:
            return concepts[position]
        for concept in concepts:
            if concept.term == term:
                self._reindex()  # edited in place since it was indexed
                return concept
        return None

    def _reindex(self) -> None:
        positions: dict[str, int] = {}
        for index, concept in enumerate(self.concepts):
            positions.setdefault(concept.term, index)
        self._positions = positions
        self._indexed = (self.concepts, len(self.concepts))

    def header_value(self, key: str) -> str | None:
        """The value of a header field, if present."""
        for name, value in self.header:
            if name == key:
                return value
        return None

    @property
    def is_template(self) -> bool:
        """True for the POT."""
        return self.locale is None

    @property
    def translated(self) -> list[Concept]:
        """Concepts whose term and definition are both approved."""
        return [c for c in self.concepts if c.status is Status.APPROVED]

    @property
    def percent_translated(self) -> int:
        """Share of approved concepts, rounded down, as polib reports it."""
        if not self.concepts:
            return 100
        return 100 * len(self.translated) // len(self.concepts)


@dataclass(slots=True)
class Catalogue:
    """A glossary folder: the template plus one file per locale (DESIGN.md §2)."""

    template: CatalogueFile
    locales: dict[str, CatalogueFile] = field(default_factory=dict)
    root: Path | None = None

    @property
    def concepts(self) -> list[Concept]:
        """The template's concepts: the Chinese side, the source of truth."""
        return self.template.concepts

    def translation(self, concept: Concept, locale: str) -> Concept | None:
        """The locale file's version of ``concept`` (matched by head term), if any."""
        file = self.locales.get(locale)
        return file.get(concept.term) if file else None

    def by_id(self, concept_id: str) -> Concept | None:
        """The template concept with this id, if any."""
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        return None
