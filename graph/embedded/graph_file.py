"""The graph file ``plankg build`` writes and the embedded store reads: node-link JSON.

The layout is networkx's (``nx.node_link_data(G, edges="edges")`` of a ``MultiDiGraph`` keyed by
relationship type), so ``nx.node_link_graph(data, edges="edges")`` opens it in a notebook:

- ``graph``: ``{"format": "plankg", "version": 1}``;
- ``nodes``: ``id``, ``label``, ``name``, the node's properties flattened, ``mentions``;
- ``edges``: ``source``, ``target``, ``type``, ``key`` (= ``type``), properties flattened,
  ``mentions``.

Those field names are reserved: a property named like one of them cannot be written. Writing is
deterministic (nodes by id, edges by (source, target, type), mentions by position, keys sorted)
so two builds of the same sources are byte-identical, and atomic (a temporary file renamed over
the target) so a failed write never leaves half a file.

GraphML and GEXF for Gephi and yEd are exports, never read back: :mod:`graph.exports.gephi`.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from graph.errors import GraphFileError
from graph.model import Edge, Node, PlanGraph
from graph.questions.answers import edge_sort_key, normalise_mentions

__all__ = [
    "EDGE_FIELDS",
    "FORMAT",
    "NODE_FIELDS",
    "VERSION",
    "graph_to_node_link",
    "node_link_to_graph",
    "read_graph_json",
    "write_graph_json",
]

log = logging.getLogger(__name__)

FORMAT = "plankg"
VERSION = 1
NODE_FIELDS = frozenset({"id", "label", "name", "mentions"})
EDGE_FIELDS = frozenset({"source", "target", "type", "key", "mentions"})


def _check_reserved(where: str, properties: dict[str, Any], reserved: frozenset[str]) -> None:
    clash = sorted(reserved & properties.keys())
    if clash:
        raise GraphFileError(f"{where}: property {clash[0]!r} is a reserved field of the graph file")


def _sorted_graph(graph: PlanGraph) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` holding ``graph`` with node-link attributes, built in sorted order."""
    nx_graph = nx.MultiDiGraph(format=FORMAT, version=VERSION)
    for node in sorted(graph.nodes, key=lambda n: n.id):
        _check_reserved(f"node {node.id}", node.properties, NODE_FIELDS)
        nx_graph.add_node(
            node.id,
            label=node.label.value,
            name=node.name,
            **node.properties,
            mentions=[m.model_dump() for m in normalise_mentions(node.mentions)],
        )
    for edge in sorted(graph.edges, key=edge_sort_key):
        where = f"edge {edge.source} -{edge.type.value}-> {edge.target}"
        _check_reserved(where, edge.properties, EDGE_FIELDS)
        for end in (edge.source, edge.target):
            if end not in nx_graph:
                raise GraphFileError(f"{where}: refers to unknown node {end!r}")
        nx_graph.add_edge(
            edge.source,
            edge.target,
            key=edge.type.value,
            type=edge.type.value,
            **edge.properties,
            mentions=[m.model_dump() for m in normalise_mentions(edge.mentions)],
        )
    return nx_graph


def graph_to_node_link(graph: PlanGraph) -> dict[str, Any]:
    """``graph`` as node-link data (see the module docstring), deterministic in order."""
    return nx.node_link_data(_sorted_graph(graph), edges="edges")


def node_link_to_graph(data: Any) -> PlanGraph:
    """The ``PlanGraph`` in node-link data; raises ``GraphFileError`` when it is not a plankg graph."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("nodes"), list)
        or not isinstance(data.get("edges"), list)
    ):
        raise GraphFileError("not a plankg graph: expected an object with 'nodes' and 'edges' lists")
    meta = data.get("graph") or {}
    if not isinstance(meta, dict) or meta.get("format", FORMAT) != FORMAT:
        raise GraphFileError(f"not a plankg graph: graph format is {meta.get('format')!r}")
    try:
        nodes = [_node_from(item) for item in data["nodes"]]
        edges = [_edge_from(item) for item in data["edges"]]
    except (ValidationError, TypeError, AttributeError) as exc:
        raise GraphFileError(f"not a plankg graph: {exc}") from None
    return PlanGraph(nodes=nodes, edges=edges)


def _node_from(item: dict[str, Any]) -> Node:
    properties = {k: v for k, v in item.items() if k not in NODE_FIELDS}
    return Node(
        id=item.get("id"),
        label=item.get("label"),
        name=item.get("name"),
        properties=properties,
        mentions=item.get("mentions") or [],
    )


def _edge_from(item: dict[str, Any]) -> Edge:
    properties = {k: v for k, v in item.items() if k not in EDGE_FIELDS}
    return Edge(
        source=item.get("source"),
        target=item.get("target"),
        type=item.get("type"),
        properties=properties,
        mentions=item.get("mentions") or [],
    )


def _write_atomically(path: Path, write: Callable[[Any], None], *, binary: bool) -> None:
    """Write through ``write(file)`` into a temporary file next to ``path``, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; a graph file is meant to be shared
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_graph_json(graph: PlanGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as node-link JSON to ``path`` (UTF-8, indented, keys sorted); returns it."""
    target = Path(path)
    data = graph_to_node_link(graph)

    def write(handle: Any) -> None:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")

    _write_atomically(target, write, binary=False)
    log.info("wrote %d nodes and %d edges to %s", len(graph.nodes), len(graph.edges), target)
    return target


def read_graph_json(path: str | os.PathLike[str]) -> PlanGraph:
    """The graph in a node-link JSON file; ``GraphFileError`` naming the path when it cannot be."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GraphFileError(f"{source}: no graph file here; run `plankg build` first") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphFileError(f"{source}: cannot read the graph file: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{source}: not JSON: {exc}") from None
    try:
        return node_link_to_graph(data)
    except GraphFileError as exc:
        raise GraphFileError(f"{source}: {exc}") from None
