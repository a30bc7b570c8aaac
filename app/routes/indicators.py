"""``/indicators``: the measurable targets (指标) and who answers for them."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, NodeId, Offset, PositioningFilter, Store, TextFilter, YearFilter
from app.errors import ERROR_RESPONSES
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from app.routes.owners import OwnersAnswer, owners_answer
from graph.model import Label

router = APIRouter(prefix="/indicators", tags=["indicators"])


@router.get("", response_model=NodeList, responses=list_responses("/indicators", [examples.INDICATOR_NODE]))
async def list_indicators(
    request: Request,
    store: Store,
    positioning: PositioningFilter = None,
    year: YearFilter = None,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Indicators (指标), e.g. 集装箱吞吐量 or 货物进出口总额, sorted by (name, id).

    `positioning` keeps the indicators measuring that CityPositioning, `year` those whose target
    year is that year, `q` those whose name contains the text. `format=csv` answers every
    matching row as CSV.
    """
    return await node_list(
        request,
        store,
        Label.INDICATOR,
        positioning=positioning,
        year=year,
        q=q,
        limit=limit,
        offset=offset,
        fmt=format,
    )


@router.get(
    "/{node_id}/owners",
    response_model=OwnersAnswer,
    responses={
        **examples.json_example({"target": examples.INDICATOR, "owners": [examples.OWNERSHIP]}),
        **ERROR_RESPONSES,
    },
)
async def indicator_owners(node_id: NodeId, store: Store) -> OwnersAnswer:
    """Departments and task forces answering for an indicator, directly or through its positioning.

    For 集装箱吞吐量 that includes 青岛市海洋发展局 with basis `presented`: the path runs
    RESPONSIBLE_FOR (the department → 引领型现代海洋城市) then MEASURES (the indicator → that
    positioning), each step with the sentences it was read from (…海洋发展局局长殷世逸介绍…).

    An id that is not an Indicator answers 404 with code `wrong_label`.
    """
    return await owners_answer(store, node_id, (Label.INDICATOR,))
