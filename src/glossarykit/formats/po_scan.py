"""Find a few entries of a PO file in its raw text, and read only those (``glossary lookup``
with the index off). It answers only for files that ``read_po`` reads without complaint.

A file is accepted only when it passes the checks ``read_po`` makes of its bytes, encoding
and header, is in the canonical layout entry by entry (``po._FAST_ENTRY_RE``, what both of
``read_po``'s canonical readers accept) and ``check_unique`` would find no two entries with
one key; anything else gives None, and the caller reads the whole file, which reports what
is wrong. The entries it picks are then parsed by ``formats.po`` itself, so they come out
exactly as a full read gives them, line numbers included.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..gcpause import collector_paused
from ..model import DEFINITION_CONTEXT, CatalogueFile
from .po import (
    _CHARSET_RE,
    _FAST_ENTRY_RE,
    _FAST_HEADER_RE,
    _UTF8_NAMES,
    _parse_canonical,
    _parse_metadata,
    _ParsedFile,
    _quoted_value,
    _starts_with_empty_marker,
    _to_catalogue_file,
)


@dataclasses.dataclass
class PoScan:
    """Where the entries of one well-formed canonical PO file start.

    ``terms``: head term -> start of its term entry. ``definitions``: msgctxt -> start and
    msgid (as written, quoted) of the first definition entry with that context, the one a
    full read attaches to the term. ``mentions``: starts and msgids of the term entries
    whose extracted comments (``#.``, where synonyms are) contain the scan's needle.
    """

    path: Path
    text: str
    header_end: int
    terms: dict[str, int]
    definitions: dict[str, tuple[int, str]]
    mentions: list[tuple[int, str]]

    def entries_of(self, heads: list[str]) -> list[int]:
        """Starts of the term entries and definition entries of these head terms."""
        starts = []
        for head in dict.fromkeys(heads):
            start = self.terms.get(head)
            if start is not None:
                starts.append(start)
            definition = self.definitions.get(DEFINITION_CONTEXT + head)
            if definition is not None:
                starts.append(definition[0])
        return starts

    def read(self, starts: list[int]) -> CatalogueFile | None:
        """The file as ``read_po`` reads it, but holding only the entries at ``starts``
        (with the header). None if they do not parse on their own (not expected)."""
        text = self.text
        pieces = [text[: self.header_end]]
        # The line of each entry in the small text -> its line in the file.
        lines: dict[int, int] = {}
        small_line = text.count("\n", 0, self.header_end) + 1
        line, at = 1, 0
        for start in sorted(set(starts)):
            match = _FAST_ENTRY_RE.match(text, start)
            if (
                match is None
            ):  # not an entry start: cannot be (starts come from the scan)
                return None
            line += text.count("\n", at, start)
            at = start
            lines[small_line] = line
            entry = match.group()
            if not entry.endswith(
                "\n\n"
            ):  # the file's last entry: no blank line after it
                entry += "\n"
            pieces.append(entry)
            small_line += entry.count("\n")
        parsed = _parse_canonical("".join(pieces))
        if parsed is None:
            return None
        file = _to_catalogue_file(parsed, self.path)
        file.concepts, file.unpaired = (
            [
                dataclasses.replace(
                    concept,
                    line=lines.get(concept.line, 0),
                    definition_line=lines.get(concept.definition_line, 0),
                )
                for concept in concepts
            ]
            for concepts in (file.concepts, file.unpaired)
        )
        return file


def scan_po(path: Path, needle: str = "") -> PoScan | None:
    """Check ``path`` as ``read_po`` and ``check_unique`` would, and note where its entries
    start; None when the file is not in the canonical layout, not readable, or would not
    read without an error (the caller then reads it in full).

    :param needle: also note the term entries whose extracted comments contain it.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # The checks of po._read_canonical (po._parse makes the same ones, and raises).
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    if b"\x00" in data or b"\r" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    del data
    header = _FAST_HEADER_RE.match(text)
    if header is None:
        return None
    charset = _CHARSET_RE.search(text[:4096])
    if charset and charset.group(1).upper() not in _UTF8_NAMES:
        return None
    metadata = _ParsedFile("")
    _parse_metadata(metadata, _quoted_value(header.group(3)))
    if metadata.header_problem is not None:
        return None
    with collector_paused():  # a few objects per entry, none in a cycle (as po.read_po)
        found = _scan_entries(text, header.end(), needle)
    if found is None:
        return None
    terms, definitions, mentions = found
    return PoScan(path, text, header.end(), terms, definitions, mentions)


def _scan_entries(
    text: str, position: int, needle: str
) -> tuple[dict[str, int], dict[str, tuple[int, str]], list[tuple[int, str]]] | None:
    """The entries' starts, or None where po._read_canonical would give up or
    check_unique would refuse a duplicate key."""
    terms: dict[str, int] = {}
    definitions: dict[str, tuple[int, str]] = {}
    mentions: list[tuple[int, str]] = []
    # (context, msgid) of the second and later definition entries of one context.
    other_definitions: set[tuple[str, str]] = set()
    match_entry = _FAST_ENTRY_RE.match
    quoted = _quoted_value
    end = len(text)
    while position < end:
        match = match_entry(text, position)
        if match is None:
            return None
        tc, comments, oc, fl, context_block, msgid_block = match.group(1, 2, 3, 4, 7, 8)
        if _starts_with_empty_marker(tc, comments or oc or fl):
            return None  # po._read_canonical leaves such an entry to the general path
        if not msgid_block.strip('"\n'):
            return None  # msgid "": a header-like entry, the general path decides
        if context_block is None:
            msgid = quoted(msgid_block)
            if msgid in terms:
                return None  # a duplicate: check_unique refuses it
            terms[msgid] = position
            if needle and comments and needle in comments:
                mentions.append((position, msgid))
        else:
            context = quoted(context_block)
            if not context.startswith(DEFINITION_CONTEXT):
                return None  # an entry a full read keeps aside, or an odd context
            first = definitions.get(context)
            if first is None:
                # The msgid as written: its value only matters when a context recurs.
                definitions[context] = (position, msgid_block)
            else:
                key = (context, quoted(msgid_block))
                if key[1] == quoted(first[1]) or key in other_definitions:
                    return None  # a duplicate
                other_definitions.add(key)
        position = match.end()
    return terms, definitions, mentions
