"""Find glossary terms in Chinese text: one Aho-Corasick automaton, leftmost-longest matches.

The only module that imports ``ahocorasick``. Every Chinese source form of the catalogue
(head term, synonyms, Traditional variants) goes into one automaton, built once per
catalogue. :class:`PlainMatcher` is the obviously-correct reference the tests compare with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import UnsupportedLocaleError
from ..model import Catalogue, Concept, Synonym, comment_values
from ..records import variant_locales

FORM_TERM = "term"
FORM_SYNONYM = "synonym"
FORM_VARIANT = "variant"

# A translator comment in a zh_Hant_* PO naming another Traditional form of the term.
COMMENT_SYNONYM = "synonym"


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


def source_forms(catalogue: Catalogue) -> list[TermForm]:
    """Every Chinese source form of the catalogue, each once, in catalogue order.

    Head terms and template synonyms first, then per Traditional locale (zh_Hant_*) the
    converted term and its ``# synonym:`` comments. A form shared by two concepts goes to
    the first (``glossary validate`` reports the clash).
    """
    forms: list[TermForm] = []
    seen: set[str] = set()

    def add(form: str, concept: Concept, kind: str, locale: str | None = None) -> None:
        form = form.strip()
        if form and form not in seen:
            seen.add(form)
            forms.append(TermForm(form, concept, kind, locale))

    for concept in catalogue.concepts:
        add(concept.term, concept, FORM_TERM)
        for synonym in concept.synonyms:
            add(synonym.term, concept, FORM_SYNONYM)
    for locale in variant_locales(catalogue):
        for concept in catalogue.concepts:
            variant = catalogue.translation(concept, locale)
            if variant is None:
                continue
            add(variant.target, concept, FORM_VARIANT, locale)
            for value in comment_values(variant.comments, COMMENT_SYNONYM):
                add(Synonym.parse(value).term, concept, FORM_VARIANT, locale)
    return forms


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


def _leftmost_longest(
    candidates: Iterable[tuple[int, int]], forms: Sequence[TermForm]
) -> list[TermMatch]:
    """Choose from (start, form index) candidates: longest at each start, no overlaps."""
    best: dict[int, int] = {}
    for start, index in candidates:
        current = best.get(start)
        if current is None or len(forms[index].form) > len(forms[current].form):
            best[start] = index
    matches = []
    cursor = 0
    for start in sorted(best):
        if start >= cursor:
            form = forms[best[start]]
            cursor = start + len(form.form)
            matches.append(TermMatch(start, cursor, form))
    return matches


class TermMatcher:
    """All forms in one pyahocorasick automaton; :meth:`find` gives leftmost-longest matches.

    pyahocorasick's own ``iter_long`` drops matches (upstream issues 133 and 185: it finds
    nothing for 知识产权 in 国家知识产权 when 国家知识产权局 is a key), so it is not used:
    ``iter`` reports every occurrence of every form, and the leftmost-longest choice is made
    here, the same way :class:`PlainMatcher` makes it.
    """

    def __init__(self, forms: Iterable[TermForm]) -> None:
        import ahocorasick  # C extension; loaded only when text is matched

        self.forms: list[TermForm] = []
        self._automaton = ahocorasick.Automaton()
        for form in forms:
            if form.form and form.form not in self._automaton:
                self._automaton.add_word(form.form, len(self.forms))
                self.forms.append(form)
        if self.forms:
            self._automaton.make_automaton()

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> TermMatcher:
        """Build the matcher for every source form of ``catalogue``."""
        return cls(source_forms(catalogue))

    def find(self, text: str) -> list[TermMatch]:
        """Leftmost-longest, non-overlapping occurrences of the forms in ``text``, in order."""
        if not self.forms or not text:
            return []
        forms = self.forms
        candidates = (
            (end - len(forms[index].form) + 1, index)
            for end, index in self._automaton.iter(text)
        )
        return _leftmost_longest(candidates, forms)


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
