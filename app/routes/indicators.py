"""``/indicators``: the measurable targets (指标) and who answers for them."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_owners_route
from graph.model import Label

router = APIRouter(prefix="/indicators", tags=["indicators"])

add_list_route(
    router,
    Label.INDICATOR,
    name="list_indicators",
    filters=("positioning", "year", "q"),
    example=examples.INDICATOR_NODE,
    doc="""Indicators (指标), e.g. 集装箱吞吐量 or 货物进出口总额, sorted by (name, id).

    `positioning` keeps the indicators measuring that CityPositioning, `year` those whose target
    year is that year, `q` those whose name contains the text. `format=csv` answers every
    matching row as CSV.
    """,
)

add_owners_route(
    router,
    Label.INDICATOR,
    name="indicator_owners",
    example={"target": examples.INDICATOR, "owners": [examples.OWNERSHIP]},
    doc="""Departments and task forces answering for an indicator, directly or through its positioning.

    For 集装箱吞吐量 that includes 青岛市海洋发展局 with basis `presented`: the path runs
    RESPONSIBLE_FOR (the department → 引领型现代海洋城市) then MEASURES (the indicator → that
    positioning), each step with the sentences it was read from (…海洋发展局局长殷世逸介绍…).

    An id that is not an Indicator answers 404 with code `wrong_label`.
    """,
)
