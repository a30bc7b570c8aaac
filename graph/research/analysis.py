"""Research tables over a plan store: the questions the notebooks ask, as small pure functions.

Every function takes a ``PlanStore`` (so it answers alike on the embedded and the Neo4j store),
asks it only through the store interface and never changes it. Tables are pandas DataFrames;
pandas is a notebook (dev) dependency, imported inside the functions that need it, so the
runtime package imports this module without it. Lists of nodes are sorted by (name, id), like
every node list of the store. Figures of these tables are drawn by ``graph.research.plots``.

What a researcher finds here:

- ``ownership_frame`` / ``basis_scores``: the ownership matrix as a table and as heatmap scores
  (``graph.research.plots.plot_basis_heatmap`` draws them);
- ``ladder_frame``: every way each task climbs to the goal, one row per path;
- ``indicator_frame``: the indicators by positioning with their normalised values;
- ``unowned``, ``positionings_without_indicators``, ``degree_frame``,
  ``held_only_by_inferred``, ``inferred_edge_frame``: gaps and weak points of the structure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from graph.model import CLIMBING_TYPES, Label, Node, RelType
from graph.questions.answers import (
    basis_rank,
    edge_basis,
    edge_confidence,
    edge_reason,
    node_sort_key,
)
from graph.questions.ownership import DEFAULT_BASIS
from graph.questions.view import GraphView
from graph.results import NodeRef
from graph.store import MAX_LIMIT, PlanStore

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

__all__ = [
    "BASIS_SCORE",
    "PATH_SEPARATOR",
    "all_nodes",
    "basis_scores",
    "degree_frame",
    "held_only_by_inferred",
    "indicator_frame",
    "inferred_edge_frame",
    "ladder_frame",
    "nodes_frame",
    "ownership_frame",
    "positionings_without_indicators",
    "unowned",
]

BASIS_SCORE: dict[str, int] = {"stated": 3, "presented": 2, "inferred": 1}
"""Heatmap score of a basis; a pair with no ownership scores 0."""

PATH_SEPARATOR = " → "
"""Joins the names (and types, bases) along a ladder path."""

INDICATOR_FIELDS: tuple[str, ...] = (
    "text",
    "comparator",
    "hedge",
    "value",
    "unit",
    "base_value",
    "base_unit",
    "rank_scope",
    "target_year",
)
"""Indicator properties ``indicator_frame`` shows, in column order (absent ones are missing)."""


# --- nodes ---------------------------------------------------------------------------------


def all_nodes(store: PlanStore, label: Label) -> list[Node]:
    """Every node of a label, sorted by (name, id), paging through ``list_nodes``."""
    nodes: list[Node] = []
    while True:
        page = store.list_nodes(label, limit=MAX_LIMIT, offset=len(nodes))
        nodes.extend(page.items)
        if not page.items or len(nodes) >= page.total:
            return nodes


def nodes_frame(nodes: Iterable[Node | NodeRef], properties: Sequence[str] = ()) -> pd.DataFrame:
    """Nodes as a table: ``id``, ``label``, ``name`` and the named properties (missing if absent).

    >>> nodes_frame([]).columns.tolist()
    ['id', 'label', 'name']
    """
    import pandas as pd

    rows = []
    for node in nodes:
        row: dict[str, Any] = {"id": node.id, "label": node.label.value, "name": node.name}
        own = node.properties if isinstance(node, Node) else {}
        for key in properties:
            row[key] = own.get(key)
        rows.append(row)
    return pd.DataFrame(rows, columns=["id", "label", "name", *properties])


def _labels(refs: Sequence[NodeRef], by: Literal["name", "id"]) -> list[str]:
    """Row/column labels: ids, or names with the id appended to a name that is not unique."""
    if by == "id":
        return [ref.id for ref in refs]
    seen = Counter(ref.name for ref in refs)
    return [ref.name if seen[ref.name] == 1 else f"{ref.name} ({ref.id})" for ref in refs]


# --- ownership -----------------------------------------------------------------------------


def ownership_frame(store: PlanStore, *, by: Literal["name", "id"] = "name") -> pd.DataFrame:
    """The ownership matrix: owners (rows) × indicators (columns), each cell a basis.

    Rows and columns keep the matrix order (name, id); a cell holds the basis of the strongest
    ownership of the pair (``stated``, ``presented`` or ``inferred``) and ``""`` where the owner
    answers for nothing. ``by="id"`` labels rows and columns with ids instead of names.
    """
    import pandas as pd

    matrix = store.ownership_matrix()
    rows = {ref.id: i for i, ref in enumerate(matrix.owners)}
    columns = {ref.id: j for j, ref in enumerate(matrix.targets)}
    values = [[""] * len(matrix.targets) for _ in matrix.owners]
    for cell in matrix.cells:
        values[rows[cell.owner_id]][columns[cell.target_id]] = cell.basis
    frame = pd.DataFrame(values, index=_labels(matrix.owners, by), columns=_labels(matrix.targets, by))
    frame.index.name = "owner"
    frame.columns.name = "indicator"
    return frame


def basis_scores(frame: pd.DataFrame) -> pd.DataFrame:
    """A basis table as integers (``BASIS_SCORE``: stated 3, presented 2, inferred 1, else 0)."""
    return frame.apply(lambda column: column.map(lambda basis: BASIS_SCORE.get(basis, 0))).astype(int)


# --- ladders -------------------------------------------------------------------------------


def ladder_frame(store: PlanStore, label: Label = Label.TASK) -> pd.DataFrame:
    """Every ladder path of every node of ``label``, one row per path.

    Columns: ``id``, ``name``, ``kind`` (the node's ``kind`` property), ``positioning`` (the
    first CityPositioning on the path, missing when the path skips them), ``steps``, ``path``
    (names joined with ``PATH_SEPARATOR``, from the node to the Goal), ``types`` and ``bases``
    (along the path, likewise joined; a step without a basis counts as ``inferred``),
    ``weakest`` (the weakest basis on the path) and ``confidence`` (the lowest known on the
    path). Nodes sorted by (name, id), their paths in ladder order (``graph.questions.ladder``); a node
    with no way up gets one row with ``steps == 0``, ``path == ""`` and missing ``weakest``.
    Missing values are pandas' missing values (``None`` in, NaN/NA out).
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for node in all_nodes(store, label):
        head = {"id": node.id, "name": node.name, "kind": node.properties.get("kind")}
        paths = store.ladder(node.id).paths
        if not paths:
            rows.append({**head, "positioning": None, "steps": 0, "path": "", "types": "",
                         "bases": "", "weakest": None, "confidence": None})
        for path in paths:
            names = [path.steps[0].source.name, *(step.target.name for step in path.steps)]
            positioning = next(
                (step.target.name for step in path.steps if step.target.label is Label.CITY_POSITIONING),
                None,
            )
            bases = [step.basis or DEFAULT_BASIS for step in path.steps]
            confidences = [step.confidence for step in path.steps if step.confidence is not None]
            rows.append({
                **head,
                "positioning": positioning,
                "steps": len(path.steps),
                "path": PATH_SEPARATOR.join(names),
                "types": PATH_SEPARATOR.join(step.type.value for step in path.steps),
                "bases": PATH_SEPARATOR.join(bases),
                "weakest": max(bases, key=basis_rank),
                "confidence": min(confidences) if confidences else None,
            })
    columns = ["id", "name", "kind", "positioning", "steps", "path", "types", "bases", "weakest", "confidence"]
    return pd.DataFrame(rows, columns=columns)


