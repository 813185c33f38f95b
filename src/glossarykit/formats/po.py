"""Read and write gettext PO/POT catalogue files (DESIGN.md §3).

The only module that imports polib. Reading is strict (UTF-8, well-formed) and gives what
polib would give, through a parser of our own that is several times faster; the writer's
output is the canonical form, so read -> write of a file it wrote is byte-identical.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import polib

from ..errors import CatalogueError, CatalogueParseError, DuplicateConceptError
from ..gcpause import collector_paused
from ..model import (
    DEFINITION_CONTEXT,
    EMPTY,
    CatalogueFile,
    Concept,
    FrozenList,
    RawEntry,
    Reference,
    Synonym,
    frozen,
    parse_comment,
)

# gettext's own tools wrap strings at 79 columns; polib's 78 keeps msgcat-like diffs.
WRAP_WIDTH = 78

# Extracted-comment keys modelled on Concept, in the order the writer emits them.
_META_ID = "id"
_META_ORIGIN = "origin"
_META_TERM_TYPE = "term-type"
_META_SYNONYM = "synonym"
_META_COMPONENTS = "components"
_META_DOMAIN = "domain"
COMPONENT_SEPARATOR = "、"

# polib accepts unterminated strings and unknown escapes that msgfmt rejects, so every
# string line is checked first against the gettext manual's PO syntax. The pattern is
# unrolled (runs of plain characters, then one escape) so that a 10 MB line is checked
# in a fraction of a second, and an octal or hex escape is matched by its first digit
# only (the others are plain characters): with \[0-7]{1,3} an unterminated line of
# "\101\101…" backtracks exponentially (ReDoS).
_STRING = r'"[^"\\]*(?:(?:\\[\\"abfnrtv?\'0-7]|\\x[0-9a-fA-F])[^"\\]*)*"'
_LINE_RE = re.compile(
    rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?{_STRING}"
)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b")


def read_po(path: Path) -> CatalogueFile:
    """Read a PO or POT file into a :class:`CatalogueFile`.

    :raises CatalogueError: the file is missing or unreadable.
    :raises CatalogueParseError: it is not UTF-8 or not well-formed PO.
    """
    with collector_paused():  # half of the reading time at 100,000 concepts
        file = _read_canonical(path)
        if file is None:
            file = _to_catalogue_file(_parse(path), path)
    return file


def _parse(path: Path) -> _ParsedFile:
    """The entries of ``path``, after the strict encoding and syntax checks."""
    text = _check_encoding(_read_bytes(path), path)
    _check_one_header(text, path)
    parsed = _parse_canonical(text)
    if parsed is None:
        _check_syntax(text, path)
        parsed = _parse_text(text, path)
    if parsed.header_problem is not None:
        # The header line a reader would drop or overwrite (and a rewrite would lose).
        problem, line = parsed.header_problem
        found = text.find(f'"{line}')
        if problem.endswith("twice"):
            found = text.find(f'"{line}', found + 1)
        raise CatalogueParseError(
            problem,
            path=path,
            line=text.count("\n", 0, found) + 1 if found >= 0 else None,
            hint="Write each header line as `Name: value\\n`, each name once",
        )
    if not parsed.entries and not _HAS_MSGID_RE.search(text):
        raise CatalogueParseError(
            "holds no PO entries, not even a header (an empty or truncated file?)",
            path=path,
            line=1,
            hint="Restore it from version control, or give a complete PO file",
        )
    return parsed


_HAS_MSGID_RE = re.compile(r"^[^\S\n]*msgid[ \t]", re.MULTILINE)
# A header entry: msgid "" straight followed by msgstr (no msgctxt line just before it).
_HEADER_ENTRY_RE = re.compile(
    r'^[^\S\n]*msgid[ \t]+""[^\S\n]*\r?\n[^\S\n]*msgstr\b', re.MULTILINE
)


def _check_one_header(text: str, path: Path) -> None:
    """Refuse a second header entry before parsing: a file of a million empty entries
    is thus refused at its second one instead of after a parse of all of them."""
    first = None
    for match in _HEADER_ENTRY_RE.finditer(text):
        start = match.start()
        before = text[text.rfind("\n", 0, max(start - 1, 0)) + 1 : start].strip()
        if before.startswith(("msgctxt", '"')):
            continue  # a context (or maybe its continuation): not a header
        line = text.count("\n", 0, match.start()) + 1
        if first is not None:
            raise CatalogueParseError(
                f'duplicate header entry (msgid "", first at line {first})',
                path=path,
                line=line,
                hint="Delete one of them (msgfmt refuses the file too)",
            )
        first = line


def read_po_pairs(path: Path) -> list[tuple[int, str, str]]:
    """(line, msgid, msgstr) of every translatable entry of a bilingual PO, in file order.

    For ``glossary check``: no concept model, just the source and the translation. The line
    is that of the ``msgid`` keyword; plural forms are joined with newlines; the header and
    obsolete entries are left out.
    """
    parsed = _parse(path)
    lines = parsed.text.split("\n")
    pairs = []
    seen: dict[tuple[str | None, str], int] = {}
    for entry in parsed.entries:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        first = seen.setdefault((entry.msgctxt, entry.msgid), entry.linenum)
        if first != entry.linenum:
            raise duplicate_error(
                path, entry.msgctxt, entry.msgid, entry.linenum, first
            )
        start = entry.linenum or 1
        after = range(start, len(lines) + 1)
        line = next((n for n in after if lines[n - 1].startswith("msgid")), start)
        source = "\n".join(filter(None, [entry.msgid, entry.msgid_plural]))
        if entry.msgid_plural:
            target = "\n".join(v for _, v in sorted(entry.msgstr_plural.items()))
        else:
            target = entry.msgstr
        pairs.append((line, source, target))
    return pairs


def write_po(file: CatalogueFile) -> str:
    """Render a :class:`CatalogueFile` as PO text in the canonical form."""
    parts = [_render_header(file)]
    for concept in file.concepts:
        parts.append(_render_term_entry(concept))
        if concept.definition is not None:
            parts.append(_render_definition_entry(concept))
    parts.extend(_render_definition_entry(concept) for concept in file.unpaired)
    parts.extend(_render_raw(entry) for entry in file.extra)
    return "\n".join(parts)


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CatalogueError(
            "no such file", path=path, hint="Check the path, or pass --catalogue DIR"
        ) from exc
    except IsADirectoryError as exc:
        raise CatalogueError("is a folder, not a PO file", path=path) from exc
    except OSError as exc:
        raise CatalogueError(
            f"cannot read the file ({exc.strerror})", path=path
        ) from exc


def _check_encoding(data: bytes, path: Path) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise CatalogueParseError(
            "starts with a UTF-8 byte-order mark",
            path=path,
            line=1,
            hint="Save it as UTF-8 without BOM",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CatalogueParseError(
            "is UTF-16, not UTF-8",
            path=path,
            line=1,
            hint="Convert it with `msgconv --to-code=UTF-8`",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CatalogueParseError(
            "contains a NUL byte",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
            hint="Remove it; PO files are text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogueParseError(
            "is not valid UTF-8",
            path=path,
            line=line,
            hint="Convert it with `msgconv --to-code=UTF-8` and set charset=UTF-8 in its header",
        ) from exc
    match = re.search(r"charset=([\w.:-]+)", text[:4096])
    if match and match.group(1).upper() not in ("UTF-8", "UTF8", "CHARSET"):
        raise CatalogueParseError(
            f"declares charset={match.group(1)}; glossary catalogues are UTF-8",
            path=path,
            line=text.count("\n", 0, match.start()) + 1,
            hint="Convert it with `msgconv --to-code=UTF-8`",
        )
    return text


def _check_syntax(text: str, path: Path) -> None:
    # One regex finds the first line that is not blank, a comment or a well-formed
    # keyword/string line; _line_problem (the rule, line by line) confirms it and says why.
    position = 0
    while True:
        match = _BAD_LINE_RE.search(text, position)
        if match is None:
            return
        end = text.find("\n", match.start())
        raw = text[match.start() : end if end >= 0 else len(text)]
        problem = _line_problem(raw)
        if problem is not None:
            raise CatalogueParseError(
                problem,
                path=path,
                line=text.count("\n", 0, match.start()) + 1,
                hint=_SYNTAX_HINT,
            )
        if end < 0:
            return
        position = end + 1


def _line_problem(raw: str) -> str | None:
    """What is wrong with one line of a PO file, or None when it is well-formed."""
    line = raw.strip()
    if line.startswith("#~"):
        line = line[2:].strip()
        if line.startswith("|"):
            return None
    if not line or line.startswith("#") or _LINE_RE.fullmatch(line):
        return None
    return _syntax_problem(line)


_SYNTAX_HINT = "Fix that line (msgfmt --check shows the same problem)"
_PARSE_HINT = (
    "Check the quoting of msgid/msgstr lines there, or run `msgfmt --check` on it"
)

# The same rule as _line_problem over the whole text: a line (with its edge whitespace,
# which str.strip() and \s agree on) that is not blank, a comment, or one keyword/string.
_NO_NL_STRING = r'"[^"\\\n]*(?:(?:\\[\\"abfnrtv?\'0-7]|\\x[0-9a-fA-F])[^"\\\n]*)*"'
_NO_NL_LINE = (
    rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?{_NO_NL_STRING}"
)
_BAD_LINE_RE = re.compile(
    r"^(?![^\S\n]*(?:"
    rf"#~[^\S\n]*(?:[|#][^\n]*|{_NO_NL_LINE}[^\S\n]*)?"
    r"|#(?!~)[^\n]*"
    rf"|{_NO_NL_LINE}[^\S\n]*"
    r")?$)",
    re.MULTILINE,
)


def _syntax_problem(line: str) -> str:
    if "\r" in line:  # CRLF ends are stripped; a CR inside a line is old-Mac line ends
        return (
            "a carriage return (CR) inside the line: save the file with LF line endings"
        )
    keyword = _KEYWORD_RE.match(line)
    rest = line[keyword.end() :].strip() if keyword else line
    if not rest.startswith('"'):
        return (
            "expected a quoted string" if keyword else f"unexpected text {line[:20]!r}"
        )
    if re.search(r'\\[^\\"abfnrtv?\'0-7x]', rest):
        return "invalid escape sequence in a string"
    return "unterminated string (a missing or unescaped double quote)"


class _Entry:
    """One PO entry as read, with polib's field names and values."""

    __slots__ = (
        "comment",
        "flags",
        "linenum",
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "msgstr_plural",
        "obsolete",
        "occurrences",
        "previous_msgctxt",
        "previous_msgid",
        "previous_msgid_plural",
        "tcomment",
    )

    def __init__(self, linenum: int) -> None:
        self.linenum = linenum
        self.msgid = ""
        self.msgstr = ""
        self.msgctxt: str | None = None
        self.msgid_plural = ""
        self.msgstr_plural: dict[int, str] = {}
        self.tcomment = ""
        self.comment = ""
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous_msgid: str | None = None
        self.previous_msgctxt: str | None = None
        self.previous_msgid_plural: str | None = None
        self.obsolete = False

    def same_as(self, other: _Entry) -> bool:
        """polib's entry equality (what ``list.remove`` compares): the messages, not the
        comments or flags."""
        return (
            self.obsolete == other.obsolete
            and sorted(self.occurrences) == sorted(other.occurrences)
            and (self.msgctxt or "0") == (other.msgctxt or "0")
            and (self.msgid_plural or "0") == (other.msgid_plural or "0")
            and list(self.msgstr_plural.values()) == list(other.msgstr_plural.values())
            and self.msgid == other.msgid
            and self.msgstr == other.msgstr
        )


