"""``Neo4jStore``: the plan graph in Neo4j 5 / Aura (or any Bolt server that speaks its Cypher).

Every question is answered the same way: Cypher (``cypher/*.cypher``) fetches the few records
that decide the answer, in one read transaction, and the embedded store's own pure functions
(``graph.questions.browse``, ``graph.questions.ownership``, ``graph.questions.ladder``, ``graph.questions.search``) build the answer
from them on a small ``GraphView``. The engine does the graph work (index lookups, pattern
matches, variable-length climbs); Python does the ordering and record building, so both stores
give equal answers by construction, down to tie-breaks and code-point string order.

How records are stored is ``graph.neo4j.records``; how a load is planned and written is
``graph.neo4j.load``; the connection and its error messages are ``graph.neo4j.connection``;
what differs between Neo4j and ArcadeDB is ``graph.neo4j.dialect`` (listed in cypher/README.md).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ClientError

from graph.errors import InvalidQuery, NodeNotFound
from graph.merging import source_list
from graph.model import Label, Node, PlanGraph, RelType
from graph.neo4j import search_index
from graph.neo4j.connection import BoltConnection
from graph.neo4j.cypher_files import climbing_query, label_query, query, statements
from graph.neo4j.dialect import EngineCapabilities, lucene_phrases, search_plan
from graph.neo4j.load import (
    DEFAULT_BATCH_SIZE,
    GraphLoader,
    LoadPlan,
    LoadTimings,
    Progress,
)
from graph.neo4j.records import (
    edge_row_records,
    plan_label,
    read_edge,
    read_node,
    ref_node,
)
from graph.questions import browse, ownership, progress, search
from graph.questions import ladder as ladder_mod
from graph.questions.answers import (
    check_depth,
    check_label,
    check_limit,
    check_offset,
    edge_sort_key,
)
from graph.questions.view import GraphView
from graph.results import (
    Counts,
    IndicatorProgress,
    Ladder,
    LoadReport,
    NodeDetail,
    NodePage,
    NodeRef,
    Ownership,
    OwnershipMatrix,
    SearchPage,
    Subgraph,
)
from graph.settings import Settings
from graph.store import OWNER_LABELS, PlanStore

__all__ = ["Neo4jStore", "lucene_phrases"]

log = logging.getLogger(__name__)

_CLEAR_BATCH = 10_000
#: Search queries whose parse and plan are kept (``Neo4jStore._plan_search``).
SEARCH_PLANS = 1024


class Neo4jStore(PlanStore):
    """A plan graph in a Neo4j database, reached over Bolt with the official driver.

    Creating the store does not connect: questions raise ``StoreUnavailable`` (saying what to
    check) while the server is down or the settings are wrong, and succeed again once it is back.

    Parameters
    ----------
    uri, user, password, database
        ``NEO4J_URI`` (``bolt://``, ``neo4j://``, ``neo4j+s://`` for Aura), ``NEO4J_USER``,
        ``NEO4J_PASSWORD``, ``NEO4J_DATABASE`` (``None``: the server's default database).
    tokenize
        The search tokeniser (the composition root passes ``loaders.tokenizer.search_words()``);
        ``None`` means ``graph.questions.search.default_tokenize``, the one ``NetworkxStore`` uses too.
    batch_size
        Rows per write transaction when loading.
    connection_timeout, max_transaction_retry_time
        Seconds; see ``graph.neo4j.connection.BoltConnection``.
    """

    kind = "neo4j"
    blocking = True  # the driver waits on the network

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        *,
        tokenize: search.Tokenize | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = 5.0,
        max_transaction_retry_time: float = 2.0,
    ) -> None:
        self._connection = BoltConnection(
            uri,
            user,
            password,
            database,
            connection_timeout=connection_timeout,
            max_transaction_retry_time=max_transaction_retry_time,
        )
        self._loader = GraphLoader(self._connection, batch_size=batch_size)
        self._tokenize = tokenize
        self._schema_applied = False
        self._index_usable = True
        self._grams_present = False
        self._search_plan = functools.lru_cache(maxsize=SEARCH_PLANS)(self._plan_search)
        #: Seconds per phase of the last ``load`` through this store (logged; read by bench/load.py).
        self.last_timings: LoadTimings | None = None

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> Neo4jStore:
        """The store ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE`` name."""
        return cls(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            **kwargs,
        )

    @property
    def uri(self) -> str:
        return self._connection.uri

    @property
    def database(self) -> str | None:
        return self._connection.database

    @property
    def capabilities(self) -> EngineCapabilities:
        """The engine behind the URI (Neo4j or ArcadeDB) and what the store may use on it."""
        return self._connection.capabilities

    # --- lifecycle -----------------------------------------------------------------------------

    def ping(self) -> None:
        """One round-trip to the configured database; raises ``StoreUnavailable``."""
        self._connection.run_read(query("ping"))

    def close(self) -> None:
        self._connection.close()

    def apply_schema(self) -> None:
        """Create the constraints and indexes (idempotent), one statement per transaction.

        Applied before the first load through this store; the fulltext index where the engine
        has one, else the bigram index's (``EngineCapabilities.schema_files``).
        """
        todo = [statement for name in self.capabilities.schema_files() for statement in statements(name)]
        for statement in todo:
            self._connection.run_write(statement)
        self._schema_applied = True
        log.info("schema applied on %s (%d statements)", self.capabilities.description, len(todo))

    def schema(self) -> dict[str, list[str]]:
        """Names of the database's constraints and indexes, sorted (``{"constraints", "indexes"}``)."""

        def work(tx: ManagedTransaction) -> dict[str, list[str]]:
            return {
                "constraints": sorted(r["name"] for r in tx.run(query("show_constraints"))),
                "indexes": sorted(r["name"] for r in tx.run(query("show_indexes"))),
            }

        return self._connection.read(work)

    def clear(self) -> None:
        """Delete every plan node and relationship, and the load marker; keep the schema."""
        cypher = query("clear_batch")
        while self._connection.run_write(cypher, batch=_CLEAR_BATCH)[0]["deleted"]:
            pass
        self._grams_present = False

    def last_load(self) -> dict[str, Any] | None:
        """The last load's marker: ``state`` is ``running`` while a load runs or after one was
        interrupted, ``complete`` once it finished; ``None`` before the first load."""
        rows = self._connection.run_read(query("load_state"))
        return rows[0] if rows else None

    # --- loading -------------------------------------------------------------------------------

    def plan_load(self, graph: PlanGraph, *, replace_sources: Sequence[str] = ()) -> LoadPlan:
        """What ``load`` would delete, create and update, without writing (a dry run)."""
        return self._loader.plan(graph, source_list(replace_sources))

    def load(
        self, graph: PlanGraph, *, replace_sources: Sequence[str] = (), progress: Progress | None = None
    ) -> LoadReport:
        """Merge ``graph`` with ``graph.merging``'s semantics (see ``graph.neo4j.load``).

        Not one transaction: batches of ``batch_size`` rows, each retried by the driver; every
        step idempotent, so a load killed half-way leaves the previous graph queryable and
        running it again ends in the state of a clean load. A refused graph (label clash,
        dangling edge) raises ``InvalidQuery`` before anything is written. ``progress`` is
        told ``(rows written, rows to write)`` before the first batch and after each one.
        """
        sources = source_list(replace_sources)
        if not self._schema_applied:
            self.apply_schema()
        started = time.perf_counter()
        plan = self._loader.plan(graph, sources)
        planned = time.perf_counter() - started
        node_ids = {node.id for node in graph.nodes}
        edge_keys = {edge.key for edge in graph.edges}
        previous = self.last_load()
        interrupted = previous is not None and previous.get("state") != "complete"
        index = None
        self._loader.write_chars = self.capabilities.write_chars
        if self.capabilities.gram_index:
            limits = search_index.WriteLimits(self._loader.batch_size, self.capabilities.write_chars)
            index = search_index.plan_update(self._connection, plan, interrupted=interrupted, limits=limits)
        timings = self._loader.write(
            plan,
            sources=sources,
            nodes=len(node_ids),
            relationships=len(edge_keys),
            progress=progress,
            search_index=index,
        )
        if index is not None:
            log.info("search bigram index: %s, %d bigrams", type(index).__name__, index.grams)
        self.last_timings = replace(timings, plan=planned)
        log.info("neo4j load took %.2f s (%s)", self.last_timings.total, self.last_timings)
        return LoadReport(
            store=self.kind,
            nodes_written=len(node_ids),
            relationships_written=len(edge_keys),
            replaced_sources=sources,
            counts=self.counts(),
        )

    # --- questions -----------------------------------------------------------------------------

    def get_node(self, node_id: str) -> NodeDetail:
        """One round trip (``node_detail.cypher``): the node's row (``type`` null), then its edges."""
        rows = self._connection.records(query("node_detail"), id=node_id)
        found = next((row for row in rows if row["type"] is None), None)
        if found is None:
            raise NodeNotFound(node_id)
        node = read_node(found["props"], found["labels"])
        refs, edges = edge_row_records(row for row in rows if row["type"] is not None)
        return browse.node_detail(GraphView([*refs, node], edges), node_id)

    def list_nodes(
        self,
        label: Label,
        *,
        positioning: str | None = None,
        year: int | None = None,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> NodePage:
        """One round trip (``list_ids`` / ``list_ids_near``): every match's id and name, the page's
        records, and the positioning's labels, checked by ``graph.questions.browse.check_list_filters``
        once fetched (the label and the page are checked before: the query needs them)."""
        wanted, checked_limit, checked_offset = check_label(label), check_limit(limit), check_offset(offset)
        params: dict[str, Any] = {"year": year, "q": q, "offset": checked_offset, "limit": checked_limit}
        if positioning is None:
            cypher = label_query("list_ids", wanted)
        else:
            cypher = label_query("list_ids_near", wanted)
            params["positioning"] = positioning
        record = self._connection.records(cypher, **params)[0]

        def label_of(node_id: str) -> Label:
            if record["anchor"] is None:
                raise NodeNotFound(node_id)
            return plan_label(record["anchor"])

        wanted, limit, offset = browse.check_list_filters(label, positioning, year, limit, offset, label_of=label_of)
        keys = [(name, node_id) for node_id, name in record["keys"]]
        ordered = sorted(keys)
        if ordered == keys:  # the engine ordered as Python does: its page is the page
            items = [read_node(row["props"], row["labels"]) for row in record["page"]]
        else:  # a name beyond the BMP (UTF-16 order differs): page in Python, fetch that page
            page_ids = [node_id for _, node_id in ordered[offset : offset + limit]]
            found = {node.id: node for node in self._nodes_by_id(page_ids)}
            items = [found[node_id] for node_id in page_ids if node_id in found]
        return NodePage(items=items, total=len(keys), limit=limit, offset=offset)

    def owners_of(self, node_id: str) -> list[Ownership]:
        return ownership.owners_of(self._view_around(node_id, query("owners_of")), node_id)

    def targets_of(self, owner_id: str) -> list[Ownership]:
        return ownership.targets_of(self._view_around(owner_id, query("targets_of")), owner_id)

    def ladder(self, node_id: str) -> Ladder:
        return ladder_mod.ladder(self._view_around(node_id, climbing_query("ladder")), node_id)

    def ownership_matrix(self) -> OwnershipMatrix:
        def work(tx: ManagedTransaction) -> tuple[list[Node], list[dict[str, Any]]]:
            nodes = [
                ref_node(row["id"], row["labels"], row["name"])
                for label in (*sorted(OWNER_LABELS), Label.INDICATOR)
                for row in tx.run(label_query("label_refs", label))
            ]
            return nodes, [r.data() for r in tx.run(query("matrix_edges"))]

        nodes, rows = self._connection.read(work)
        refs, edges = edge_row_records(rows)
        return ownership.ownership_matrix(GraphView([*refs, *nodes], edges))

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
        limit = check_limit(limit)
        offset = check_offset(offset)
        planned = self._search_plan(q)
        if planned is None:
            return SearchPage(items=[], total=0, limit=limit, offset=offset)
        parsed, name, params = planned
        # Rows are [id, labels, name, in_name, in_evidence, phrase_in_name, phrase_in_evidence,
        # evidence] (cypher/search_contains.cypher).
        matches = [
            search.NodeMatch(
                id=node_id,
                label=plan_label(labels),
                name=node_name or "",
                in_name=frozenset(in_name),
                in_evidence=frozenset(in_evidence),
                phrase_in_name=bool(phrase_in_name),
                phrase_in_evidence=bool(phrase_in_evidence),
                evidence=evidence,
            )
            for node_id, labels, node_name, in_name, in_evidence, phrase_in_name, phrase_in_evidence, evidence in (
                self._search_rows(name, params)
            )
        ]
        return search.page(parsed, matches, limit=limit, offset=offset)

    def neighbourhood(self, node_id: str, depth: int = 1) -> Subgraph:
        """One round trip (``neighbourhood.cypher``): the walk and the members' edges in Cypher."""
        try:
            depth = check_depth(depth)
        except InvalidQuery:
            self._ref(node_id)  # a missing node is reported first, as by the embedded store
            raise
        rows = self._connection.records(query("neighbourhood"), id=node_id, depth=depth)
        if not rows:
            raise NodeNotFound(node_id)
        nodes = [read_node(row["props"], row["labels"]) for row in rows]
        edges = [
            read_edge(row["props"]["id"], out["target"], out["type"], out["props"])
            for row in rows
            for out in row["out"]
            if out is not None
        ]
        return browse.neighbourhood(GraphView(nodes, edges), node_id, depth)

    def counts(self) -> Counts:
        def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return (
                [r.data() for r in tx.run(query("count_nodes"))],
                [r.data() for r in tx.run(query("count_relationships"))],
            )

        node_rows, rel_rows = self._connection.read(work)
        nodes = {label.value: 0 for label in Label}
        for row in node_rows:
            plan_labels = [label for label in row["labels"] if label in nodes]
            if len(plan_labels) == 1:  # a PlanNode without one plan label is not ours to count
                nodes[plan_labels[0]] += row["count"]
        relationships = {rel.value: 0 for rel in RelType}
        for row in rel_rows:
            if row["type"] in relationships:
                relationships[row["type"]] += row["count"]
        return Counts(nodes=nodes, relationships=relationships)

    def progress(self, indicator_id: str) -> IndicatorProgress:
        self._ref(indicator_id)
        return progress.indicator_progress(self._progress_view([indicator_id]), indicator_id)

    def progress_all(self) -> list[IndicatorProgress]:
        rows = self._connection.records(label_query("list_ids", Label.INDICATOR), year=None, q=None, offset=0, limit=0)
        return progress.all_progress(self._progress_view(sorted(node_id for node_id, _ in rows[0]["keys"])))

    def export_graph(self) -> PlanGraph:
        def work(tx: ManagedTransaction) -> PlanGraph:
            nodes = [read_node(r["props"], r["labels"]) for r in tx.run(query("export_nodes"))]
            edges = [
                read_edge(r["source"], r["target"], r["type"], r["props"]) for r in tx.run(query("export_edges"))
            ]
            return PlanGraph(nodes=nodes, edges=edges)

        graph = self._connection.read(work)
        # graph.questions.browse.export_graph's order, without building a view of the whole graph.
        return PlanGraph(
            nodes=sorted(graph.nodes, key=lambda node: node.id),
            edges=sorted(graph.edges, key=edge_sort_key),
        )

    # --- internals -----------------------------------------------------------------------------

    def _ref(self, node_id: str) -> NodeRef:
        rows = self._connection.run_read(query("node_ref"), id=node_id)
        if not rows:
            raise NodeNotFound(node_id)
        row = rows[0]
        return NodeRef(id=row["id"], label=plan_label(row["labels"]), name=row["name"] or "")

    def _nodes_by_id(self, ids: list[str]) -> list[Node]:
        rows = self._connection.records(query("nodes_by_id"), ids=ids)
        return [read_node(row["props"], row["labels"]) for row in rows]

    def _view_around(self, node_id: str, cypher: str) -> GraphView:
        """The asked node (named only) and the edges ``cypher`` fetches around it, in one round
        trip and one record (``id``, ``labels``, ``name``, ``edges``: edge maps); raises
        ``NodeNotFound`` when there is no record."""
        rows = self._connection.records(cypher, id=node_id)
        if not rows:
            raise NodeNotFound(node_id)
        start = rows[0]
        refs, edges = edge_row_records(start["edges"])
        return GraphView([*refs, ref_node(start["id"], start["labels"], start["name"])], edges)

    def _progress_view(self, ids: list[str]) -> GraphView:
        """The indicators and their reported figures whole, their positionings named, and the
        REPORTS_ON and MEASURES edges between them: all ``graph.questions.progress`` reads."""

        def work(tx: ManagedTransaction) -> GraphView:
            refs, edges = edge_row_records(r.data() for r in tx.run(query("progress_edges"), ids=ids))
            whole = sorted(set(ids) | {edge.source for edge in edges if edge.type is RelType.REPORTS_ON})
            nodes = [read_node(row["props"], row["labels"]) for row in tx.run(query("nodes_by_id"), ids=whole)]
            held = {node.id for node in nodes}
            return GraphView([*(ref for ref in refs if ref.id not in held), *nodes], edges)

        return self._connection.read(work)

    def _plan_search(self, q: str) -> tuple[search.SearchQuery, str, dict[str, Any]] | None:
        """The parsed query, and the ``cypher/`` file and parameters that search it on this
        engine; ``None`` when no token is left. Memoised per query text (``_search_plan``): it
        depends on nothing that changes (the tokenizer, the engine), and jieba's cut and the
        bigram pairs would otherwise be worked out for every request."""
        parsed = search.parse_query(q, self._tokenize)
        if parsed is None:
            return None
        name, params = search_plan(self.capabilities, parsed.tokens, parsed.phrase)
        return parsed, name, params

    def _search_rows(self, name: str, params: dict[str, Any]) -> list[list[Any]]:
        """The match facts of every matching node, by the engine's plan (``graph.neo4j.dialect.search_plan``),
        in one round trip that returns them as one record.

        The bigram index is trusted once it has been seen to hold something in its current format:
        a database loaded by other means (``plankg export --format cypher``) has none, and one
        indexed by an older plankg an outdated one; searching either through the index would
        find nothing, so until then the search scans (one cheap check per search).
        """
        if name == "search_grams" and not self._grams_present:
            self._grams_present = search_index.index_state(self._connection) == "ready"
            if not self._grams_present:
                name = "search_contains"
        if name != "search_contains" and self._index_usable:
            try:
                return self._connection.records(query(name), **params)[0]["rows"]
            except ClientError as exc:  # index missing (database loaded by other means): scan instead
                log.warning("search index unusable (%s); searching with CONTAINS", exc.message)
                self._index_usable = False
        scan = self._connection.records(query("search_contains"), terms=params["terms"], phrase=params["phrase"])
        return scan[0]["rows"]
