"""``/health`` and ``/ping``: is the API up, and can it reach its store?"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from app.deps import Store
from app.errors import ErrorBody
from app.routes import examples
from graph.results import Counts

router = APIRouter(tags=["health"])


class Health(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]
    store: str
    counts: Counts


class Pong(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]


_EXAMPLE = {
    "status": "ok",
    "store": "networkx",
    "counts": {"nodes": {"Goal": 1, "CityPositioning": 6, "Indicator": 40}, "relationships": {"MEASURES": 40}},
}


@router.get(
    "/health",
    response_model=Health,
    responses={
        **examples.json_example(_EXAMPLE),
        503: {"model": ErrorBody, "description": "The store cannot be reached; the message says what to check"},
    },
)
async def health(store: Store) -> Health:
    """The store kind (`networkx` or `neo4j`) and its node and relationship counts.

    Answers 503 in the error shape, with what to check, while the store cannot be reached; it
    answers 200 again as soon as the store is back, without a restart.
    """
    await store.ping()
    return Health(status="ok", store=store.kind, counts=await store.ask(store.plans.counts))


@router.get("/ping", response_model=Pong)
async def ping() -> Pong:
    """Liveness only: the process answers. It does not touch the store (see `/health` for that)."""
    return Pong(status="ok")
