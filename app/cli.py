"""The ``plankg`` command line. Each subcommand lives in its own module under ``app/commands``.

Logging is configured here, in the entry point, and nowhere else.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app.commands import build, export, load, serve, stats
from graph.errors import PlanKGError

#: Subcommand modules, imported plainly so a renamed one fails loudly instead of vanishing from
#: ``--help``; each has ``register(subparsers)`` setting ``func(args) -> int``.
COMMAND_MODULES = (build, stats, load, serve, export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plankg", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("jieba").setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except PlanKGError as exc:
        print(f"plankg: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
