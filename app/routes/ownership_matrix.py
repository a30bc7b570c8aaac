"""``/ownership``: the owner × indicator matrix."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.csv_format import MEDIA_TYPE, csv_response, matrix_table
from app.deps import Format, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from app.store_access import AsyncPlanStore
from graph.model import Label
from graph.results import Ownership, OwnershipMatrix

router = APIRouter(prefix="/ownership", tags=["ownership"])

_EXAMPLE = {
    "owners": [examples.DEPARTMENT, examples.COMMERCE],
    "targets": [examples.INDICATOR],
    "cells": [
        {
            "owner_id": examples.DEPARTMENT["id"],
            "target_id": examples.INDICATOR["id"],
            "basis": "presented",
            "via": examples.POSITIONING["id"],
            "via_name": examples.POSITIONING["name"],
        }
    ],
}


async def _other_targets(store: AsyncPlanStore, matrix: OwnershipMatrix) -> dict[str, list[Ownership]]:
    """Each owner's direct ownerships of anything but an indicator (the Goal, plans, positionings)."""
    others: dict[str, list[Ownership]] = {}
    for owner in matrix.owners:
        rows = await store.ask(store.plans.targets_of, owner.id)
        others[owner.id] = [row for row in rows if row.via is None and row.target.label is not Label.INDICATOR]
    return others


@router.get(
    "",
    response_model=OwnershipMatrix,
    responses={
        200: {
            "description": "The matrix (JSON), or one CSV row per owner (`format=csv`)",
            "content": {
                "application/json": {"example": _EXAMPLE},
                MEDIA_TYPE.split(";")[0]: {"schema": {"type": "string"}},
            },
        },
        **ERROR_RESPONSES,
    },
)
async def get_ownership(store: Store, format: Format = "json") -> OwnershipMatrix | Response:
    """Owners (departments and task forces) × indicators; each cell the strongest basis by which
    the owner answers for the indicator. When the ownership is inherited through a positioning,
    `via`/`via_name` name it and the basis is the weaker of the two steps.

    `format=csv` gives a spreadsheet: one row per owner, one column per indicator (headed by
    its name), cells = basis (`stated`, `presented`, `inferred`), `<basis> via <positioning>`
    when inherited, or empty; the last column, `other_targets`, lists what the owner answers
    for directly besides indicators (the Goal, plans, positionings) as `name (Label, basis)`.
    """
    matrix = await store.ask(store.plans.ownership_matrix)
    if format == "csv":
        header, rows = matrix_table(matrix, await _other_targets(store, matrix))
        return csv_response(header, rows, "ownership.csv")
    return matrix
