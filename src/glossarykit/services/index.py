"""The lookup index cache: the catalogue's concepts by Chinese form, kept between runs.

An exact ``glossary lookup`` in a 100,000-concept catalogue would otherwise parse every PO
file to answer with one concept. The index is an SQLite file in the user's cache folder
(``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossarykit`` or ``~/.cache/glossarykit``;
never inside the catalogue), one per catalogue folder. It holds every concept of the
template and its entry in each locale file, and the head terms and synonyms that find them.

It is keyed on the catalogue's contents: the list of files ``load_catalogue`` reads and,
for each, its size, modification time and a SHA-256 of its bytes. A file whose size or
time differs is hashed: the same bytes (a touch, a checkout) keep the index, other bytes
make it stale, and a stale index is rebuilt from the next full load. A file modified within
two seconds of the build is always hashed, since a coarse clock could hide an edit. The
file is written to a temporary name and renamed, so a reader never sees half of it.
``GLOSSARY_NO_CACHE=1`` turns the index off (nothing is read or written).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import Catalogue, CatalogueFile, Concept, Reference, Synonym
from .catalogue import TEMPLATE_PATH, find_locale_files, load_catalogue

CACHE_ENV = "GLOSSARY_CACHE_DIR"
NO_CACHE_ENV = "GLOSSARY_NO_CACHE"
# Bump when the stored shape changes, so that old indexes are rebuilt.
INDEX_VERSION = 1
# A file modified this close to the build (or after it) is hashed, not trusted by its time.
RACY_NS = 2_000_000_000
# Indexes kept in the cache folder (of the catalogues built most recently; catalogue
# folders come and go, their indexes should not pile up).
KEEP_INDEXES = 16
_CONCEPT_FIELDS = tuple(f.name for f in dataclasses.fields(Concept))


def _debug(message: str, *args: object) -> None:
    """Log why the index was not used (logging is imported only then: start-up time)."""
    import logging

    logging.getLogger(__name__).debug(message, *args)


@dataclasses.dataclass(frozen=True)
class FileStamp:
    """What identifies one catalogue file's contents."""

    path: str
    size: int
    mtime_ns: int
    digest: str


