"""``/people``: the officials named in the documents (who heads which department or task force)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, Offset, Store, TextFilter
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from graph.model import Label

router = APIRouter(prefix="/people", tags=["people"])


@router.get("", response_model=NodeList, responses=list_responses("/people", [examples.node(examples.PERSON)]))
async def list_people(
    request: Request,
    store: Store,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """People, e.g. 殷世逸 (市海洋发展局局长), sorted by (name, id).

    Their roles are HOLDS_ROLE / LEADS relationships: see `/nodes/{id}` for the neighbours.
    `q` keeps people whose name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(request, store, Label.PERSON, q=q, limit=limit, offset=offset, fmt=format)