class _ParsedFile:
    """A parsed PO file: header comment, metadata, entries (header entry removed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.header = ""
        self.metadata: dict[str, str] = {}
        self.metadata_is_fuzzy = False
        self.entries: list[_Entry] = []
        # (what is wrong, how the line starts) for a line without "Name:" or a repeat.
        self.header_problem: tuple[str, str] | None = None


# The parser is a state machine over lines with polib's states, transitions and field
# semantics (polib 1.2 ``_POFileParser``), so that a file reads exactly as polib reads it;
# it is a single function with local state because it runs over millions of lines.
# States: st start, he header comment, tc translator comment, gc extracted comment,
# oc reference, fl flags, ct msgctxt, pc/pm/pp previous msgctxt/msgid/msgid_plural,
# mi msgid, mp msgid_plural, ms msgstr, mx msgstr[n]; mc is a continuation string.
_ALL_STATES: tuple[str, ...] = tuple(
    ["st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"]
)
_TRANSITIONS: dict[tuple[str, str], str] = {}
for _symbol, _states, _next in (
    ("tc", ("st", "he"), "he"),
    ("tc", ("gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mp", "mx", "mi"), "tc"),
    ("gc", _ALL_STATES, "gc"),
    ("oc", _ALL_STATES, "oc"),
    ("fl", _ALL_STATES, "fl"),
    ("pc", _ALL_STATES, "pc"),
    ("pm", _ALL_STATES, "pm"),
    ("pp", _ALL_STATES, "pp"),
    ("ct", ("st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"), "ct"),
    (
        "mi",
        ("st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"),
        "mi",
    ),
    ("mp", ("tc", "gc", "pc", "pm", "pp", "mi"), "mp"),
    ("ms", ("mi", "mp", "tc"), "ms"),
    ("mx", ("mi", "mx", "mp", "tc"), "mx"),
    ("mc", ("ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"), "mc"),
):
    for _state in _states:
        _TRANSITIONS[(_symbol, _state)] = _next
_KEYWORD_SYMBOLS = {
    "msgctxt": "ct",
    "msgid": "mi",
    "msgstr": "ms",
    "msgid_plural": "mp",
}
_PREVIOUS_SYMBOLS = {"msgid_plural": "pp", "msgid": "pm", "msgctxt": "pc"}
# Symbols that start a new entry when they follow a msgstr.
_STARTS_ENTRY = frozenset(("tc", "gc", "oc", "fl", "pp", "pm", "pc", "ct", "mi"))
_UNESCAPED_QUOTE_RE = re.compile(r'([^\\]|^)"')
_ESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "b": "\b",
    "f": "\f",
    "\\": "\\",
    '"': '"',
}


def _unescape(text: str) -> str:
    # Only the escapes polib and our writer use; others stay as written.
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: _UNESCAPES[m.group(1)], text)


def _parse_error(path: Path, line: int, reason: str = "") -> CatalogueParseError:
    return CatalogueParseError(
        f"not a well-formed PO file ({reason or 'syntax error'})",
        path=path,
        line=line,
        hint=_PARSE_HINT,
    )


def _parse_text(text: str, path: Path) -> _ParsedFile:
    """Parse PO text (already checked line by line) into entries."""
    parsed = _ParsedFile(text)
    entries = parsed.entries
    # Universal newlines, as polib's text-mode read has them.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    transitions = _TRANSITIONS
    keyword_symbols = _KEYWORD_SYMBOLS
    starts_entry = _STARTS_ENTRY
    unescape = _unescape
    state = "st"
    entry = _Entry(0)
    header = ""
    obsolete = False
    plural_index = 0
    tokens: list[str] = []
    number = 0
    for raw in lines:
        number += 1
        line = raw.strip()
        if not line:
            continue
        tokens = line.split(None, 2)
        first = tokens[0]
        if first == "#~|":
            continue
        if first == "#~" and len(tokens) > 1:
            line = line[3:].strip()
            tokens = tokens[1:]
            first = tokens[0]
            obsolete = True
        else:
            obsolete = False
        count = len(tokens)
        if first in keyword_symbols and count > 1:
            token = line[len(first) :].lstrip()
            inner = token[1:-1]
            if '"' in inner and _UNESCAPED_QUOTE_RE.search(inner):
                raise _parse_error(path, number, "unescaped double quote found")
            symbol = keyword_symbols[first]
        elif first == "#:":
            if count <= 1:
                continue
            symbol, token = "oc", line
        elif line[0] == '"':
            inner = line[1:-1]
            if '"' in inner and _UNESCAPED_QUOTE_RE.search(inner):
                raise _parse_error(path, number, "unescaped double quote found")
            symbol, token = "mc", line
        elif line[:7] == "msgstr[":
            symbol, token = "mx", line
        elif first == "#,":
            if count <= 1:
                continue
            symbol, token = "fl", line
        elif first == "#" or first.startswith("##"):
            symbol, token = "tc", line
        elif first == "#.":
            if count <= 1:
                continue
            symbol, token = "gc", line
        elif first == "#|":
            if count <= 1:
                raise _parse_error(path, number)
            token = line[2:].lstrip()
            if tokens[1].startswith('"'):
                symbol = "mc"
            elif count == 2:
                raise _parse_error(path, number, "invalid continuation line")
            elif tokens[1] not in _PREVIOUS_SYMBOLS:
                raise _parse_error(path, number, f"unknown keyword {tokens[1]}")
            else:
                token = token[len(tokens[1]) :].lstrip()
                symbol = _PREVIOUS_SYMBOLS[tokens[1]]
        else:
            raise _parse_error(path, number)

        following = transitions.get((symbol, state))
        if following is None:
            raise _parse_error(path, number)
        if following in starts_entry and state in ("ms", "mx"):
            entries.append(entry)
            entry = _Entry(number)
        if following == "mc":
            value = unescape(token[1:-1])
            if state == "ct":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif state == "mi":
                entry.msgid += value
            elif state == "mp":
                entry.msgid_plural += value
            elif state == "ms":
                entry.msgstr += value
            elif state == "mx":
                entry.msgstr_plural[plural_index] += value
            elif state == "pp":
                entry.previous_msgid_plural = (
                    entry.previous_msgid_plural or ""
                ) + value
            elif state == "pm":
                entry.previous_msgid = (entry.previous_msgid or "") + value
            elif state == "pc":
                entry.previous_msgctxt = (entry.previous_msgctxt or "") + value
            continue  # a continuation keeps the state
        if following == "oc":
            for occurrence in token[3:].split():
                where, sep, at = occurrence.rpartition(":")
                if sep and at.isdigit():
                    entry.occurrences.append((where, at))
                else:
                    entry.occurrences.append((occurrence, ""))
        elif following == "ms":
            entry.msgstr = unescape(token[1:-1])
        elif following == "mi":
            entry.obsolete = obsolete
            entry.msgid = unescape(token[1:-1])
        elif following == "ct":
            entry.msgctxt = unescape(token[1:-1])
        elif following == "gc":
            entry.comment = (
                entry.comment + "\n" + token[3:] if entry.comment else token[3:]
            )
        elif following == "tc":
            comment = token.lstrip("#")
            if comment.startswith(" "):
                comment = comment[1:]
            entry.tcomment = (
                entry.tcomment + "\n" + comment if entry.tcomment else comment
            )
        elif following == "fl":
            entry.flags += [flag.strip() for flag in token[3:].split(",")]
        elif following == "he":
            header = header + "\n" + token[2:] if header else token[2:]
        elif following == "pm":
            entry.previous_msgid = unescape(token[1:-1])
        elif following == "pc":
            entry.previous_msgctxt = unescape(token[1:-1])
        elif following == "pp":
            entry.previous_msgid_plural = unescape(token[1:-1])
        elif following == "mp":
            entry.msgid_plural = unescape(token[1:-1])
        elif following == "mx":
            try:
                plural_index = int(token[7])
            except (IndexError, ValueError):
                raise _parse_error(path, number) from None
            entry.msgstr_plural[plural_index] = unescape(
                token[token.find('"') + 1 : -1]
            )
        state = following
    # The last entry ends the file, unless only comments follow the last msgstr.
    if tokens and not tokens[0].startswith("#"):
        entries.append(entry)
    parsed.header = header
    _take_metadata(parsed)
    return parsed


# The fast path: a file in the canonical layout (what write_po writes, and what msgcat
# writes for simple catalogues) is read entry by entry with one regex per entry instead of
# line by line, and gives the very entries _parse_text gives. Anything else (obsolete or
# plural entries, other comment orders, stray blank lines, CR line ends, other escapes)
# goes the slow, general way. Its strings are a subset of the strict syntax, so a file it
# reads needs no separate syntax check.
_FAST_STRING = r'"[^"\\\n]*(?:\\[\\"ntrvbf][^"\\\n]*)*"'
_FAST_BLOCK = rf"{_FAST_STRING}\n(?:{_FAST_STRING}\n)*"
_FAST_HEADER_RE = re.compile(
    r"((?:#(?: [^\n]*)?\n)*)"  # file header comments
    r"((?:#, [^\n]*\n)*)"  # header flags
    rf'msgid ""\nmsgstr ({_FAST_BLOCK})'
    r"(?:\n|\Z)"
)
# A "#.", "#:" or "#," line with nothing after the marker: polib skips it, so an entry
# that starts with one starts on a later line. The fast paths leave such entries to the
# general path rather than track that.
_EMPTY_MARKERS = ("#.", "#:", "#,")


def _starts_with_empty_marker(tc: str | None, first: str | None) -> bool:
    """True when an entry's first line (``first`` is its first comment block after the
    translator comments ``tc``) is a bare ``#.``, ``#:`` or ``#,``."""
    if tc or not first:
        return False
    return first[: first.find("\n")].strip() in _EMPTY_MARKERS


