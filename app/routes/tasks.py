"""``/tasks``: the tasks (任务) that support the positionings."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_owners_route
from graph.model import Label

router = APIRouter(prefix="/tasks", tags=["tasks"])

add_list_route(
    router,
    Label.TASK,
    name="list_tasks",
    filters=("positioning", "q"),
    example=examples.node(examples.TASK),
    doc="""Tasks (任务), e.g. 建设世界一流海洋港口, sorted by (name, id).

    `positioning` keeps the tasks supporting that CityPositioning, `q` those whose name contains
    the text. `/ladder/{id}` shows how a task climbs to the Goal. `format=csv` answers every
    matching row as CSV.
    """,
)

add_owners_route(
    router,
    Label.TASK,
    name="task_owners",
    example={"target": examples.TASK, "owners": [examples.TASK_OWNERSHIP]},
    doc="""Departments and task forces answering for a task (责任单位), directly or through its positioning.

    A task inherits the owners of the CityPositioning it SUPPORTS: 推动青岛港加快建设世界一流海港
    supports 国际门户枢纽城市, so 青岛市商务局 answers for it with `via` that positioning. An
    inherited ownership is only as strong as its weakest step (`basis`, `confidence`).

    An id that is not a Task answers 404 with code `wrong_label`.
    """,
)
