"""``/task-forces``: the task forces (专班), one per positioning, and what each answers for."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, NodeId, Offset, PositioningFilter, Store, TextFilter
from app.errors import ERROR_RESPONSES
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from app.routes.owners import TargetsAnswer, targets_answer
from graph.model import Label

router = APIRouter(prefix="/task-forces", tags=["task-forces"])


@router.get(
    "",
    response_model=NodeList,
    responses=list_responses("/task-forces", [examples.node(examples.TASK_FORCE, mention=examples.TASK_FORCES_SET_UP)]),
)
async def list_task_forces(
    request: Request,
    store: Store,
    positioning: PositioningFilter = None,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Task forces (专班), e.g. 引领型现代海洋城市专班, sorted by (name, id).

    `positioning` keeps the task forces responsible for that CityPositioning, `q` those whose
    name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(
        request, store, Label.TASK_FORCE, positioning=positioning, q=q, limit=limit, offset=offset, fmt=format
    )


@router.get(
    "/{node_id}/targets",
    response_model=TargetsAnswer,
    responses={
        **examples.json_example({"owner": examples.TASK_FORCE, "targets": [examples.TASK_FORCE_OWNERSHIP]}),
        **ERROR_RESPONSES,
    },
)
async def task_force_targets(node_id: NodeId, store: Store) -> TargetsAnswer:
    """Everything a task force answers for: its positioning and that positioning's indicators
    (`via` names the positioning), each with basis, confidence and evidence.

    An id that is not a TaskForce answers 404 with code `wrong_label`.
    """
    return await targets_answer(store, node_id, (Label.TASK_FORCE,))
