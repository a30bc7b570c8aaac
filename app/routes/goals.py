"""``/goals``: the overall goal (总目标) the six positionings realise."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_owners_route
from graph.model import Label

router = APIRouter(prefix="/goals", tags=["goals"])

add_list_route(
    router,
    Label.GOAL,
    name="list_goals",
    filters=("q",),
    example=examples.node(examples.GOAL),
    doc="""Goals (总目标), e.g. 建设新时代社会主义现代化国际大都市, sorted by (name, id).

    `q` keeps goals whose name contains the text. `format=csv` answers every matching row as CSV.
    """,
)

add_owners_route(
    router,
    Label.GOAL,
    name="goal_owners",
    example={"target": examples.GOAL, "owners": []},
    doc="""Departments and task forces answering for a goal: those with a RESPONSIBLE_FOR
    relationship to it (青岛市发展和改革委员会 and the “六个城市”领导小组 for the goal), each with `basis`, `confidence` and the sentences that say so.

    An id that is not a Goal answers 404 with code `wrong_label`.
    """,
)