_FAST_ENTRY_RE = re.compile(
    r"((?:#(?: [^\n]*)?\n)*)"  # translator comments
    r"((?:#\. [^\n]*\n)*)"  # extracted comments
    r"((?:#: [^\n]*\n)*)"  # references
    r"((?:#, [^\n]*\n)*)"  # flags
    rf"(?:#\| msgctxt ({_FAST_STRING}\n(?:#\| {_FAST_STRING}\n)*))?"
    rf"(?:#\| msgid ({_FAST_STRING}\n(?:#\| {_FAST_STRING}\n)*))?"
    rf"(?:msgctxt ({_FAST_BLOCK}))?"
    rf"msgid ({_FAST_BLOCK})"
    rf"msgstr ({_FAST_BLOCK})"
    r"(?:\n|\Z)"
)


def _block_value(block: str) -> str:
    """The string of consecutive quoted lines ``"a"\n"b"\n`` (polib joins the lines)."""
    # Inside a well-formed line a quote is always escaped, so '"\n"' only joins lines.
    return _unescape(block[1:-2].replace('"\n"', ""))


def _previous_value(block: str) -> str:
    """The string of ``"a"\n#| "b"\n`` (a previous msgid or msgctxt and its lines)."""
    return _unescape(block[1:-2].replace('"\n#| "', ""))


