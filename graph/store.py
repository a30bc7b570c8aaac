"""The domain-level store interface.

networkx cannot run Cypher, so the interface speaks in questions researchers ask (who owns this
target, how does this task ladder up to the goal), never in queries. ``NetworkxStore`` and
``Neo4jStore`` implement it and must give equal answers; ``tests/contract/test_store_contract.py`` holds
them to that.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from graph.model import Label, PlanGraph
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

OWNER_LABELS: frozenset[Label] = frozenset({Label.DEPARTMENT, Label.TASK_FORCE})
MAX_LIMIT = 500
MAX_DEPTH = 4


class PlanStore(ABC):
    """A plan graph that can be loaded and questioned."""

    #: "networkx" or "neo4j"; shown by /health.
    kind: str
    #: Whether a question may wait on I/O (a server round trip). The API asks a blocking store
    #: from worker threads so a slow server never stalls its event loop (``app.store_access``).
    blocking: bool = True

    def snapshot(self) -> object | None:
        """The immutable object every answer is a pure function of, or ``None`` when the data can
        change under the store (a server another process loads into).

        While it stays the same object, answers may be memoised; a load replaces it.
        """
        return None

    @abstractmethod
    def load(self, graph: PlanGraph, *, replace_sources: Sequence[str] = ()) -> LoadReport:
        """Merge ``graph`` into the store. Idempotent: loading the same graph twice changes nothing.

        With ``replace_sources``, the facts of those sources are first withdrawn (mentions from
        them removed, nodes and edges left without mentions deleted), so one document can be
        reloaded without touching the others. The load is all-or-nothing as far as the engine
        allows (see each implementation).
        """

    @abstractmethod
    def get_node(self, node_id: str) -> NodeDetail:
        """The node with its mentions and neighbours. Raises ``NodeNotFound``."""

    @abstractmethod
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
        """Nodes of a label, sorted by (name, id).

        ``positioning`` (an id) keeps nodes within one hop of it (tasks that support it,
        indicators that measure it, owners responsible for it); ``year`` keeps indicators whose
        ``target_year`` equals it; ``q`` keeps nodes whose name contains it.
        """

    @abstractmethod
    def owners_of(self, node_id: str) -> list[Ownership]:
        """Departments and task forces answering for a node, directly or through its positioning."""

    @abstractmethod
    def targets_of(self, owner_id: str) -> list[Ownership]:
        """Everything an owner answers for: direct targets and indicators of its positionings."""

    @abstractmethod
    def ladder(self, node_id: str) -> Ladder:
        """Every path from the node up to a Goal along ``CLIMBING_TYPES``."""

    @abstractmethod
    def ownership_matrix(self) -> OwnershipMatrix:
        """Owners × indicators, each cell the strongest ownership of the pair."""

    @abstractmethod
    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> SearchPage:
        """One page of a Chinese text search over names and evidence sentences, with the total.

        jieba-tokenised, stop words dropped, names and exact phrases first (``graph.questions.search``).
        """

    @abstractmethod
    def neighbourhood(self, node_id: str, depth: int = 1) -> Subgraph:
        """Nodes within ``depth`` hops (either direction) and the edges among them."""

    @abstractmethod
    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""

    @abstractmethod
    def progress(self, indicator_id: str) -> IndicatorProgress:
        """The indicator's reported figures (REPORTS_ON) in year order and its status
        (``graph.questions.progress``). Raises ``NodeNotFound``, or ``InvalidQuery("indicator_id")`` when
        the node is not an Indicator."""

    @abstractmethod
    def progress_all(self) -> list[IndicatorProgress]:
        """Every indicator's progress, sorted by (name, id)."""

    @abstractmethod
    def export_graph(self) -> PlanGraph:
        """The whole stored graph, nodes sorted by id, edges by (source, target, type)."""

    def ping(self) -> None:
        """Raise ``StoreUnavailable`` when the store cannot answer. Embedded stores always can."""

    def close(self) -> None:
        """Release connections. Idempotent."""
