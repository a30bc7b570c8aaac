"""``/plans``: the plans (实施意见, 五年规划, 三年行动方案) and what they implement."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_owners_route
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

add_owners_route(
    router,
    Label.PLAN,
    name="plan_owners",
    example={"target": examples.PLAN, "owners": []},
    doc="""Departments and task forces answering for a plan: those with a RESPONSIBLE_FOR
    relationship to it (青岛市发展和改革委员会 and the “十四五”规划工作领导小组 for the 纲要), each with `basis`, `confidence` and the sentences that say so.

    An id that is not a Plan answers 404 with code `wrong_label`.
    """,
)
