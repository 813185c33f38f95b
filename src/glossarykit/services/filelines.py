"""The text lines of a catalogue file, read on demand, for the line numbers of findings.

``FileLines(path)`` is the sequence ``path.read_text(encoding="utf-8").split("\\n")`` would
give, without holding a list of every line (2.8 million lines and ~150 MiB for the
100,000-concept benchmark catalogue) when only the lines near a few findings are read.
"""

from __future__ import annotations

import bisect
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

# Bytes per block of the line index, and how many blocks are kept split into lines.
BLOCK_SIZE = 1 << 14
_CACHED_BLOCKS = 16
_READ_SIZE = 1 << 20


class FileLines(Sequence[str]):
    """The lines of a UTF-8 file, as ``read_text(encoding="utf-8").split("\\n")`` has them.

    On first use one pass over the file counts the newlines of each block of
    ``BLOCK_SIZE`` bytes (a few kilobytes of index); a line is then read from its block.
    That is exact for a UTF-8 file (the PO reader has accepted it as one) with no carriage
    return. A file with one is read whole and split as before, since text mode's universal
    newlines also end a line at a lone CR. A file that cannot be read has no lines.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._loaded = False
        self._whole: list[str] | None = None  # the fallback: every line
        self._starts = array("q")  # newlines before each block
        self._newlines = 0
        self._blocks: OrderedDict[int, list[bytes]] = OrderedDict()

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            with self.path.open("rb") as stream:
                pending = b""
                while chunk := stream.read(_READ_SIZE):
                    if b"\r" in chunk:
                        self._whole = _read_lines(self.path)
                        return
                    data = pending + chunk if pending else chunk
                    full = len(data) - len(data) % BLOCK_SIZE
                    for at in range(0, full, BLOCK_SIZE):
                        self._count_block(data, at)
                    pending = data[full:]
                if pending or not self._starts:
                    self._count_block(pending, 0)
        except OSError:
            self._whole = []

    def _count_block(self, data: bytes, at: int) -> None:
        self._starts.append(self._newlines)
        self._newlines += data.count(b"\n", at, at + BLOCK_SIZE)

    def __len__(self) -> int:
        self._load()
        if self._whole is not None:
            return len(self._whole)
        return self._newlines + 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        self._load()
        if self._whole is not None:
            return self._whole[index]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        # Line ``index`` starts after newline number ``index``: find its block.
        block = 0 if index == 0 else bisect.bisect_left(self._starts, index) - 1
        parts = self._block(block)
        at = index - self._starts[block]
        piece = parts[at]
        if at < len(parts) - 1:
            return _decode(piece)
        # The line goes on in the next blocks (up to its newline or the end of the file).
        pieces = [piece]
        while (block := block + 1) < len(self._starts):
            parts = self._block(block)
            pieces.append(parts[0])
            if len(parts) > 1:
                break
        return _decode(b"".join(pieces))

    def __iter__(self) -> Iterator[str]:
        self._load()
        if self._whole is not None:
            yield from self._whole
            return
        try:
            with self.path.open("rb") as stream:
                rest = b""
                while chunk := stream.read(_READ_SIZE):
                    parts = (rest + chunk).split(b"\n")
                    rest = parts.pop()
                    for part in parts:
                        yield _decode(part)
                yield _decode(rest)
        except OSError:
            return

    def _block(self, block: int) -> list[bytes]:
        """The bytes of one block split at newlines (cached: findings come in file order)."""
        parts = self._blocks.get(block)
        if parts is not None:
            self._blocks.move_to_end(block)
            return parts
        try:
            with self.path.open("rb") as stream:
                stream.seek(block * BLOCK_SIZE)
                data = stream.read(BLOCK_SIZE)
        except OSError:
            data = b""
        parts = data.split(b"\n")
        self._blocks[block] = parts
        if len(self._blocks) > _CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return parts


def _decode(data: bytes) -> str:
    # The reader has checked that the file is UTF-8; a file changed since reads as it can.
    return data.decode("utf-8", "replace")


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []
