"""Loading a ``PlanGraph`` into Neo4j with exactly the semantics of ``graph.merging``.

The load is planned in Python and then written, so both stores merge alike by construction:

1. **Fetch** the stored records the load can change: every node and relationship with a mention
   from a replaced source, and every stored node or relationship the graph names (its ids, its
   edges' ends, its edge keys). On an empty database there is nothing to fetch. A stored record
   whose ``state_hash`` equals the one the incoming record would store is not fetched: merging
   a record into an equal one changes nothing, so the incoming record stands for it. (Decoding
   Bolt records in Python is the load's main cost; this makes loading an unchanged graph again
   several times cheaper.)
2. **Plan** with the embedded store's own functions on those records: ``withdraw_sources`` then
   ``merge_graph`` (which also refuses a label clash or a dangling edge, before anything is
   written). Only what changed is written, so loading the same graph twice writes nothing the
   second time. The plan knows which records are stored, so it creates the new ones and updates
   the others: no ``MERGE`` is needed (and ArcadeDB's ``MERGE`` on a two-label pattern does not
   use the id index: 14 rows/s; see cypher/README.md).
3. **Write** in batches of ``batch_size`` rows, each batch a managed write transaction (the
   driver retries it on a dropped connection): relationships and nodes left without mentions are
   deleted, then nodes are created or updated per label, then relationships per type. An update
   sets a record's *whole* stored state (``SET n = row.props``), so writing it twice changes
   nothing. The rows are built in a worker thread ahead of the writes (``RowBuilder``), so
   building batch k+1 overlaps the database writing batch k. The search index (derived data) is
   kept around the records (``SearchIndexHook``; ``graph.neo4j.search_index``).

Crash safety (a load killed half-way): Neo4j cannot hold a 50k-node load in one transaction on
small instances (Aura Free), so a load is a sequence of batches, not one transaction. Instead,
the previous graph stays queryable throughout (records are updated in place, never dropped and
rebuilt), and running the same load again ends in exactly the state of a clean load: the re-run
plans from what the interrupted run left (what it created is now stored and gets updated;
withdrawing a source again also removes whatever that source's half-written facts were). A
``PlanKGLoad`` marker node keeps ``state = 'running'`` until the last batch is written, so an
interrupted load is visible (``Neo4jStore.last_load()``) until a re-run completes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from neo4j import ManagedTransaction

from graph.errors import PlanKGError
from graph.merging import merge_graph, withdraw_sources
from graph.model import Edge, Label, Node, PlanGraph, RelType
from graph.neo4j.batches import chunks, row_chars, size_chunks
from graph.neo4j.connection import BoltConnection
from graph.neo4j.cypher_files import label_query, query, type_query
from graph.neo4j.records import (
    edge_row,
    edge_state_hash,
    node_row,
    node_state_hash,
    read_edge,
    read_node,
    ref_node,
)
from graph.questions.answers import normalise_edge, normalise_node
from graph.questions.view import EdgeKey

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 1000

#: Told ``(rows written so far, rows the load writes)`` before the first batch and after each
#: one (``plankg load`` draws its progress bar with it).
Progress = Callable[[int, int], None]


class SearchIndexHook(Protocol):
    """Derived search data a load keeps current (``graph.neo4j.search_index``): told before the
    records are written (while the stored texts are still the old ones) and after."""

    def before_records(self) -> None: ...

    def after_records(self) -> None: ...


class LoadWriteError(PlanKGError):
    """The database did not write what a batch asked (a node vanished under the load)."""


@dataclass
class LoadPlan:
    """What one load writes, computed before anything is written."""

    delete_edges: list[EdgeKey] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    create_nodes: list[Node] = field(default_factory=list)
    update_nodes: list[Node] = field(default_factory=list)
    create_edges: list[Edge] = field(default_factory=list)
    update_edges: list[Edge] = field(default_factory=list)
    stored_nodes: int = 0
    """How many plan nodes the database held when the plan was made."""

    @property
    def changes(self) -> int:
        """How many records the plan deletes, creates or updates."""
        return sum(
            len(part)
            for part in (
                self.delete_edges,
                self.delete_nodes,
                self.create_nodes,
                self.update_nodes,
                self.create_edges,
                self.update_edges,
            )
        )


@dataclass(frozen=True)
class LoadTimings:
    """Seconds spent in each phase of one load (``Neo4jStore.last_timings``; bench/load.py)."""

    plan: float = 0.0
    delete: float = 0.0
    nodes: float = 0.0
    relationships: float = 0.0
    search_index: float = 0.0

    @property
    def total(self) -> float:
        return self.plan + self.delete + self.nodes + self.relationships + self.search_index


def _by_id(items: Iterable[Node]) -> tuple[dict[str, Node], set[str]]:
    """Nodes by id, and the ids given more than once (merged in order, so never short-cut)."""
    found: dict[str, Node] = {}
    repeated: set[str] = set()
    for item in items:
        if item.id in found:
            repeated.add(item.id)
        found[item.id] = item
    return found, repeated


#: Batches of rows the worker builds ahead of the writes at most: memory holds that many
#: batches, not every row of the load at once; enough for the worker to build the relationships'
#: rows while the nodes of a 10,000-node load are written (4 cost the 20-city load ~0.25 s).
ROWS_AHEAD = 16


class RowBuilder:
    """Builds the parameter rows of a load's writes in a worker thread, ahead of the writes.

    Building a row (``node_row`` / ``edge_row``: JSON, a SHA-1) is most of a first load's Python
    work; done in another thread, it runs while the loading thread waits for the database to
    write the previous batch (the wait releases the GIL), instead of between the writes. The
    worker runs at most ``ahead`` batches ahead of the batches written.
    """

    def __init__(self, ahead: int = ROWS_AHEAD) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plankg-load-rows")
        self._ahead = ahead
        self._slots = threading.Semaphore(ahead)

    def rows(self, make_row: Callable[[Any], dict[str, Any]], items: Sequence[Any], size: int) -> RowsAhead:
        """Queue the rows of ``items`` in batches of ``size``: built in the order queued."""

        def build(batch: Sequence[Any]) -> list[dict[str, Any]]:
            self._slots.acquire()  # released once the loading thread has written a batch
            return [make_row(item) for item in batch]

        return RowsAhead([self._pool.submit(build, batch) for batch in chunks(items, size)], len(items), self._slots)

    def close(self) -> None:
        """Drop what is not built yet and free a worker waiting for a slot (a load that failed)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._slots.release(self._ahead)


