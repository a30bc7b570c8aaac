"""``/people``: the officials named in the documents (who heads which department or task force)."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from graph.model import Label

router = APIRouter(prefix="/people", tags=["people"])

add_list_route(
    router,
    Label.PERSON,
    name="list_people",
    filters=("q",),
    example=examples.node(examples.PERSON),
    doc="""People, e.g. 殷世逸 (市海洋发展局局长), sorted by (name, id).

    Their roles are HOLDS_ROLE / LEADS relationships: see `/nodes/{id}` for the neighbours.
    `q` keeps people whose name contains the text. `format=csv` answers every matching row as CSV.
    """,
)
