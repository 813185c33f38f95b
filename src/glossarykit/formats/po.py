"""Read and write gettext PO/POT catalogue files (DESIGN.md §3) through polib.

The only module that imports polib. Reading is strict (UTF-8, well-formed); the writer's
output is the canonical form, so read -> write of a file it wrote is byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import polib

from ..errors import CatalogueError, CatalogueParseError
from ..model import (
    DEFINITION_CONTEXT,
    CatalogueFile,
    Concept,
    RawEntry,
    Reference,
    Synonym,
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

_POLIB_LINE_RE = re.compile(r"line (\d+)")

# polib accepts unterminated strings and unknown escapes that msgfmt rejects, so every
# string line is checked first against the gettext manual's PO syntax.
_STRING = r'"(?:[^"\\]|\\[\\"abfnrtv?\']|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"'
_LINE_RE = re.compile(
    rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?{_STRING}"
)
_KEYWORD_RE = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\b")


def read_po(path: Path) -> CatalogueFile:
    """Read a PO or POT file into a :class:`CatalogueFile`.

    :raises CatalogueError: the file is missing or unreadable.
    :raises CatalogueParseError: it is not UTF-8 or not well-formed PO.
    """
    data = _read_bytes(path)
    _check_syntax(_check_encoding(data, path), path)
    try:
        po = polib.pofile(str(path), encoding="utf-8", wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError, KeyError, IndexError, UnicodeError) as exc:
        match = _POLIB_LINE_RE.search(str(exc))
        raise CatalogueParseError(
            "not a well-formed PO file (" + _polib_reason(str(exc)) + ")",
            path=path,
            line=int(match.group(1)) if match else None,
            hint="Check the quoting of msgid/msgstr lines there, or run `msgfmt --check` on it",
        ) from exc
    return _to_catalogue_file(po, path)


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
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
            if line.startswith("|"):
                continue
        if not line or line.startswith("#") or _LINE_RE.fullmatch(line):
            continue
        raise CatalogueParseError(
            _syntax_problem(line), path=path, line=number, hint=_SYNTAX_HINT
        )


_SYNTAX_HINT = "Fix that line (msgfmt --check shows the same problem)"


def _syntax_problem(line: str) -> str:
    keyword = _KEYWORD_RE.match(line)
    rest = line[keyword.end() :].strip() if keyword else line
    if not rest.startswith('"'):
        return (
            "expected a quoted string" if keyword else f"unexpected text {line[:20]!r}"
        )
    if re.search(r'\\[^\\"abfnrtv?\'0-7x]', rest):
        return "invalid escape sequence in a string"
    return "unterminated string (a missing or unescaped double quote)"


def _polib_reason(message: str) -> str:
    # polib's messages embed the path and line; keep only what went wrong.
    reason = re.sub(
        r"^Syntax error in po file.*?\(line \d+\)\s*:?\s*", "", message
    ).strip()
    return reason or "syntax error"


def _lines(text: str | None) -> list[str]:
    return text.split("\n") if text else []


def _locale_of(po: polib.POFile, path: Path) -> str | None:
    if path.suffix == ".pot":
        return None
    language = (po.metadata.get("Language") or "").strip()
    if language:
        return language
    # locales/<locale>/LC_MESSAGES/<domain>.po
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return ""


def _to_catalogue_file(po: polib.POFile, path: Path) -> CatalogueFile:
    file = CatalogueFile(
        locale=_locale_of(po, path),
        header=list(po.metadata.items()),
        header_comments=_lines(po.header),
        header_flags=["fuzzy"] if po.metadata_is_fuzzy else [],
        path=path,
    )
    terms: dict[str, Concept] = {}
    definitions: list[polib.POEntry] = []
    for entry in po:
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
        term = entry.msgctxt[len(DEFINITION_CONTEXT) :]
        owner = terms.get(term)
        if owner is None or owner.definition is not None:
            owner = Concept(term=term)
            file.unpaired.append(owner)
        _attach_definition(owner, entry)
    return file


def _is_definition(entry: polib.POEntry) -> bool:
    return bool(entry.msgctxt) and entry.msgctxt.startswith(DEFINITION_CONTEXT)


def _to_concept(entry: polib.POEntry) -> Concept:
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


def _attach_definition(concept: Concept, entry: polib.POEntry) -> None:
    concept.definition = entry.msgid
    concept.definition_target = entry.msgstr
    concept.definition_references = [_reference(o) for o in entry.occurrences]
    concept.definition_flags = list(entry.flags)
    concept.definition_comments = _lines(entry.tcomment)
    concept.previous_definition = entry.previous_msgid
    concept.definition_line = entry.linenum or 0


def _reference(occurrence: tuple[str, str]) -> Reference:
    path, line = occurrence
    return Reference(path, int(line)) if line and line.isdigit() else Reference(path)


def _to_raw(entry: polib.POEntry) -> RawEntry:
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
    lines.extend(f"{_META_SYNONYM}: {s}" for s in concept.synonyms)
    if concept.components:
        lines.append(
            f"{_META_COMPONENTS}: {COMPONENT_SEPARATOR.join(concept.components)}"
        )
    if concept.domain:
        lines.append(f"{_META_DOMAIN}: {concept.domain}")
    lines.extend(f"{k}: {v}" if k else v for k, v in concept.metadata)
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


def _render_header(file: CatalogueFile) -> str:
    value = "".join(f"{key}: {val}\n" for key, val in file.header)
    return _render(
        msgid="", msgstr=value, comments=file.header_comments, flags=file.header_flags
    )


def _render_term_entry(concept: Concept) -> str:
    return _render(
        msgid=concept.term,
        msgstr=concept.target,
        comments=concept.comments,
        extracted=concept_metadata(concept),
        references=concept.references,
        flags=concept.flags,
        previous_msgid=concept.previous_term,
    )


def _render_definition_entry(concept: Concept) -> str:
    return _render(
        msgctxt=concept.definition_context,
        msgid=concept.definition or "",
        msgstr=concept.definition_target,
        comments=concept.definition_comments,
        references=concept.definition_references,
        flags=concept.definition_flags,
        previous_msgid=concept.previous_definition,
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
