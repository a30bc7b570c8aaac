"""``/positionings``: the six city positionings (六个城市) and who answers for each."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_owners_route
from graph.model import Label

router = APIRouter(prefix="/positionings", tags=["positionings"])

add_list_route(
    router,
    Label.CITY_POSITIONING,
    name="list_positionings",
    filters=("q",),
    example=examples.node(examples.POSITIONING),
    doc="""The six city positionings (六个城市定位), e.g. 引领型现代海洋城市, sorted by (name, id).

    `q` keeps positionings whose name contains the text. `format=csv` answers every matching row as CSV.
    """,
)

add_owners_route(
    router,
    Label.CITY_POSITIONING,
    name="positioning_owners",
    example={"target": examples.POSITIONING, "owners": [examples.POSITIONING_OWNERSHIP]},
    doc="""Departments and task forces answering for a positioning (e.g. 青岛市海洋发展局 for 引领型现代海洋城市).

    Each owner comes with its `basis` (`stated`: a sentence says so; `presented`: its head
    presented the plan at the press conference; `inferred`: implied, see `reason`), its
    `confidence`, and the `path` of relationships with the sentences that make it an owner.

    An id that is not a CityPositioning answers 404 with code `wrong_label`.
    """,
)
