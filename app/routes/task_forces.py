"""``/task-forces``: the task forces (专班), one per positioning, and what each answers for."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_targets_route
from graph.model import Label

router = APIRouter(prefix="/task-forces", tags=["task-forces"])

add_list_route(
    router,
    Label.TASK_FORCE,
    name="list_task_forces",
    filters=("positioning", "q"),
    example=examples.node(examples.TASK_FORCE, mention=examples.TASK_FORCES_SET_UP),
    doc="""Task forces (专班), e.g. 引领型现代海洋城市专班, sorted by (name, id).

    `positioning` keeps the task forces responsible for that CityPositioning, `q` those whose
    name contains the text. `format=csv` answers every matching row as CSV.
    """,
)

add_targets_route(
    router,
    Label.TASK_FORCE,
    name="task_force_targets",
    example={"owner": examples.TASK_FORCE, "targets": [examples.TASK_FORCE_OWNERSHIP]},
    doc="""Everything a task force answers for: its positioning and that positioning's indicators
    (`via` names the positioning), each with basis, confidence and evidence.

    An id that is not a TaskForce answers 404 with code `wrong_label`.
    """,
)