def _parse_canonical(text: str) -> _ParsedFile | None:
    """Parse a file in the canonical layout; None when it is not in it."""
    header = _FAST_HEADER_RE.match(text)
    if header is None or "\r" in text:
        return None
    parsed = _ParsedFile(text)
    for raw in header.group(1).split("\n")[:-1]:
        token = raw.strip()[2:]
        parsed.header = parsed.header + "\n" + token if parsed.header else token
    flags = _flags(header.group(2))
    msgstr = _block_value(header.group(3))
    entries = parsed.entries
    position = header.end()
    number = text.count("\n", 0, position) + 1
    end = len(text)
    match_entry = _FAST_ENTRY_RE.match
    while position < end:
        match = match_entry(text, position)
        if match is None:
            return None
        tc, gc, oc, fl, pc, pm, ct, mi, ms = match.groups()
        if _starts_with_empty_marker(tc, gc or oc or fl):
            return None
        entry = _Entry(number)
        if tc:
            comments: list[str] = []
            for raw in tc.split("\n")[:-1]:
                comment = raw.strip().lstrip("#")
                comment = comment[1:] if comment.startswith(" ") else comment
                if comment or comments:  # polib drops empty lines before the first
                    comments.append(comment)
            entry.tcomment = "\n".join(comments)
        if gc:
            entry.comment = "\n".join(
                line[3:] for line in map(str.strip, gc.split("\n")[:-1]) if line != "#."
            )
        if oc:
            occurrences = entry.occurrences
            for raw in oc.split("\n")[:-1]:
                for occurrence in raw.strip()[3:].split():
                    where, sep, at = occurrence.rpartition(":")
                    if sep and at.isdigit():
                        occurrences.append((where, at))
                    else:
                        occurrences.append((occurrence, ""))
        if fl:
            entry.flags = _flags(fl)
        if pc is not None:
            entry.previous_msgctxt = _previous_value(pc)
        if pm is not None:
            entry.previous_msgid = _previous_value(pm)
        if ct is not None:
            entry.msgctxt = _block_value(ct)
        entry.msgid = _block_value(mi)
        if entry.msgid == "":
            return None  # a second header-like entry: polib's choice of header applies
        entry.msgstr = _block_value(ms)
        entries.append(entry)
        number += text.count("\n", position, match.end())
        position = match.end()
    parsed.metadata_is_fuzzy = bool(flags)
    _parse_metadata(parsed, msgstr)
    return parsed


# The streaming fast path of read_po: a file in the canonical layout is read 1 MB at a
# time, straight into concepts (no line list, no intermediate entries), which keeps a
# 100,000-concept catalogue within a few hundred MB. It gives exactly what the general
# path gives (tests/formats/test_po_reader.py compares them); anything it does not expect
# (another layout, an encoding or header problem, an extra entry) sends the file down the
# general path, which also produces the error messages.
_CHUNK_BYTES = 1 << 20
_CHARSET_RE = re.compile(r"charset=([\w.:-]+)")
_UTF8_NAMES = ("UTF-8", "UTF8", "CHARSET")
_META_KEYS = frozenset(
    (
        _META_ID,
        _META_ORIGIN,
        _META_TERM_TYPE,
        _META_SYNONYM,
        _META_COMPONENTS,
        _META_DOMAIN,
    )
)


def _quoted_value(block: str) -> str:
    """The string of consecutive quoted lines ``"a"\n"b"\n`` (polib joins the lines)."""
    # Inside a well-formed line a quote is always escaped, so '"\n"' only joins lines.
    value = block[1:-2]
    if '"\n"' in value:
        value = value.replace('"\n"', "")
    return _unescape(value) if "\\" in value else value


