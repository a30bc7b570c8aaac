"""What every node list shares: the route itself, the page model, ``next_url`` and the CSV rendering.

Every resource list (``/goals``, ``/tasks``, ``/indicators``…) is the same route over another
label with another subset of filters, so a resource module declares it with
:func:`add_list_route` instead of writing it out again.

A list answers one page as JSON; ``?format=csv`` answers the same rows as CSV. Without an
explicit ``limit`` the CSV holds every row that matches the filters (from ``offset`` on), so a
spreadsheet gets the whole list in one download; with ``limit`` it holds that page.
"""

from __future__ import annotations

from inspect import Parameter, Signature
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.csv_format import MEDIA_TYPE, csv_response, node_table
from app.deps import (
    Format,
    Limit,
    Offset,
    PositioningFilter,
    Store,
    TextFilter,
    YearFilter,
)
from app.errors import ERROR_RESPONSES
from app.resolve import resolve_name
from app.store_access import AsyncPlanStore
from graph.model import Label, Node
from graph.questions.progress import summary
from graph.results import IndicatorProgress, ProgressSummary
from graph.store import MAX_LIMIT

DEFAULT_LIMIT = 50

#: The filters a list route can offer, in the order its parameters take them.
FILTERS: dict[str, Any] = {"positioning": PositioningFilter, "year": YearFilter, "q": TextFilter}


class NodeList(BaseModel):
    """One page of nodes sorted by (name, id); ``next_url`` is null on the last page."""

    model_config = ConfigDict(extra="forbid")

    items: list[Node]
    total: int = Field(description="Rows matching the filters, all pages together")
    limit: int
    offset: int
    next_url: str | None = Field(description="The next page, or null on the last page")


class IndicatorList(NodeList):
    """A page of indicators, each with its progress against the later reports."""

    progress: dict[str, ProgressSummary] = Field(
        description="Indicator id -> its progress (status, share, latest figure); see /indicators/{id}/progress"
    )


#: Labels whose list carries more than the nodes.
LIST_MODELS: dict[Label, type[NodeList]] = {Label.INDICATOR: IndicatorList}


async def _progress(store: AsyncPlanStore, label: Label) -> dict[str, IndicatorProgress] | None:
    """Every indicator's progress by id, for the indicators list (``None`` for other labels)."""
    if label is not Label.INDICATOR:
        return None
    return {item.indicator.id: item for item in await store.ask(store.plans.progress_all)}


#: What an indicator list's example adds: 集装箱吞吐量 3087万标箱 in 2024 against 2800万标箱.
PROGRESS_EXAMPLE: dict[str, Any] = {
    "status": "met", "share": 1.1025, "holds": None, "latest_year": 2024, "latest_value": "3087",
    "latest_unit": "万标箱", "figures": 1,
}  # fmt: skip


def list_responses(
    path: str, example_items: list[dict[str, Any]], label: Label | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for a list route: a Chinese JSON example and the CSV variant."""
    example: dict[str, Any] = {
        "items": example_items,
        "total": len(example_items) + 1,
        "limit": len(example_items),
        "offset": 0,
        "next_url": f"http://127.0.0.1:8000{path}?limit={len(example_items)}&offset={len(example_items)}",
    }
    if label is Label.INDICATOR:
        example["progress"] = {item["id"]: PROGRESS_EXAMPLE for item in example_items}
    return {
        200: {
            "description": "One page of nodes (JSON), or every matching row (`format=csv`)",
            "content": {
                "application/json": {"example": example},
                MEDIA_TYPE.split(";")[0]: {"schema": {"type": "string"}},
            },
        },
        **ERROR_RESPONSES,
    }


def add_list_route(
    router: APIRouter,
    label: Label,
    *,
    name: str,
    filters: tuple[str, ...],
    example: dict[str, Any],
    doc: str,
) -> None:
    """Register ``GET {router.prefix}``: the nodes of ``label``, one page at a time or as CSV.

    ``filters`` names the filters the route offers (keys of ``FILTERS``); ``limit``, ``offset``
    and ``format`` follow them. ``name`` becomes the endpoint's name (and so its OpenAPI
    operation id), ``doc`` its docstring (the OpenAPI description), ``example`` the one item of
    the Chinese JSON example.

    FastAPI reads a route's parameters from its endpoint's signature, so the endpoint gets one
    built here, holding only the chosen filters: a filter a resource does not offer stays
    unknown to it, as it would in a hand-written route.
    """
    unknown = [key for key in filters if key not in FILTERS]
    if unknown:
        raise ValueError(f"{name}: unknown filters {unknown}; choose from {list(FILTERS)}")

    async def endpoint(
        request: Request, store: AsyncPlanStore, limit: int, offset: int, format: str, **chosen: Any
    ) -> NodeList | Response:
        return await node_list(request, store, label, limit=limit, offset=offset, fmt=format, **chosen)

    def param(key: str, annotation: Any, default: Any = Parameter.empty) -> Parameter:
        return Parameter(key, Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation)

    endpoint.__signature__ = Signature(  # type: ignore[attr-defined]
        [
            param("request", Request),
            param("store", Store),
            *(param(key, FILTERS[key], None) for key in FILTERS if key in filters),
            param("limit", Limit, DEFAULT_LIMIT),
            param("offset", Offset, 0),
            param("format", Format, "json"),
        ],
        return_annotation=NodeList | Response,
    )
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc
    model = LIST_MODELS.get(label, NodeList)
    router.get("", response_model=model, responses=list_responses(router.prefix, [example], label))(endpoint)


async def node_list(
    request: Request,
    store: AsyncPlanStore,
    label: Label,
    *,
    limit: int,
    offset: int,
    fmt: str,
    positioning: str | None = None,
    year: int | None = None,
    q: str | None = None,
) -> NodeList | Response:
    """Answer a list route: a ``NodeList`` page, or CSV rows. ``positioning`` may be a name."""
    q = q or None
    positioning = await resolve_name(store, Label.CITY_POSITIONING, positioning, "positioning")
    if fmt == "csv":
        return await _csv(request, store, label, limit=limit, offset=offset, positioning=positioning, year=year, q=q)
    page = await store.ask(store.plans.list_nodes, label, positioning=positioning, year=year, q=q, limit=limit, offset=offset)
    next_offset = page.offset + page.limit
    next_url = None
    if next_offset < page.total:
        next_url = str(request.url.include_query_params(limit=page.limit, offset=next_offset))
    fields = {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset, "next_url": next_url}
    progress = await _progress(store, label)
    if progress is not None:
        return IndicatorList(**fields, progress={n.id: summary(progress[n.id]) for n in page.items if n.id in progress})
    return NodeList(**fields)


async def _csv(
    request: Request,
    store: AsyncPlanStore,
    label: Label,
    *,
    limit: int,
    offset: int,
    positioning: str | None,
    year: int | None,
    q: str | None,
) -> Response:
    wanted = limit if "limit" in request.query_params else None
    nodes: list[Node] = []
    position = offset
    while wanted is None or len(nodes) < wanted:
        size = MAX_LIMIT if wanted is None else min(MAX_LIMIT, wanted - len(nodes))
        page = await store.ask(store.plans.list_nodes, label, positioning=positioning, year=year, q=q, limit=size, offset=position)
        nodes.extend(page.items)
        position += len(page.items)
        if not page.items or position >= page.total:
            break
    header, rows = node_table(nodes, await _progress(store, label))
    filename = request.url.path.strip("/").replace("/", "_") or "nodes"
    return csv_response(header, rows, f"{filename}.csv")
