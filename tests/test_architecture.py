"""Layering and library homes (STYLE.md §1): an ast scan of src/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "glossarykit"

# Each third-party library is imported in its home modules only (paths relative to PACKAGE;
# a folder name ending in "/" covers the package).
HOMES: dict[str, tuple[str, ...]] = {
    "click": ("cli/",),
    "polib": ("formats/po.py",),
    "babel": ("formats/mo.py", "formats/babelcat.py", "langtags.py"),
    "lxml": (
        "formats/xmlsafe.py",
        "formats/tbx.py",
        "formats/tbx3.py",
        "formats/xliff.py",
    ),
    "opencc": ("services/convert.py",),
    "deep_translator": ("services/suggest.py",),
    "requests": ("services/suggest.py",),
    "ahocorasick_rs": ("services/matcher.py",),
    "jinja2": ("services/site.py", "services/annotate.py"),
    "pypinyin": ("services/pinyin.py",),
    "openpyxl": ("formats/xlsx.py",),
    "defusedxml": ("formats/xlsx.py",),
    "jsonschema": (),
}

# Layers from the bottom up; a module may import its own layer or a lower one.
LAYERS = ["model", "formats", "checks", "services", "cli"]
BOTTOM = {
    "errors",
    "model",
    "records",
    "fileio",
    "gcpause",
    "langtags",
    "numerals",
    "textio",
    "__init__",
    "__main__",
}


def layer_of(relative: str) -> int:
    top = relative.split("/")[0].removesuffix(".py")
    if top in BOTTOM:
        return 0
    return LAYERS.index(top)


def imports(path: Path) -> list[tuple[str, int]]:
    """(module, level) of every import in the file, relative ones resolved to the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative_parts = path.relative_to(PACKAGE).parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(relative_parts[: len(relative_parts) - node.level + 1])
                module = ".".join(
                    ["glossarykit", *base, *([node.module] if node.module else [])]
                )
                found.append((module, node.level))
            else:
                found.append((node.module or "", 0))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_third_party_libraries_stay_in_their_home_module(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    for module, _ in imports(path):
        root = module.split(".")[0]
        if root in HOMES:
            homes = HOMES[root]
            assert any(
                relative == h or (h.endswith("/") and relative.startswith(h))
                for h in homes
            ), f"{relative} imports {module}; only {', '.join(homes)} may"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_import_only_their_own_layer_or_lower(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    if relative == "__main__.py":
        return
    own = layer_of(relative)
    for module, _ in imports(path):
        if not module.startswith("glossarykit."):
            continue
        target = module.removeprefix("glossarykit.").replace(".", "/")
        if target in ("", "__init__"):
            continue
        assert layer_of(target) <= own, (
            f"{relative} (layer {LAYERS[own]}) imports {module}"
        )


def test_the_scan_sees_the_layers() -> None:
    # Guard against a scan that silently finds nothing.
    assert len(SOURCES) > 10
    assert any(
        module == "polib" for module, _ in imports(PACKAGE / "formats" / "po.py")
    )
    assert any(
        module.startswith("glossarykit.")
        for module, _ in imports(PACKAGE / "cli" / "lookup.py")
    )
