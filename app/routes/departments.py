"""``/departments``: the responsible departments (责任部门) and what each answers for."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from app.routes.owners_and_targets import add_targets_route
from graph.model import Label

router = APIRouter(prefix="/departments", tags=["departments"])

add_list_route(
    router,
    Label.DEPARTMENT,
    name="list_departments",
    filters=("positioning", "q"),
    example=examples.DEPARTMENT_NODE,
    doc="""Departments, e.g. 青岛市海洋发展局 or 青岛市商务局, sorted by (name, id).

    `positioning` keeps the departments responsible for that CityPositioning, `q` those whose
    name contains the text. `format=csv` answers every matching row as CSV.
    """,
)

add_targets_route(
    router,
    Label.DEPARTMENT,
    name="department_targets",
    example={"owner": examples.DEPARTMENT, "targets": [examples.OWNERSHIP]},
    doc="""Everything a department answers for: positionings, indicators and plans it is directly
    responsible for, and the indicators of its positionings (`via` names the positioning).

    For 青岛市商务局 that includes the 国际门户枢纽城市 indicators 货物进出口总额, 使用外资 and
    机场旅客吞吐量. An id that is not a Department answers 404 with code `wrong_label`.
    """,
)