def _comment_values(block: str) -> list[str]:
    """Translator comments of a ``# …`` block, as the general path splits them."""
    values: list[str] = []
    for raw in block.split("\n")[:-1]:
        comment = raw.strip().lstrip("#")
        if comment.startswith(" "):
            comment = comment[1:]
        if comment or values:  # polib drops empty comments before the first
            values.append(comment)
    return values or EMPTY


# What the fast path shares among the concepts it reads (model.FrozenList): the same
# ``#:`` blocks recur in every file (a locale PO cites what the template cites), and a few
# flag blocks (``#, fuzzy``) in many entries. Bounded, in case a process reads many files.
_REFERENCE_BLOCKS: dict[str, FrozenList[Reference]] = {}
_FLAG_BLOCKS: dict[str, FrozenList[str]] = {}
_SHARED_BLOCKS = 300_000


def _references(block: str) -> FrozenList[Reference]:
    found = _REFERENCE_BLOCKS.get(block)
    if found is None:
        tokens = block.split()
        lines = block.count("\n")
        if (
            len(tokens) == 2 * lines
            and block.count("#:") == lines
            and tokens[::2].count("#:") == lines
        ):
            # One reference per line, as the writer writes them: every other token.
            get = _REFERENCES_BY_TEXT.get
            found = frozen(get(t) or _reference_of(t) for t in tokens[1::2])
        else:
            found = frozen(
                _reference((where, at) if sep and at.isdigit() else (occurrence, ""))
                for raw in block.split("\n")[:-1]
                for occurrence in raw.strip()[3:].split()
                for where, sep, at in [occurrence.rpartition(":")]
            )
        if len(_REFERENCE_BLOCKS) >= _SHARED_BLOCKS:
            _REFERENCE_BLOCKS.clear()
        _REFERENCE_BLOCKS[block] = found
    return found


# The Reference of each ``path:line`` text the fast path has read.
_REFERENCES_BY_TEXT: dict[str, Reference] = {}


def _reference_of(occurrence: str) -> Reference:
    """What :func:`_reference` gives for one ``path:line`` (cached by its text alone)."""
    where, sep, at = occurrence.rpartition(":")
    if sep and at.isdigit():
        reference = Reference(sys.intern(where), int(at))
    else:
        reference = Reference(sys.intern(occurrence))
    if len(_REFERENCES_BY_TEXT) >= _SHARED_BLOCKS:
        _REFERENCES_BY_TEXT.clear()
    _REFERENCES_BY_TEXT[occurrence] = reference
    return reference


def _shared_flags(block: str) -> FrozenList[str]:
    found = _FLAG_BLOCKS.get(block)
    if found is None:
        found = frozen(_flags(block))
        if len(_FLAG_BLOCKS) >= _SHARED_BLOCKS:
            _FLAG_BLOCKS.clear()
        _FLAG_BLOCKS[block] = found
    return found


# The Concept fields a block of ``#.`` lines sets: id, origin, origin detail, term type,
# synonyms, components, domain, other metadata.
_Extracted = tuple[
    str, str, str, str, list[Synonym], list[str], str, list[tuple[str, str]]
]


# The usual ``#.`` block, as the writer writes it, without synonyms or other metadata.
# Every value is one run of non-space characters, so that the stripping, the first-value
# rules and the `origin detail` split of the line-by-line way cannot apply or differ.
_USUAL_EXTRACTED_RE = re.compile(
    r"(?:#\. id: (\S+)\n)?"
    r"(?:#\. origin: (\S+)(?: (\S+))?\n)?"
    r"(?:#\. term-type: (\S+)\n)?"
    r"(?:#\. components: (\S+)\n)?"
    r"(?:#\. domain: (\S+)\n)?"
)


def _extracted(block: str) -> _Extracted:
    """What :func:`_apply_metadata` sets, line by line, from a block of ``#.`` lines.

    The same rules in one pass with local variables: a known key's first non-empty value
    wins and its repeats go to the other metadata, as does every unknown or free line.
    """
    components: list[str] = EMPTY
    usual = _USUAL_EXTRACTED_RE.fullmatch(block)
    if usual is not None:
        intern = sys.intern
        id_, origin, detail, term_type, parts, domain = usual.groups("")
        if parts:
            components = [c for c in parts.split(COMPONENT_SEPARATOR) if c] or EMPTY
        return (
            intern(id_),
            intern(origin),
            detail,
            intern(term_type),
            EMPTY,
            components,
            intern(domain),
            EMPTY,
        )
    id_ = origin = detail = term_type = domain = ""
    synonyms: list[Synonym] = EMPTY
    metadata: list[tuple[str, str]] = EMPTY
    for raw in block.split("\n")[:-1]:
        # A stripped line is "#." (skipped, as the general path skips it) or "#. " + text.
        line = raw.strip()[3:]
        if not line:
            continue
        key, colon, value = line.partition(":")
        if colon and key in _META_KEYS:
            if value[:1].isspace():  # what parse_comment's `:\s?` takes off
                value = value[1:]
            if key == _META_COMPONENTS:
                if not components:
                    components = [c for c in value.split(COMPONENT_SEPARATOR) if c]
                    components = components or EMPTY
                    continue
            else:
                value = sys.intern(value)
                if key == _META_ID:
                    if not id_:
                        id_ = value
                        continue
                elif key == _META_ORIGIN:
                    if not origin:
                        origin, _, detail = value.partition(" ")
                        continue
                elif key == _META_DOMAIN:
                    if not domain:
                        domain = value
                        continue
                elif key == _META_SYNONYM:
                    synonyms = [*synonyms, Synonym.parse(value)]
                    continue
                elif not term_type:  # _META_TERM_TYPE
                    term_type = value
                    continue
        else:
            parsed = parse_comment(line)
            key, value = parsed if parsed else ("", line)
        metadata = [*metadata, (key, value)]
    return id_, origin, detail, term_type, synonyms, components, domain, metadata


_NO_EXTRACTED: _Extracted = ("", "", "", "", EMPTY, EMPTY, "", EMPTY)


