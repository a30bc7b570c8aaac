"""A ``plankg load`` killed half-way into the Bolt server: nothing lost, and a re-run completes it.

The load runs as a real ``plankg load --store neo4j`` process (``tests/support/paused_load.py``
holds one of its write transactions open at a known batch, so the kill lands mid-transaction
without racing the load) and receives a real SIGKILL. Then:

- the previous graph still answers (the owners of 集装箱吞吐量 are those of before the load),
  and the load marker says ``running``;
- the batch that was open when the process died is not in the database;
- running the same load again ends with exactly the graph, and the counts, of a clean load.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.cli import main
from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, PlanGraph, RelType
from graph.neo4j.load import DEFAULT_BATCH_SIZE, LoadPlan
from graph.neo4j.search_index import stored_postings
from graph.neo4j.store import Neo4jStore
from graph.settings import get_settings
from loaders.pipeline import build_graph
from tests.support.arcadedb_server import BoltTestServer
from tests.support.bolt import ExternalBoltServer
from tests.support.bolt_helpers import rebuilt
from tests.support.paths import ROOT
from tests.support.paused_load import PAUSED
from tests.support.seed_corpus import write_corpus

CORPUS_DOCUMENTS = 12  # ≈940 nodes and ≈1,000 relationships: about twenty write transactions


def write_transactions(plan: LoadPlan, batch_size: int) -> int:
    """How many write transactions ``GraphLoader.write`` runs for ``plan``'s records (markers
    included; the search index's few writes come on top, so the pause lands no later)."""

    def batches(rows: int) -> int:
        return -(-rows // batch_size)

    count = 2 + batches(len(plan.delete_edges)) + batches(len(plan.delete_nodes)) + batches(len(plan.update_nodes))
    count += sum(batches(sum(1 for n in plan.create_nodes if n.label is label)) for label in Label)
    for edges in (plan.create_edges, plan.update_edges):
        count += sum(batches(sum(1 for e in edges if e.type is rel_type)) for rel_type in RelType)
    return count


def wait_for_line(process: subprocess.Popen[str], prefix: str, timeout: float) -> str:
    """The first stdout line of ``process`` starting with ``prefix``; fails on exit or timeout.

    Lines are read by a thread: the child's earlier output arrives in the same write as the
    awaited line (its stdout is a pipe, so block-buffered), which a select() loop would miss.
    """
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if line.startswith(prefix):
            return line
    pytest.fail(f"no {prefix!r} line from the load (exit status {process.poll()}); stdout: {''.join(seen)}")


def owner_names(store: Neo4jStore | NetworkxStore, indicator_id: str) -> list[str]:
    return sorted(row.owner.name for row in store.owners_of(indicator_id))


def test_a_load_killed_mid_transaction_leaves_the_old_graph_and_completes_on_a_rerun(
    neo4j_store: Neo4jStore,
    bolt_server: BoltTestServer | ExternalBoltServer,
    seed_graph: PlanGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The previous graph: the seeds.
    neo4j_store.load(seed_graph)
    teu = next(n for n in seed_graph.nodes if n.label is Label.INDICATOR and n.name == "集装箱吞吐量")
    owners_before = owner_names(neo4j_store, teu.id)
    assert "青岛市海洋发展局" in owners_before
    previous = neo4j_store.export_graph()

    # The load to kill: a corpus of plan documents, about twenty write transactions.
    corpus = write_corpus(tmp_path / "corpus", CORPUS_DOCUMENTS)
    corpus_graph = build_graph(corpus)
    transactions = write_transactions(neo4j_store.plan_load(corpus_graph), batch_size=DEFAULT_BATCH_SIZE)
    assert transactions >= 12
    pause_at = transactions // 2

    env = {
        **os.environ,
        "NEO4J_URI": bolt_server.uri,
        "NEO4J_USER": bolt_server.user,
        "NEO4J_PASSWORD": bolt_server.password,
        "NEO4J_DATABASE": bolt_server.database or "",
    }
    command = [
        sys.executable, "-m", "tests.support.paused_load", str(pause_at),
        "load", "--store", "neo4j", *map(str, corpus),
    ]  # fmt: skip
    stderr = (tmp_path / "load.err").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        assert wait_for_line(process, PAUSED, timeout=120).split() == [PAUSED, str(pause_at)]
        # Half-way, one transaction open: the old graph answers as before.
        assert owner_names(neo4j_store, teu.id) == owners_before
        while_running = neo4j_store.export_graph()
        assert neo4j_store.last_load()["state"] == "running"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr.close()

    # After the kill: the previous graph is queryable, the open batch is not in, the marker says so.
    assert owner_names(neo4j_store, teu.id) == owners_before
    assert neo4j_store.get_node(teu.id).node.properties["value"] == "2800"
    half_done = neo4j_store.export_graph()
    assert half_done == while_running  # the uncommitted batch was rolled back, nothing more came
    held_ids = {n.id for n in half_done.nodes}
    assert {n.id for n in previous.nodes} <= held_ids
    clean = NetworkxStore(seed_graph)
    clean.load(corpus_graph)
    expected = clean.export_graph()
    assert half_done not in (previous, expected)  # really half-way
    assert neo4j_store.last_load()["state"] == "running"

    # The same load again, as a user would run it: it completes the interrupted one.
    for name, value in env.items():
        if name.startswith("NEO4J_"):
            monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        assert main(["load", "--store", "neo4j", *map(str, corpus)]) == 0
    finally:
        get_settings.cache_clear()
    assert "did not finish" in capsys.readouterr().err
    assert neo4j_store.last_load()["state"] == "complete"
    rerun = neo4j_store.export_graph()
    assert rerun == expected
    if neo4j_store.capabilities.gram_index:  # the search index too: the rerun rebuilt it
        assert stored_postings(neo4j_store._connection) == rebuilt(neo4j_store)
    rerun_counts = neo4j_store.counts()
    assert rerun_counts == clean.counts()

    # A clean load of the same graphs into the emptied database: the same counts and records.
    neo4j_store.clear()
    neo4j_store.load(seed_graph)
    neo4j_store.load(corpus_graph)
    assert neo4j_store.counts() == rerun_counts
    assert neo4j_store.export_graph() == rerun
