"""``/plans``: the plans (实施意见, 五年规划, 三年行动方案) and what they implement."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from graph.model import Label

router = APIRouter(prefix="/plans", tags=["plans"])

add_list_route(
    router,
    Label.PLAN,
    name="list_plans",
    filters=("positioning", "q"),
    example=examples.node(examples.PLAN),
    doc="""Plans, e.g. 《实施意见》 and the 《五年规划》/《三年行动方案》 of each positioning, sorted by (name, id).

    `positioning` keeps plans one hop from that CityPositioning (the plans implementing it);
    `q` keeps plans whose name contains the text. `format=csv` answers every matching row as CSV.
    """,
)
