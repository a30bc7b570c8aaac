"""``/sources``: the source documents every mention cites."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import examples
from app.routes.listing import add_list_route
from graph.model import Label

router = APIRouter(prefix="/sources", tags=["sources"])

add_list_route(
    router,
    Label.SOURCE,
    name="list_sources",
    filters=("q",),
    example=examples.node(examples.SOURCE_NODE),
    doc="""Source documents (one per file read by `plankg build`), sorted by (name, id).

    `q` keeps sources whose name contains the text. `format=csv` answers every matching row as CSV.
    """,
)
