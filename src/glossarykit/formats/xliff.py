"""Read XLIFF 1.2 and 2.0 translations as aligned segments (for ``glossary check``), with lxml.

XML is parsed with entity expansion, DTD loading and network access off (DESIGN.md §7); a
document that declares entities is refused rather than read with them left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import CatalogueError, CatalogueParseError
from .segments import Segment

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"

# Inline elements whose content is native code, not text (XLIFF 1.2 §2.5.2, 2.0 §4.2.2).
_CODE_12 = {"bpt", "ept", "ph", "it", "sub"}
_CODE_20 = {"ph", "sc", "ec", "sm", "em"}


def read_xliff(path: Path) -> list[Segment]:
    """Read the source/target segments of an XLIFF 1.x or 2.x file, in document order.

    Units marked ``translate="no"`` are left out; a missing target reads as empty.

    :raises CatalogueParseError: not well-formed XML, not XLIFF, or it declares entities.
    """
    root = _parse(path)
    if _local(root) != "xliff":
        raise CatalogueParseError(
            f"is not XLIFF (its root element is <{_local(root)}>)",
            path=path,
            line=root.sourceline,
            hint="Give an XLIFF 1.2 or 2.0 file, a bilingual PO or a TSV",
        )
    version = root.get("version") or ""
    namespace = etree.QName(root).namespace or ""
    if version.startswith("2.") or (not version and namespace == NS_20):
        return list(_segments_20(root, namespace))
    if version.startswith("1.") or (not version and namespace == NS_12):
        return list(_segments_12(root, namespace))
    raise CatalogueParseError(
        f"is XLIFF version {version or '(none)'}, which glossary does not read",
        path=path,
        line=root.sourceline,
        hint="Export it as XLIFF 1.2 or 2.0",
    )


def _parse(path: Path) -> Any:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CatalogueError("no such file", path=path, hint="Check the path") from exc
    except OSError as exc:
        raise CatalogueError(
            f"cannot read the file ({exc.strerror})", path=path
        ) from exc
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # libxml2 puts the position into the message too; the error carries it already.
        reason = re.sub(r",? line \d+, column \d+$", "", " ".join(exc.msg.split()))
        raise CatalogueParseError(
            f"is not well-formed XML ({reason})",
            path=path,
            line=exc.lineno or None,
            hint="Fix the XML there, or export the file again from the CAT tool",
        ) from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise CatalogueParseError(
            "declares XML entities, which glossary does not expand (for safety)",
            path=path,
            line=1,
            hint="Remove the DOCTYPE; XLIFF needs none",
        )
    return root


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def _text(element: Any, code: set[str]) -> str:
    """The translatable text of ``element``: inline markup kept, native code left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            local = _local(child)
            if local == "cp":  # XLIFF 2.0: a code point XML cannot hold
                parts.append(_code_point(child.get("hex", "")))
            elif local not in code:
                parts.append(_text(child, code))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""


def _is_excluded(element: Any) -> bool:
    return bool(element.get("translate") == "no")


def _segments_12(root: Any, ns: str) -> Iterator[Segment]:
    q = f"{{{ns}}}" if ns else ""
    for unit in root.iter(f"{q}trans-unit"):
        if _is_excluded(unit):
            continue
        unit_id = unit.get("id", "")
        source = unit.find(f"{q}source")
        target = unit.find(f"{q}target")
        seg_source = unit.find(f"{q}seg-source")
        if seg_source is not None:
            # Segmented unit: pair <mrk mtype="seg"> of seg-source and target by mid.
            targets = {}
            if target is not None:
                targets = {
                    m.get("mid"): m
                    for m in target.iter(f"{q}mrk")
                    if m.get("mtype") == "seg"
                }
            marks = [m for m in seg_source.iter(f"{q}mrk") if m.get("mtype") == "seg"]
            if marks:
                for mark in marks:
                    mid = mark.get("mid", "")
                    tgt = targets.get(mid)
                    yield Segment(
                        mark.sourceline or 0,
                        _text(mark, _CODE_12).strip(),
                        _text(tgt, _CODE_12).strip() if tgt is not None else "",
                        f"{unit_id}/{mid}",
                    )
                continue
        if source is None:
            continue
        yield Segment(
            source.sourceline or 0,
            _text(source, _CODE_12).strip(),
            _text(target, _CODE_12).strip() if target is not None else "",
            unit_id,
        )


def _segments_20(root: Any, ns: str) -> Iterator[Segment]:
    q = f"{{{ns}}}" if ns else ""
    for unit in root.iter(f"{q}unit"):
        if _is_excluded(unit):
            continue
        unit_id = unit.get("id", "")
        for index, segment in enumerate(unit.iter(f"{q}segment"), start=1):
            source = segment.find(f"{q}source")
            if source is None:
                continue
            target = segment.find(f"{q}target")
            yield Segment(
                source.sourceline or 0,
                _text(source, _CODE_20).strip(),
                _text(target, _CODE_20).strip() if target is not None else "",
                f"{unit_id}/{segment.get('id') or index}",
            )
