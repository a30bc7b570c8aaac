"""One router per resource; ``ROUTERS`` is the order ``create_app`` includes them in."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import (
    departments,
    evidence,
    goals,
    health,
    indicators,
    ladder,
    nodes,
    ownership_matrix,
    people,
    plans,
    positionings,
    progress,
    search,
    sources,
    subgraph,
    task_forces,
    tasks,
)

ROUTERS: tuple[APIRouter, ...] = (
    # FastAPI matches included routers one after another (~4 us each on this machine), so the
    # routers the explorer calls most come first; /health and /ping are one cheap router.
    health.router,
    ladder.router,
    indicators.router,
    search.router,
    nodes.router,
    subgraph.router,
    positionings.router,
    departments.router,
    task_forces.router,
    ownership_matrix.router,
    progress.router,
    evidence.router,
    tasks.router,
    goals.router,
    people.router,
    plans.router,
    sources.router,
)
