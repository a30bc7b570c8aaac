"""``/goals``: the overall goal (总目标) the six positionings realise."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, Offset, Store, TextFilter
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from graph.model import Label

router = APIRouter(prefix="/goals", tags=["goals"])


@router.get("", response_model=NodeList, responses=list_responses("/goals", [examples.node(examples.GOAL)]))
async def list_goals(
    request: Request,
    store: Store,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Goals (总目标), e.g. 建设新时代社会主义现代化国际大都市, sorted by (name, id).

    `q` keeps goals whose name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(request, store, Label.GOAL, q=q, limit=limit, offset=offset, fmt=format)
