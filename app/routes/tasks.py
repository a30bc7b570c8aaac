"""``/tasks``: the tasks (任务) that support the positionings."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, Offset, PositioningFilter, Store, TextFilter
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from graph.model import Label

router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("", response_model=NodeList, responses=list_responses("/tasks", [examples.node(examples.TASK)]))
async def list_tasks(
    request: Request,
    store: Store,
    positioning: PositioningFilter = None,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Tasks (任务), e.g. 建设世界一流海洋港口, sorted by (name, id).

    `positioning` keeps the tasks supporting that CityPositioning, `q` those whose name contains
    the text. `/ladder/{id}` shows how a task climbs to the Goal. `format=csv` answers every
    matching row as CSV.
    """
    return await node_list(
        request, store, Label.TASK, positioning=positioning, q=q, limit=limit, offset=offset, fmt=format
    )
