"""Find, load and save a glossary folder (DESIGN.md §2): the template and its locale files.

The search order is ``--catalogue DIR``, ``$GLOSSARY_HOME``, the nearest folder upwards that
holds ``glossary/glossary.pot``, then the seed glossary bundled with the package.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..errors import CatalogueError
from ..fileio import atomic_write
from ..formats.po import read_po, write_po
from ..model import Catalogue, CatalogueFile

DOMAIN = "glossary"
TEMPLATE_PATH = Path("glossary") / f"{DOMAIN}.pot"
LOCALES_DIR = Path("locales")
ENV_HOME = "GLOSSARY_HOME"


def locale_path(root: Path, locale: str) -> Path:
    """Where a locale's PO lives: ``locales/<locale>/LC_MESSAGES/glossary.po``."""
    return root / LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def is_catalogue_root(path: Path) -> bool:
    """True when ``path`` holds ``glossary/glossary.pot``."""
    return (path / TEMPLATE_PATH).is_file()


def bundled_root() -> Path | None:
    """The seed glossary shipped in the wheel (or the source tree, in a development install)."""
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
    template = read_po(root / TEMPLATE_PATH)
    files = {}
    for locale, path in find_locale_files(root).items():
        if locales is None or locale in locales:
            file = read_po(path)
            file.locale = locale
            files[locale] = file
    return Catalogue(template=template, locales=files, root=root)


def save_file(file: CatalogueFile, path: Path) -> bool:
    """Write one catalogue file atomically; return False when its bytes did not change."""
    text = write_po(file)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(path, text)
    return True


def save_catalogue(catalogue: Catalogue) -> list[Path]:
    """Write the template and every locale file; return the paths that changed."""
    if catalogue.root is None:
        raise CatalogueError("the catalogue has no folder to be saved in")
    changed = []
    targets = [(catalogue.template, catalogue.root / TEMPLATE_PATH)]
    targets += [
        (file, locale_path(catalogue.root, loc))
        for loc, file in catalogue.locales.items()
    ]
    for file, path in targets:
        if save_file(file, path):
            changed.append(path)
    return changed
