"""Profile one ``glossary`` command on a generated catalogue with cProfile.

``python benchmarks/hotspots.py validate`` runs ``glossary --catalogue
benchmarks/work/cat-100000 validate`` in this process under cProfile and prints the
functions that take the most time, cumulative and own (``-n`` picks the catalogue size,
``--top`` the number of rows, ``--save FILE`` keeps the raw profile for snakeviz/pstats,
``--root DIR`` profiles another catalogue folder: a command that writes, like ``convert``,
should run on a copy such as the one ``run.py`` makes in ``benchmarks/work/convert/``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from glossarykit.cli import cli


def main(argv: list[str] | None = None) -> int:
    """Command line: ``hotspots.py [-n N] [--top K] [--save FILE] COMMAND [ARGS…]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=generate.DEFAULT_N)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path)
    parser.add_argument(
        "--root", type=Path, help="catalogue folder (default: generated)"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    root = args.root or generate.generate(args.n)
    os.environ.setdefault("GLOSSARY_CACHE_DIR", str(generate.WORK / "cache"))
    argv_ = ["--catalogue", str(root), *args.command]
    profiler = cProfile.Profile()
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # the command's own output is not the point
    try:
        profiler.runcall(cli.main, argv_, prog_name="glossary", standalone_mode=False)
    finally:
        sys.stdout = stdout
    if args.save:
        profiler.dump_stats(args.save)
    for order in ("cumulative", "tottime"):
        print(f"== glossary {' '.join(args.command)} ({args.n:,} concepts), by {order}")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(order).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