def _read_canonical(path: Path) -> CatalogueFile | None:
    """Read a canonical file into a :class:`CatalogueFile`; None when the general path
    must read it.

    Concepts are made whole from their term entry (positional arguments: 22 keywords per
    concept cost more than the rest of the entry), empty list fields share model.EMPTY
    and reference lists are shared; a definition entry is attached as it comes, which is
    what the general path's second pass gives unless a definition precedes its term
    entry (then the general path reads the file).
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below; read in chunks)
    except OSError:
        return None
    concepts: list[Concept] = []
    unpaired: list[Concept] = []
    terms: dict[str, Concept] = {}
    head = ""  # the first 4096 characters, where the charset is looked for
    header: re.Match[str] | None = None
    number = 1
    pending = b""
    match_entry = _FAST_ENTRY_RE.match
    intern = sys.intern
    quoted = _quoted_value
    empty = EMPTY
    new_concept = Concept
    context_length = len(DEFINITION_CONTEXT)
    with stream:
        while True:
            block = stream.read(_CHUNK_BYTES)
            data = pending + block if pending else block
            if block:
                cut = data.rfind(b"\n\n") + 2
                if cut < 2:
                    pending = data
                    continue
                piece, pending = data[:cut], data[cut:]
            else:
                piece, pending = data, b""
            if header is None and piece.startswith(
                (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
            ):
                return None
            if b"\x00" in piece or b"\r" in piece:
                return None
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError:
                return None
            del piece
            if len(head) < 4096:
                head += text[: 4096 - len(head)]
            position = 0
            if header is None:
                header = _FAST_HEADER_RE.match(text)
                if header is None:
                    return None
                position = header.end()
                number += text.count("\n", 0, position)
            end = len(text)
            while position < end:
                match = match_entry(text, position)
                if match is None:
                    return None
                tc, gc, oc, fl, _, pm, ct, mi, ms = match.groups()
                if _starts_with_empty_marker(tc, gc or oc or fl):
                    return None
                msgid = quoted(mi)
                if msgid == "":
                    return None  # a header-like entry: the general path decides
                if ct is None:
                    msgid = intern(msgid)
                    concept = new_concept(
                        msgid,
                        None,
                        *(_extracted(gc) if gc else _NO_EXTRACTED),
                        _references(oc) if oc else empty,
                        _shared_flags(fl) if fl else empty,
                        _comment_values(tc) if tc else empty,
                        quoted(ms),
                        _previous_value(pm) if pm is not None else None,
                        empty,
                        empty,
                        empty,
                        "",
                        None,
                        number,
                    )
                    concepts.append(concept)
                    if msgid not in terms:
                        terms[msgid] = concept
                else:
                    context = quoted(ct)
                    if context and not context.startswith(DEFINITION_CONTEXT):
                        return None  # an extra entry: the general path keeps it
                    term = context[context_length:]
                    owner = terms.get(term)
                    if owner is None or owner.definition is not None:
                        owner = new_concept(term)
                        unpaired.append(owner)
                    owner.definition = intern(msgid)
                    owner.definition_target = quoted(ms)
                    owner.definition_references = _references(oc) if oc else empty
                    owner.definition_flags = _shared_flags(fl) if fl else empty
                    owner.definition_comments = _comment_values(tc) if tc else empty
                    owner.previous_definition = (
                        _previous_value(pm) if pm is not None else None
                    )
                    owner.definition_line = number
                stop = match.end()
                number += text.count("\n", position, stop)
                position = stop
            if not block:
                break
    if header is None:
        return None
    if any(owner.term in terms for owner in unpaired):
        return None  # a definition before its term entry: see the docstring
    found = _CHARSET_RE.search(head)
    if found and found.group(1).upper() not in _UTF8_NAMES:
        return None
    parsed = _ParsedFile("")
    _parse_metadata(parsed, _quoted_value(header.group(3)))
    if parsed.header_problem is not None:
        return None
    for raw in header.group(1).split("\n")[:-1]:
        token = raw.strip()[2:]
        parsed.header = parsed.header + "\n" + token if parsed.header else token
    return CatalogueFile(
        locale=_locale_of(parsed, path),
        header=list(parsed.metadata.items()),
        header_comments=_lines(parsed.header),
        header_flags=["fuzzy"] if _flags(header.group(2)) else [],
        path=path,
        concepts=concepts,
        unpaired=unpaired,
    )


def _flags(block: str) -> list[str]:
    flags: list[str] = []
    for raw in block.split("\n")[:-1]:
        line = raw.strip()
        if line != "#,":
            flags += [flag.strip() for flag in line[3:].split(",")]
    return flags


def _take_metadata(parsed: _ParsedFile) -> None:
    """Move the header entry (msgid "") out of the entries into the metadata, as polib does."""
    matches = [e for e in parsed.entries if not e.obsolete and e.msgid == ""]
    if not matches:
        return
    header = matches[0]
    if len(matches) > 1:
        # polib's find(""): the last one without a context, else the first.
        header = next((e for e in reversed(matches) if not e.msgctxt), matches[0])
    for index, entry in enumerate(parsed.entries):
        if entry.same_as(header):
            del parsed.entries[index]
            break
    parsed.metadata_is_fuzzy = bool(header.flags)
    _parse_metadata(parsed, header.msgstr)


def _parse_metadata(parsed: _ParsedFile, msgstr: str) -> None:
    key: str | None = None
    for line in msgstr.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            key = name
            if key in parsed.metadata and parsed.header_problem is None:
                parsed.header_problem = (f"the header names {key} twice", f"{key}:")
            parsed.metadata[key] = value.strip()
        elif key is not None:
            parsed.metadata[key] += "\n" + line.strip()
        elif line.strip() and parsed.header_problem is None:
            parsed.header_problem = ("a header line without `Name:`", line)


def _lines(text: str | None) -> list[str]:
    return text.split("\n") if text else []


def _locale_of(po: _ParsedFile, path: Path) -> str | None:
    if path.suffix == ".pot":
        return None
    language = (po.metadata.get("Language") or "").strip()
    if language:
        return language
    # locales/<locale>/LC_MESSAGES/<domain>.po
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return ""


def _to_catalogue_file(po: _ParsedFile, path: Path) -> CatalogueFile:
    file = CatalogueFile(
        locale=_locale_of(po, path),
        header=list(po.metadata.items()),
        header_comments=_lines(po.header),
        header_flags=["fuzzy"] if po.metadata_is_fuzzy else [],
        path=path,
    )
    terms: dict[str, Concept] = {}
    definitions: list[_Entry] = []
    for entry in po.entries:
        if (
            entry.obsolete
            or entry.msgid_plural
            or (entry.msgctxt and not _is_definition(entry))
        ):
            file.extra.append(_to_raw(entry))
        elif entry.msgctxt is not None:
            definitions.append(entry)
        else:
            concept = _to_concept(entry)
            file.concepts.append(concept)
            terms.setdefault(concept.term, concept)
    for entry in definitions:
        term = (entry.msgctxt or "")[len(DEFINITION_CONTEXT) :]
        owner = terms.get(term)
        if owner is None or owner.definition is not None:
            owner = Concept(term=term)
            file.unpaired.append(owner)
        _attach_definition(owner, entry)
    return file


def check_unique(file: CatalogueFile) -> None:
    """Refuse two live entries with one key (msgctxt, msgid), as msgfmt does.

    Commands that use or rewrite a catalogue call this: with two entries for one key,
    lookups would answer from one of them and a rewrite could keep only one. ``validate``
    does not: it reports them as findings.

    :raises DuplicateConceptError: naming the second entry's line and the first's.
    """
    if not file.extra and _has_unique_keys(file):
        return
    seen: dict[tuple[str | None, str], int] = {}

    def note(context: str | None, msgid: str, line: int) -> None:
        key = (context, msgid)
        # The header is never a concept, so a concept with an empty msgid is a second one.
        if key not in seen and key != (None, ""):
            seen[key] = line
            return
        raise duplicate_error(file.path, context, msgid, line, seen.get(key, 0))

    for concept in file.concepts:
        note(None, concept.term, concept.line)
    for concept in [*file.concepts, *file.unpaired]:
        if concept.definition is not None:
            note(
                concept.definition_context,
                concept.definition,
                concept.definition_line,
            )
    for entry in file.extra:
        if not entry.obsolete:
            note(entry.msgctxt, entry.msgid, entry.line)


def _has_unique_keys(file: CatalogueFile) -> bool:
    """True when no two concepts share a term, nor two definitions a (term, definition),
    and no term is empty: what the loop of check_unique finds for a file without extra
    entries, counted with sets (a tenth of its time at 100,000 concepts)."""
    concepts = file.concepts
    terms = {concept.term for concept in concepts}
    if len(terms) != len(concepts) or "" in terms:
        return False
    # A definition's key is (definition|term, definition): the pair says the same.
    with_definition = [
        c
        for group in (concepts, file.unpaired)
        for c in group
        if c.definition is not None
    ]
    pairs = {(c.term, c.definition) for c in with_definition}
    return len(pairs) == len(with_definition)


def duplicate_error(
    path: Path | None, context: str | None, msgid: str, line: int, first: int
) -> DuplicateConceptError:
    """The error for a second entry with the key (``context``, ``msgid``)."""
    if context is None and msgid == "":
        what = 'duplicate header entry (msgid "")'
    else:
        shown = msgid if len(msgid) <= 80 else msgid[:79] + "…"
        ctx = f"msgctxt “{context}” " if context is not None else ""
        what = f"duplicate entry {ctx}msgid “{shown}”"
    return DuplicateConceptError(
        what + (f" (first at line {first})" if first else ""),
        path=path,
        line=line or None,
        hint="Merge the two entries or remove one; gettext keys must be unique",
    )


def _is_definition(entry: _Entry) -> bool:
    return entry.msgctxt is not None and entry.msgctxt.startswith(DEFINITION_CONTEXT)


def _to_concept(entry: _Entry) -> Concept:
    concept = Concept(
        term=entry.msgid,
        target=entry.msgstr,
        references=[_reference(o) for o in entry.occurrences],
        flags=list(entry.flags),
        comments=_lines(entry.tcomment),
        previous_term=entry.previous_msgid,
        line=entry.linenum or 0,
    )
    for line in _lines(entry.comment):
        _apply_metadata(concept, line)
    return concept


def _apply_metadata(concept: Concept, line: str) -> None:
    key, colon, value = line.partition(":")
    if colon and key in _META_KEYS:
        # What parse_comment gives for a known key, without its regex.
        if value[:1].isspace():
            value = value[1:]
        value = sys.intern(value) if key != _META_COMPONENTS else value
    else:
        parsed = parse_comment(line)
        key, value = parsed if parsed else ("", line)
    if key == _META_ID and not concept.id:
        concept.id = value
    elif key == _META_ORIGIN and not concept.origin:
        concept.origin, _, concept.origin_detail = value.partition(" ")
    elif key == _META_TERM_TYPE and not concept.term_type:
        concept.term_type = value
    elif key == _META_SYNONYM:
        concept.synonyms.append(Synonym.parse(value))
    elif key == _META_COMPONENTS and not concept.components:
        concept.components = [c for c in value.split(COMPONENT_SEPARATOR) if c]
    elif key == _META_DOMAIN and not concept.domain:
        concept.domain = value
    else:
        concept.metadata.append((key, value))


def _attach_definition(concept: Concept, entry: _Entry) -> None:
    concept.definition = entry.msgid
    concept.definition_target = entry.msgstr
    concept.definition_references = [_reference(o) for o in entry.occurrences]
    concept.definition_flags = list(entry.flags)
    concept.definition_comments = _lines(entry.tcomment)
    concept.previous_definition = entry.previous_msgid
    concept.definition_line = entry.linenum or 0


# A reference recurs (a term entry cites what its definition entry cites, and a locale PO
# what the template cites); References are immutable, so each one is made once.
_REFERENCES: dict[tuple[str, str], Reference] = {}


def _reference(occurrence: tuple[str, str]) -> Reference:
    reference = _REFERENCES.get(occurrence)
    if reference is None:
        path, line = occurrence
        path = sys.intern(path)
        if line and line.isdigit():
            reference = Reference(path, int(line))
        else:
            reference = Reference(path)
        if len(_REFERENCES) >= 300_000:
            _REFERENCES.clear()
        _REFERENCES[occurrence] = reference
    return reference


def _to_raw(entry: _Entry) -> RawEntry:
    return RawEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural={int(k): v for k, v in entry.msgstr_plural.items()},
        comments=_lines(entry.tcomment),
        extracted=_lines(entry.comment),
        references=[_reference(o) for o in entry.occurrences],
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        obsolete=bool(entry.obsolete),
        line=entry.linenum or 0,
    )


def concept_metadata(concept: Concept) -> list[str]:
    """The ``#.`` lines of a term entry, in canonical order."""
    lines = []
    if concept.id:
        lines.append(f"{_META_ID}: {concept.id}")
    if concept.origin:
        lines.append(f"{_META_ORIGIN}: {concept.origin_label}")
    if concept.term_type:
        lines.append(f"{_META_TERM_TYPE}: {concept.term_type}")
    if concept.synonyms:
        lines += [f"{_META_SYNONYM}: {s}" for s in concept.synonyms]
    if concept.components:
        lines.append(
            f"{_META_COMPONENTS}: {COMPONENT_SEPARATOR.join(concept.components)}"
        )
    if concept.domain:
        lines.append(f"{_META_DOMAIN}: {concept.domain}")
    if concept.metadata:
        lines += [f"{k}: {v}" if k else v for k, v in concept.metadata]
    return lines


