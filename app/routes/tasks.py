"""``/tasks``: the tasks (任务) that support the positionings."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
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
