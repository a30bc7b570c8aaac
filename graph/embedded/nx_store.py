"""``NetworkxStore``: the embedded default store, the whole graph in memory.

The store holds one immutable ``GraphView`` (records plus a ``MultiDiGraph`` of every edge and a
prebuilt hierarchy-only graph of the climbing edges) and answers every question with the pure
functions of ``graph.questions.browse``, ``graph.questions.ownership``, ``graph.questions.ladder`` and ``graph.questions.search``,
which ``Neo4jStore`` reuses so the two stores answer alike.

``load`` computes the merged records aside (``graph.merging``), builds a new view and only then
swaps it in, under a lock: a failed load changes nothing (all-or-nothing), and a reader always
walks one consistent snapshot while a load runs in another thread. Answers share records with
the store: treat them as read-only.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from graph.embedded.graph_file import read_graph_json, write_graph_json
from graph.errors import InvalidQuery
from graph.merging import merge_graph, source_list, withdraw_sources
from graph.model import Label, PlanGraph
from graph.questions import browse, ownership, progress, search
from graph.questions import ladder as ladder_mod
from graph.questions.view import GraphView
from graph.results import (
    Counts,
    IndicatorProgress,
    Ladder,
    LoadReport,
    NodeDetail,
    NodePage,
    Ownership,
    OwnershipMatrix,
    SearchPage,
    Subgraph,
)
from graph.settings import Settings
from graph.store import PlanStore

__all__ = ["NetworkxStore"]

log = logging.getLogger(__name__)


class NetworkxStore(PlanStore):
    """A plan graph held in memory by networkx.

    Parameters
    ----------
    graph
        Loaded at once when given.
    path
        The graph file this store persists to by default (``save()``); set by ``from_file``.
    tokenize
        The search tokeniser (the composition root passes ``loaders.tokenizer.search_words()``);
        ``None`` means ``graph.questions.search.default_tokenize``, the one ``Neo4jStore`` uses too.
        Tests may inject a trivial one.
    """

    kind = "networkx"
    blocking = False  # answers from memory, without I/O

    def __init__(
        self,
        graph: PlanGraph | None = None,
        *,
        path: str | os.PathLike[str] | None = None,
        tokenize: search.Tokenize | None = None,
    ) -> None:
        self._view = GraphView()
        self._lock = threading.Lock()
        self._path = Path(path) if path is not None else None
        self._tokenize = tokenize
        if graph is not None:
            self.load(graph)

    @classmethod
    def from_file(
        cls, path: str | os.PathLike[str], *, tokenize: search.Tokenize | None = None
    ) -> NetworkxStore:
        """A store loaded from a graph file, saving back to it by default. Raises ``GraphFileError``."""
        graph = read_graph_json(path)
        store = cls(path=path, tokenize=tokenize)
        store.load(graph)
        log.info("loaded %d nodes and %d edges from %s", len(graph.nodes), len(graph.edges), path)
        return store

    @classmethod
    def from_settings(cls, settings: Settings, *, tokenize: search.Tokenize | None = None) -> NetworkxStore:
        """The store ``PLANKG_GRAPH`` names."""
        return cls.from_file(settings.graph_path, tokenize=tokenize)

    @property
    def view(self) -> GraphView:
        """The current snapshot; it never changes, a load replaces it."""
        return self._view

    def snapshot(self) -> GraphView:
        """The current ``view``: answers are a pure function of it (``PlanStore.snapshot``)."""
        return self._view

    @property
    def path(self) -> Path | None:
        """The graph file ``save()`` writes to by default."""
        return self._path

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Persist the whole graph as node-link JSON (atomically) to ``path`` or the store's file."""
        target = Path(path) if path is not None else self._path
        if target is None:
            raise InvalidQuery("path", "this store was not read from a file; say where to save it")
        return write_graph_json(self.export_graph(), target)

    # --- PlanStore -------------------------------------------------------------------------

    def load(self, graph: PlanGraph, *, replace_sources: Sequence[str] = ()) -> LoadReport:
        """Merge ``graph`` (see ``graph.merging`` for the exact semantics); all-or-nothing.

        ``nodes_written`` / ``relationships_written`` count the distinct node ids and edge keys
        of ``graph`` (each merged, new or not); ``replaced_sources`` is sorted and deduplicated.
        """
        sources = source_list(replace_sources)
        with self._lock:
            current = self._view
            nodes, edges = withdraw_sources(current.nodes, current.edges, sources)
            nodes, edges = merge_graph(nodes, edges, graph)
            view = GraphView(nodes.values(), edges.values())
            self._view = view
        log.debug("loaded %d nodes, %d edges (replaced %s)", len(graph.nodes), len(graph.edges), sources)
        return LoadReport(
            store=self.kind,
            nodes_written=len({node.id for node in graph.nodes}),
            relationships_written=len({edge.key for edge in graph.edges}),
            replaced_sources=sources,
            counts=browse.counts(view),
        )

    def get_node(self, node_id: str) -> NodeDetail:
        return browse.node_detail(self._view, node_id)

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
        return browse.list_nodes(
            self._view, label, positioning=positioning, year=year, q=q, limit=limit, offset=offset
        )

    def owners_of(self, node_id: str) -> list[Ownership]:
        return ownership.owners_of(self._view, node_id)

    def targets_of(self, owner_id: str) -> list[Ownership]:
        return ownership.targets_of(self._view, owner_id)

    def ladder(self, node_id: str) -> Ladder:
        return ladder_mod.ladder(self._view, node_id)

    def ownership_matrix(self) -> OwnershipMatrix:
        return ownership.ownership_matrix(self._view)

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
        return search.search(self._view, q, limit=limit, offset=offset, tokenize=self._tokenize)

    def neighbourhood(self, node_id: str, depth: int = 1) -> Subgraph:
        return browse.neighbourhood(self._view, node_id, depth)

    def counts(self) -> Counts:
        return browse.counts(self._view)

    def progress(self, indicator_id: str) -> IndicatorProgress:
        return progress.indicator_progress(self._view, indicator_id)

    def progress_all(self) -> list[IndicatorProgress]:
        return progress.all_progress(self._view)

    def export_graph(self) -> PlanGraph:
        return browse.export_graph(self._view)
