"""``/departments``: the responsible departments (责任部门) and what each answers for."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, NodeId, Offset, PositioningFilter, Store, TextFilter
from app.errors import ERROR_RESPONSES
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from app.routes.owners import TargetsAnswer, targets_answer
from graph.model import Label

router = APIRouter(prefix="/departments", tags=["departments"])


@router.get("", response_model=NodeList, responses=list_responses("/departments", [examples.DEPARTMENT_NODE]))
async def list_departments(
    request: Request,
    store: Store,
    positioning: PositioningFilter = None,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Departments, e.g. 青岛市海洋发展局 or 青岛市商务局, sorted by (name, id).

    `positioning` keeps the departments responsible for that CityPositioning, `q` those whose
    name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(
        request, store, Label.DEPARTMENT, positioning=positioning, q=q, limit=limit, offset=offset, fmt=format
    )


@router.get(
    "/{node_id}/targets",
    response_model=TargetsAnswer,
    responses={
        **examples.json_example({"owner": examples.DEPARTMENT, "targets": [examples.OWNERSHIP]}),
        **ERROR_RESPONSES,
    },
)
async def department_targets(node_id: NodeId, store: Store) -> TargetsAnswer:
    """Everything a department answers for: positionings, indicators and plans it is directly
    responsible for, and the indicators of its positionings (`via` names the positioning).

    For 青岛市商务局 that includes the 国际门户枢纽城市 indicators 货物进出口总额, 使用外资 and
    机场旅客吞吐量. An id that is not a Department answers 404 with code `wrong_label`.
    """
    return await targets_answer(store, node_id, (Label.DEPARTMENT,))
