"""What both Neo4j exports share: the order they write a graph in, and how they name an edge.

``graph.exports.admin_import`` and ``graph.exports.cypher_script`` write the same nodes and relationships in the
same order (nodes by id, edges by (source, target, type)), so each output is deterministic and
diffs cleanly, and name a relationship alike in their error messages.
"""

from __future__ import annotations

from graph.model import Edge, Node, PlanGraph
from graph.questions.answers import edge_sort_key


def nodes_in_order(graph: PlanGraph) -> list[Node]:
    """The nodes sorted by id."""
    return sorted(graph.nodes, key=lambda node: node.id)


def edges_in_order(graph: PlanGraph) -> list[Edge]:
    """The edges sorted by (source, target, type)."""
    return sorted(graph.edges, key=edge_sort_key)


def describe_edge(edge: Edge) -> str:
    """``source-[TYPE]->target``: an edge as an error message names it."""
    return f"{edge.source}-[{edge.type.value}]->{edge.target}"
