"""``/ownership``: the owner × indicator matrix."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.csv_format import MEDIA_TYPE, csv_response, matrix_table
from app.deps import Format, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.results import OwnershipMatrix

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
        }
    ],
}


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
    the owner answers for the indicator (`via` names the positioning when inherited).

    `format=csv` gives a spreadsheet: one row per owner, one column per indicator (headed by
    its name), cells = basis (`stated`, `presented`, `inferred`) or empty.
    """
    matrix = await store.ownership_matrix()
    if format == "csv":
        header, rows = matrix_table(matrix)
        return csv_response(header, rows, "ownership.csv")
    return matrix
