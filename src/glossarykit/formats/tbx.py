"""TBX-Basic 2008 (ISO 30042:2008, root ``martif``) and the TBX mapping both versions share.

OmegaT (3.6 and 6.x), Okapi and translate-toolkit read only this version; ``tbx3.py`` writes
TBX v3 with the same mapping (only element names and the namespace differ), and the reader
here accepts both. Where a field has no TBX-Basic data category it goes into a ``<note>`` as
``key: value``, the form of the PO comment it comes from. Whitespace inside ``<term>`` and
the other text elements is never added or trimmed: OmegaT takes it literally. Entries are
written one by one as text (``write_document``), the bytes lxml gives for the tree that
``build_document`` builds. lxml is imported inside the functions, so that ``glossary
--help`` does not load it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, BinaryIO

from .. import __version__
from ..errors import CatalogueError, CatalogueParseError, UnsupportedLocaleError
from ..langtags import from_bcp47, to_bcp47
from ..model import (
    COMMENT_ALT,
    COMMENT_AVOID,
    COMMENT_NOTE,
    COMMENT_RENDERING_SOURCE,
    Catalogue,
    Synonym,
    parse_comment,
)
from .base import ExportOptions, ReadResult, Unrecognised, concept_key, export_locales
from .fields import (
    COMMENT_SYNONYM,
    LOCALE_FIELDS,
    TEMPLATE_FIELDS,
    BaseTokens,
    base_token,
    concept_cells,
    concept_names,
    field_name,
    join,
    lines,
    parse_base_token,
    record_locales,
    split_field,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# ISO 12620 picklist values allowed by TBX-Basic (TBXBasicXCSV02.xcs, TBX-Basic_DCA.sch).
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
# A processing instruction in each entry: the field digests at export time (import uses
# them to tell who changed a field). CAT tools and the schemas ignore PIs.
BASE_PI = "glossarykit-base"
# Notes inside the head term's tig/termSec that carry entry-level PO data, as "key: value".
NOTE_FLAGS = "flags"
NOTE_DEFINITION_FLAGS = "definition-flags"
NOTE_DEFINITION_COMMENT = "definition-comment"
NOTE_TERM_TYPE = "term-type"
# termEntry-level notes: the #. metadata lines that have no data category of their own.
NOTE_ORIGIN = "origin"
NOTE_COMPONENTS = "components"
# Standard TBX 2008 DTD names a DOCTYPE may cite; they are never loaded.
KNOWN_DTDS = (
    "TBXBasiccoreStructV02.dtd",
    "TBXcoreStructV02.dtd",
    "TBXcoreStructV03.dtd",
)


@dataclass(frozen=True)
class Dialect:
    """Element names of one TBX version."""

    namespace: str | None
    entry: str
    lang: str
    term_group: str

    def tag(self, local: str) -> str:
        """The qualified tag of an element of this version."""
        return f"{{{self.namespace}}}{local}" if self.namespace else local

    def local(self, element: Any) -> str:
        """The local name of an element (``""`` for comments and PIs)."""
        if not isinstance(element.tag, str):
            return ""
        from lxml import etree

        return str(etree.QName(element).localname)


V2 = Dialect(None, "termEntry", "langSet", "tig")
V3 = Dialect("urn:iso:std:iso:30042:ed-2", "conceptEntry", "langSec", "termSec")


# ---------------------------------------------------------------- writing


class _Builder:
    def __init__(self, dialect: Dialect) -> None:
        self.d = dialect

    def add(
        self, parent: Any, local: str, text: str | None = None, **attrs: str
    ) -> Any:
        from lxml import etree

        element = etree.SubElement(parent, self.d.tag(local), attrs)
        if text is not None:
            element.text = text
        return element

    def notes(self, parent: Any, texts: Iterable[str]) -> None:
        for text in texts:
            self.add(parent, "note", text)


def write_entries(
    body: Any,
    records: list[dict[str, str]],
    locales: list[str],
    options: ExportOptions,
    dialect: Dialect,
) -> None:
    """Append one entry per record to ``body``."""
    b = _Builder(dialect)
    for values in records:
        _write_entry(b, body, values, locales, options)


def _write_entry(
    b: _Builder,
    body: Any,
    values: dict[str, str],
    locales: list[str],
    options: ExportOptions,
) -> None:
    from lxml import etree

    entry = b.add(body, b.d.entry)
    if values["id"]:
        entry.set("id", values["id"])
    if options.record_base:
        entry.append(etree.ProcessingInstruction(BASE_PI, base_token(values)))
    if values["domain"]:
        b.add(entry, "descrip", values["domain"], type="subjectField")
    metadata = []
    if values["origin"]:
        metadata.append(f"{NOTE_ORIGIN}: {values['origin']}")
    if values["components"]:
        metadata.append(f"{NOTE_COMPONENTS}: {values['components']}")
    b.notes(entry, metadata + lines(values["metadata"]))
    _write_source_side(b, entry, values, options)
    for locale in locales:
        side = {n: values[field_name(locale, n)] for n in LOCALE_FIELDS}
        if any(side.values()):
            _write_locale_side(b, entry, locale, side, options)


def _write_definition(
    b: _Builder, parent: Any, definition: str, references: list[str]
) -> None:
    if not definition:
        return
    if references:
        group = b.add(parent, "descripGrp")
        b.add(group, "descrip", definition, type="definition")
        for reference in references:
            b.add(group, "admin", reference, type="source")
    else:
        b.add(parent, "descrip", definition, type="definition")


def _term_group(
    b: _Builder,
    parent: Any,
    term: str,
    status: str,
    term_type: str = "",
    *,
    synonym: bool = False,
) -> Any:
    """A tig/termSec. A synonym whose type is not in the TBX picklist (or has none) says so
    in a ``term-type:`` note, so that import tells it from an admitted rendering."""
    group = b.add(parent, b.d.term_group)
    b.add(group, "term", term)
    if term_type in TERM_TYPES:
        b.add(group, "termNote", term_type, type="termType")
    b.add(group, "termNote", status, type="administrativeStatus")
    if (synonym or term_type) and term_type not in TERM_TYPES:
        b.add(group, "note", f"{NOTE_TERM_TYPE}: {term_type}")
    return group


def _entry_notes(b: _Builder, group: Any, side: dict[str, str]) -> None:
    if side["flags"]:
        b.add(group, "note", f"{NOTE_FLAGS}: {side['flags']}")
    if side["definition-flags"]:
        b.add(group, "note", f"{NOTE_DEFINITION_FLAGS}: {side['definition-flags']}")
    for line in lines(side["definition-comments"]):
        b.add(group, "note", f"{NOTE_DEFINITION_COMMENT}: {line}")


def _write_source_side(
    b: _Builder, entry: Any, values: dict[str, str], options: ExportOptions
) -> None:
    lang = b.add(entry, b.d.lang, **{XML_LANG: to_bcp47(None)})
    _write_definition(
        b, lang, values["definition"], lines(values["definition-references"])
    )
    b.notes(lang, lines(values["comments"]))
    head = _term_group(b, lang, values["term"], PREFERRED, values["term-type"])
    context = options.contexts.get(values["term"])
    if context:
        b.add(head, "descrip", context, type="context")
    for reference in lines(values["references"]):
        b.add(head, "admin", reference, type="source")
    _entry_notes(b, head, values)
    for synonym in map(Synonym.parse, lines(values["synonyms"])):
        _term_group(b, lang, synonym.term, ADMITTED, synonym.type, synonym=True)


def _write_locale_side(
    b: _Builder, entry: Any, locale: str, side: dict[str, str], options: ExportOptions
) -> None:
    lang = b.add(entry, b.d.lang, **{XML_LANG: to_bcp47(locale)})
    _write_definition(b, lang, side["definition"], [])
    avoid_notes = [] if options.forbidden_terms else lines(side[COMMENT_AVOID])
    b.notes(lang, [f"{COMMENT_AVOID}: {a}" for a in avoid_notes])
    b.notes(lang, [f"{COMMENT_NOTE}: {n}" for n in lines(side[COMMENT_NOTE])])
    b.notes(lang, lines(side["comments"]))
    head = _term_group(b, lang, side["rendering"], PREFERRED)
    for source in lines(side[COMMENT_RENDERING_SOURCE]):
        b.add(head, "admin", source, type="source")
    _entry_notes(b, head, side)
    for alt in lines(side[COMMENT_ALT]):
        _term_group(b, lang, alt, ADMITTED)
    for synonym in map(Synonym.parse, lines(side[COMMENT_SYNONYM])):
        _term_group(b, lang, synonym.term, ADMITTED, synonym.type, synonym=True)
    if options.forbidden_terms:
        for avoid in lines(side[COMMENT_AVOID]):
            _term_group(b, lang, avoid, DEPRECATED)


def serialise(root: Any) -> bytes:
    """The document as UTF-8 bytes, indented between elements only (never inside text)."""
    from lxml import etree

    etree.indent(root, space="  ")
    body = bytes(etree.tostring(root, encoding="UTF-8"))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def build_document(
    root: Any,
    body: Any,
    records: list[dict[str, str]],
    locales: list[str],
    options: ExportOptions,
    dialect: Dialect,
) -> bytes:
    """Fill ``body`` and serialise ``root``; XML-invalid characters give a CatalogueError."""
    try:
        write_entries(body, records, locales, options, dialect)
    except ValueError as exc:
        raise _unwritable(exc) from exc
    return serialise(root)


def _unwritable(exc: ValueError) -> CatalogueError:
    return CatalogueError(
        f"cannot write TBX: {exc}",
        hint="Remove control characters from the catalogue; XML cannot hold them",
    )


# ---------------------------------------------------------------- writing, streamed
#
# The fast path: each entry is rendered straight to the text that lxml gives for the tree
# ``_write_entry`` builds, indented as ``serialise`` indents it, and written at once, so
# no tree of the whole catalogue is ever built. An entry holding a character lxml refuses
# goes through ``_write_entry`` itself, which raises the error it always raised.

# What lxml refuses in text and attributes (ValueError; lone surrogates: UnicodeEncodeError).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The C0 controls among them, looked for one by one in each encoded batch (memchr), with
# U+FFFE and U+FFFF in the text and surrogates by encoding it: several times faster than
# the regular expression, which then finds the entries that hold one.
_CONTROL_BYTES = tuple(bytes([c]) for c in range(32) if c not in b"\t\n\r")
# The empty element that stands for the entries when the document's frame is serialised.
_ENTRIES = "glossarykit-entries"
# Entries rendered per write.
_BATCH = 512
# What etree.indent(space="  ") puts before an element at depth 3 (an entry) to 6.
_N3, _N4, _N5, _N6 = ("\n" + "  " * depth for depth in range(3, 7))


def _text(value: str) -> str:
    """Element text escaped as libxml2 writes it.

    >>> _text("a<b & c>\\r")
    'a&lt;b &amp; c&gt;&#13;'
    """
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _attr(value: str) -> str:
    """An attribute value escaped as libxml2 writes it.

    >>> _attr('a "b"\\n\\t&')
    'a &quot;b&quot;&#10;&#9;&amp;'
    """
    value = _text(value)
    for char, ref in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if char in value:
            value = value.replace(char, ref)
    return value


# The template and locale fields an entry shows, in the order render() and
# _locale_side() unpack them: the field order of the CSV columns and the base tokens.
_TEMPLATE_ORDER = TEMPLATE_FIELDS
_LOCALE_ORDER = LOCALE_FIELDS


class _EntryRenderer:
    """Renders one entry as text, element for element what ``_write_entry`` builds.

    It takes a concept's values as ``fields.concept_cells`` gives them, named by
    ``fields.concept_names``.
    """

    def __init__(
        self, dialect: Dialect, locales: list[str], options: ExportOptions
    ) -> None:
        self.locales = locales
        self.options = options
        self.contexts = options.contexts
        self.forbidden = options.forbidden_terms
        self.names = concept_names(locales)
        place = {name: at for at, name in enumerate(self.names)}
        self.base = BaseTokens(self.names) if options.record_base else None
        self.template = itemgetter(*(place[name] for name in _TEMPLATE_ORDER))
        self.entry = dialect.entry
        self.group = dialect.term_group
        self.group_open = f"{_N5}<{dialect.term_group}>{_N6}<term>"
        self.group_close = f"{_N5}</{dialect.term_group}>"
        self.source_lang = f'{_N4}<{dialect.lang} xml:lang="{_attr(to_bcp47(None))}">'
        # (the side's fields, its langSet start tag), per locale.
        self.sides = [
            (
                itemgetter(*(place[field_name(locale, n)] for n in _LOCALE_ORDER)),
                f'{_N4}<{dialect.lang} xml:lang="{_attr(to_bcp47(locale))}">',
            )
            for locale in locales
        ]
        self.lang_close = f"{_N4}</{dialect.lang}>"
        # The general path builds without the namespace: the text is the same, since
        # the namespace is the document's default one.
        self.builder = _Builder(
            Dialect(None, dialect.entry, dialect.lang, dialect.term_group)
        )

    def render(self, cells: list[str]) -> str:
        """The entry's text, from its start tag to its end tag."""
        (
            entry_id,
            term,
            term_type,
            synonyms,
            definition,
            origin,
            components,
            domain,
            metadata,
            references,
            definition_references,
            flags,
            definition_flags,
            comments,
            definition_comments,
        ) = self.template(cells)
        parts: list[str] = []
        add = parts.append
        add(f'<{self.entry} id="{_attr(entry_id)}">' if entry_id else f"<{self.entry}>")
        if self.base is not None:
            add(f"{_N4}<?{BASE_PI} {self.base(cells)}?>")
        if domain:
            add(f'{_N4}<descrip type="subjectField">{_text(domain)}</descrip>')
        if origin:
            add(f"{_N4}<note>{NOTE_ORIGIN}: {_text(origin)}</note>")
        if components:
            add(f"{_N4}<note>{NOTE_COMPONENTS}: {_text(components)}</note>")
        if metadata:
            for line in metadata.split("\n"):
                add(f"{_N4}<note>{_text(line)}</note>")
        # The Chinese side: definition, comments, the head term, synonyms.
        add(self.source_lang)
        if definition:
            self._definition(add, definition, definition_references)
        if comments:
            self._notes(add, "", comments)
        self._open_group(add, term, PREFERRED, term_type)
        context = self.contexts.get(term)
        if context:
            add(f'{_N6}<descrip type="context">{_text(context)}</descrip>')
        if references:
            for reference in references.split("\n"):
                add(f'{_N6}<admin type="source">{_text(reference)}</admin>')
        if flags or definition_flags or definition_comments:
            self._entry_notes(add, flags, definition_flags, definition_comments)
        add(self.group_close)
        if synonyms:
            for synonym in map(Synonym.parse, synonyms.split("\n")):
                self._group(add, synonym.term, ADMITTED, synonym.type, synonym=True)
        add(self.lang_close)
        for side, lang in self.sides:
            values = side(cells)
            if any(values):
                self._locale_side(add, lang, values)
        add(f"{_N3}</{self.entry}>")
        return "".join(parts)

    def render_with_lxml(self, cells: list[str]) -> str:
        """The general path: build the entry with lxml and serialise it.

        :raises ValueError: a value holds a character XML cannot (lxml's own error).
        """
        from lxml import etree

        body = etree.Element("body")
        values = dict(zip(self.names, cells, strict=True))
        _write_entry(self.builder, body, values, self.locales, self.options)
        entry = body[0]
        etree.indent(entry, space="  ", level=3)
        return bytes(etree.tostring(entry, encoding="UTF-8", with_tail=False)).decode()

    @staticmethod
    def _definition(add: Callable[[str], None], definition: str, sources: str) -> None:
        if sources:
            add(
                f'{_N5}<descripGrp>{_N6}<descrip type="definition">{_text(definition)}'
                "</descrip>"
            )
            for source in sources.split("\n"):
                add(f'{_N6}<admin type="source">{_text(source)}</admin>')
            add(f"{_N5}</descripGrp>")
        else:
            add(f'{_N5}<descrip type="definition">{_text(definition)}</descrip>')

    def _open_group(
        self,
        add: Callable[[str], None],
        term: str,
        status: str,
        term_type: str = "",
        *,
        synonym: bool = False,
    ) -> None:
        if term_type in TERM_TYPES:
            add(
                f'{self.group_open}{_text(term)}</term>{_N6}<termNote type="termType">'
                f'{term_type}</termNote>{_N6}<termNote type="administrativeStatus">'
                f"{status}</termNote>"
            )
            return
        add(
            f"{self.group_open}{_text(term)}</term>"
            f'{_N6}<termNote type="administrativeStatus">{status}</termNote>'
        )
        if synonym or term_type:
            add(f"{_N6}<note>{NOTE_TERM_TYPE}: {_text(term_type)}</note>")

    def _group(
        self,
        add: Callable[[str], None],
        term: str,
        status: str,
        term_type: str = "",
        *,
        synonym: bool = False,
    ) -> None:
        self._open_group(add, term, status, term_type, synonym=synonym)
        add(self.group_close)

    @staticmethod
    def _notes(add: Callable[[str], None], prefix: str, value: str) -> None:
        for item in value.split("\n"):
            add(f"{_N5}<note>{prefix}{_text(item)}</note>")

    @staticmethod
    def _entry_notes(
        add: Callable[[str], None], flags: str, definition_flags: str, comments: str
    ) -> None:
        if flags:
            add(f"{_N6}<note>{NOTE_FLAGS}: {_text(flags)}</note>")
        if definition_flags:
            flags = _text(definition_flags)
            add(f"{_N6}<note>{NOTE_DEFINITION_FLAGS}: {flags}</note>")
        if comments:
            for line in comments.split("\n"):
                add(f"{_N6}<note>{NOTE_DEFINITION_COMMENT}: {_text(line)}</note>")

    def _locale_side(
        self, add: Callable[[str], None], lang: str, values: tuple[str, ...]
    ) -> None:
        (
            rendering,
            definition,
            alts,
            avoids,
            notes,
            sources,
            comments,
            synonyms,
            flags,
            definition_flags,
            definition_comments,
        ) = values
        forbidden = self.forbidden
        add(lang)
        if definition:
            self._definition(add, definition, "")
        if avoids and not forbidden:
            self._notes(add, f"{COMMENT_AVOID}: ", avoids)
        if notes:
            self._notes(add, f"{COMMENT_NOTE}: ", notes)
        if comments:
            self._notes(add, "", comments)
        self._open_group(add, rendering, PREFERRED)
        if sources:
            for source in sources.split("\n"):
                add(f'{_N6}<admin type="source">{_text(source)}</admin>')
        if flags or definition_flags or definition_comments:
            self._entry_notes(add, flags, definition_flags, definition_comments)
        add(self.group_close)
        if alts:
            for alt in alts.split("\n"):
                self._group(add, alt, ADMITTED)
        if synonyms:
            for synonym in map(Synonym.parse, synonyms.split("\n")):
                self._group(add, synonym.term, ADMITTED, synonym.type, synonym=True)
        if avoids and forbidden:
            for avoid in avoids.split("\n"):
                self._group(add, avoid, DEPRECATED)
        add(self.lang_close)

    def encode(self, texts: list[str], records: list[list[str]]) -> bytes:
        """The rendered entries as UTF-8, each after the indentation of its line but the
        first; an entry with a character XML cannot hold is rendered by lxml instead.

        :raises CatalogueError: a value holds such a character (lxml's message).
        """
        chunk = _N3.join(texts)
        if "\ufffe" not in chunk and "\uffff" not in chunk:
            try:
                data = chunk.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate
                pass
            else:
                if not any(byte in data for byte in _CONTROL_BYTES):
                    return data
        texts = list(texts)
        for at, text in enumerate(texts):
            if _NOT_XML.search(text) is not None:
                texts[at] = self.lxml_text(records[at])
        return _N3.join(texts).encode("utf-8")

    def lxml_text(self, cells: list[str]) -> str:
        """:meth:`render_with_lxml`, its errors as the whole-tree writer gives them.

        :raises CatalogueError: a value holds a character XML cannot.
        """
        try:
            return self.render_with_lxml(cells)
        except ValueError as exc:
            raise _unwritable(exc) from exc


