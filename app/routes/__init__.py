"""One router per resource; ``ROUTERS`` is the order ``create_app`` includes them in."""

from __future__ import annotations

from fastapi import APIRouter

from app.routes import (
    departments,
    goals,
    health,
    indicators,
    ladder,
    nodes,
    ownership,
    people,
    plans,
    positionings,
    search,
    sources,
    subgraph,
    task_forces,
    tasks,
)

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    goals.router,
    positionings.router,
    tasks.router,
    indicators.router,
    departments.router,
    task_forces.router,
    people.router,
    plans.router,
    sources.router,
    nodes.router,
    ownership.router,
    ladder.router,
    search.router,
    subgraph.router,
)
