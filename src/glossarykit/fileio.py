"""Atomic file writes (temp file in the target's folder, fsync, ``os.replace``) and file locks.

An interrupted command therefore leaves each file either old or new, never a mix. Writing
several files renders and syncs every temp file first and renames them only then, so a
kill during the slow part leaves all of them old. The lock is advisory (``flock``): the
kernel drops it when its process dies, so a killed command never leaves it stuck.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .errors import CatalogueError, CatalogueLockedError

# How often a waiting writer tries the lock again, in seconds.
_LOCK_POLL = 0.05
# The largest source document read_source_text reads (as textio.MAX_TEXT_BYTES).
MAX_SOURCE_BYTES = 64 * 1024 * 1024


def read_source_text(path: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    """The UTF-8 text of a source document that a catalogue cites (``#: path:line``).

    The path comes from the catalogue, so from whoever wrote it: only a regular file of
    at most ``limit`` bytes is read (``#: /dev/zero:1`` must not read forever).

    :raises OSError: missing, not a regular file, or larger than ``limit``.
    :raises UnicodeDecodeError: not UTF-8.
    """
    # stat before open: opening a FIFO would wait for a writer.
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        raise OSError(f"not a regular file of at most {limit} bytes: {path}")
    with open(path, "rb") as handle:
        return handle.read(limit + 1)[:limit].decode("utf-8")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (text is encoded as UTF-8)."""
    atomic_write_many([(Path(path), data)])


def atomic_write_many(items: Sequence[tuple[Path, bytes | str]]) -> None:
    """Write several files, each atomically: every temp file is written and synced before
    the first rename, so an error or a kill before that point changes none of them.

    :raises CatalogueError: a folder cannot be created or a file cannot be written.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in items:
            staged.append((_stage(Path(path), data), Path(path)))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _write_error(exc, path) from exc
    except BaseException:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for folder in {path.parent for _, path in staged}:
        _sync_folder(folder)


def _stage(path: Path, data: bytes | str) -> str:
    """Write ``data`` to a synced temp file beside ``path``; return the temp file's name."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _give_mode(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(exc, path) from exc
        raise
    return tmp


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` atomically through a binary stream, as :func:`atomic_write` does.

    The block writes to a temp file beside ``path``; when it ends normally the file is
    synced and renamed over ``path``. When it raises, the temp file and any folder this
    made are removed and ``path`` is left as it was. A SIGKILL leaves at most a temp file.

    :raises CatalogueError: the folder or the file cannot be written (an ``OSError``
        raised inside the block counts as a write error).
    """
    path = Path(path)
    made = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
    fd, tmp = _temp_beside(path)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            _give_mode(tmp, path)
            os.replace(tmp, path)
        except OSError as exc:
            raise _write_error(exc, path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        for folder in made:  # innermost first; only the empty ones we made go
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    _sync_folder(path.parent)


def _write_error(exc: OSError, path: Path) -> CatalogueError:
    """The error of a temp file that cannot be written, synced or renamed over ``path``."""
    return CatalogueError(f"cannot write the file ({exc.strerror})", path=path)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new temp file in ``path``'s folder (made if missing): its descriptor and name.

    :raises CatalogueError: the folder cannot be made or written.
    """
    import tempfile  # not at import: a lookup imports this module and writes nothing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CatalogueError(f"cannot write here ({exc.strerror})", path=path) from exc


def _give_mode(tmp: str, path: Path) -> None:
    """Give the temp file the permissions the user gave ``path`` (or the umask's)."""
    if path.exists():
        os.chmod(tmp, path.stat().st_mode & 0o7777)
    else:
        os.chmod(tmp, 0o666 & ~_umask())


def _sync_folder(folder: Path) -> None:
    # The renames are durable only once the folder itself is synced (POSIX; not on Windows).
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def file_lock(
    path: Path, timeout: float, what: str, holder: str = ""
) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (created if missing) for the block.

    Another process holding it is waited for up to ``timeout`` seconds. The lock file
    says who holds it (pid and ``holder``), for the message of the one who waits.

    :param what: what the lock protects, for the message (``this catalogue``).
    :param holder: who takes it, e.g. ``glossary update`` (never the whole command line,
        which may hold an API key).
    :raises CatalogueLockedError: the lock is still held after ``timeout`` seconds.
    :raises CatalogueError: the lock file cannot be created.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the writes stay atomic, only unserialised.
        yield
        return
    try:
        # Never through a symlink: a catalogue from elsewhere could point it at a file
        # of the user's, which the lock would then truncate.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CatalogueError(
                "the lock file is a symbolic link; refused",
                path=path,
                hint="Delete it (glossary creates it as a plain file)",
            ) from exc
        raise CatalogueError(
            f"cannot create the lock file ({exc.strerror})",
            path=path,
            hint="Writing needs a catalogue folder you can write to",
        ) from exc
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _locked_error(path, fd, timeout, what) from None
                time.sleep(_LOCK_POLL)
        _write_owner(fd, holder)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _write_owner(fd: int, holder: str) -> None:
    name = " ".join(holder.split())[:100] or Path(sys.argv[0]).name
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {name}\n".encode(), 0)


def _locked_error(
    path: Path, fd: int, timeout: float, what: str
) -> CatalogueLockedError:
    try:
        owner = os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
    except OSError:
        owner = ""
    pid, _, command = owner.partition(" ")
    command = " ".join(command.split())[:100]  # one line, whatever the file holds
    holder = f" (pid {pid}: {command})" if pid.isdigit() and command else ""
    return CatalogueLockedError(
        f"another glossary command is writing {what}{holder}; gave up after {timeout:g} s",
        path=path,
        hint="Run this again when it has finished (wait longer with GLOSSARY_LOCK_TIMEOUT=SECONDS)",
    )
