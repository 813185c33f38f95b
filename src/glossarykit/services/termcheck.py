"""Term QA of a translation (``glossary check``): the key-term-mismatch check of QA tools.

For each segment whose source holds a glossary term, the target must hold one of the term's
approved renderings and none of its ``# avoid:`` renderings. Returns findings; never prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..formats.segments import Segment, read_segments
from ..model import Catalogue, Concept, Status
from .matcher import TermMatch, TermMatcher, require_locale

CHECK_MISSING = "missing-rendering"
CHECK_AVOID = "avoided-rendering"

_WORD_RE = re.compile(r"[^\W_]+")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class Finding:
    """One term problem in one segment."""

    check: str
    path: str
    line: int
    segment: str
    concept_id: str
    term: str
    form: str
    expected: tuple[str, ...]
    found: str = ""

    @property
    def message(self) -> str:
        """What is wrong, in one sentence without the location."""
        expected = " or ".join(f"“{r}”" for r in self.expected)
        name = self.form if self.form == self.term else f"{self.form} ({self.term})"
        if self.check == CHECK_AVOID:
            fix = f"; use {expected}" if expected else ""
            return f"{name}: the target uses “{self.found}”, a rendering to avoid{fix}"
        return f"{name}: the target has none of the approved renderings {expected}"


@dataclass
class CheckReport:
    """The findings of one file, and how many segments were read and held a term."""

    path: str
    segments: int = 0
    with_terms: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Expectation:
    concept: Concept
    renderings: tuple[str, ...]
    avoid: tuple[str, ...]


def words(text: str) -> tuple[str, ...]:
    """The comparison form of English text: NFKC, case-folded, split into words.

    Hyphens, spaces and punctuation all separate words, so ``four-water`` and ``four water``
    compare equal.

    >>> words("Four-Water Co-governance")
    ('four', 'water', 'co', 'governance')
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return tuple(_WORD_RE.findall(folded))


def rendering_words(rendering: str) -> tuple[str, ...]:
    """:func:`words` of a rendering without its leading article (``the``, ``a``, ``an``).

    >>> rendering_words("The Four Projects")
    ('four', 'projects')
    """
    found = words(rendering)
    while len(found) > 1 and found[0] in _ARTICLES:
        found = found[1:]
    return found


def same_word(a: str, b: str) -> bool:
    """True when two folded words are equal up to a plural -s, -es or -y/-ies.

    >>> same_word("campaign", "campaigns"), same_word("society", "societies")
    (True, True)
    >>> same_word("course", "courses"), same_word("on", "one")
    (True, False)
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es") or (
        short.endswith("y") and long == short[:-1] + "ies"
    )


def _spans(needle: tuple[str, ...], haystack: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the words of ``needle`` occur in a row in ``haystack`` (word index spans)."""
    size = len(needle)
    if not size:
        return []
    return [
        (i, i + size)
        for i in range(len(haystack) - size + 1)
        if all(
            same_word(n, h) for n, h in zip(needle, haystack[i : i + size], strict=True)
        )
    ]


def _expectation(catalogue: Catalogue, concept: Concept, locale: str) -> _Expectation:
    target = catalogue.translation(concept, locale)
    if target is None:
        return _Expectation(concept, (), ())
    # Only an approved rendering is a rendering to demand; avoid lists apply regardless.
    approved = target.term_status is Status.APPROVED
    renderings = (target.target, *target.alternatives) if approved else ()
    return _Expectation(
        concept, tuple(r for r in renderings if r.strip()), tuple(target.avoid)
    )


def _check_segment(
    segment: Segment,
    matches: Sequence[TermMatch],
    expectations: dict[int, _Expectation],
    path: str,
) -> list[Finding]:
    """The findings of one segment whose source ``matches`` are already known."""
    findings = []
    target = words(segment.target)
    done: set[int] = set()
    for match in matches:
        key = id(match.concept)
        if key in done:
            continue
        done.add(key)
        expected = expectations[key]
        approved_spans = [
            span
            for rendering in expected.renderings
            for span in _spans(rendering_words(rendering), target)
        ]
        avoided = next(
            (
                avoid
                for avoid in expected.avoid
                if any(
                    not _inside(span, approved_spans)
                    for span in _spans(rendering_words(avoid), target)
                )
            ),
            None,
        )
        if avoided is not None:
            check = CHECK_AVOID
        elif expected.renderings and not approved_spans:
            check = CHECK_MISSING
        else:
            continue
        findings.append(
            Finding(
                check=check,
                path=path,
                line=segment.line,
                segment=segment.id,
                concept_id=match.concept.id,
                term=match.concept.term,
                form=match.form.form,
                expected=expected.renderings,
                found=avoided or "",
            )
        )
    return findings


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True when ``span`` lies within one of ``spans``: an avoided phrase that is only part
    of an approved rendering (avoid "three society", approved "three-society linkage")."""
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def check_translation(
    catalogue: Catalogue, path: Path, locale: str = "en"
) -> CheckReport:
    """Read a bilingual PO, XLIFF or TSV file and check its terms against ``catalogue``.

    Segments with an empty target (untranslated) are not checked.
    """
    segments = read_segments(path)
    return check_segments(catalogue, segments, str(path), locale)


def check_segments(
    catalogue: Catalogue, segments: Sequence[Segment], path: str, locale: str = "en"
) -> CheckReport:
    """Check already-read segments; ``path`` is what findings name as their file."""
    require_locale(catalogue, locale)
    matcher = TermMatcher.from_catalogue(catalogue)
    expectations = {
        id(c): _expectation(catalogue, c, locale) for c in catalogue.concepts
    }
    report = CheckReport(path=path, segments=len(segments))
    for segment in segments:
        if not segment.target.strip():
            continue
        matches = matcher.find(segment.source)
        if not matches:
            continue
        report.with_terms += 1
        report.findings += _check_segment(segment, matches, expectations, path)
    return report
