"""Gettext merge decisions through Babel's ``Catalog.update``: the one module using Babel's catalog API.

It only decides which old entry carries its translation over to which template entry, which
are fuzzy and which become obsolete; ``services/update.py`` maps that back onto our model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    """
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