def _comment_lines(prefix: str, lines: Iterable[str]) -> list[str]:
    # A blank comment line is written bare ("#"), as gettext does.
    return [f"{prefix} {line}".rstrip() if line else prefix for line in lines]


def _render(
    *,
    msgid: str,
    msgstr: str = "",
    msgctxt: str | None = None,
    comments: Iterable[str] = (),
    extracted: Iterable[str] = (),
    references: Iterable[Reference] = (),
    flags: Iterable[str] = (),
    previous_msgid: str | None = None,
    previous_msgctxt: str | None = None,
    msgid_plural: str = "",
    msgstr_plural: dict[int, str] | None = None,
    obsolete: bool = False,
) -> str:
    # Comments are written one per line, never wrapped: a wrapped "# note:" would come back
    # as two comments. polib renders the rest (flags, #| lines, quoting, string wrapping).
    if obsolete or msgid_plural or msgstr_plural:
        lines = _comment_lines("#", comments)
        if not obsolete:
            lines += _comment_lines("#.", extracted)
            lines += [f"#: {r}" for r in references]
        entry = polib.POEntry(
            msgid=msgid,
            msgstr=msgstr,
            msgctxt=msgctxt,
            flags=list(flags),
            previous_msgid=previous_msgid,
            previous_msgctxt=previous_msgctxt,
            msgid_plural=msgid_plural,
            msgstr_plural=msgstr_plural or {},
            obsolete=obsolete,
        )
        lines.append(entry.__unicode__(WRAP_WIDTH))
        return "\n".join(lines)
    return _render_entry(
        list(comments),
        list(extracted),
        list(references),
        list(flags),
        previous_msgctxt,
        previous_msgid,
        msgctxt,
        msgid,
        msgstr,
    )


