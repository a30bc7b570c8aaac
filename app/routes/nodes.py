"""``/nodes/{id}``: the permalink of every node, whatever its label."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import NodeId, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.results import NodeDetail

router = APIRouter(prefix="/nodes", tags=["nodes"])

_EXAMPLE = {
    "node": examples.DEPARTMENT_NODE,
    "neighbours": [
        {
            "direction": "in",
            "type": "HOLDS_ROLE",
            "node": examples.PERSON,
            "properties": {"basis": "stated", "confidence": 1.0, "titles": ["局长"]},
        },
        {
            "direction": "out",
            "type": "RESPONSIBLE_FOR",
            "node": examples.POSITIONING,
            "properties": {"basis": "presented", "confidence": 0.8, "reason": examples.PRESENTED_REASON},
        },
    ],
}


@router.get("/{node_id}", response_model=NodeDetail, responses={**examples.json_example(_EXAMPLE), **ERROR_RESPONSES})
async def get_node(node_id: NodeId, store: Store) -> NodeDetail:
    """One node: its properties, every mention with the sentence it was read from (source file and
    offsets, so `original[start:end] == text`), and its neighbours in both directions.

    An unknown id answers 404 naming the id.
    """
    return await store.ask(store.plans.get_node, node_id)
