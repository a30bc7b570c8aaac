"""``/graph``: a node-link neighbourhood for the explorer's visualisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import MAX_ID, NO_CONTROL_CHARS, Depth, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.results import Subgraph

router = APIRouter(prefix="/graph", tags=["graph"])

Focus = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_ID,
        pattern=NO_CONTROL_CHARS,
        description="The id of the node at the centre",
        examples=["pos-d039f3b69512"],
    ),
]

_EXAMPLE = {
    "focus": examples.POSITIONING["id"],
    "depth": 1,
    "nodes": [examples.DEPARTMENT_NODE, examples.node(examples.POSITIONING)],
    "edges": [
        {
            "source": examples.DEPARTMENT["id"],
            "target": examples.POSITIONING["id"],
            "type": "RESPONSIBLE_FOR",
            "properties": {"basis": "presented", "confidence": 0.8, "reason": examples.PRESENTED_REASON},
            "mentions": [examples.PRESENTED],
        }
    ],
}


@router.get("", response_model=Subgraph, responses={**examples.json_example(_EXAMPLE), **ERROR_RESPONSES})
async def get_graph(focus: Focus, store: Store, depth: Depth = 1) -> Subgraph:
    """The nodes within `depth` hops of `focus` (either direction) and the edges among them, as
    node-link data (nodes sorted by id, edges by source, target, type).

    `depth` is 0..4; 0 answers the focus alone. An unknown focus answers 404.
    """
    return await store.ask(store.plans.neighbourhood, focus, depth)
