"""Run every benchmark as whole processes and print the table of issue 9.

``python benchmarks/run.py`` generates the 10,000 and 100,000-concept catalogues (once;
benchmarks/work/ keeps them), runs each of our commands and the established tool it is
compared with several times, alternating the two, and prints for each the median wall
time, the peak memory (the child's ru_maxrss from os.wait4), the ratio against the other
tool measured in the same run, whether the target is met, and how our time grows from
10,000 to 100,000 concepts. ``--smoke`` runs everything once on 1,000 concepts and only
checks that every command works and gives the right answers (CI runs it, so that the
benchmarks cannot rot); targets are not judged there.

The results go to stdout (a Markdown table) and to benchmarks/work/results-<N>.json/.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from glossarykit.services.catalogue import load_catalogue
from glossarykit.services.matcher import source_forms

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = generate.WORK
BIN = Path(sys.executable).parent
GLOSSARY = str(BIN / "glossary")
SEED_TERM = "三社联动"
# Benchmarks faster than QUICK seconds run at least QUICK_RUNS times: start-up times are
# a few tenths of a second, where other processes on the machine show.
QUICK = 1.0
QUICK_RUNS = 21
MIB = 1024 * 1024


@dataclasses.dataclass
class Sample:
    """One process (or a pipeline of processes run one after the other)."""

    wall: float
    cpu: float
    peak_kib: int


@dataclasses.dataclass
class Step:
    """A process to run: argv, and optionally stdin/stdout files and extra environment."""

    argv: list[str]
    stdin: Path | None = None
    stdout: Path | None = None
    env: dict[str, str] = dataclasses.field(default_factory=dict)
    ok: tuple[int, ...] = (0,)


@dataclasses.dataclass
class Bench:
    """One row of the table: our command against an established tool."""

    key: str
    operation: str
    compared_with: str
    target: str
    ours: Callable[[Path], list[Step]]
    theirs: Callable[[Path], list[Step]] | None
    # "faster": theirs/ours must reach target_ratio; "slower": ours/theirs must stay under.
    kind: str = "faster"
    target_ratio: float | None = None
    peak_mib: float | None = None
    linear: bool = True
    prepare: Callable[[Path], None] | None = None
    warmup: bool = True
    throughput_mb: Callable[[Path], float] | None = None
    target_mb_s: float | None = None


# -- the environment of every child ----------------------------------------------------


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Benchmarks run as a user runs the tool: Python writes and reuses its bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GLOSSARY_HOME", None)
    env.pop("GLOSSARY_NO_CACHE", None)
    env["GLOSSARY_CACHE_DIR"] = str(WORK / "cache")
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra or {})
    return env


# GNU time reports the child's peak RSS. Reading ru_maxrss from os.wait4 here instead would
# report at least this (Python) process's own size: Linux counts the memory a child had
# before its exec, which is a copy of its parent's.
TIME = shutil.which("time", path="/usr/bin:/bin")


def run_step(step: Step, cwd: Path) -> Sample:
    """Run one process; its wall time, CPU time and peak RSS (KiB)."""
    stdin = open(step.stdin, "rb") if step.stdin else subprocess.DEVNULL  # noqa: SIM115
    stdout = open(step.stdout, "wb") if step.stdout else subprocess.DEVNULL  # noqa: SIM115
    with (
        tempfile.TemporaryFile() as stderr,
        tempfile.NamedTemporaryFile("r", suffix=".time") as report,
    ):
        argv = step.argv
        if TIME:
            argv = [TIME, "-f", "%U %S %M", "-o", report.name, *argv]
        try:
            started = time.perf_counter()
            process = subprocess.Popen(
                argv,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                cwd=cwd,
                env=child_env(step.env),
            )
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            for handle in (stdin, stdout):
                if hasattr(handle, "close"):
                    handle.close()
        if process.returncode not in step.ok:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(
                f"benchmark command failed ({process.returncode}): "
                f"{' '.join(step.argv)}\n{message}"
            )
        cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
        if TIME:
            # The last line: GNU time puts "Command exited with non-zero status" first.
            user, system, peak_kib = report.read().split("\n")[-2].split()
            cpu, peak = float(user) + float(system), int(peak_kib)
    return Sample(wall, cpu, peak)


def run_steps(steps: list[Step], cwd: Path) -> Sample:
    samples = [run_step(step, cwd) for step in steps]
    return Sample(
        sum(s.wall for s in samples),
        sum(s.cpu for s in samples),
        max(s.peak_kib for s in samples),
    )


# -- the benchmarks ---------------------------------------------------------------------


def pot(root: Path) -> Path:
    return root / "glossary" / "glossary.pot"


def en_po(root: Path) -> Path:
    return root / "locales" / "en" / "LC_MESSAGES" / "glossary.po"


def out(root: Path, name: str) -> Path:
    folder = WORK / "out" / root.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def probe_term(root: Path) -> str:
    """A head term from the middle of the catalogue (the one every lookup asks for)."""
    cached = out(root, "probe-term.txt")
    if not cached.exists():
        catalogue = load_catalogue(root)
        cached.write_text(
            catalogue.concepts[len(catalogue.concepts) // 2].term, encoding="utf-8"
        )
    return cached.read_text(encoding="utf-8")


def glossary(root: Path, *args: str, **step: Any) -> Step:
    return Step([GLOSSARY, "--catalogue", str(root), *args], **step)


def opencc_input(root: Path) -> Path:
    """The Chinese text ``convert`` converts (terms, synonyms, definitions), one per line."""
    path = out(root, "convert-input.txt")
    if not path.exists():
        catalogue = load_catalogue(root)
        lines = []
        for concept in catalogue.concepts:
            lines += concept.sources
            if concept.definition:
                lines.append(concept.definition)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def convert_copy(root: Path) -> Path:
    return WORK / "convert" / root.name


def prepare_convert(root: Path) -> None:
    """A fresh copy of the catalogue without Traditional locales (convert creates them)."""
    copy = convert_copy(root)
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("sources"))


def corpus(root: Path) -> Path:
    return root / generate.CORPUS_PATH


BENCHES = [
    Bench(
        "validate-msgfmt",
        "validate",
        "GNU `msgfmt --check` (template and en PO)",
        "≤ 1.0× its time; peak ≤ 250 MiB",
        lambda r: [glossary(r, "validate", ok=(0, 1))],
        lambda r: [
            Step(["msgfmt", "--check", "-o", "/dev/null", str(pot(r))]),
            Step(["msgfmt", "--check", "-o", "/dev/null", str(en_po(r))]),
        ],
        kind="slower",
        target_ratio=1.0,
        peak_mib=250,
    ),
    Bench(
        "validate-pofilter",
        "validate",
        "translate-toolkit `pofilter` (en PO)",
        "≥ 15× faster",
        lambda r: [glossary(r, "validate", ok=(0, 1))],
        lambda r: [
            Step(
                [str(BIN / "pofilter"), "-i", str(en_po(r)), "-o", str(out(r, "pf.po"))]
            )
        ],
        target_ratio=15,
    ),
    Bench(
        "lookup-cached",
        "lookup, fresh process, index cache warm",
        "`msggrep -K -e TERM` (en PO)",
        "≥ 20× faster",
        lambda r: [glossary(r, "lookup", probe_term(r))],
        lambda r: [
            Step(["msggrep", "-K", "-e", probe_term(r), str(en_po(r))]),
        ],
        target_ratio=20,
        linear=False,
    ),
    Bench(
        "lookup-nocache",
        "lookup, fresh process, no index cache",
        "`msggrep -K -e TERM` (en PO)",
        "no slower (≤ 1.0×)",
        lambda r: [
            glossary(r, "lookup", probe_term(r), env={"GLOSSARY_NO_CACHE": "1"})
        ],
        lambda r: [
            Step(["msggrep", "-K", "-e", probe_term(r), str(en_po(r))]),
        ],
        kind="slower",
        target_ratio=1.0,
    ),
    Bench(
        "lookup-rebuild",
        "lookup right after an edit (rebuilds the index)",
        "`msggrep -K -e TERM` (en PO)",
        "(reported)",
        lambda r: [glossary(r, "lookup", probe_term(r))],
        lambda r: [
            Step(["msggrep", "-K", "-e", probe_term(r), str(en_po(r))]),
        ],
        kind="slower",
        prepare=lambda r: clear_index(r),
        warmup=False,
    ),
    Bench(
        "help",
        "`glossary --help`",
        '`python -c "import click"`',
        "≤ 1.5×",
        lambda r: [Step([GLOSSARY, "--help"])],
        lambda r: [Step([sys.executable, "-c", "import click"])],
        kind="slower",
        target_ratio=1.5,
        linear=False,
    ),
    Bench(
        "lookup-seed",
        "`glossary lookup 三社联动` (seed glossary)",
        '`python -c "import click"`',
        "≤ 1.5×",
        lambda r: [glossary(REPO, "lookup", SEED_TERM)],
        lambda r: [Step([sys.executable, "-c", "import click"])],
        kind="slower",
        target_ratio=1.5,
        linear=False,
    ),
    Bench(
        "export-csv",
        "export csv",
        "translate-toolkit `po2csv` (en PO)",
        "≥ 4× faster",
        lambda r: [
            glossary(r, "export", "--format", "csv", "-o", str(out(r, "g.csv")))
        ],
        lambda r: [Step([str(BIN / "po2csv"), str(en_po(r)), str(out(r, "ttk.csv"))])],
        target_ratio=4,
    ),
    Bench(
        "export-tbx",
        "export tbx",
        "translate-toolkit `po2csv` then `csv2tbx`",
        "≥ 5× faster; peak ≤ 300 MiB",
        lambda r: [
            glossary(r, "export", "--format", "tbx", "-o", str(out(r, "g.tbx")))
        ],
        lambda r: [
            Step([str(BIN / "po2csv"), str(en_po(r)), str(out(r, "ttk.csv"))]),
            Step(
                [str(BIN / "csv2tbx"), str(out(r, "ttk.csv")), str(out(r, "ttk.tbx"))]
            ),
        ],
        target_ratio=5,
        peak_mib=300,
    ),
    Bench(
        "convert",
        "convert to zh_Hant_TW",
        "`opencc -c s2tw` (OpenCC wheel) on the same text",
        "≤ 1.2×",
        lambda r: [
            glossary(convert_copy(r), "convert", "--locale", "zh_Hant_TW", ok=(0, 1))
        ],
        lambda r: [
            Step(
                [
                    str(BIN / "opencc"),
                    "-c",
                    "s2tw",
                    "-i",
                    str(opencc_input(r)),
                    "-o",
                    str(out(r, "opencc.txt")),
                ]
            )
        ],
        kind="slower",
        target_ratio=1.2,
        prepare=prepare_convert,
    ),
    Bench(
        "annotate",
        "annotate the corpus",
        "a plain leftmost-longest matcher (correctness)",
        "≥ 8 MB/s; identical matches",
        lambda r: [
            glossary(r, "annotate", str(corpus(r)), stdout=out(r, "annotated.txt"))
        ],
        None,
        throughput_mb=lambda r: corpus(r).stat().st_size / 1e6,
        target_mb_s=8,
    ),
    # Annotate reads its forms and renderings from the lookup index when it is fresh;
    # this row shows the cost without it (a full read of the catalogue).
    Bench(
        "annotate-nocache",
        "annotate the corpus, no index cache",
        "–",
        "(reported)",
        lambda r: [
            glossary(
                r,
                "annotate",
                str(corpus(r)),
                stdout=out(r, "annotated-nocache.txt"),
                env={"GLOSSARY_NO_CACHE": "1"},
            )
        ],
        None,
        throughput_mb=lambda r: corpus(r).stat().st_size / 1e6,
    ),
]


def clear_index(root: Path) -> None:
    for index in (WORK / "cache").glob("lookup-*.sqlite"):
        index.unlink()


# -- correctness checks (run once, outside the timings) ---------------------------------


def plain_matches(text: str, forms: set[str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping matches by plain slicing: at each position the
    longest form starting there wins, then the search goes on after it."""
    lengths = sorted({len(f) for f in forms}, reverse=True)
    firsts = {f[0] for f in forms}
    found = []
    position = 0
    end = len(text)
    while position < end:
        if text[position] in firsts:
            for length in lengths:
                piece = text[position : position + length]
                if len(piece) == length and piece in forms:
                    found.append((position, position + length, piece))
                    position += length
                    break
            else:
                position += 1
        else:
            position += 1
    return found