# --- indicators ----------------------------------------------------------------------------


def indicator_frame(store: PlanStore) -> pd.DataFrame:
    """The indicators by positioning, with the loader's normalised values.

    One row per MEASURES edge (an indicator measuring nothing gets one row with a missing
    ``positioning``; properties an indicator lacks are missing too). Columns: ``positioning``
    (the measured node's name), ``measures_label`` (``CityPositioning``, or ``Goal`` for an
    indicator of the goal itself), ``order`` (the positioning's order among the six, missing
    otherwise), ``indicator``, then ``INDICATOR_FIELDS`` (``value``/``unit`` as written,
    ``base_value``/``base_unit`` normalised: 1.3万亿元 → 1.3e12 元) and ``id``. Sorted by
    (order, positioning, indicator, id), unordered targets and unmeasured indicators last.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for indicator in all_nodes(store, Label.INDICATOR):
        fields = {key: indicator.properties.get(key) for key in INDICATOR_FIELDS}
        measured = [
            neighbour.node
            for neighbour in store.get_node(indicator.id).neighbours
            if neighbour.direction == "out" and neighbour.type is RelType.MEASURES
        ]
        for target in measured or [None]:
            order = None
            if target is not None and target.label is Label.CITY_POSITIONING:
                value = store.get_node(target.id).node.properties.get("order")
                order = value if isinstance(value, int) and not isinstance(value, bool) else None
            rows.append({
                "positioning": None if target is None else target.name,
                "measures_label": None if target is None else target.label.value,
                "order": order,
                "indicator": indicator.name,
                **fields,
                "id": indicator.id,
            })
    rows.sort(key=lambda r: (r["order"] is None, r["order"] or 0, r["positioning"] is None,
                             r["positioning"] or "", r["indicator"], r["id"]))
    columns = ["positioning", "measures_label", "order", "indicator", *INDICATOR_FIELDS, "id"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["order"] = frame["order"].astype("Int64")
    frame["target_year"] = frame["target_year"].astype("Int64")
    return frame


# --- gaps ----------------------------------------------------------------------------------


def unowned(store: PlanStore, label: Label = Label.TASK) -> list[Node]:
    """Nodes of ``label`` that no Department or TaskForce answers for, sorted by (name, id).

    "Answers for" is ``PlanStore.owners_of``: a RESPONSIBLE_FOR edge to the node, or (for a task
    or indicator) to the positioning it SUPPORTS or MEASURES. A sub-task of a key task inherits
    nothing, so it is unowned unless someone answers for it directly.
    """
    return [node for node in all_nodes(store, label) if not store.owners_of(node.id)]


def positionings_without_indicators(store: PlanStore) -> list[Node]:
    """CityPositionings that no Indicator MEASURES, sorted by (name, id)."""
    return [
        node
        for node in all_nodes(store, Label.CITY_POSITIONING)
        if not any(
            n.direction == "in" and n.type is RelType.MEASURES and n.node.label is Label.INDICATOR
            for n in store.get_node(node.id).neighbours
        )
    ]


# --- structure (networkx) ------------------------------------------------------------------


def _view(store: PlanStore) -> GraphView:
    return GraphView.from_plan_graph(store.export_graph())


def degree_frame(store: PlanStore, labels: Collection[Label] = (Label.DEPARTMENT,)) -> pd.DataFrame:
    """How connected each node of ``labels`` is: edges touching it, in total and per type.

    Columns: ``id``, ``name``, ``label``, ``degree`` (in + out, every relationship type),
    ``in_degree``, ``out_degree``, then one column per relationship type that touches any of
    the rows (in ``RelType`` order). Sorted by (-degree, name, id): most connected first.

    Notes
    -----
    Degree on the ``MultiDiGraph`` of the whole store: O(N + E) to build, O(degree) per node.
    """
    import pandas as pd

    view = _view(store)
    graph = view.graph
    wanted = {Label(label) for label in labels}
    rows: list[dict[str, Any]] = []
    per_type: list[Counter[str]] = []
    for node in sorted((n for n in view.nodes.values() if n.label in wanted), key=node_sort_key):
        types = Counter(key[2] for key in graph.in_edges(node.id, keys=True))
        types.update(key[2] for key in graph.out_edges(node.id, keys=True))
        per_type.append(types)
        rows.append({
            "id": node.id,
            "name": node.name,
            "label": node.label.value,
            "degree": graph.degree(node.id),
            "in_degree": graph.in_degree(node.id),
            "out_degree": graph.out_degree(node.id),
        })
    present = [rel.value for rel in RelType if any(types[rel.value] for types in per_type)]
    for row, types in zip(rows, per_type):
        row.update({rel: types[rel] for rel in present})
    rows.sort(key=lambda row: (-row["degree"], row["name"], row["id"]))
    return pd.DataFrame(rows, columns=["id", "name", "label", "degree", "in_degree", "out_degree", *present])


def _is_inferred(basis: str | None) -> bool:
    """An edge without a basis counts as inferred, as in ``graph.questions.ownership``."""
    return (basis or DEFAULT_BASIS) == "inferred"


def _reachability(
    store: PlanStore, types: Collection[RelType] | None
) -> tuple[GraphView, nx.DiGraph, set[str], set[str]]:
    """(view, walk graph of ``types``, nodes reaching a Goal with every edge, … without inferred)."""
    view = _view(store)
    wanted = None if types is None else {RelType(t).value for t in types}
    walk = nx.DiGraph()
    strong = nx.DiGraph()
    walk.add_nodes_from(view.nodes)
    strong.add_nodes_from(view.nodes)
    for (source, target, rel), edge in view.edges.items():
        if wanted is not None and rel not in wanted:
            continue
        walk.add_edge(source, target)
        if not _is_inferred(edge_basis(edge)):
            strong.add_edge(source, target)
    goals = [node.id for node in view.with_label(Label.GOAL)]

    def reaching(graph: nx.DiGraph) -> set[str]:
        found: set[str] = set()
        for goal in goals:
            found |= nx.ancestors(graph, goal)
        return found - set(goals)

    return view, walk, reaching(walk), reaching(strong)


def held_only_by_inferred(store: PlanStore, *, types: Collection[RelType] | None = CLIMBING_TYPES) -> list[Node]:
    """Nodes that reach a Goal only through inferred edges, sorted by (label, name, id).

    A node is listed when a directed walk along edges of ``types`` (stored direction; ``None``
    means every type) leads from it to a Goal, but no such walk remains once the inferred
    edges (``basis == "inferred"``, or no basis) are removed: the plan hierarchy holds it to the
    goal only by inference. With the default climbing types these are the nodes whose every
    ladder path contains an inferred step.

    Notes
    -----
    Two reverse reachability searches from the Goals: O(N + E).
    """
    view, _, reach_all, reach_strong = _reachability(store, types)
    held = [view.nodes[node_id] for node_id in reach_all - reach_strong]
    return sorted(held, key=lambda n: (n.label.value, n.name, n.id))


def inferred_edge_frame(store: PlanStore, *, types: Collection[RelType] | None = CLIMBING_TYPES) -> pd.DataFrame:
    """The inferred edges of ``types`` (``None``: every type), with why and what they hold up.

    Columns: ``source``, ``type``, ``target`` (names), ``confidence``, ``reason`` (why it was
    inferred), ``holds`` (how many ``held_only_by_inferred`` nodes reach the Goal through this
    edge: the source and every node that walks to it, when the target itself reaches a Goal),
    ``source_id``, ``target_id``. Sorted by (-holds, source, target, type).
    """
    import pandas as pd

    view, walk, reach_all, reach_strong = _reachability(store, types)
    held = reach_all - reach_strong
    goals = {node.id for node in view.with_label(Label.GOAL)}
    wanted = None if types is None else {RelType(t).value for t in types}
    rows: list[dict[str, Any]] = []
    for (source, target, rel), edge in view.edges.items():
        if (wanted is not None and rel not in wanted) or not _is_inferred(edge_basis(edge)):
            continue
        upstream = nx.ancestors(walk, source) | {source}
        holds = len(upstream & held) if target in goals or target in reach_all else 0
        rows.append({
            "source": view.nodes[source].name,
            "type": rel,
            "target": view.nodes[target].name,
            "confidence": edge_confidence(edge),
            "reason": edge_reason(edge),
            "holds": holds,
            "source_id": source,
            "target_id": target,
        })
    rows.sort(key=lambda r: (-r["holds"], r["source"], r["target"], r["type"], r["source_id"], r["target_id"]))
    columns = ["source", "type", "target", "confidence", "reason", "holds", "source_id", "target_id"]
    return pd.DataFrame(rows, columns=columns)


# --- progress ------------------------------------------------------------------------------

#: Columns of ``progress_frame`` after ``positioning`` and ``indicator``.
PROGRESS_FIELDS = ("status", "share", "holds", "target_value", "target_unit", "target_year",
                   "latest_year", "latest_value", "latest_unit", "figures")  # fmt: skip


def progress_frame(store: PlanStore) -> pd.DataFrame:
    """Every target against what later reports say (``PlanStore.progress_all``), by positioning.

    One row per (positioning, indicator) (an indicator of no positioning gets one row with a
    missing ``positioning``). ``target_value``/``target_unit`` are in base units, ``latest_*``
    the figure of the latest year as written, ``figures`` how many were reported; the status
    rule is ``graph.questions.progress``'s. Sorted by (positioning, indicator), unplaced targets last.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for item in store.progress_all():
        latest = item.latest
        fields = {
            "status": item.status, "share": item.share, "holds": item.holds,
            "target_value": item.target_value, "target_unit": item.target_unit, "target_year": item.target_year,
            "latest_year": latest.year if latest else None, "latest_value": latest.value if latest else None,
            "latest_unit": latest.unit if latest else None, "figures": len(item.figures),
        }  # fmt: skip
        for positioning in item.positionings or [None]:
            rows.append({"positioning": None if positioning is None else positioning.name,
                         "indicator": item.indicator.name, **fields})  # fmt: skip
    rows.sort(key=lambda r: (r["positioning"] is None, r["positioning"] or "", r["indicator"]))
    frame = pd.DataFrame(rows, columns=["positioning", "indicator", *PROGRESS_FIELDS])
    frame["target_year"] = frame["target_year"].astype("Int64")
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame


def progress_series_frame(store: PlanStore) -> pd.DataFrame:
    """Every reported figure linked to a target: one row per (indicator, figure), in year order,
    with the value in the target's base unit and its share of the target (what the plot draws)."""
    import pandas as pd

    rows = [
        {
            "indicator": item.indicator.name, "year": point.year, "value": point.value, "unit": point.unit,
            "comparable_value": point.comparable_value, "target_value": item.target_value,
            "share": round(point.comparable_value / item.target_value, 4) if item.target_value else None,
            "source": point.source,
        }  # fmt: skip
        for item in store.progress_all()
        for point in item.figures
    ]
    columns = ["indicator", "year", "value", "unit", "comparable_value", "target_value", "share", "source"]
    return pd.DataFrame(rows, columns=columns)
