"""Shared fixtures: the repository's catalogue, a CLI runner, golden files, no network."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from glossarykit.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SOURCE_REPORT = REPO / "glossary" / "sources" / "wuchang-2017-work-report.txt"
GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"


@functools.cache
def bench_generator() -> ModuleType:
    """benchmarks/generate.py, the seeded generator of large catalogues."""
    path = REPO / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("glossarykit_bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def generated_catalogue(size: int) -> Path:
    """The generated catalogue of ``size`` concepts in benchmarks/work/ (made when absent
    or out of date; the benchmarks use the same folders)."""
    return Path(bench_generator().generate(size))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output (review the diff!).",
    )


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection that leaves this machine; loopback test servers stay allowed."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network access in tests is forbidden: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's GLOSSARY_HOME."""
    monkeypatch.delenv("GLOSSARY_HOME", raising=False)


@pytest.fixture(autouse=True)
def isolated_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Caches (lookup index, pinyin readings) go to this run's temporary folder, never to
    the developer's ~/.cache; tests that need their own set GLOSSARY_CACHE_DIR again."""
    monkeypatch.setenv(
        "GLOSSARY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache")
    )
    monkeypatch.delenv("GLOSSARY_NO_CACHE", raising=False)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A writable copy of the repository's catalogue folder (template, locales, sources)."""
    root = tmp_path / "cat"
    shutil.copytree(REPO / "glossary", root / "glossary")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Iterator[Invoke]:
    """Run the CLI in-process: ``run("lookup", "三社联动", catalogue=path)``."""

    def invoke(
        *args: str, catalogue: Path | None = None, stdin: str | None = None
    ) -> Result:
        argv = (["--catalogue", str(catalogue)] if catalogue else []) + list(args)
        return CliRunner().invoke(cli, argv, input=stdin, catch_exceptions=False)

    yield invoke


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """Compare output with ``tests/golden/<name>`` byte for byte (``--update-golden`` rewrites)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str | bytes) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        path = GOLDEN / name
        if update or not path.exists():
            if not update:
                pytest.fail(
                    f"golden file {name} is missing; run pytest --update-golden and review it"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        assert data == path.read_bytes(), f"output differs from tests/golden/{name}"

    return check
