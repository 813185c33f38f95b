"""Gettext merge decisions through Babel's ``Catalog.update``: the one module using Babel's catalog API.

It only decides which old entry carries its translation over to which template entry, which
are fuzzy and which become obsolete; ``services/update.py`` maps that back onto our model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

# Flags Babel's Message sets or drops by looking at the msgid.
_BABEL_FLAGS = frozenset(("python-format", "python-brace-format"))

# Carried through Catalog.update in the user comments, which Babel copies from the old
# message it pairs with a template message, exact or fuzzy: so we learn which one it chose.
_TOKEN_PREFIX = "glossarykit-source:"


@dataclass(frozen=True)
class MergeEntry:
    """One PO entry as the merge sees it: its key, whether it is translated, its flags."""

    msgid: str
    msgctxt: str | None = None
    translated: bool = False
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pairing:
    """What Babel decided for one template entry.

    ``source`` is the index of the old entry whose translation carries over (None: a new,
    untranslated entry); ``fuzzy`` is True when Babel paired it with an old entry of another
    key (a changed msgid or msgctxt); ``previous_msgid`` is that old msgid; ``flags`` are the
    merged flags in a stable order (the old entry's, then the template's, then ``fuzzy``).
    """

    source: int | None
    fuzzy: bool = False
    previous_msgid: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class MergePlan:
    """Babel's decisions: one :class:`Pairing` per template entry, and the obsolete old entries."""

    pairings: list[Pairing]
    obsolete: list[int]


def merge_entries(
    template: Sequence[MergeEntry],
    old: Sequence[MergeEntry],
    *,
    fuzzy_matching: bool = True,
) -> MergePlan:
    """Merge ``template`` into ``old`` with ``Catalog.update`` (msgmerge semantics).

    Babel matches by (msgid, msgctxt) first; an unmatched template entry is then paired with
    the most similar *translated* old msgid (difflib ratio >= 0.6), ignoring msgctxt, and
    marked fuzzy. Old entries neither matched nor paired become obsolete.

    Only what needs Babel's fuzzy matching goes through Babel (at 100,000 concepts its
    ``Catalog`` alone took seconds, and its difflib setup ran for every template entry even
    with nothing to match): exact matches of old entries that are not fuzzy candidates are
    decided here, and without any candidate left nothing is left to Babel. The results are
    Babel's (tests/formats/test_babelcat.py compares both paths).
    """
    keys = {(entry.msgid, entry.msgctxt): index for index, entry in enumerate(old)}
    if (
        len(keys) != len(old)
        or len({(entry.msgid, entry.msgctxt) for entry in template}) != len(template)
        or not all(entry.msgid for entry in template)
        or not all(entry.msgid for entry in old)
    ):
        # Duplicate keys merge inside Babel, and an empty msgid is its header: its way.
        return _merge_with_babel(template, old, fuzzy_matching)
    pairings: list[Pairing | None] = []
    rest: list[int] = []  # template entries left to Babel
    matched: set[int] = set()
    for index, entry in enumerate(template):
        source = keys.get((entry.msgid, entry.msgctxt))
        if source is None or (fuzzy_matching and old[source].translated):
            # A translated old entry is also a fuzzy candidate for other template entries.
            pairings.append(None)
            rest.append(index)
        else:
            # Catalog.update's _merge: the template message's flags, then the old ones.
            flags = _flags(entry.msgid, [*old[source].flags, *entry.flags])
            pairings.append(Pairing(source, flags=flags))
            matched.add(source)
    left = [index for index in range(len(old)) if index not in matched]
    if fuzzy_matching and any(old[index].translated for index in left):
        plan = _merge_with_babel(
            [template[i] for i in rest], [old[i] for i in left], fuzzy_matching
        )
        for index, pairing in zip(rest, plan.pairings, strict=True):
            if pairing.source is not None:
                pairing = replace(pairing, source=left[pairing.source])
            pairings[index] = pairing
        obsolete = sorted(left[i] for i in plan.obsolete)
    else:
        # No candidate: every unmatched template entry is new, every unmatched old one obsolete.
        for index in rest:
            entry = template[index]
            pairings[index] = Pairing(None, flags=_flags(entry.msgid, entry.flags))
        obsolete = left
    return MergePlan([p for p in pairings if p is not None], obsolete)


def _flags(msgid: str, flags: Sequence[str]) -> tuple[str, ...]:
    """``flags`` without repeats, as a Babel ``Message`` of ``msgid`` keeps them.

    Babel's ``Message`` drops python-format and python-brace-format from a msgid that does
    not look like one (and adds them to one that does, which no ordered list here shows).
    """
    unique = tuple(dict.fromkeys(flags))
    if not _BABEL_FLAGS.intersection(unique):
        return unique
    from babel.messages.catalog import Message

    kept = Message(msgid, flags=unique).flags
    return tuple(flag for flag in unique if flag in kept)


def _merge_with_babel(
    template: Sequence[MergeEntry], old: Sequence[MergeEntry], fuzzy_matching: bool
) -> MergePlan:
    from babel.messages.catalog import Catalog

    reference = Catalog(fuzzy=False)
    for entry in template:
        reference.add(entry.msgid, "", flags=entry.flags, context=entry.msgctxt)
    catalog = Catalog(fuzzy=False)
    for index, entry in enumerate(old):
        catalog.add(
            entry.msgid,
            # Babel only offers translated messages as fuzzy candidates; the text is ours.
            "x" if entry.translated else "",
            flags=entry.flags,
            user_comments=[f"{_TOKEN_PREFIX}{index}"],
            context=entry.msgctxt,
        )
    catalog.update(
        reference,
        no_fuzzy_matching=not fuzzy_matching,
        keep_user_comments=True,
        update_creation_date=False,
    )
    pairings = []
    for entry in template:
        message = catalog.get(entry.msgid, entry.msgctxt)
        if message is None:  # only for an empty msgid, which Babel takes for the header
            pairings.append(Pairing(None, flags=entry.flags))
            continue
        source = _source_of(message.user_comments)
        fuzzy = source is not None and (
            (old[source].msgid, old[source].msgctxt) != (entry.msgid, entry.msgctxt)
        )
        order = [*(old[source].flags if source is not None else ()), *entry.flags]
        if fuzzy:
            order.append("fuzzy")
        flags = tuple(f for f in dict.fromkeys(order) if f in message.flags)
        previous = message.previous_id[0] if fuzzy and message.previous_id else None
        pairings.append(Pairing(source, fuzzy, previous, flags))
    gone = [_source_of(message.user_comments) for message in catalog.obsolete.values()]
    obsolete = sorted(i for i in gone if i is not None)
    return MergePlan(pairings, obsolete)


def _source_of(user_comments: Sequence[str]) -> int | None:
    for comment in user_comments:
        if comment.startswith(_TOKEN_PREFIX):
            return int(comment[len(_TOKEN_PREFIX) :])
    return None