class RowsAhead:
    """The parameter rows of one kind of write, batch by batch, as ``RowBuilder`` builds them."""

    def __init__(self, batches: list[Future[list[dict[str, Any]]]], count: int, slots: threading.Semaphore) -> None:
        self._batches = batches
        self._count = count
        self._slots = slots

    def __len__(self) -> int:
        return self._count

    def batches(self) -> Iterator[list[dict[str, Any]]]:
        """Each batch once built; the next is let be built once the caller is done with this one."""
        for batch in self._batches:
            yield batch.result()
            self._slots.release()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class GraphLoader:
    """Plans and writes loads for one connection (see the module docstring)."""

    def __init__(
        self, connection: BoltConnection, *, batch_size: int = DEFAULT_BATCH_SIZE, write_chars: int | None = None
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        #: Characters of string values one write may carry past its first row (``graph.neo4j.batches``);
        #: the store sets the engine's bound once it knows the engine.
        self.write_chars = write_chars
        self.connection = connection
        self.batch_size = batch_size
        self._progress: Progress | None = None
        self._done = 0
        self._total = 0

    # -- planning -----------------------------------------------------------------------------

    def plan(self, graph: PlanGraph, sources: Sequence[str]) -> LoadPlan:
        """The writes that merge ``graph`` after withdrawing ``sources``; raises ``InvalidQuery``."""
        stored_count = self.connection.run_read(query("count_plan_nodes"))[0]["nodes"]
        nodes: dict[str, Node] = {}
        edges: dict[EdgeKey, Edge] = {}
        if stored_count:
            for source in sources:
                self._fetch_source(source, nodes, edges)
            self._fetch_graph_nodes(graph, nodes)
            self._fetch_graph_edges(graph, edges)

        kept_nodes, kept_edges = withdraw_sources(nodes, edges, sources)
        merged_nodes, merged_edges = merge_graph(kept_nodes, kept_edges, graph)

        plan = LoadPlan(stored_nodes=stored_count)
        plan.delete_nodes = sorted(node_id for node_id in nodes if node_id not in kept_nodes)
        deleted = set(plan.delete_nodes)
        # A relationship of a deleted node goes with it (DETACH DELETE); only the others are
        # deleted one by one.
        plan.delete_edges = sorted(key for key in edges if key not in kept_edges and not {key[0], key[1]} & deleted)
        for node_id, node in merged_nodes.items():
            if node_id in deleted or node_id not in nodes:
                plan.create_nodes.append(node)
            elif nodes[node_id] != node:
                plan.update_nodes.append(node)
        for key, edge in merged_edges.items():
            if key not in kept_edges:  # new, or withdrawn (deleted) and loaded again
                plan.create_edges.append(edge)
            elif edges[key] != edge:
                plan.update_edges.append(edge)
        return plan

    def _fetch_source(self, source: str, nodes: dict[str, Node], edges: dict[EdgeKey, Edge]) -> None:
        for row in self.connection.run_read(query("source_nodes"), source=source):
            node = read_node(row["props"], row["labels"])
            nodes[node.id] = node
        for row in self.connection.run_read(query("source_edges"), source=source):
            edge = read_edge(row["source"], row["target"], row["type"], row["props"])
            edges[edge.key] = edge

    def _fetch_graph_nodes(self, graph: PlanGraph, nodes: dict[str, Node]) -> None:
        """The stored nodes the graph names (its nodes, its edges' ends), fetched as little as may be.

        A node whose ``state_hash`` equals the one the incoming node would store is unchanged:
        the normalised incoming node stands for it, unfetched (merging a record into an equal
        one changes nothing). An edge end the graph does not restate is only named (it is not
        written). Everything else is fetched whole.
        """
        incoming, repeated = _by_id(graph.nodes)
        wanted = {node.id for node in graph.nodes}
        wanted.update(end for edge in graph.edges for end in (edge.source, edge.target))
        full: list[str] = []
        for batch in chunks(sorted(wanted - nodes.keys()), self.batch_size):
            for row in self.connection.run_read(query("node_hashes"), ids=list(batch)):
                node_id = row["id"]
                node = incoming.get(node_id)
                if node is None:
                    nodes[node_id] = ref_node(node_id, row["labels"], row["name"])
                    continue
                normalised = normalise_node(node)
                if node_id not in repeated and row["state_hash"] == node_state_hash(normalised):
                    nodes[node_id] = normalised
                else:
                    full.append(node_id)
        self._fetch_nodes(full, nodes)

    def _fetch_graph_edges(self, graph: PlanGraph, edges: dict[EdgeKey, Edge]) -> None:
        """The stored relationships the graph names, unfetched when their hash says unchanged."""
        incoming: dict[EdgeKey, Edge] = {}
        repeated: set[EdgeKey] = set()
        for edge in graph.edges:
            if edge.key in incoming:
                repeated.add(edge.key)
            incoming[edge.key] = edge
        by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
        for source, target, rel in sorted(incoming.keys() - edges.keys()):
            by_type[rel].append({"source": source, "target": target})
        full: list[EdgeKey] = []
        for rel, keys in by_type.items():
            cypher = type_query("edge_hashes", RelType(rel))
            for batch in chunks(keys, self.batch_size):
                for row in self.connection.run_read(cypher, keys=list(batch)):
                    key = (row["source"], row["target"], rel)
                    normalised = normalise_edge(incoming[key])
                    if key not in repeated and row["state_hash"] == edge_state_hash(normalised):
                        edges[key] = normalised
                    else:
                        full.append(key)
        self._fetch_edges(full, edges)

    def _fetch_nodes(self, ids: list[str], nodes: dict[str, Node]) -> None:
        cypher = query("nodes_by_id")
        for batch in chunks(ids, self.batch_size):
            for row in self.connection.run_read(cypher, ids=list(batch)):
                node = read_node(row["props"], row["labels"])
                nodes[node.id] = node

    def _fetch_edges(self, keys: list[EdgeKey], edges: dict[EdgeKey, Edge]) -> None:
        by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
        for source, target, rel in keys:
            by_type[rel].append({"source": source, "target": target})
        for rel, type_keys in by_type.items():
            cypher = type_query("edges_by_key", RelType(rel))
            for batch in chunks(type_keys, self.batch_size):
                for row in self.connection.run_read(cypher, keys=list(batch)):
                    edge = read_edge(row["source"], row["target"], row["type"], row["props"])
                    edges[edge.key] = edge

    # -- writing ------------------------------------------------------------------------------

    def write(
        self,
        plan: LoadPlan,
        *,
        sources: Sequence[str],
        nodes: int,
        relationships: int,
        progress: Progress | None = None,
        search_index: SearchIndexHook | None = None,
    ) -> LoadTimings:
        """Apply ``plan``, bracketed by the load marker (see the module docstring).

        Returns the seconds spent deleting, writing nodes, writing relationships and keeping the
        search index. ``progress`` is told the rows written so far after every batch.
        ``search_index`` (derived search data) is told before the first record is written and
        after the last, both after the marker says ``running`` and before it says ``complete``,
        so a load killed during either is seen as interrupted and a rerun repairs it.
        """
        started = time.perf_counter()
        self._progress = progress
        self._done = 0
        self._total = plan.changes
        if progress is not None:
            progress(0, self._total)
        self.connection.run_write(
            query("load_begin"),
            started_at=_now(),
            replace_sources=list(sources),
            nodes=nodes,
            relationships=relationships,
        )
        index_started = time.perf_counter()
        if search_index is not None:
            search_index.before_records()
        index_before = time.perf_counter() - index_started
        self._run_batches(
            query("delete_edges"),
            [{"source": s, "target": t, "type": rel} for s, t, rel in plan.delete_edges],
            check=False,
        )
        builder = RowBuilder()
        try:
            # Every batch is queued now, in write order: the worker builds them a few ahead of the writes.
            node_writes = [
                *(
                    (label_query("create_nodes", label), [n for n in plan.create_nodes if n.label is label])
                    for label in Label
                ),
                (query("update_nodes"), plan.update_nodes),
            ]
            edge_writes = [
                (type_query(name, rel_type), [e for e in edges if e.type is rel_type])
                for rel_type in RelType
                for name, edges in (("create_edges", plan.create_edges), ("update_edges", plan.update_edges))
            ]
            node_rows = [(cypher, builder.rows(node_row, items, self.batch_size)) for cypher, items in node_writes]
            edge_rows = [(cypher, builder.rows(edge_row, items, self.batch_size)) for cypher, items in edge_writes]
            self._run_batches(query("delete_nodes"), plan.delete_nodes, param="ids", check=False)
            deleted = time.perf_counter()
            for cypher, rows in node_rows:
                self._run_batches(cypher, rows)
            nodes_done = time.perf_counter()
            for cypher, rows in edge_rows:
                self._run_batches(cypher, rows)
        finally:
            builder.close()

        relationships_done = time.perf_counter()
        if search_index is not None:
            search_index.after_records()
        index_done = time.perf_counter()
        self.connection.run_write(query("load_end"), finished_at=_now())
        log.info(
            "neo4j load: nodes %d created, %d updated, %d deleted; relationships %d created, "
            "%d updated, %d deleted",
            len(plan.create_nodes),
            len(plan.update_nodes),
            len(plan.delete_nodes),
            len(plan.create_edges),
            len(plan.update_edges),
            len(plan.delete_edges),
        )
        return LoadTimings(
            delete=deleted - started - index_before,
            nodes=nodes_done - deleted,
            relationships=relationships_done - nodes_done,
            search_index=index_before + index_done - relationships_done,
        )

    def _run_batches(
        self, cypher: str, rows: Sequence[Any] | RowsAhead, *, param: str = "rows", check: bool = True
    ) -> None:
        """One managed write transaction per batch; ``check``: every row must have been written."""
        batches = rows.batches() if isinstance(rows, RowsAhead) else chunks(rows, self.batch_size)
        bounded = (
            part
            for batch in batches
            for part in (
                size_chunks(batch, self.batch_size, self.write_chars, row_chars) if self.write_chars else [batch]
            )
        )
        for values in bounded:

            def work(tx: ManagedTransaction, values: list[Any] = values) -> int:
                record = tx.run(cypher, {param: values}).single()
                return int(record[0]) if record is not None else 0

            done = self.connection.write(work)
            if check and done != len(values):
                raise LoadWriteError(
                    f"a batch of {len(values)} rows wrote {done}: a node the load relies on vanished "
                    "during the load (is another process writing?); run the load again"
                )
            self._done += len(values)
            if self._progress is not None:
                self._progress(self._done, self._total)