def write_document(
    stream: BinaryIO,
    root: Any,
    body: Any,
    catalogue: Catalogue,
    locales: list[str],
    options: ExportOptions,
    dialect: Dialect,
) -> None:
    """Write ``root`` (whose ``body`` is empty) with one entry per concept in ``body``,
    entry by entry: the same bytes as ``build_document`` without building the tree.

    :raises CatalogueError: a value holds a character XML cannot (nothing of the entry
        that holds it, or of any later one, is written).
    """
    from lxml import etree

    if not catalogue.concepts:
        stream.write(build_document(root, body, [], locales, options, dialect))
        return
    etree.SubElement(body, dialect.tag(_ENTRIES))
    head, _, tail = serialise(root).partition(f"<{_ENTRIES}/>".encode())
    renderer = _EntryRenderer(dialect, locales, options)
    render = renderer.render
    stream.write(head)
    texts: list[str] = []
    records: list[list[str]] = []
    separator = b""
    for cells in concept_cells(catalogue, locales):
        try:
            text = render(cells)
        except ValueError:
            # A lone surrogate (a digest encodes the value): an error in an earlier
            # entry comes first, then lxml's for this one.
            renderer.encode(texts, records)
            text = renderer.lxml_text(cells)
        texts.append(text)
        records.append(cells)
        if len(texts) == _BATCH:
            stream.write(separator + renderer.encode(texts, records))
            separator = _N3.encode()
            texts, records = [], []
    if texts:
        stream.write(separator + renderer.encode(texts, records))
    stream.write(tail)