def _render_entry(
    comments: Sequence[str],
    extracted: Sequence[str],
    references: Sequence[Reference],
    flags: Sequence[str],
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    msgctxt: str | None,
    msgid: str,
    msgstr: str,
) -> str:
    """The common entry (neither obsolete nor plural) as polib renders it
    (``POEntry.__unicode__``), faster: positional arguments, one list of lines, nothing
    made for the parts an entry lacks."""
    lines = (
        [f"# {line}".rstrip() if line else "#" for line in comments] if comments else []
    )
    if extracted:
        lines += [f"#. {line}".rstrip() if line else "#." for line in extracted]
    if references:
        lines += [f"#: {r}" for r in references]
    if flags:
        lines.append("#, " + ", ".join(flags))
    if previous_msgctxt is not None:
        lines += _string_lines("previous_msgctxt", "#| ", previous_msgctxt)
    if previous_msgid is not None:
        lines += _string_lines("previous_msgid", "#| ", previous_msgid)
    if msgctxt is not None:
        lines += _string_lines("msgctxt", "", msgctxt)
    lines += _string_lines("msgid", "", msgid)
    lines += _string_lines("msgstr", "", msgstr)
    lines.append("")
    return "\n".join(lines)


_SPECIAL_CHARS = ("\\", "\n", "\r", "\t", "\v", "\b", "\f", '"')
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL_CHARS)) + "]")


def _escape(text: str) -> str:
    """polib's escape(): backslash, control characters and the double quote."""
    if _SPECIAL_RE.search(text) is None:
        return text
    return (
        text.replace("\\", r"\\")
        .replace("\t", r"\t")
        .replace("\r", r"\r")
        .replace("\n", r"\n")
        .replace("\v", r"\v")
        .replace("\b", r"\b")
        .replace("\f", r"\f")
        .replace('"', r"\"")
    )


# The keyword each field is written with, and the width of its first line's string: the
# keyword (the long name of a previous field, as polib counts it), a space and two quotes.
_KEYWORDS = {
    name: (name.removeprefix("previous_"), WRAP_WIDTH - (len(name) + 3))
    for name in ("msgid", "msgstr", "msgctxt", "previous_msgid", "previous_msgctxt")
}


def _string_lines(name: str, prefix: str, value: str) -> list[str]:
    """The lines of one keyword and its string, wrapped as polib's _str_field wraps them
    (tests/formats/test_po_writer.py compares the two)."""
    keyword, width = _KEYWORDS[name]
    if value.isprintable():
        # The usual value: no line break or control character (they are not printable),
        # so one line, whose only escapes are backslashes and quotes.
        if len(value) <= width:
            return [f'{prefix}{keyword} "{_escape(value)}"']
        escaped = _escape(value)
        if len(value) <= width + len(escaped) - len(value):
            # Escaped characters are allowed beyond the width.
            return [f'{prefix}{keyword} "{escaped}"']
        if " " not in escaped and "-" not in escaped:
            # textwrap breaks only at ASCII whitespace and hyphens, and escaping left no
            # other whitespace: the whole string is one unbreakable word on its own line.
            return [f'{prefix}{keyword} ""', f'{prefix}"{escaped}"']
    pieces = value.splitlines(True)
    if len(pieces) > 1:
        pieces = ["", *pieces]
    else:
        if len(value) > width:
            width += sum(value.count(c) for c in _SPECIAL_CHARS)
        if len(value) > width:
            import textwrap

            wrapped = textwrap.wrap(
                _escape(value),
                WRAP_WIDTH - 2,
                drop_whitespace=False,
                break_long_words=False,
            )
            pieces = ["", *(_unescape(piece) for piece in wrapped)]
        else:
            pieces = [value]
    lines = [f'{prefix}{keyword} "{_escape(pieces[0])}"']
    lines += [f'{prefix}"{_escape(piece)}"' for piece in pieces[1:]]
    return lines


def _render_header(file: CatalogueFile) -> str:
    value = "".join(f"{key}: {val}\n" for key, val in file.header)
    return _render(
        msgid="", msgstr=value, comments=file.header_comments, flags=file.header_flags
    )


def _render_term_entry(concept: Concept) -> str:
    return _render_entry(
        concept.comments,
        concept_metadata(concept),
        concept.references,
        concept.flags,
        None,
        concept.previous_term,
        None,
        concept.term,
        concept.target,
    )


def _render_definition_entry(concept: Concept) -> str:
    return _render_entry(
        concept.definition_comments,
        (),
        concept.definition_references,
        concept.definition_flags,
        None,
        concept.previous_definition,
        concept.definition_context,
        concept.definition or "",
        concept.definition_target,
    )


def _render_raw(entry: RawEntry) -> str:
    return _render(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        comments=entry.comments,
        extracted=entry.extracted,
        references=entry.references,
        flags=entry.flags,
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=entry.msgstr_plural,
        obsolete=entry.obsolete,
    )
