"""``/positionings``: the six city positionings (六个城市) and who answers for each."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, NodeId, Offset, Store, TextFilter
from app.errors import ERROR_RESPONSES
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from app.routes.owners import OwnersAnswer, owners_answer
from graph.model import Label

router = APIRouter(prefix="/positionings", tags=["positionings"])


@router.get(
    "",
    response_model=NodeList,
    responses=list_responses("/positionings", [examples.node(examples.POSITIONING)]),
)
async def list_positionings(
    request: Request,
    store: Store,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """The six city positionings (六个城市定位), e.g. 引领型现代海洋城市, sorted by (name, id).

    `q` keeps positionings whose name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(request, store, Label.CITY_POSITIONING, q=q, limit=limit, offset=offset, fmt=format)


@router.get(
    "/{node_id}/owners",
    response_model=OwnersAnswer,
    responses={
        **examples.json_example({"target": examples.POSITIONING, "owners": [examples.POSITIONING_OWNERSHIP]}),
        **ERROR_RESPONSES,
    },
)
async def positioning_owners(node_id: NodeId, store: Store) -> OwnersAnswer:
    """Departments and task forces answering for a positioning (e.g. 青岛市海洋发展局 for 引领型现代海洋城市).

    Each owner comes with its `basis` (`stated`: a sentence says so; `presented`: its head
    presented the plan at the press conference; `inferred`: implied, see `reason`), its
    `confidence`, and the `path` of relationships with the sentences that make it an owner.

    An id that is not a CityPositioning answers 404 with code `wrong_label`.
    """
    return await owners_answer(store, node_id, (Label.CITY_POSITIONING,))
