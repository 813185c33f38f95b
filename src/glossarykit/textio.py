"""Read the Chinese text files users hand us (reports, aligned TSV): UTF-8, BOMs, GB18030.

Decoding is strict: a file that no codec reads cleanly is an error naming its line, never
text with replacement characters. No knowledge of catalogues or formats lives here.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from .errors import CatalogueError, CatalogueParseError, GlossaryError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of non-ASCII characters that must be in GB2312 (the 6,763 common ideographs plus
# CJK punctuation, kana, Greek, Cyrillic) for bytes that decode as GB18030 to count as Chinese.
_GB_MIN_SHARE = 0.8
_ENCODING_HINT = "Save it as UTF-8, or name its encoding with --encoding (e.g. gb18030)"
# A year of a government's reports is a few MB; past this a file is a mistake or an attack,
# and is refused before it is read (a sparse or endless file must not fill the memory).
MAX_TEXT_BYTES = 64 * 1024 * 1024


def read_text(path: Path | str, encoding: str | None = None) -> str:
    """Read a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    :param encoding: a codec name that overrides detection (``gb18030``, ``big5``...).
    :raises CatalogueError: the file is missing or unreadable.
    :raises CatalogueParseError: it is binary or does not decode; the message names the line.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_TEXT_BYTES:
                raise _too_large(path, info.st_size)
            # A device or pipe has no size: read one byte past the limit to tell.
            data = handle.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError as exc:
        raise CatalogueError("no such file", path=path, hint="Check the path") from exc
    except IsADirectoryError as exc:
        raise CatalogueError("is a folder, not a text file", path=path) from exc
    except OSError as exc:
        raise CatalogueError(
            f"cannot read the file ({exc.strerror})", path=path
        ) from exc
    if len(data) > MAX_TEXT_BYTES:
        raise _too_large(path, None)
    return decode_text(data, path, encoding)


def _too_large(path: Path, size: int | None) -> CatalogueError:
    limit = MAX_TEXT_BYTES // 2**20
    shown = (
        f"is {size / 2**20:,.0f} MiB"
        if size is not None
        else f"goes on past {limit} MiB"
    )
    return CatalogueError(
        f"{shown}; glossary reads texts of up to {limit} MiB",
        path=path,
        hint="Split it into smaller files, e.g. `split -C 32M FILE part-`",
    )


def decode_text(data: bytes, path: Path | str, encoding: str | None = None) -> str:
    """Decode bytes read from ``path`` (or stdin, named ``-``) as :func:`read_text` does.

    >>> decode_text("三社联动".encode("gb18030"), "-")
    '三社联动'
    >>> decode_text(b"\\xef\\xbb\\xbfabc", "-")
    'abc'
    """
    text = _decode(data, path, encoding)
    if not text.strip():
        raise CatalogueError(
            "holds no text (it is empty or only white space)",
            path=path,
            hint="Check the path, or give a file with text in it",
        )
    return text


def _decode(data: bytes, path: Path | str, encoding: str | None) -> str:
    if encoding:
        return _decode_as(data, path, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, path, codec)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CatalogueParseError(
            "is binary, not text (it holds a NUL byte)",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
            hint="Give a plain-text file (UTF-8 or GB18030)",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_chinese(text):
            return text
        raise CatalogueParseError(
            "is neither UTF-8 nor GB18030 text",
            path=path,
            line=data.count(b"\n", 0, utf8_error.start) + 1,
            hint=_ENCODING_HINT,
        ) from utf8_error


def _decode_as(data: bytes, path: Path | str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise GlossaryError(
            f"unknown encoding {encoding!r}",
            hint="Name a Python codec such as utf-8, gb18030 or big5",
        ) from exc
    if data.startswith(codecs.BOM_UTF8) and encoding.lower().replace("_", "-") in (
        "utf-8",
        "utf8",
    ):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CatalogueParseError(
            f"does not decode as {encoding}",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            hint=_ENCODING_HINT,
        ) from exc


def _looks_chinese(text: str) -> bool:
    """True when the non-ASCII characters of ``text`` are mostly common (GB2312) ones.

    GB18030 decodes many byte sequences that are really Latin-1 or Shift-JIS; those come
    out as rare ideographs (Latin-1 "Ärger über" reads as 膔ger 黚er), which this turns away.

    >>> _looks_chinese("深化三社联动。"), _looks_chinese("膔ger 黚er 謑")
    (True, False)
    """
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return True
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common / len(wide) >= _GB_MIN_SHARE


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
