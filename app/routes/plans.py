"""``/plans``: the plans (实施意见, 五年规划, 三年行动方案) and what they implement."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, Offset, PositioningFilter, Store, TextFilter
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from graph.model import Label

router = APIRouter(prefix="/plans", tags=["plans"])


@router.get("", response_model=NodeList, responses=list_responses("/plans", [examples.node(examples.PLAN)]))
async def list_plans(
    request: Request,
    store: Store,
    positioning: PositioningFilter = None,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Plans, e.g. 《实施意见》 and the 《五年规划》/《三年行动方案》 of each positioning, sorted by (name, id).

    `positioning` keeps plans one hop from that CityPositioning (the plans implementing it);
    `q` keeps plans whose name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(
        request, store, Label.PLAN, positioning=positioning, q=q, limit=limit, offset=offset, fmt=format
    )
