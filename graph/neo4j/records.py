"""How a plan node or edge is stored as Neo4j properties, and read back.

Neo4j properties cannot hold maps or ``null``, so a ``Node`` becomes a flat property map:

- ``id``, ``name``;
- every label-specific property flattened onto the node (``target_year``, ``basis`` …), for
  Cypher users and Bloom; ``None`` values and keys the store owns are left out;
- ``properties_json``: the exact property dict as JSON, which is what the store reads back, so
  ``None`` values, ints versus floats and keys that clash with the store's own survive a round
  trip and both stores answer with equal records;
- ``mentions_json``: the mentions as a compact JSON list (Chinese unescaped; the same text the
  ``graph.exports.cypher_script`` and ``graph.exports.admin_import`` exports write);
- ``sources``: the sorted source file names of the mentions, so one source's facts can be found
  and withdrawn without parsing JSON in Cypher;
- ``evidence``: the distinct mention sentences joined by newlines (Bloom, the fulltext index);
- ``search_name`` / ``search_evidence``: name and evidence lower-cased by Python, which search
  matches query terms against with ``CONTAINS``. Lower-casing in Python rather than with
  Cypher's ``toLower`` keeps the match exactly ``graph.questions.search.score``'s (Java and Python
  do not lower-case every character alike);
- ``state_hash``: a SHA-1 of the label and all of the above, so a load can tell an unchanged
  record from its hash alone, without fetching and decoding it (``graph.neo4j.load``).

Edges are stored the same way, without ``id`` and ``name``. Every node also carries the
``PlanNode`` label next to its plan label, for id lookups when the label is not known.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter

from graph.model import Edge, Label, Mention, Node, PropertyValue, RelType
from graph.questions.search import evidence_text

#: Label every plan node carries besides its ``Label``: the id index for label-less lookups.
ANY_NODE_LABEL = "PlanNode"
MENTIONS_PROPERTY = "mentions_json"
PROPERTIES_PROPERTY = "properties_json"
SOURCES_PROPERTY = "sources"
EVIDENCE_PROPERTY = "evidence"
SEARCH_NAME_PROPERTY = "search_name"
SEARCH_EVIDENCE_PROPERTY = "search_evidence"
STATE_HASH_PROPERTY = "state_hash"

#: Properties the store owns on relationships; a model property of the same name lives only in
#: ``properties_json``.
STORE_EDGE_KEYS = frozenset(
    {MENTIONS_PROPERTY, PROPERTIES_PROPERTY, SOURCES_PROPERTY, EVIDENCE_PROPERTY, STATE_HASH_PROPERTY}
)
#: Properties the store owns on nodes.
STORE_NODE_KEYS = STORE_EDGE_KEYS | {"id", "name", SEARCH_NAME_PROPERTY, SEARCH_EVIDENCE_PROPERTY}
_PLAN_LABELS = frozenset(label.value for label in Label)


def mentions_json(mentions: Sequence[Mention]) -> str:
    """Mentions as stored: a compact JSON list, non-ASCII text kept as is."""
    return json.dumps([m.model_dump() for m in mentions], ensure_ascii=False, separators=(",", ":"))


def mention_sources(mentions: Iterable[Mention]) -> list[str]:
    return sorted({m.source for m in mentions})


def _flat(properties: Mapping[str, PropertyValue], reserved: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v is not None and k not in reserved}


def _store_fields(properties: Mapping[str, PropertyValue], mentions: Sequence[Mention]) -> dict[str, Any]:
    return {
        PROPERTIES_PROPERTY: _canonical(dict(properties)),
        MENTIONS_PROPERTY: mentions_json(mentions),
        SOURCES_PROPERTY: mention_sources(mentions),
        EVIDENCE_PROPERTY: evidence_text(mentions),
    }


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _state_hash(identity: list[str], props: Mapping[str, Any]) -> str:
    return hashlib.sha1(_canonical([identity, props]).encode("utf-8")).hexdigest()


def search_texts(node: Node) -> tuple[str, str]:
    """The ``search_name`` and ``search_evidence`` writing ``node`` stores: what search matches
    and the bigram index (``graph.neo4j.search_index``) is cut from, computed in one place."""
    return _lowered(node.name, evidence_text(node.mentions))


def _lowered(name: str, evidence: str) -> tuple[str, str]:
    return name.lower(), evidence.lower()


def node_row(node: Node) -> dict[str, Any]:
    """The parameter row that writes ``node``: ``{"id": …, "props": {every stored property}}``."""
    props = _flat(node.properties, STORE_NODE_KEYS)
    props.update(_store_fields(node.properties, node.mentions))
    props["id"] = node.id
    props["name"] = node.name
    props[SEARCH_NAME_PROPERTY], props[SEARCH_EVIDENCE_PROPERTY] = _lowered(node.name, props[EVIDENCE_PROPERTY])
    props[STATE_HASH_PROPERTY] = _state_hash([node.label.value], props)
    return {"id": node.id, "props": props}


def edge_row(edge: Edge) -> dict[str, Any]:
    """The parameter row that writes ``edge``: its endpoints and every stored property."""
    props = _flat(edge.properties, STORE_EDGE_KEYS)
    props.update(_store_fields(edge.properties, edge.mentions))
    props[STATE_HASH_PROPERTY] = _state_hash([edge.source, edge.target, edge.type.value], props)
    return {"source": edge.source, "target": edge.target, "props": props}


def node_state_hash(node: Node) -> str:
    """The ``state_hash`` writing ``node`` stores (equal hashes: equal stored records)."""
    return str(node_row(node)["props"][STATE_HASH_PROPERTY])


def edge_state_hash(edge: Edge) -> str:
    """The ``state_hash`` writing ``edge`` stores."""
    return str(edge_row(edge)["props"][STATE_HASH_PROPERTY])


@functools.cache
def _mentions_adapter() -> TypeAdapter[list[Mention]]:
    return TypeAdapter(list[Mention])


def read_mentions(raw: object) -> list[Mention]:
    """The stored ``mentions_json``, parsed and validated in one pass by pydantic's JSON parser
    (decoding mentions is most of the Python work of an answer that shows evidence)."""
    if not isinstance(raw, str) or not raw:
        return []
    return _mentions_adapter().validate_json(raw)


def read_properties(stored: Mapping[str, Any], store_keys: frozenset[str]) -> dict[str, PropertyValue]:
    """The model's property dict: ``properties_json`` when present (written by this store),
    otherwise the flat properties minus the keys the store owns (a database written by
    ``plankg export --format cypher`` or by hand)."""
    raw = stored.get(PROPERTIES_PROPERTY)
    if isinstance(raw, str):
        loaded = json.loads(raw)
        if isinstance(loaded, dict):
            return loaded
    return {k: v for k, v in stored.items() if k not in store_keys}


def plan_label(labels: Iterable[str]) -> Label:
    """The one plan ``Label`` among a node's labels (``PlanNode`` and strangers ignored).

    Read for every row of an answer, and a database holds few label combinations, so each is
    worked out once (sorting, the enum look-up: ~7 µs a row, a fifth of a search's rows' work).
    """
    return _plan_label(tuple(labels))


@functools.lru_cache(maxsize=256)
def _plan_label(labels: tuple[str, ...]) -> Label:
    found = sorted(label for label in labels if label in _PLAN_LABELS)
    if len(found) != 1:
        raise ValueError(f"expected exactly one plan label, found {found or 'none'}")
    return Label(found[0])


def read_node(stored: Mapping[str, Any], labels: Iterable[str]) -> Node:
    """A ``Node`` from a stored property map and its labels."""
    return Node(
        id=stored["id"],
        label=plan_label(labels),
        name=stored.get("name", ""),
        properties=read_properties(stored, STORE_NODE_KEYS),
        mentions=read_mentions(stored.get(MENTIONS_PROPERTY)),
    )


def read_edge(source: str, target: str, rel_type: str, stored: Mapping[str, Any]) -> Edge:
    """An ``Edge`` from its endpoints' ids, its type and its stored property map."""
    return Edge(
        source=source,
        target=target,
        type=RelType(rel_type),
        properties=read_properties(stored, STORE_EDGE_KEYS),
        mentions=read_mentions(stored.get(MENTIONS_PROPERTY)),
    )


def ref_node(node_id: str, labels: Iterable[str], name: str | None) -> Node:
    """A node known by id, label and name only: enough for answers that merely name it."""
    return Node(id=node_id, label=plan_label(labels), name=name or "")


def edge_row_records(rows: Iterable[Mapping[str, Any]]) -> tuple[list[Node], list[Edge]]:
    """Nodes (named only) and edges from "edge rows" (``cypher/node_detail.cypher``'s columns).

    A relationship returned twice (a self-loop, or two branches of a UNION) is kept once.
    """
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for row in rows:
        for end in ("source", "target"):
            if row[end] not in nodes:
                nodes[row[end]] = ref_node(row[end], row[f"{end}_labels"], row[f"{end}_name"])
        edge = read_edge(row["source"], row["target"], row["type"], row["props"])
        edges.setdefault(edge.key, edge)
    return list(nodes.values()), list(edges.values())
