"""SIGKILL in the middle of a write never leaves a half-written catalogue or export.

A catalogue of 20,000 concepts is made once for the module. ``export -o``, ``import`` and
``convert`` each run as a real process on a copy of it, and are killed with SIGKILL the
moment their first temp file appears, that is while they write. Then ``glossary stats``
must still read the catalogue, and the same command, run again to its end, must succeed
(and remove the temp files the killed one left); every file after the kill is byte for
byte either as it was or as that complete run leaves it. The three run side by side.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossarykit.formats.po import write_po
from glossarykit.model import CatalogueFile, Concept
from glossarykit.services.catalogue import LOCK_NAME

from .conftest import DATA

CONCEPTS = 20_000
HEADER = [
    ("Project-Id-Version", "glossarykit kill test"),
    ("Language", ""),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
]
# Simplified characters, several of them with Traditional forms (so convert has work).
CHARACTERS = (
    "社区会组织工作发展建设改革创新治理生态环境城市经济文化教育卫生安全服务管理产业科技"
)
GLOSSARY = (sys.executable, "-m", "glossarykit")
ADDITION = DATA / "bad" / "csv" / "accepted" / "formula-cells.csv"


def make_catalogue(root: Path, size: int) -> None:
    """Write a template and an English PO of ``size`` concepts with the canonical writer.

    One concept in four has a definition (as mined concepts get one only when an editor
    writes it), which keeps the test's run time down.
    """
    rng = random.Random(2017)
    template = CatalogueFile(header=HEADER)
    english = CatalogueFile(
        locale="en", header=[(k, "en" if k == "Language" else v) for k, v in HEADER]
    )
    terms: set[str] = set()
    while len(terms) < size:
        term = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(4, 7)))
        if term in terms:
            continue
        terms.add(term)
        number = len(terms)
        definition = None
        if number % 4 == 0:
            definition = "".join(rng.choice(CHARACTERS) for _ in range(24)) + "。"
        shared = {"term": term, "definition": definition, "id": f"k-{number:05d}"}
        template.concepts.append(Concept(**shared, origin="mined"))
        english.concepts.append(
            Concept(
                **shared,
                origin="mined",
                target=f"rendering {number}",
                definition_target=f"Definition number {number}." if definition else "",
            )
        )
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "glossary.pot").write_text(
        write_po(template), encoding="utf-8"
    )
    en = root / "locales" / "en" / "LC_MESSAGES"
    en.mkdir(parents=True)
    (en / "glossary.po").write_text(write_po(english), encoding="utf-8")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large") / "cat"
    make_catalogue(root, CONCEPTS)
    return root


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but temp files and the lock, by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp") and p.name != LOCK_NAME
    }


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


@dataclass
class Scenario:
    """A writing command, where its temp files appear, and what it writes."""

    name: str
    args: Callable[[Path], list[str]]
    watch: Callable[[Path], list[Path]]


SCENARIOS = [
    Scenario(
        "export",
        lambda work: ["export", "--format", "po", "-o", str(work / "out" / "g.po")],
        lambda work: [work / "out"],
    ),
    Scenario(
        "import",
        lambda work: ["import", str(ADDITION)],
        lambda work: [
            work / "cat" / "glossary",
            work / "cat" / "locales" / "en" / "LC_MESSAGES",
        ],
    ),
    Scenario(
        "convert",
        lambda work: ["convert", "--locale", "zh_Hant_TW"],
        lambda work: [work / "cat" / "locales" / "zh_Hant_TW" / "LC_MESSAGES"],
    ),
]


def glossary(work: Path, args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*GLOSSARY, "-q", "--catalogue", str(work / "cat"), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_while_writing(process: subprocess.Popen[bytes], watch: list[Path]) -> bool:
    """SIGKILL ``process`` as soon as a temp file shows in ``watch``; True if it was."""
    while process.poll() is None:
        for folder in watch:
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            if any(name.endswith(".tmp") for name in names):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
        time.sleep(0.0002)
    return False


@dataclass
class Outcome:
    killed: bool
    returncode: int | None
    old: dict[str, bytes]
    after_kill: dict[str, bytes]
    left_behind: list[str]
    stats: str
    stats_code: int | None
    new: dict[str, bytes]
    recovered: int
    recovery_error: str
    temp_after_recovery: list[str]


def play(scenario: Scenario, large: Path, work: Path) -> Outcome:
    """Kill the command mid-write, look, then run it to the end (its "new" content)."""
    for _attempt in range(3):  # a loaded machine may let one write slip by unseen
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(large, work / "cat")
        (work / "out").mkdir()
        # An earlier export the killed one must not damage: old or complete, nothing else.
        (work / "out" / "g.po").write_text("# an earlier export\n", encoding="utf-8")
        old = files(work)
        process = glossary(work, scenario.args(work))
        killed = kill_while_writing(process, scenario.watch(work))
        if killed:
            break
    after_kill = files(work)
    left_behind = temp_files(work)
    stats = None
    if scenario.name != "export":  # export writes no catalogue file (checked apart)
        # `stats` reads a copy of the state the kill left, while the complete run goes on.
        killed_copy = work.parent / f"{work.name}-killed"
        for relative, data in after_kill.items():
            (killed_copy / relative).parent.mkdir(parents=True, exist_ok=True)
            (killed_copy / relative).write_bytes(data)
        stats = subprocess.Popen(
            [*GLOSSARY, "--catalogue", str(killed_copy / "cat"), "stats"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
    complete = glossary(work, scenario.args(work))
    _, err = complete.communicate(timeout=300)
    stats_output = stats.communicate(timeout=300)[0] if stats else ""
    return Outcome(
        killed,
        process.returncode,
        old,
        after_kill,
        left_behind,
        stats_output,
        stats.returncode if stats else None,
        files(work),
        complete.returncode,
        err.decode("utf-8", "replace"),
        temp_files(work / "cat"),
    )


@pytest.fixture(scope="module")
def outcomes(
    large: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    works = {s.name: tmp_path_factory.mktemp(s.name) / "work" for s in SCENARIOS}
    with ThreadPoolExecutor(len(SCENARIOS)) as pool:
        futures = {
            s.name: pool.submit(play, s, large, works[s.name]) for s in SCENARIOS
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", [s.name for s in SCENARIOS])
def test_killed_mid_write_every_file_is_old_or_new(
    outcomes: dict[str, Outcome], name: str
) -> None:
    outcome = outcomes[name]
    # The kill landed while the command was writing (a temp file existed), not after.
    assert outcome.killed
    assert outcome.returncode == -signal.SIGKILL
    assert outcome.left_behind  # the half-written temp file, never the real one
    assert outcome.recovered == 0, outcome.recovery_error
    # The complete run changed something, so "old or new" is no empty promise.
    assert outcome.new != outcome.old
    for path in sorted(set(outcome.old) | set(outcome.new) | set(outcome.after_kill)):
        now = outcome.after_kill.get(path)
        assert now in (outcome.old.get(path), outcome.new.get(path)), path


@pytest.mark.parametrize("name", ["import", "convert"])
def test_the_catalogue_still_parses_and_the_next_run_cleans_up(
    outcomes: dict[str, Outcome], name: str
) -> None:
    outcome = outcomes[name]
    assert outcome.stats_code == 0, outcome.stats
    assert outcome.stats.startswith(f"concepts  {CONCEPTS}\n") or (
        name == "import" and outcome.stats.startswith(f"concepts  {CONCEPTS + 1}\n")
    )
    # A writing command removes what a killed one left beside the catalogue files.
    assert outcome.temp_after_recovery == []


def test_the_export_target_is_old_or_complete(outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes["export"]
    old, new = outcome.old["out/g.po"], outcome.new["out/g.po"]
    assert old == b"# an earlier export\n"
    assert outcome.after_kill["out/g.po"] in (old, new)
    catalogue = {k: v for k, v in outcome.old.items() if k.startswith("cat/")}
    assert {k: outcome.after_kill[k] for k in catalogue} == catalogue
    assert new == (outcome.new["cat/glossary/glossary.pot"])