def check_annotate(root: Path) -> str:
    """Our matches (annotate --format json) against the plain matcher's."""
    result = out(root, "annotate.json")
    run_step(
        glossary(
            root, "annotate", str(corpus(root)), "--format", "json", stdout=result
        ),
        REPO,
    )
    ours = [
        (m["start"], m["end"], m["form"])
        for m in json.loads(result.read_text(encoding="utf-8"))["matches"]
    ]
    result.unlink()
    forms = {f.form for f in source_forms(load_catalogue(root))}
    text = corpus(root).read_text(encoding="utf-8")
    plain = plain_matches(text, forms)
    if ours != plain:
        first = next(
            (i for i, (a, b) in enumerate(zip(ours, plain, strict=False)) if a != b),
            min(len(ours), len(plain)),
        )
        raise SystemExit(
            f"annotate: matches differ from the plain matcher at match {first} "
            f"({len(ours)} against {len(plain)})"
        )
    return f"identical ({len(ours):,} matches)"


def check_lookup(root: Path) -> str:
    """The same output with the index cache, without it, and rebuilding it."""
    term = probe_term(root)
    outputs = []
    for env in ({}, {}, {"GLOSSARY_NO_CACHE": "1"}):
        target = out(root, "lookup.txt")
        run_step(
            glossary(root, "lookup", term, "--format", "json", stdout=target, env=env),
            REPO,
        )
        outputs.append(target.read_bytes())
    if len(set(outputs)) != 1:
        raise SystemExit("lookup: the index cache changes the answer")
    return "same answer with and without the index"


