"""Nothing the user wrote is lost: the write lock, the read-only bundled seed, atomic writes.

The lock is tested with real processes: one holds it, the other is a real ``glossary``
command. The bundled seed is simulated by a catalogue inside a fake site-packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossarykit import fileio
from glossarykit.cli import cli
from glossarykit.errors import CatalogueError, CatalogueLockedError
from glossarykit.services import catalogue as catalogue_service
from glossarykit.services.catalogue import (
    LOCK_NAME,
    is_bundled_seed,
    load_catalogue,
    lock_catalogue,
)
from glossarykit.services.suggest import (
    FakeSuggester,
    plan_suggestions,
    suggest_translations,
)

from .conftest import DATA

VALID = DATA / "valid"
NEW_CONCEPT = '\n#. id: t-99\nmsgid "新概念"\nmsgstr ""\n'
EN_PO = Path("locales") / "en" / "LC_MESSAGES" / "glossary.po"
GLOSSARY = (sys.executable, "-m", "glossarykit")
# A lock file left in the test data by someone's run there is no part of the catalogue.
NO_LOCK = shutil.ignore_patterns(LOCK_NAME)

HOLDER = """
import sys
from pathlib import Path
from glossarykit.services.catalogue import lock_catalogue
with lock_catalogue(Path(sys.argv[1]), "glossary import"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME
    }


@pytest.fixture
def stale(tmp_path: Path) -> Path:
    """A catalogue whose template has a concept the locale files lack (update adds it)."""
    root = tmp_path / "cat"
    shutil.copytree(VALID, root, ignore=NO_LOCK)
    with open(root / "glossary" / "glossary.pot", "a", encoding="utf-8") as handle:
        handle.write(NEW_CONCEPT)
    return root