def cache_folder() -> Path | None:
    """The folder of the cache files, or None when caching is off or there is no home."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
            os.path.expanduser("~"), ".cache"
        )
        if base.startswith("~"):  # no home folder to expand
            return None
        folder = os.path.join(base, "glossarykit")
    return Path(folder)


def index_path(root: Path) -> Path | None:
    """Where the index of the catalogue at ``root`` lives (None when caching is off)."""
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"lookup-{_fnv1a(str(Path(root).resolve())):016x}.sqlite"


def _fnv1a(text: str) -> int:
    """A 64-bit FNV-1a hash: a stable file name per catalogue folder without importing
    hashlib (the index itself records the folder, so a collision only costs a rebuild).

    >>> f"{_fnv1a(''):016x}", f"{_fnv1a('a'):016x}"  # the published test vectors
    ('cbf29ce484222325', 'af63dc4c8601ec8c')
    """
    value = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def catalogue_files(root: Path) -> list[Path]:
    """The files ``load_catalogue`` reads: the template, then every locale PO."""
    return [root / TEMPLATE_PATH, *find_locale_files(root).values()]


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    import hashlib  # only when a file has to be hashed: a build or a changed stamp

    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp_files(root: Path) -> list[FileStamp]:
    """Size, time and digest of every catalogue file (taken before a build)."""
    stamps = []
    for path in catalogue_files(root):
        stat = path.stat()
        stamps.append(
            FileStamp(
                path.relative_to(root).as_posix(),
                stat.st_size,
                stat.st_mtime_ns,
                file_digest(path),
            )
        )
    return stamps


# -- reading ----------------------------------------------------------------------


class LookupIndex:
    """An open, fresh index of one catalogue."""

    def __init__(self, root: Path, connection: sqlite3.Connection) -> None:
        self.root = root
        self._db = connection
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.locales: list[str] = json.loads(meta["locales"])

    @classmethod
    def open(cls, root: Path) -> LookupIndex | None:
        """The index of ``root`` if there is one and it matches the files; else None."""
        path = index_path(root)
        if path is None or not path.is_file():
            return None
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            _debug("lookup index %s not opened: %s", path, exc)
            return None
        try:
            if not _is_fresh(connection, root, path):
                connection.close()
                return None
            return cls(root, connection)
        except (sqlite3.Error, KeyError, ValueError, OSError) as exc:
            _debug("lookup index %s unusable: %s", path, exc)
            connection.close()
            return None

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def positions(self, form: str) -> list[int]:
        """Catalogue positions of the concepts that have ``form`` as term or synonym."""
        rows = self._db.execute(
            "SELECT DISTINCT position FROM forms WHERE form = ? ORDER BY position",
            (form,),
        )
        return [row[0] for row in rows]

    def catalogue_of(self, positions: list[int]) -> Catalogue:
        """A catalogue holding only these template concepts and their locale entries.

        Every locale of the real catalogue is there (with the entries of these concepts),
        so that what is looked up or shown about them is what the whole catalogue gives.
        """
        template = CatalogueFile(locale=None, path=self.root / TEMPLATE_PATH)
        files = {
            locale: CatalogueFile(locale=locale, path=path)
            for locale, path in find_locale_files(self.root).items()
            if locale in self.locales
        }
        seen: set[tuple[str, str]] = set()
        for position in positions:
            (data,) = self._db.execute(
                "SELECT data FROM concepts WHERE position = ?", (position,)
            ).fetchone()
            template.concepts.append(decode_concept(data))
            for locale, data in self._db.execute(
                "SELECT locale, data FROM translations WHERE position = ?",
                (position,),
            ):
                concept = decode_concept(data)
                if (locale, concept.term) not in seen:
                    seen.add((locale, concept.term))
                    files[locale].concepts.append(concept)
        return Catalogue(template=template, locales=files, root=self.root)

    # -- bulk reads (``glossary annotate``: every form, most concepts) -----------------

    def source_rows(self) -> list[tuple[str, int, bool]]:
        """(form, position, is head term) of every head term and synonym, in catalogue
        order: per concept its ``sources`` (head term first), each once, as written."""
        rows = self._db.execute("SELECT form, position FROM forms ORDER BY rowid")
        result = []
        previous = -1
        for form, position in rows:
            # _write stores dict.fromkeys(concept.sources): the first row of a position
            # is the head term.
            result.append((form, position, position != previous))
            previous = position
        return result

    def entries(self, locale: str) -> list[tuple[int, Concept]]:
        """(position, entry) of every template concept that has an entry in ``locale``,
        in catalogue order (the entry is ``catalogue.translation(concept, locale)``)."""
        rows = self._db.execute(
            "SELECT position, data FROM translations WHERE locale = ? ORDER BY position",
            (locale,),
        )
        return [(position, decode_concept(data)) for position, data in rows]

    def targets(self, locale: str) -> dict[int, str]:
        """Position -> msgstr of the concept's ``locale`` entry, for every concept that has
        one (what ``catalogue.translation(concept, locale).target`` gives)."""
        column = _CONCEPT_FIELDS.index("target")
        try:
            # SQLite's JSON functions take the one field out without decoding the rest.
            rows = self._db.execute(
                f"SELECT position, json_extract(data, '$[{column}]') FROM translations"
                " WHERE locale = ?",
                (locale,),
            ).fetchall()
        except sqlite3.OperationalError:  # an SQLite built without JSON functions
            rows = [
                (position, json.loads(data)[column])
                for position, data in self._db.execute(
                    "SELECT position, data FROM translations WHERE locale = ?",
                    (locale,),
                )
            ]
        return dict(rows)

    def catalogue_of_many(self, positions: list[int]) -> Catalogue:
        """What :meth:`catalogue_of` gives, read in two queries instead of two per
        concept (for thousands of concepts; ``positions`` distinct)."""
        template = CatalogueFile(locale=None, path=self.root / TEMPLATE_PATH)
        files = {
            locale: CatalogueFile(locale=locale, path=path)
            for locale, path in find_locale_files(self.root).items()
            if locale in self.locales
        }
        wanted = json.dumps(positions)
        template.concepts = [
            decode_concept(data)
            for (data,) in self._db.execute(
                "SELECT c.data FROM json_each(?) AS j"
                " JOIN concepts AS c ON c.position = j.value ORDER BY j.key",
                (wanted,),
            )
        ]
        if len(template.concepts) != len(positions):
            raise ValueError("lookup index: a concept position is missing")
        seen: set[tuple[str, str]] = set()
        added: dict[str, list[Concept]] = {locale: [] for locale in files}
        for locale, data in self._db.execute(
            "SELECT t.locale, t.data FROM json_each(?) AS j"
            " JOIN translations AS t ON t.position = j.value ORDER BY j.key, t.rowid",
            (wanted,),
        ):
            concept = decode_concept(data)
            if (locale, concept.term) not in seen:
                seen.add((locale, concept.term))
                added[locale].append(concept)
        for locale, concepts in added.items():
            files[locale].concepts = concepts
        return Catalogue(template=template, locales=files, root=self.root)

    # -- data derived from the index, kept beside it ----------------------------------

    def _contents_key(self) -> list[Any]:
        """What identifies the indexed contents: the files' sizes and digests, and the
        index's shape (not the times, which a touch changes)."""
        files = self._db.execute("SELECT path, size, digest FROM files ORDER BY path")
        return [INDEX_VERSION, list(_CONCEPT_FIELDS), [list(row) for row in files]]

    def load_derived(self, name: str) -> Any:
        """What :meth:`save_derived` kept under ``name`` for a catalogue of these very
        contents; None when there is nothing (or it is for other contents, or damaged)."""
        path = _derived_path(self.root, name)
        if path is None:
            return None
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError) as exc:
            if not isinstance(exc, FileNotFoundError):
                _debug("derived data %s unusable: %s", path, exc)
            return None
        if not isinstance(data, list) or len(data) != 2:
            return None
        key, value = data
        return value if key == self._contents_key() else None

    def save_derived(self, name: str, value: Any) -> None:
        """Keep ``value`` (JSON data computed from this index) beside the index, for the
        next run on the same contents. Written to a temporary file and renamed; a cache
        folder that cannot be written only costs time."""
        path = _derived_path(self.root, name)
        if path is None:
            return
        import tempfile  # only when something is written

        try:
            data = json.dumps(
                [self._contents_key(), value],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except (OSError, TypeError, ValueError) as exc:
            _debug("derived data %s not written: %s", path, exc)
            return
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            _debug("derived data %s not written: %s", path, exc)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        # Derived data of indexes that _prune deleted goes too.
        for found in path.parent.glob("lookup-*.*.json"):
            if not found.with_name(found.name.split(".")[0] + ".sqlite").exists():
                with contextlib.suppress(OSError):
                    found.unlink()


def _derived_path(root: Path, name: str) -> Path | None:
    """Where data derived from the index of ``root`` is kept: beside the index."""
    path = index_path(root)
    return None if path is None else path.with_name(f"{path.stem}.{name}.json")


def _is_fresh(connection: sqlite3.Connection, root: Path, path: Path) -> bool:
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    if (
        meta.get("version") != str(INDEX_VERSION)
        or meta.get("root") != str(Path(root).resolve())
        or meta.get("fields") != json.dumps(_CONCEPT_FIELDS)
    ):
        return False
    built = int(meta["built_ns"])
    checked = time.time_ns()
    stored = {
        row[0]: FileStamp(*row)
        for row in connection.execute("SELECT path, size, mtime_ns, digest FROM files")
    }
    current = catalogue_files(root)
    if sorted(stored) != sorted(p.relative_to(root).as_posix() for p in current):
        return False
    touched = []
    for file in current:
        stamp = stored[file.relative_to(root).as_posix()]
        stat = file.stat()
        same = stat.st_size == stamp.size and stat.st_mtime_ns == stamp.mtime_ns
        if same and stat.st_mtime_ns < built - RACY_NS:
            continue
        if stat.st_size != stamp.size or file_digest(file) != stamp.digest:
            return False
        touched.append((stat.st_size, stat.st_mtime_ns, stamp.path))
    if touched:
        # Every file was just found to hold what was indexed, so their times as of now
        # can be trusted from now on (later edits get later times and are hashed).
        _restamp(path, touched, checked)
    return True


def _restamp(path: Path, touched: list[tuple[int, int, str]], checked: int) -> None:
    """Record the times of files whose bytes did not change (touched, checked out)."""
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=0.1)) as db, db:
            db.executemany(
                "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched
            )
            db.execute(
                "UPDATE meta SET value = ? WHERE key = 'built_ns'", (str(checked),)
            )
    except sqlite3.Error as exc:
        _debug("lookup index %s not restamped: %s", path, exc)