# -- running and reporting --------------------------------------------------------------


def measure(bench: Bench, root: Path, runs: int, compare: bool) -> dict[str, Any]:
    ours: list[Sample] = []
    theirs: list[Sample] = []
    if bench.warmup:
        if bench.prepare:
            bench.prepare(root)
        run_steps(bench.ours(root), REPO)
        if compare and bench.theirs:
            run_steps(bench.theirs(root), REPO)
    wanted = runs
    while len(ours) < wanted:
        if bench.prepare:
            bench.prepare(root)
        ours.append(run_steps(bench.ours(root), REPO))
        if compare and bench.theirs:
            theirs.append(run_steps(bench.theirs(root), REPO))
        if len(ours) == 1 and ours[0].wall < QUICK and runs > 1:
            wanted = max(runs, QUICK_RUNS)  # sub-second timings need more runs
    return {"ours": summary(ours), "theirs": summary(theirs) if theirs else None}


def summary(samples: list[Sample]) -> dict[str, Any]:
    return {
        "wall": statistics.median(s.wall for s in samples),
        "cpu": statistics.median(s.cpu for s in samples),
        "peak_mib": max(s.peak_kib for s in samples) / 1024,
        "walls": [round(s.wall, 4) for s in samples],
    }


def judge(bench: Bench, result: dict[str, Any]) -> tuple[str, bool | None]:
    """The ratio as the target states it, and whether the target is met."""
    ours = result["ours"]
    met: bool | None = None
    text = ""
    if bench.throughput_mb is not None:
        rate = result["mb"] / ours["wall"]
        text = f"{rate:.1f} MB/s"
        met = None if bench.target_mb_s is None else rate >= bench.target_mb_s
    theirs = result.get("theirs")
    if theirs:
        if bench.kind == "faster":
            ratio = theirs["wall"] / ours["wall"]
            text = f"{ratio:.1f}× faster"
            met = bench.target_ratio is None or ratio >= bench.target_ratio
        else:
            ratio = ours["wall"] / theirs["wall"]
            text = f"{ratio:.2f}× its time"
            met = None if bench.target_ratio is None else ratio <= bench.target_ratio
    if bench.peak_mib is not None and met is not None:
        met = met and ours["peak_mib"] <= bench.peak_mib
    return text, met


