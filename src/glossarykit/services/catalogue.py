"""Find, load and save a glossary folder (DESIGN.md §2): the template and its locale files.

The search order is ``--catalogue DIR``, ``$GLOSSARY_HOME``, the nearest folder upwards that
holds ``glossary/glossary.pot``, then the seed glossary bundled with the package.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import CatalogueError
from ..fileio import atomic_write_many, file_lock
from ..model import Catalogue, CatalogueFile

DOMAIN = "glossary"
TEMPLATE_PATH = Path("glossary") / f"{DOMAIN}.pot"
LOCALES_DIR = Path("locales")
ENV_HOME = "GLOSSARY_HOME"
# Every command that writes the catalogue holds this lock (fileio.file_lock) meanwhile.
LOCK_NAME = ".glossary.lock"
ENV_LOCK_TIMEOUT = "GLOSSARY_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0


def locale_path(root: Path, locale: str) -> Path:
    """Where a locale's PO lives: ``locales/<locale>/LC_MESSAGES/glossary.po``."""
    return root / LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def is_catalogue_root(path: Path) -> bool:
    """True when ``path`` holds ``glossary/glossary.pot``."""
    return (path / TEMPLATE_PATH).is_file()


def bundled_root() -> Path | None:
    """The seed glossary shipped in the wheel (or the source tree, in a development install)."""
    # importlib.resources imports tempfile and shutil: only here, not on lookup's start-up.
    from importlib import resources

    data = Path(str(resources.files("glossarykit"))) / "data"
    if is_catalogue_root(data):
        return data
    source_tree = Path(__file__).resolve().parents[3]
    return source_tree if is_catalogue_root(source_tree) else None


