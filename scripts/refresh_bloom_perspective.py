"""Refresh the property lists of ``cypher/bloom/perspective.json`` from a build of the sources.

The perspective is edited by hand (categories' names, colours, icons, the search phrases and
their Cypher); what follows from the data is refreshed here: the stored properties of every
label and relationship type (as ``graph.neo4j.records`` writes them), and the path segments
Bloom suggests patterns from (those in the built graph plus the domains ``graph/model.py``
documents). Run after the loaders gain a property:

    .venv/bin/python scripts/refresh_bloom_perspective.py [FILES…]   # default data/*.txt

The output is deterministic; ``tests/contract/test_bloom.py`` checks the result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import Label, PlanGraph, RelType  # noqa: E402
from graph.neo4j.records import ANY_NODE_LABEL, edge_row, node_row  # noqa: E402

PERSPECTIVE = ROOT / "cypher" / "bloom" / "perspective.json"

#: Bloom stamps a perspective and its parts with epoch milliseconds (``createdAt``,
#: ``lastEditedAt``). A fixed instant, 2026-01-01T00:00:00Z, keeps the file byte-stable.
STAMP_MS = 1767225600000

BASE_NODE = {"id": "string", "name": "string", "properties_json": "string", "mentions_json": "string",
             "sources": "array", "evidence": "string"}
BASE_EDGE = {"basis": "string", "confidence": "number", "reason": "string", "properties_json": "string",
             "mentions_json": "string", "sources": "array", "evidence": "string"}

#: Properties the store keeps for its own bookkeeping: not for a researcher's legend.
STORE_BOOKKEEPING = frozenset({"state_hash"})

_D, _TF, _P, _G, _I, _T, _PL, _S, _PE, _F = (
    "Department", "TaskForce", "CityPositioning", "Goal", "Indicator", "Task", "Plan", "Source", "Person",
    "ReportedFigure",
)
#: The domain of every relationship type as graph/model.py documents it.
SCHEMA_SEGMENTS = {
    (_P, "REALIZES", _G), (_T, "SUPPORTS", _P), (_T, "PART_OF", _T), (_T, "PART_OF", _PL),
    (_I, "MEASURES", _P), (_I, "MEASURES", _G), (_T, "ADVANCES", _P), (_T, "ADVANCES", _G),
    (_PE, "HOLDS_ROLE", _D), (_PE, "LEADS", _TF), (_PL, "DRAFTED_BY", _D), (_PL, "BASED_ON", _PL),
    (_PL, "IMPLEMENTS", _G), (_PL, "IMPLEMENTS", _P), (_PL, "IMPLEMENTS", _PL), (_PL, "DESCRIBED_IN", _S),
    (_G, "DESCRIBED_IN", _S), (_F, "REPORTS_ON", _I),
} | {(owner, "RESPONSIBLE_FOR", target) for owner in (_D, _TF) for target in (_P, _I, _PL, _G)}


def bloom_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "bigint"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    return "string"


def reading_order(keys: dict[str, str]) -> list[str]:
    return ["name", "id", *sorted(k for k in keys if k not in ("name", "id"))]


def stamp_times(value: object) -> None:
    """Give every ``*At`` field that is not epoch milliseconds (an int) the fixed ``STAMP_MS``.

    Integers already there are kept: the search phrases are stamped a millisecond apart so
    Bloom lists them in the order written.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("At") and (not isinstance(item, int) or isinstance(item, bool)):
                value[key] = STAMP_MS
            else:
                stamp_times(item)
    elif isinstance(value, list):
        for item in value:
            stamp_times(item)


def refresh(perspective: dict, graph: PlanGraph) -> dict:
    node_props: dict[str, dict[str, str]] = {label.value: dict(BASE_NODE) for label in Label}
    for node in graph.nodes:
        for key, value in node_row(node)["props"].items():
            if key not in STORE_BOOKKEEPING:
                node_props[node.label.value].setdefault(key, bloom_type(value))
    edge_props: dict[str, dict[str, str]] = {t.value: dict(BASE_EDGE) for t in RelType}
    for edge in graph.edges:
        for key, value in edge_row(edge)["props"].items():
            if key not in STORE_BOOKKEEPING:
                edge_props[edge.type.value].setdefault(key, bloom_type(value))

    for category in perspective["categories"]:
        [label] = category["labels"]
        props = node_props[label]
        category["properties"] = [
            {"name": key, "exclude": False, "isCaption": key == "name", "dataType": props[key]}
            for key in reading_order(props)
        ]
    labels = {
        label: [{"propertyKey": key, "type": label, "dataType": props[key]} for key in reading_order(props)]
        for label, props in node_props.items()
    }
    labels[ANY_NODE_LABEL] = [{"propertyKey": k, "type": ANY_NODE_LABEL, "dataType": t} for k, t in BASE_NODE.items()]
    perspective["labels"] = labels
    for rel_type in perspective["relationshipTypes"]:
        props = edge_props[rel_type["name"]]
        rel_type["properties"] = [
            {"propertyKey": key, "type": rel_type["name"], "dataType": props[key]} for key in sorted(props)
        ]
    label_of = {node.id: node.label.value for node in graph.nodes}
    seen = {(label_of[e.source], e.type.value, label_of[e.target]) for e in graph.edges}
    perspective["metadata"]["pathSegments"] = [
        {"source": a, "relationshipType": t, "target": b} for a, t, b in sorted(seen | SCHEMA_SEGMENTS)
    ]
    perspective["createdAt"] = perspective["lastEditedAt"] = STAMP_MS
    stamp_times(perspective)
    return perspective


def main(argv: list[str]) -> int:
    from loaders.pipeline import build_graph

    paths = [Path(a) for a in argv] or sorted((ROOT / "data").glob("*.txt"))
    graph = build_graph(paths)
    perspective = json.loads(PERSPECTIVE.read_text(encoding="utf-8"))
    refreshed = refresh(perspective, graph)
    PERSPECTIVE.write_text(json.dumps(refreshed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"refreshed {PERSPECTIVE.relative_to(ROOT)} from {len(paths)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