def main(argv: list[str] | None = None) -> int:
    """Command line: ``run.py [-n N] [--small N] [--runs R] [--only KEY…] [--smoke]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=generate.DEFAULT_N)
    parser.add_argument("--small", type=int, default=10_000, help="size for scaling")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="benchmark keys to run")
    parser.add_argument("--smoke", action="store_true", help="1,000 concepts, once")
    args = parser.parse_args(argv)
    if args.smoke:
        args.n, args.small, args.runs = 1_000, 0, 1
    benches = [b for b in BENCHES if not args.only or b.key in args.only]
    started = time.time()
    load_before = os.getloadavg()
    roots = {n: generate.generate(n) for n in (args.n, args.small) if n}
    results: dict[str, Any] = {
        "n": args.n,
        "small": args.small,
        "runs": args.runs,
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "python": sys.version.split()[0],
        "benches": {},
    }
    for bench in benches:
        row: dict[str, Any] = {}
        root = roots[args.n]
        main_result = measure(bench, root, args.runs, compare=True)
        if bench.throughput_mb:
            main_result["mb"] = bench.throughput_mb(root)
        row["main"] = main_result
        if args.small and bench.linear:
            row["small"] = measure(bench, roots[args.small], args.runs, compare=False)
        if bench.key == "annotate":
            row["check"] = check_annotate(root)
        if bench.key == "lookup-cached":
            row["check"] = check_lookup(root)
        row["ratio"], row["met"] = judge(bench, main_result)
        results["benches"][bench.key] = row
        print(
            f"{bench.key}: {row['ratio']} ({row['main']['ours']['wall']:.3f} s)",
            file=sys.stderr,
        )
    results["load_after"] = os.getloadavg()
    results["seconds"] = round(time.time() - started)
    table = render(results, benches, smoke=args.smoke)
    print(table)
    if not args.smoke:
        (WORK / f"results-{args.n}.json").write_text(json.dumps(results, indent=1))
        (WORK / f"results-{args.n}.md").write_text(table + "\n", encoding="utf-8")
    return 0


def render(results: dict[str, Any], benches: list[Bench], smoke: bool) -> str:
    n = results["n"]
    small = results["small"]
    lines = [
        f"{n:,} concepts; median of {results['runs']} runs ({QUICK_RUNS} for those under "
        f"{QUICK:g} s); {results['cpus']} CPUs; "
        f"load average before {results['load_before'][0]:.2f}, after "
        f"{results['load_after'][0]:.2f}; Python {results['python']}",
        "",
        "| operation | compared with | ours | theirs | ratio | target | met | peak MiB ours / theirs "
        f"| {f'{small // 1000}k → {n // 1000}k' if small else 'scaling'} |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for bench in benches:
        row = results["benches"][bench.key]
        ours = row["main"]["ours"]
        theirs = row["main"]["theirs"]
        scaling = ""
        if "small" in row:
            scaling = f"{ours['wall'] / row['small']['ours']['wall']:.1f}×"
        met = {True: "yes", False: "**no**", None: "–"}[row["met"]]
        if smoke:
            met = "(smoke)"
        their_time = f"{theirs['wall']:.3f} s" if theirs else "–"
        their_peak = f"{theirs['peak_mib']:.0f}" if theirs else "–"
        ratio = row["ratio"] + (f"; {row['check']}" if "check" in row else "")
        lines.append(
            f"| {bench.operation} | {bench.compared_with} | {ours['wall']:.3f} s | "
            f"{their_time} | {ratio} | {bench.target} | {met} | "
            f"{ours['peak_mib']:.0f} / {their_peak} | {scaling} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