def locate_catalogue(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """Return the root folder of the catalogue to use, in the documented search order.

    :param explicit: the ``--catalogue`` option; a folder, or its ``glossary/`` subfolder.
    :raises CatalogueError: an explicit or ``$GLOSSARY_HOME`` folder holds no catalogue.
    """
    for origin, value in (
        ("--catalogue", explicit),
        (ENV_HOME, os.environ.get(ENV_HOME) or None),
    ):
        if value is None:
            continue
        path = Path(value).expanduser()
        if path.name == "glossary" and is_catalogue_root(path.parent):
            path = path.parent
        if not is_catalogue_root(path):
            raise CatalogueError(
                f"no catalogue here (expected {TEMPLATE_PATH})",
                path=path,
                hint=f"Point {origin} at a folder that holds {TEMPLATE_PATH}",
            )
        return path
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_catalogue_root(folder):
            return folder
    bundled = bundled_root()
    if bundled is None:
        raise CatalogueError(
            "no catalogue found",
            hint=f"Pass --catalogue DIR or set {ENV_HOME} to a folder holding {TEMPLATE_PATH}",
        )
    return bundled


def find_locale_files(root: Path) -> dict[str, Path]:
    """Every locale PO under ``root/locales``, by locale id, sorted."""
    base = root / LOCALES_DIR
    if not base.is_dir():
        return {}
    found = {}
    for path in sorted(base.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        found[path.parent.parent.name] = path
    return found


def load_catalogue(root: Path, locales: list[str] | None = None) -> Catalogue:
    """Read the template and the locale files (all, or only ``locales``) under ``root``."""
    # Imported here: the formats registry costs a start-up that `lookup` from the index
    # and `--help` need not pay.
    from ..formats.po import check_unique, read_po

    template = read_po(root / TEMPLATE_PATH)
    # Two entries with one key would make every command answer from one of them and
    # write back only one: refuse (msgfmt does too); `validate` still reports them.
    check_unique(template)
    files = {}
    for locale, path in find_locale_files(root).items():
        if locales is None or locale in locales:
            file = read_po(path)
            check_unique(file)
            file.locale = locale
            files[locale] = file
    return Catalogue(template=template, locales=files, root=root)


def save_file(file: CatalogueFile, path: Path) -> bool:
    """Write one catalogue file atomically; return False when its bytes did not change."""
    return bool(save_files([(file, path)]))


def save_files(targets: Sequence[tuple[CatalogueFile, Path]]) -> list[Path]:
    """Write catalogue files whose bytes changed, all renamed only once all are rendered
    and synced (``fileio.atomic_write_many``); return the paths written.

    :raises CatalogueError: a path lies in the read-only bundled seed glossary.
    """
    from ..formats.po import write_po

    for _, path in targets:
        refuse_bundled_seed(path)
    changed = []
    for file, path in targets:
        text = write_po(file)
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        changed.append((path, text))
    atomic_write_many(changed)
    return [path for path, _ in changed]


def save_catalogue(catalogue: Catalogue) -> list[Path]:
    """Write the template and every locale file; return the paths that changed."""
    if catalogue.root is None:
        raise CatalogueError("the catalogue has no folder to be saved in")
    targets = [(catalogue.template, catalogue.root / TEMPLATE_PATH)]
    targets += [
        (file, locale_path(catalogue.root, loc))
        for loc, file in catalogue.locales.items()
    ]
    return save_files(targets)


def _install_dirs() -> list[Path]:
    """Where installed packages live (site-packages of this Python, and the user's)."""
    import site  # these three only when a write is checked: not on lookup's start-up
    import sysconfig

    paths = sysconfig.get_paths()
    found = [paths[k] for k in ("purelib", "platlib") if k in paths]
    with contextlib.suppress(AttributeError):
        found.append(site.getusersitepackages())
    return [Path(p) for p in found]


def is_bundled_seed(path: Path) -> bool:
    """True when ``path`` lies in the seed glossary of an installed package (or anywhere
    in site-packages), which no command may write to."""
    from importlib import resources

    here = Path(path).resolve()
    data = Path(str(resources.files("glossarykit"))) / "data"
    for folder in (data, *_install_dirs()):
        with contextlib.suppress(OSError):
            if here.is_relative_to(folder.resolve()):
                return True
    return False


def refuse_bundled_seed(path: Path) -> None:
    """Raise when ``path`` is in the installed package's seed glossary (see is_bundled_seed).

    :raises CatalogueError: with the command that makes a writable copy.
    """
    if not is_bundled_seed(path):
        return
    root = Path(path)
    while root.parent != root and not is_catalogue_root(root):
        root = root.parent
    import shlex

    shown = shlex.quote(str(root if is_catalogue_root(root) else path))
    raise CatalogueError(
        "the bundled seed glossary is read-only (it is part of the installed package)",
        path=path,
        hint=f"Copy it to a folder of your own with `cp -r {shown} my-glossary`, then "
        "pass --catalogue my-glossary (or set GLOSSARY_HOME=my-glossary)",
    )


@contextlib.contextmanager
def lock_catalogue(root: Path, holder: str = "") -> Iterator[None]:
    """Hold the catalogue's write lock (``<root>/.glossary.lock``) for the block.

    A second writer waits up to ``$GLOSSARY_LOCK_TIMEOUT`` seconds (default 10), then
    fails, told who holds it (``holder``, e.g. ``glossary update``). Reentrant within one
    process, so a command and the services it calls may both take it.

    :raises CatalogueError: the root is the bundled seed glossary.
    :raises CatalogueLockedError: another process kept the lock too long.
    """
    key = Path(root).resolve()
    if key in _HELD:
        yield
        return
    refuse_bundled_seed(key)
    with file_lock(key / LOCK_NAME, _lock_timeout(), "this catalogue", holder):
        _remove_stale_temp_files(key)
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)


_HELD: set[Path] = set()


def _remove_stale_temp_files(root: Path) -> None:
    """Delete the temp files a killed writer left beside the catalogue files (under the
    lock, no live writer has any)."""
    template = root / TEMPLATE_PATH
    patterns = [
        (template.parent, f".{template.name}.*.tmp"),
        (root / LOCALES_DIR, f"*/LC_MESSAGES/.{DOMAIN}.po.*.tmp"),
    ]
    for folder, pattern in patterns:
        for stale in folder.glob(pattern):
            with contextlib.suppress(OSError):
                stale.unlink()


def _lock_timeout() -> float:
    value = os.environ.get(ENV_LOCK_TIMEOUT, "")
    try:
        return float(value) if value.strip() else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        raise CatalogueError(
            f"{ENV_LOCK_TIMEOUT}={value!r} is not a number of seconds",
            hint=f"Set it to e.g. {DEFAULT_LOCK_TIMEOUT:g}, or unset it",
        ) from None
