"""Run ``plankg`` with one Bolt write transaction held open, so a test can SIGKILL it there.

Usage: ``python -m tests.support.paused_load N plankg-arguments…``, e.g.
``python -m tests.support.paused_load 8 load --store neo4j data/*.txt``.

This is ``plankg`` itself (``app.cli.main``) with one change, made here and never in the
package: the N-th write transaction of the load's write phase (counting from 1 the
``BoltConnection.write`` calls made inside ``GraphLoader.write``: the ``load_begin`` marker,
then one per batch; schema statements before it are not counted) runs its Cypher, then prints
``PAUSED N`` on stdout and sleeps inside the open, uncommitted transaction until the process is
killed. Every earlier batch is committed; this one and every later one are not. The test waits
for the line, then sends a real SIGKILL: the kill lands at a known point, so it does not flake,
and it lands mid-transaction, the worst moment for the database.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from graph.neo4j.connection import BoltConnection
from graph.neo4j.load import GraphLoader

PAUSED = "PAUSED"


def hold_write(pause_at: int) -> None:
    """Make the ``pause_at``-th ``BoltConnection.write`` hang inside its transaction."""
    real_write = BoltConnection.write
    real_load_write = GraphLoader.write
    calls = {"n": 0, "loading": False}

    def load_write(self: GraphLoader, *args: Any, **kwargs: Any) -> Any:
        calls["loading"] = True
        try:
            return real_load_write(self, *args, **kwargs)
        finally:
            calls["loading"] = False

    def write(self: BoltConnection, work: Callable[[Any], Any]) -> Any:
        if not calls["loading"]:
            return real_write(self, work)
        calls["n"] += 1
        if calls["n"] != pause_at:
            return real_write(self, work)

        def held(tx: Any) -> Any:
            result = work(tx)  # the batch's Cypher has run; its transaction is still open
            print(f"{PAUSED} {pause_at}", flush=True)
            while True:  # until SIGKILL
                time.sleep(3600)
            return result  # pragma: no cover

        return real_write(self, held)

    BoltConnection.write = write  # type: ignore[method-assign]
    GraphLoader.write = load_write  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    from app.cli import main as plankg

    hold_write(int(argv[0]))
    return plankg(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
