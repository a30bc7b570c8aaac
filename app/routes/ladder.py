"""``/ladder/{id}``: how a node climbs to the Goal."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import NodeId, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.results import Ladder

router = APIRouter(prefix="/ladder", tags=["ladder"])


@router.get(
    "/{node_id}",
    response_model=Ladder,
    responses={**examples.json_example(examples.LADDER), **ERROR_RESPONSES},
)
async def get_ladder(node_id: NodeId, store: Store) -> Ladder:
    """Every path from the node up to the Goal (建设新时代社会主义现代化国际大都市), along
    SUPPORTS, PART_OF, MEASURES, ADVANCES and REALIZES; each step with its relationship type,
    basis, confidence and the sentences that are its evidence.

    A task typically climbs task → (SUPPORTS) → its positioning → (REALIZES) → the Goal.
    Paths are sorted by length, then by the ids along them. An unknown id answers 404.
    """
    return await store.ladder(node_id)
