"""``/sources``: the source documents every mention cites."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.deps import Format, Limit, Offset, Store, TextFilter
from app.routes import examples
from app.routes.listing import NodeList, list_responses, node_list
from graph.model import Label

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", response_model=NodeList, responses=list_responses("/sources", [examples.node(examples.SOURCE_NODE)]))
async def list_sources(
    request: Request,
    store: Store,
    q: TextFilter = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> NodeList | Response:
    """Source documents (one per file read by `plankg build`), sorted by (name, id).

    `q` keeps sources whose name contains the text. `format=csv` answers every matching row as CSV.
    """
    return await node_list(request, store, Label.SOURCE, q=q, limit=limit, offset=offset, fmt=format)
