"""``/goals``: the overall goal (总目标) the six positionings realise."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
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