# -- writing ----------------------------------------------------------------------


def build_index(
    root: Path, catalogue: Catalogue, stamps: list[FileStamp], built_ns: int
) -> None:
    """Write the index of ``catalogue``, read from ``root`` after ``stamps`` were taken
    (``built_ns``: the time just before they were).

    Nothing is written when a file changed meanwhile (the stamps would not describe what
    was read) or when the cache folder cannot be written: the index only saves time.
    """
    import tempfile  # only when an index is written, not when one is read

    path = index_path(root)
    if path is None:
        return
    try:
        now = [
            (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
            for p in catalogue_files(root)
        ]
        if now != [(s.path, s.size, s.mtime_ns) for s in stamps]:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        _debug("lookup index not written: %s", exc)
        return
    try:
        _write(Path(tmp), root, catalogue, stamps, built_ns)
        os.replace(tmp, path)
        _prune(path.parent)
    except (OSError, sqlite3.Error, TypeError, ValueError) as exc:
        _debug("lookup index not written: %s", exc)
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _prune(folder: Path) -> None:
    """Delete all but the KEEP_INDEXES most recently built indexes."""
    indexes = []
    for found in folder.glob("lookup-*.sqlite"):
        with contextlib.suppress(OSError):
            indexes.append((found.stat().st_mtime_ns, found))
    for _, old in sorted(indexes, reverse=True)[KEEP_INDEXES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _write(
    tmp: Path,
    root: Path,
    catalogue: Catalogue,
    stamps: list[FileStamp],
    built_ns: int,
) -> None:
    with contextlib.closing(sqlite3.connect(tmp)) as db:
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE files (path TEXT PRIMARY KEY, size INT, mtime_ns INT, digest TEXT);
            CREATE TABLE concepts (position INTEGER PRIMARY KEY, data TEXT);
            CREATE TABLE translations (position INT, locale TEXT, data TEXT);
            CREATE TABLE forms (form TEXT, position INT);
            """
        )
        meta = {
            "version": str(INDEX_VERSION),
            "root": str(Path(root).resolve()),
            "fields": json.dumps(_CONCEPT_FIELDS),
            "built_ns": str(built_ns),
            "locales": json.dumps(sorted(catalogue.locales)),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.executemany(
            "INSERT INTO files VALUES (?, ?, ?, ?)",
            [(s.path, s.size, s.mtime_ns, s.digest) for s in stamps],
        )
        db.executemany(
            "INSERT INTO concepts VALUES (?, ?)",
            ((i, encode_concept(c)) for i, c in enumerate(catalogue.concepts)),
        )
        db.executemany(
            "INSERT INTO translations VALUES (?, ?, ?)", _translations(catalogue)
        )
        db.executemany(
            "INSERT INTO forms VALUES (?, ?)",
            (
                (form, i)
                for i, concept in enumerate(catalogue.concepts)
                for form in dict.fromkeys(concept.sources)
            ),
        )
        db.execute("CREATE INDEX forms_by_form ON forms (form)")
        db.execute("CREATE INDEX translations_by_position ON translations (position)")
        db.commit()


def _translations(catalogue: Catalogue) -> Iterator[tuple[int, str, str]]:
    for locale in sorted(catalogue.locales):
        for i, concept in enumerate(catalogue.concepts):
            found = catalogue.translation(concept, locale)
            if found is not None:
                yield i, locale, encode_concept(found)


# -- concepts as JSON -----------------------------------------------------------------


def encode_concept(concept: Concept) -> str:
    """A concept as a JSON array of its fields, in dataclass order."""
    values: list[Any] = []
    for name in _CONCEPT_FIELDS:
        value = getattr(concept, name)
        if name in ("references", "definition_references"):
            value = [[r.path, r.line] for r in value]
        elif name == "synonyms":
            value = [[s.term, s.type] for s in value]
        elif name == "metadata":
            value = [list(pair) for pair in value]
        values.append(value)
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def decode_concept(data: str) -> Concept:
    """The concept that :func:`encode_concept` wrote."""
    fields = dict(zip(_CONCEPT_FIELDS, json.loads(data), strict=True))
    for name in ("references", "definition_references"):
        fields[name] = [Reference(path, line) for path, line in fields[name]]
    fields["synonyms"] = [Synonym(term, type_) for term, type_ in fields["synonyms"]]
    fields["metadata"] = [(key, value) for key, value in fields["metadata"]]
    return Concept(**fields)


# -- the entry point --------------------------------------------------------------------


def catalogue_for_form(root: Path, form: str) -> Catalogue | None:
    """The part of the catalogue at ``root`` that holds ``form``, from a fresh index.

    None when there is no fresh index (it is then rebuilt by :func:`load_indexed`) or no
    concept has that form as its term or a synonym.
    """
    index = LookupIndex.open(root)
    if index is None:
        return None
    try:
        positions = index.positions(form)
        return index.catalogue_of(positions) if positions else None
    except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
        _debug("lookup index unusable: %s", exc)
        return None
    finally:
        index.close()


def load_indexed(root: Path) -> Catalogue:
    """Load the whole catalogue, and (re)build its index when it is missing or stale."""
    if index_path(root) is None:
        return load_catalogue(root)
    fresh = LookupIndex.open(root)
    if fresh is not None:
        fresh.close()
        return load_catalogue(root)
    started = time.time_ns()
    try:
        stamps = stamp_files(root)
    except OSError:
        return load_catalogue(root)
    catalogue = load_catalogue(root)
    build_index(root, catalogue, stamps, started)
    return catalogue
