"""Extraction quality on real texts of other cities: runs the shared scorer and prints its table.

    .venv/bin/python -m bench.quality                    # ../shared/devset, summary table
    .venv/bin/python -m bench.quality --details          # every miss and false positive too
    .venv/bin/python -m bench.quality --corpus DIR       # another corpus of the same layout

The scorer (``../shared/quality/score.py``) builds each document alone with ``plankg build`` and
matches the graph against hand-made gold annotations; this script only finds it, runs it with
this checkout's CLI, and keeps its output. Figures and the command go into ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "devset")
    parser.add_argument("--scorer", type=Path, default=SHARED / "quality" / "score.py")
    parser.add_argument("--plankg", type=Path, default=ROOT / ".venv" / "bin" / "plankg")
    parser.add_argument("--details", action="store_true", help="print every miss and false positive")
    args = parser.parse_args(argv)
    for path, what in ((args.scorer, "scorer"), (args.corpus, "corpus"), (args.plankg, "plankg CLI (run `make build` first)")):
        if not path.exists():
            print(f"bench/quality.py: no {what} at {path}", file=sys.stderr)
            return 2
    command = [sys.executable, str(args.scorer), str(args.corpus), "--plankg", str(args.plankg)]
    if not args.details:
        command.append("--quiet")
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