# ---------------------------------------------------------------- reading


def parse_xml(data: bytes, path: str) -> Any:
    """Parse without entities, DTD loading or network; refuse DOCTYPEs that need them."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        reason = str(exc.msg if hasattr(exc, "msg") else exc)
        # One line: libxml2 ends some messages with a newline.
        reason = " ".join(reason.split(", line ")[0].split())
        raise CatalogueParseError(
            f"not well-formed XML ({reason})",
            path=path,
            line=line,
            hint="Fix the markup there",
        ) from exc
    info = root.getroottree().docinfo
    dtd = info.internalDTD
    if dtd is not None and (list(dtd.iterelements()) or list(dtd.entities())):
        raise CatalogueParseError(
            "the DOCTYPE declares entities or elements; refused (entity expansion)",
            path=path,
            line=1,
            hint="Remove the DOCTYPE's [...] internal subset",
        )
    system = info.system_url
    if system and system not in KNOWN_DTDS:
        raise CatalogueParseError(
            f"the DOCTYPE names an external DTD ({system}); refused",
            path=path,
            line=1,
            hint="Remove the DOCTYPE line; TBX files need none",
        )
    return root


class _Reader:
    def __init__(self, dialect: Dialect, result: ReadResult, path: str = "") -> None:
        self.d = dialect
        self.result = result
        self.path = path

    def unknown(self, element: Any, where: str = "") -> None:
        local = self.d.local(element)
        kind = element.get("type")
        what = f'<{local} type="{kind}">' if kind else f"<{local}>"
        self.result.unrecognised.append(
            Unrecognised(element.sourceline, f"{what}{where} (no glossary field)")
        )

    def children(self, element: Any) -> list[tuple[str, str, Any]]:
        """(local name, type, element) of every child element, PIs left out."""
        return [
            (self.d.local(c), c.get("type") or "", c)
            for c in element
            if isinstance(c.tag, str)
        ]

    def read_entry(self, entry: Any) -> dict[str, str]:
        from lxml import etree

        values = dict.fromkeys(TEMPLATE_FIELDS, "")
        values["id"] = entry.get("id") or ""
        metadata: list[str] = []
        base = ""
        for child in entry:
            if child.tag is etree.PI and child.target == BASE_PI:
                base = child.text or ""
        for local, kind, child in self.children(entry):
            text = child.text or ""
            if local == "descrip" and kind == "subjectField":
                values["domain"] = text
            elif local == "note":
                parsed = parse_comment(text)
                if parsed and parsed[0] == NOTE_ORIGIN:
                    values["origin"] = parsed[1]
                elif parsed and parsed[0] == NOTE_COMPONENTS:
                    values["components"] = parsed[1]
                else:
                    metadata.append(text)
            elif local == self.d.lang:
                self.read_lang(child, values)
            else:
                self.unknown(child)
        values["metadata"] = join(metadata)
        if base:
            key = concept_key(values["id"], values["term"])
            self.result.bases[key] = parse_base_token(base)
        return values

    def read_lang(self, lang: Any, values: dict[str, str]) -> None:
        tag = lang.get(XML_LANG) or ""
        if not tag.strip():
            # TBX requires it; without it nothing says whose term or definition this is.
            raise CatalogueParseError(
                f"a <{self.d.lang}> without xml:lang",
                path=self.path or None,
                line=lang.sourceline,
                hint='Give it its language, e.g. xml:lang="en"',
            )
        try:
            locale = from_bcp47(tag)
        except UnsupportedLocaleError:
            self.unknown(lang, f' xml:lang="{tag}"')
            return
        comments: list[str] = []
        definition = ""
        references: list[str] = []
        groups = []
        for local, kind, child in self.children(lang):
            if local == "descrip" and kind == "definition":
                definition = child.text or ""
            elif local == "descripGrp":
                definition, references = self.read_definition_group(child)
            elif local == "note":
                comments.append(child.text or "")
            elif local == self.d.term_group:
                groups.append(child)
            else:
                self.unknown(child)
        if locale is None:
            self.read_source_side(values, definition, references, comments, groups)
        else:
            if references:
                self.unknown(lang, " (sources of a translated definition)")
            self.read_locale_side(values, locale, definition, comments, groups)

    def read_definition_group(self, group: Any) -> tuple[str, list[str]]:
        definition, references = "", []
        for local, kind, child in self.children(group):
            if local == "descrip" and kind == "definition":
                definition = child.text or ""
            elif local == "admin" and kind == "source":
                references.append(child.text or "")
            else:
                self.unknown(child)
        return definition, references

    def read_term_group(self, group: Any) -> dict[str, Any]:
        term: dict[str, Any] = {
            "term": "",
            "status": "",
            "type": "",
            "sources": [],
            "notes": {},
            "comments": [],
        }
        for local, kind, child in self.children(group):
            text = child.text or ""
            if local == "term":
                term["term"] = text
            elif local == "termNote" and kind == "administrativeStatus":
                term["status"] = text
            elif local == "termNote" and kind == "termType":
                term["type"] = text
            elif local == "admin" and kind == "source":
                term["sources"].append(text)
            elif local == "descrip" and kind == "context":
                pass  # derived from the first reference's source line on export
            elif local == "note":
                parsed = parse_comment(text)
                reserved = (
                    NOTE_FLAGS,
                    NOTE_DEFINITION_FLAGS,
                    NOTE_DEFINITION_COMMENT,
                    NOTE_TERM_TYPE,
                )
                if parsed and parsed[0] in reserved:
                    term["notes"].setdefault(parsed[0], []).append(parsed[1])
                else:
                    term["comments"].append(text)
            else:
                self.unknown(child)
        if not term["type"] and NOTE_TERM_TYPE in term["notes"]:
            term["type"] = term["notes"][NOTE_TERM_TYPE][0]
        term["synonym"] = bool(term["type"]) or NOTE_TERM_TYPE in term["notes"]
        return term

    def split_terms(
        self, groups: list[Any]
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        terms = [self.read_term_group(g) for g in groups]
        if not terms:
            return None, []
        head = next((t for t in terms if t["status"] == PREFERRED), terms[0])
        return head, [t for t in terms if t is not head]

    @staticmethod
    def entry_fields(head: dict[str, Any]) -> dict[str, str]:
        notes = head["notes"]
        return {
            "flags": ", ".join(notes.get(NOTE_FLAGS, [])),
            "definition-flags": ", ".join(notes.get(NOTE_DEFINITION_FLAGS, [])),
            "definition-comments": join(notes.get(NOTE_DEFINITION_COMMENT, [])),
        }

    def read_source_side(
        self,
        values: dict[str, str],
        definition: str,
        references: list[str],
        comments: list[str],
        groups: list[Any],
    ) -> None:
        head, others = self.split_terms(groups)
        if head is None:
            return
        values["term"] = head["term"]
        values["term-type"] = head["type"]
        values["references"] = join(head["sources"])
        values["definition"] = definition
        values["definition-references"] = join(references)
        values["comments"] = join([*comments, *head["comments"]])
        values.update(self.entry_fields(head))
        synonyms = []
        for term in others:
            if term["status"] in (DEPRECATED, SUPERSEDED) or term["sources"]:
                self.result.unrecognised.append(
                    Unrecognised(
                        None,
                        f"{term['term']!r}: a Chinese term marked {term['status'] or 'with a source'} (no glossary field)",
                    )
                )
                continue
            synonyms.append(str(Synonym(term["term"], term["type"])))
        values["synonyms"] = join(synonyms)

    def read_locale_side(
        self,
        values: dict[str, str],
        locale: str,
        definition: str,
        comments: list[str],
        groups: list[Any],
    ) -> None:
        head, others = self.split_terms(groups)
        side = dict.fromkeys(LOCALE_FIELDS, "")
        side["definition"] = definition
        if head is not None:
            side["rendering"] = head["term"]
            comments = [*comments, *head["comments"]]
            comments += [f"{COMMENT_RENDERING_SOURCE}: {s}" for s in head["sources"]]
            side.update(self.entry_fields(head))
        for term in others:
            if term["synonym"]:
                line = f"{COMMENT_SYNONYM}: {Synonym(term['term'], term['type'])}"
            elif term["status"] in (DEPRECATED, SUPERSEDED):
                line = f"{COMMENT_AVOID}: {term['term']}"
            else:
                line = f"{COMMENT_ALT}: {term['term']}"
            comments.append(line)
            comments += term["comments"]
        split = _split_comments(comments)
        for name in (
            COMMENT_ALT,
            COMMENT_AVOID,
            COMMENT_NOTE,
            COMMENT_RENDERING_SOURCE,
            COMMENT_SYNONYM,
            "comments",
        ):
            side[name] = join(split[name])
        values.update({field_name(locale, k): v for k, v in side.items()})


def _split_comments(comments: list[str]) -> dict[str, list[str]]:
    keys = (
        COMMENT_ALT,
        COMMENT_AVOID,
        COMMENT_NOTE,
        COMMENT_RENDERING_SOURCE,
        COMMENT_SYNONYM,
    )
    split: dict[str, list[str]] = {key: [] for key in (*keys, "comments")}
    for line in comments:
        parsed = parse_comment(line)
        if parsed and parsed[0] in keys:
            split[parsed[0]].append(parsed[1])
        else:
            split["comments"].append(line)
    return split


def read_entries(root: Any, dialect: Dialect, path: str = "") -> ReadResult:
    """Read every entry under ``root``'s text/body into flat records.

    :raises CatalogueParseError: there is no text/body, or a langSet has no xml:lang.
    """
    result = ReadResult()
    reader = _Reader(dialect, result, path)
    body = root.find(f"{dialect.tag('text')}/{dialect.tag('body')}")
    if body is None:
        raise CatalogueParseError(
            "has no <text><body>, so no entries: not a complete TBX document",
            path=path or None,
            line=root.sourceline,
            hint="Export it again from the terminology tool",
        )
    entries = body.findall(dialect.tag(dialect.entry))
    for entry in entries:
        result.add(reader.read_entry(entry), entry.sourceline)
    result.fields = carried_fields(result)
    return result


def carried_fields(result: ReadResult) -> set[str]:
    """The fields a TBX file carries: id and term, and any field that has a value somewhere
    (in a record or in an export-time digest). A file from another tool thus leaves the
    fields it knows nothing of (origin, references...) alone."""
    fields = {"id", "term"}
    for values in result.records:
        fields.update(k for k, v in values.items() if v)
    for base in result.bases.values():
        fields.update(base)
    for locale in record_locales(fields):
        fields.add(field_name(locale, "rendering"))
    return {f for f in fields if split_field(f)[1] in (TEMPLATE_FIELDS + LOCALE_FIELDS)}


# ---------------------------------------------------------------- TBX 2008


XCS_URI = "TBXBasicXCSV02.xcs"


def source_description(locales: list[str]) -> str:
    """The sourceDesc paragraph: what the file holds and where it comes from."""
    held = f" and the locales {', '.join(locales)}" if locales else ""
    return (
        f"Exported by glossarykit {__version__} from the template glossary/glossary.pot"
        f"{held}. Edit it and bring it back with `glossary import`."
    )


class TbxFormat:
    """TBX-Basic 2008 (martif / termEntry / langSet / tig)."""

    name: str = "tbx"
    extensions: tuple[str, ...] = (".tbx",)
    description: str = (
        "CAT tools: OmegaT, Okapi, translate-toolkit/Weblate, memoQ, Trados"
    )
    can_read: bool = True
    can_write: bool = True

    def write(
        self, catalogue: Catalogue, stream: BinaryIO, options: ExportOptions
    ) -> None:
        """Write a TBX-Basic 2008 document (no DOCTYPE: the XCSURI names the dialect)."""
        from lxml import etree

        locales = export_locales(catalogue, options)
        root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "zh-Hans"})
        header = etree.SubElement(root, "martifHeader")
        file_desc = etree.SubElement(header, "fileDesc")
        etree.SubElement(
            etree.SubElement(file_desc, "titleStmt"), "title"
        ).text = options.title
        source = etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p")
        source.text = source_description(locales)
        encoding = etree.SubElement(header, "encodingDesc")
        etree.SubElement(encoding, "p", type="XCSURI").text = XCS_URI
        body = etree.SubElement(etree.SubElement(root, "text"), "body")
        write_document(stream, root, body, catalogue, locales, options, V2)

    def read(self, stream: BinaryIO, path: str) -> ReadResult:
        """Read TBX 2008 or v3 (picked by the root element)."""
        return read_tbx(stream.read(), path)


def read_tbx(data: bytes, path: str) -> ReadResult:
    """Read either TBX version into flat records (see ``tbxmapping``)."""
    from lxml import etree

    root = parse_xml(data, path)
    name = etree.QName(root)
    if name.localname == "martif" and name.namespace is None:
        return read_entries(root, V2, path)
    if name.localname == "tbx" and name.namespace == V3.namespace:
        return read_entries(root, V3, path)
    raise CatalogueParseError(
        f"not a TBX file (the root element is <{name.localname}>)",
        path=path,
        line=root.sourceline,
        hint="Expected <martif> (TBX 2008) or <tbx> in the ISO 30042:2019 namespace",
    )


TBX = TbxFormat()