def glossary(*args: str, timeout: float = 2.0) -> subprocess.CompletedProcess[str]:
    """Run the real ``glossary`` in a process of its own."""
    env = {**os.environ, "GLOSSARY_LOCK_TIMEOUT": str(timeout)}
    return subprocess.run(
        [*GLOSSARY, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def holder(stale: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the catalogue's write lock until told to let go."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(stale)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "held\n"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


# ---------------------------------------------------------------- the lock


def test_a_second_writer_gives_up_with_one_clear_line(
    stale: Path, holder: subprocess.Popen[str]
) -> None:
    before = snapshot(stale)
    started = time.monotonic()
    result = glossary("--catalogue", str(stale), "update", timeout=0.5)
    waited = time.monotonic() - started
    assert result.returncode == 2
    assert result.stdout == ""
    lock = stale.resolve() / LOCK_NAME
    assert result.stderr == (
        f"Error: {lock}: another glossary command is writing this catalogue "
        f"(pid {holder.pid}: glossary import); gave up after 0.5 s. Run this again when "
        "it has finished (wait longer with GLOSSARY_LOCK_TIMEOUT=SECONDS)\n"
    )
    assert waited >= 0.5
    assert snapshot(stale) == before


@pytest.mark.parametrize(
    "args",
    [
        (
            "import",
            "--theirs",
            str(DATA / "bad" / "csv" / "accepted" / "formula-cells.csv"),
        ),
        ("convert",),
        ("mine", str(DATA / "valid" / "glossary" / "sources" / "report.txt"), "--add"),
    ],
    ids=lambda args: args[0],
)
def test_every_writing_command_takes_the_lock(
    stale: Path, holder: subprocess.Popen[str], args: tuple[str, ...]
) -> None:
    before = snapshot(stale)
    result = glossary("--catalogue", str(stale), *args, timeout=0.2)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"Error: {stale.resolve() / LOCK_NAME}: ")
    assert "another glossary command is writing this catalogue" in result.stderr
    assert snapshot(stale) == before


def test_readers_and_dry_runs_do_not_wait(
    stale: Path, holder: subprocess.Popen[str]
) -> None:
    # In-process, with the default 10 s timeout: any wait would show in the time taken.
    started = time.monotonic()
    assert invoke("--catalogue", str(stale), "lookup", "三社联动").exit_code == 0
    assert invoke("--catalogue", str(stale), "update", "--dry-run").exit_code == 0
    assert invoke("--catalogue", str(stale), "update", "--check").exit_code == 1
    assert time.monotonic() - started < 5


def test_a_second_writer_waits_for_the_first_then_writes(
    stale: Path, holder: subprocess.Popen[str]
) -> None:
    env = {**os.environ, "GLOSSARY_LOCK_TIMEOUT": "30"}
    waiting = subprocess.Popen(
        [*GLOSSARY, "--catalogue", str(stale), "update"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(1.0)
    assert waiting.poll() is None  # still waiting for the lock
    assert "新概念" not in (stale / EN_PO).read_text(encoding="utf-8")
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert 'msgid "新概念"' in (stale / EN_PO).read_text(encoding="utf-8")


def test_two_imports_at_once_both_land(tmp_path: Path) -> None:
    """Each import reads, changes and writes the template; without the lock the second
    write could drop the first one's concept."""
    root = tmp_path / "cat"
    shutil.copytree(VALID, root, ignore=NO_LOCK)
    source = (DATA / "bad" / "csv" / "accepted" / "formula-cells.csv").read_text(
        encoding="utf-8"
    )
    files = []
    for n in (1, 2):
        path = tmp_path / f"add-{n}.csv"
        path.write_text(
            source.replace("t-90,公式注入", f"t-9{n},并发{n}"), encoding="utf-8"
        )
        files.append(path)
    env = {**os.environ, "GLOSSARY_LOCK_TIMEOUT": "60"}
    runs = [
        subprocess.Popen(
            [*GLOSSARY, "--catalogue", str(root), "import", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for path in files
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    catalogue = load_catalogue(root)
    assert catalogue.by_id("t-91") is not None
    assert catalogue.by_id("t-92") is not None


def test_the_lock_is_reentrant_in_one_process_and_released(tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "cat", ignore=NO_LOCK)
    root = tmp_path / "cat"
    with lock_catalogue(root), lock_catalogue(root):
        pass
    with fileio.file_lock(root / LOCK_NAME, 0, "this catalogue"):
        pass  # free again: taken at once with no wait at all


def test_a_bad_lock_timeout_is_one_clear_error(
    stale: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_LOCK_TIMEOUT", "soon")
    result = invoke("--catalogue", str(stale), "update")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: GLOSSARY_LOCK_TIMEOUT='soon' is not a number of seconds. "
        "Set it to e.g. 10, or unset it\n"
    )


def test_the_locked_error_is_a_catalogue_error() -> None:
    assert issubclass(CatalogueLockedError, CatalogueError)
    assert CatalogueLockedError("x").exit_code == 2


# ---------------------------------------------------------------- the bundled seed


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A seed glossary as a wheel installs it, in a site-packages of its own; the tool
    falls back to it (no catalogue anywhere upwards of the working folder)."""
    site_packages = tmp_path / "venv" / "lib" / "site-packages"
    root = site_packages / "glossarykit" / "data"
    shutil.copytree(VALID, root, ignore=NO_LOCK)
    with open(root / "glossary" / "glossary.pot", "a", encoding="utf-8") as handle:
        handle.write(NEW_CONCEPT)  # so that update and convert would write
    monkeypatch.setattr(catalogue_service, "_install_dirs", lambda: [site_packages])
    monkeypatch.setattr(catalogue_service, "bundled_root", lambda: root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root.resolve()


def refusal(root: Path) -> str:
    return (
        f"Error: {root}: the bundled seed glossary is read-only (it is part of the "
        f"installed package). Copy it to a folder of your own with `cp -r {root} "
        "my-glossary`, then pass --catalogue my-glossary (or set GLOSSARY_HOME=my-glossary)\n"
    )


def test_the_bundled_seed_is_read(bundled: Path) -> None:
    result = invoke("lookup", "三社联动")
    assert result.exit_code == 0, result.output
    assert invoke("update", "--dry-run").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("update",),
        ("convert",),
        ("import", str(DATA / "bad" / "csv" / "accepted" / "formula-cells.csv")),
        ("mine", str(VALID / "glossary" / "sources" / "report.txt"), "--add"),
    ],
    ids=lambda args: args[0],
)
def test_writing_commands_refuse_the_bundled_seed(
    bundled: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(bundled)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == refusal(bundled)
    assert snapshot(bundled) == before
    assert not (bundled / LOCK_NAME).exists()


def test_suggest_refuses_the_bundled_seed_too(bundled: Path) -> None:
    en = bundled / EN_PO
    text = en.read_text(encoding="utf-8")
    en.write_text(
        text.replace('msgstr "three-society linkage"', 'msgstr ""'), encoding="utf-8"
    )
    before = snapshot(bundled)
    plan = plan_suggestions(bundled, "en", FakeSuggester())
    assert plan.tasks
    with pytest.raises(CatalogueError, match="bundled seed glossary is read-only"):
        suggest_translations(plan, FakeSuggester())
    assert snapshot(bundled) == before


def test_the_installed_package_data_counts_as_the_seed() -> None:
    from importlib import resources

    data = Path(str(resources.files("glossarykit"))) / "data"
    assert is_bundled_seed(data / "glossary" / "glossary.pot")
    assert not is_bundled_seed(VALID)


# ---------------------------------------------------------------- atomic writes


def test_a_failed_multi_file_write_changes_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.po", tmp_path / "sub" / "b.po"
    first.write_text("old a", encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second temp file cannot be synced (disk full)
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", failing_fsync)
    with pytest.raises(CatalogueError, match="No space left on device"):
        fileio.atomic_write_many([(first, "new a"), (second, "new b")])
    assert first.read_text(encoding="utf-8") == "old a"
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.po"]


def test_a_lock_file_that_is_a_symlink_is_refused(stale: Path, tmp_path: Path) -> None:
    """A catalogue cloned from elsewhere may hold ``.glossary.lock`` as a symlink to a
    file of the user's: taking the lock must not truncate that file."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (stale / LOCK_NAME).symlink_to(victim)
    before = snapshot(stale)
    result = invoke("--catalogue", str(stale), "update")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {stale.resolve() / LOCK_NAME}: the lock file is a symbolic link; "
        "refused. Delete it (glossary creates it as a plain file)\n"
    )
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert snapshot(stale) == before
