"""How a task or indicator ladders up to the Goal: simple paths along the climbing types.

A ladder path follows ``CLIMBING_TYPES`` edges in their stored direction (task -SUPPORTS->
positioning -REALIZES-> goal, sub-task -PART_OF-> key task -ADVANCES-> positioning, indicator
-MEASURES-> positioning or goal) and

- is *simple*: no node twice (Cypher's variable-length patterns only forbid repeating an edge,
  so a Cypher store must filter, or fetch the hierarchy and call ``climb_paths``);
- ends at the first Goal it reaches: a walk never continues past a Goal;
- is distinct per edge, so parallel edges of two types (a task that both SUPPORTS and ADVANCES
  a positioning) give two paths through the same nodes.

A Goal asked for its own ladder has no path (``paths == []``); so has a node from which no Goal
can be reached. Nodes of ``NOT_CLIMBING`` labels (the actors, plans and documents: departments,
task forces, people, plans, sources) are never on a ladder, so asking for theirs is a malformed
question rather than an empty answer (the API answers ``wrong_label``); every other label, a new
one included, can climb.

``keep_confident`` drops the paths with a step below a minimum confidence: a link inferred
across documents on two common words (confidence 0.27) need not stand beside stated steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.model import Edge, Label
from graph.questions.answers import ladder_path_sort_key, make_step, node_ref
from graph.questions.view import GraphView
from graph.results import Ladder, LadderPath
from graph.store import OWNER_LABELS

__all__ = ["NOT_CLIMBING", "climb_paths", "keep_confident", "ladder"]

#: Labels whose nodes never climb to a Goal: who acts, what plans say it, where it is written.
NOT_CLIMBING: frozenset[Label] = OWNER_LABELS | {Label.PERSON, Label.PLAN, Label.SOURCE}


def climb_paths(view: GraphView, start_id: str) -> list[list[Edge]]:
    """Every simple climbing path from ``start_id`` to a Goal, as edge lists, unsorted.

    Raises ``NodeNotFound``. Iterative depth-first search on ``view.hierarchy`` that only enters
    nodes in ``view.goal_climbers`` (or a Goal, where it stops), so dead branches cost nothing.

    Notes
    -----
    Time is proportional to the number and length of paths found, which is small for plan
    hierarchies (a handful per node) but exponential in the worst case of a dense DAG.
    """
    start = view.node(start_id)
    if start.label is Label.GOAL or start_id not in view.goal_climbers:
        return []
    hierarchy = view.hierarchy
    climbers = view.goal_climbers
    nodes = view.nodes
    edges = view.edges

    def climbing(node_id: str) -> Iterator[Edge]:
        for key in hierarchy.out_edges(node_id, keys=True):
            yield edges[key]

    paths: list[list[Edge]] = []
    trail: list[Edge] = []
    on_path = {start_id}
    stack: list[tuple[str, Iterator[Edge]]] = [(start_id, climbing(start_id))]
    while stack:
        node_id, pending = stack[-1]
        edge = next(pending, None)
        if edge is None:
            stack.pop()
            on_path.discard(node_id)
            if stack:
                trail.pop()
            continue
        nxt = edge.target
        if nxt in on_path:
            continue
        if nodes[nxt].label is Label.GOAL:
            paths.append([*trail, edge])
        elif nxt in climbers:
            trail.append(edge)
            on_path.add(nxt)
            stack.append((nxt, climbing(nxt)))
    return paths


def ladder(view: GraphView, node_id: str) -> Ladder:
    """The node's ``Ladder``: every climbing path to a Goal, with evidence, in documented order.

    Paths are sorted by ``graph.questions.answers.ladder_path_sort_key`` (length, node ids, types).
    Raises ``NodeNotFound``.
    """
    start = view.node(node_id)
    nodes = view.nodes
    paths = [
        LadderPath(steps=[make_step(nodes[edge.source], nodes[edge.target], edge) for edge in path])
        for path in climb_paths(view, node_id)
    ]
    paths.sort(key=ladder_path_sort_key)
    return Ladder(start=node_ref(start), paths=paths)


def keep_confident(ladder: Ladder, min_confidence: float) -> Ladder:
    """The ladder without the paths that have a step below ``min_confidence``.

    A step without a confidence counts as 0.0 (as an ownership does), so any minimum above 0
    drops it: an unrated link is not a confident one.
    """
    if min_confidence <= 0:
        return ladder
    kept = [
        path
        for path in ladder.paths
        if all((step.confidence if step.confidence is not None else 0.0) >= min_confidence for step in path.steps)
    ]
    return Ladder(start=ladder.start, paths=kept)
