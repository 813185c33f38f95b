"""Find glossary terms in Chinese text: one Aho-Corasick automaton, leftmost-longest matches.

The only module that imports ``ahocorasick_rs`` (the Rust ``aho-corasick`` crate). Every
Chinese source form of the catalogue (head term, synonyms, Traditional variants) goes into
one automaton, built once per catalogue. :class:`PlainMatcher` is the obviously-correct
reference the tests compare with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..errors import UnsupportedLocaleError
from ..model import Catalogue, Concept, Synonym, comment_values
from ..records import variant_locales

FORM_TERM = "term"
FORM_SYNONYM = "synonym"
FORM_VARIANT = "variant"

# A translator comment in a zh_Hant_* PO naming another Traditional form of the term.
COMMENT_SYNONYM = "synonym"

_Owner = TypeVar("_Owner")


@dataclass(frozen=True)
class TermForm:
    """One Chinese form of a concept that the matcher looks for.

    ``kind`` is ``term`` (the head term), ``synonym`` or ``variant`` (a Traditional form
    from the ``locale`` catalogue, its msgstr or one of its ``# synonym:`` comments).
    """

    form: str
    concept: Concept
    kind: str = FORM_TERM
    locale: str | None = None


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a form in a text: ``text[start:end] == form.form``."""

    start: int
    end: int
    form: TermForm

    @property
    def concept(self) -> Concept:
        """The (template) concept the matched form belongs to."""
        return self.form.concept

    @property
    def key(self) -> tuple[int, int, str]:
        """What two matchers must agree on: the span and the form."""
        return (self.start, self.end, self.form.form)


class FormTable(Generic[_Owner]):
    """Source forms as (form, owner, kind, locale) rows, each form once, first owner wins.

    What :func:`source_forms` builds from a loaded catalogue and ``services.annotate``
    from the lookup index (owners are then catalogue positions): one set of rules for both.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[str, _Owner, str, str | None]] = []
        self._seen: set[str] = set()

    def add(
        self, form: str, owner: _Owner, kind: str, locale: str | None = None
    ) -> None:
        """Add ``form`` (stripped) unless it is empty or already there."""
        form = form.strip()
        if form and form not in self._seen:
            self._seen.add(form)
            self.rows.append((form, owner, kind, locale))

    def add_variant(self, locale: str, owner: _Owner, entry: Concept) -> None:
        """The Traditional forms of one zh_Hant_* entry: its msgstr, then its
        ``# synonym:`` comments."""
        self.add(entry.target, owner, FORM_VARIANT, locale)
        for value in comment_values(entry.comments, COMMENT_SYNONYM):
            self.add(Synonym.parse(value).term, owner, FORM_VARIANT, locale)


def source_forms(catalogue: Catalogue) -> list[TermForm]:
    """Every Chinese source form of the catalogue, each once, in catalogue order.

    Head terms and template synonyms first, then per Traditional locale (zh_Hant_*) the
    converted term and its ``# synonym:`` comments. A form shared by two concepts goes to
    the first (``glossary validate`` reports the clash).
    """
    table: FormTable[Concept] = FormTable()
    for concept in catalogue.concepts:
        table.add(concept.term, concept, FORM_TERM)
        for synonym in concept.synonyms:
            table.add(synonym.term, concept, FORM_SYNONYM)
    for locale in variant_locales(catalogue):
        for concept in catalogue.concepts:
            variant = catalogue.translation(concept, locale)
            if variant is not None:
                table.add_variant(locale, concept, variant)
    return [TermForm(*row) for row in table.rows]


def require_locale(catalogue: Catalogue, locale: str) -> None:
    """Refuse a target locale the catalogue has no file for (it would match nothing silently).

    :raises UnsupportedLocaleError: with the locales there are.
    """
    if locale not in catalogue.locales:
        known = ", ".join(sorted(catalogue.locales)) or "none"
        raise UnsupportedLocaleError(
            f"the catalogue has no {locale} locale",
            hint=f"Use --locale with one it has ({known})",
        )


class FormMatcher:
    """Leftmost-longest matching of plain strings, in C: ``ahocorasick_rs``.

    ahocorasick-rs (the Rust ``aho-corasick`` crate) with ``MatchKind.LeftmostLongest`` and
    ``overlapping=False`` reports, from the left, the longest pattern starting at the
    leftmost position where any starts, then goes on after its end: exactly the
    :class:`PlainMatcher` rule, with offsets in characters (code points) for ``str`` input.
    pyahocorasick, used before, has no correct leftmost-longest mode (its ``iter_long``
    drops matches: upstream issues 133 and 185), and choosing among every overlapping match
    in Python cost seconds per megabyte of text.

    With ``units=True`` the automaton is built on the forms in UTF-16-LE instead, for
    :meth:`find_units`: Chinese is two bytes a character there against three in UTF-8, so
    the automaton is smaller and a third faster on a large catalogue. :meth:`find` then
    builds the ``str`` automaton when it is first needed.
    """

    # Characters of text matched at once by blocks(): big enough that the per-call cost
    # does not count, small enough that a block's match tuples stay small.
    BLOCK = 1 << 18

    def __init__(self, forms: Sequence[str], *, units: bool = False) -> None:
        """``forms`` must be distinct and non-empty (a form's index is its number)."""
        self.forms = forms
        self._find: Callable[[str], list[tuple[int, int, int]]] | None = None
        self._find_units: Callable[[bytes], list[tuple[int, int, int]]] | None = None
        # Text can be cut after a newline only if no match can hold one.
        self._cut_at_newlines = not any("\n" in form for form in forms)
        if forms and units:
            try:
                encoded = [form.encode(UNITS) for form in forms]
            except UnicodeEncodeError:  # a lone surrogate: only find() can match it
                pass
            else:
                self._find_units = _bytes_automaton(encoded)
        elif forms:
            self._find = _automaton(forms)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(form index, start, end) of every leftmost-longest occurrence, in text order."""
        if not self.forms or not text:
            return []
        if self._find is None:
            self._find = _automaton(self.forms)
        try:
            return self._find(text)
        except UnicodeEncodeError:
            # ahocorasick-rs matches UTF-8, which has no lone surrogates (no strictly
            # decoded file holds one, but a str may): the plain search takes any str.
            return _plain_find(self.forms, text)

    def find_units(self, data: bytes) -> list[tuple[int, int, int]] | None:
        """What :meth:`find` gives for ``data.decode(UNITS)``, with offsets in bytes of
        ``data``; None when this way cannot tell (use :meth:`find`).

        A form matched at an even offset is a match of whole characters, since neither the
        forms nor a strictly encoded text hold lone surrogates. A match at an odd offset
        (across two characters' bytes) would make the byte-level choice differ from the
        character-level one: then the answer is None. When every match is at an even
        offset, the choices are the character-level ones.
        """
        if self._find_units is None:
            return None if self.forms else []
        matches = self._find_units(data)
        if any(start & 1 for _, start, _ in matches):
            return None
        return matches

    def blocks(self, text: str) -> Iterator[str]:
        """``text`` in consecutive blocks, cut after a newline: matching each gives what
        matching the whole text gives (offsets relative to the block).

        No match holds a newline, so the leftmost-longest choice after one does not depend
        on what came before it. Matching a long text block by block keeps memory flat.
        """
        if not self._cut_at_newlines:
            yield text
            return
        start = 0
        while start < len(text):
            cut = text.find("\n", start + self.BLOCK)
            end = len(text) if cut < 0 else cut + 1
            yield text[start:end]
            start = end


# The encoding of FormMatcher(units=True): code units, two bytes each, little-endian.
UNITS = "utf-16-le"


def _plain_find(forms: Sequence[str], text: str) -> list[tuple[int, int, int]]:
    """:class:`PlainMatcher`'s search on plain strings (form index, start, end)."""
    by_first: dict[str, list[tuple[str, int]]] = {}
    for index in sorted(range(len(forms)), key=lambda i: -len(forms[i])):
        by_first.setdefault(forms[index][0], []).append((forms[index], index))
    matches = []
    position = 0
    while position < len(text):
        for form, index in by_first.get(text[position], ()):
            if text.startswith(form, position):
                matches.append((index, position, position + len(form)))
                position += len(form)
                break
        else:
            position += 1
    return matches


def _automaton(forms: Sequence[str]) -> Callable[[str], list[tuple[int, int, int]]]:
    """The leftmost-longest search of an automaton on ``forms`` (offsets in characters)."""
    import ahocorasick_rs  # Rust extension; loaded only when text is matched

    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    return ahocorasick_rs.AhoCorasick(forms, matchkind=kind).find_matches_as_indexes


def _bytes_automaton(
    forms: Sequence[bytes],
) -> Callable[[bytes], list[tuple[int, int, int]]]:
    """The leftmost-longest search of an automaton on ``forms`` (offsets in bytes)."""
    import ahocorasick_rs

    kind = ahocorasick_rs.MatchKind.LeftmostLongest
    return ahocorasick_rs.BytesAhoCorasick(
        forms, matchkind=kind
    ).find_matches_as_indexes


class TermMatcher:
    """All forms in one automaton (:class:`FormMatcher`); :meth:`find` gives
    leftmost-longest matches."""

    def __init__(self, forms: Iterable[TermForm]) -> None:
        self.forms: list[TermForm] = []
        seen: set[str] = set()
        for form in forms:
            if form.form and form.form not in seen:
                seen.add(form.form)
                self.forms.append(form)
        self._matcher = FormMatcher([form.form for form in self.forms])

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> TermMatcher:
        """Build the matcher for every source form of ``catalogue``."""
        return cls(source_forms(catalogue))

    def find(self, text: str) -> list[TermMatch]:
        """Leftmost-longest, non-overlapping occurrences of the forms in ``text``, in order."""
        forms = self.forms
        return [
            TermMatch(start, end, forms[index])
            for index, start, end in self._matcher.find(text)
        ]


class PlainMatcher:
    """The reference matcher: at each position, the longest form starting there, then skip it.

    Slow but plainly right; tests check :class:`TermMatcher` against it.
    """

    def __init__(self, forms: Iterable[TermForm]) -> None:
        self.forms: list[TermForm] = []
        seen: set[str] = set()
        for form in forms:
            if form.form and form.form not in seen:
                seen.add(form.form)
                self.forms.append(form)
        # Forms by first character, longest first, so the first hit at a position wins.
        self._by_first: dict[str, list[TermForm]] = {}
        for form in sorted(self.forms, key=lambda f: -len(f.form)):
            self._by_first.setdefault(form.form[0], []).append(form)

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> PlainMatcher:
        """Build the reference matcher for every source form of ``catalogue``."""
        return cls(source_forms(catalogue))

    def find(self, text: str) -> list[TermMatch]:
        """Leftmost-longest, non-overlapping occurrences of the forms in ``text``, in order.

        >>> concept = Concept(term="国家知识产权局")
        >>> forms = [TermForm("国家知识产权局", concept), TermForm("知识产权", concept)]
        >>> [m.key for m in PlainMatcher(forms).find("国家知识产权")]
        [(2, 6, '知识产权')]
        """
        matches = []
        position = 0
        while position < len(text):
            for form in self._by_first.get(text[position], ()):
                if text.startswith(form.form, position):
                    end = position + len(form.form)
                    matches.append(TermMatch(position, end, form))
                    position = end
                    break
            else:
                position += 1
        return matches
