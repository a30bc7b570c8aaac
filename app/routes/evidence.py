"""``/evidence``: the table to hand a colleague, one row per quantitative target × owner."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from app.csv_format import csv_response
from app.deps import Format, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.questions.evidence import EvidenceRow, evidence_table, store_evidence

router = APIRouter(prefix="/evidence", tags=["evidence"])


class EvidenceAnswer(BaseModel):
    """Every target × owner row, in document order (see ``graph.questions.evidence``)."""

    model_config = ConfigDict(extra="forbid")

    items: list[EvidenceRow]
    total: int


_EXAMPLE = {
    "items": [
        {
            "city": "青岛",
            "positioning": examples.POSITIONING["name"],
            "target": examples.INDICATOR["name"],
            "value": "2800",
            "unit": "万标箱",
            "year": 2026,
            "comparator": "超过",
            "hedge": None,
            "owner": examples.DEPARTMENT["name"],
            "basis": "presented",
            "via": examples.POSITIONING["name"],
            "source": examples.SOURCE,
            "start": 3074,
            "end": 3089,
            "sentence": examples.MEASURED["sentence"],
            "target_id": examples.INDICATOR["id"],
            "owner_id": examples.DEPARTMENT["id"],
        }
    ],
    "total": 1,
}


@router.get(
    "",
    response_model=EvidenceAnswer,
    responses={**examples.json_example(_EXAMPLE, csv=True), **ERROR_RESPONSES},
)
async def get_evidence(store: Store, format: Format = "json") -> EvidenceAnswer | Response:
    """One row per quantitative target (指标) × owner: city, positioning, target, value, unit,
    year, comparator, hedge, owner, basis, via (the positioning an inherited ownership runs
    through), source file, start, end and the sentence that states the target, then the ids.

    A target nobody answers for has one row with the owner columns empty. Rows are in document
    order, owners strongest basis first. `format=csv` gives the same table as CSV (UTF-8 with
    BOM, for Excel); `plankg export --format evidence` writes both files.
    """
    rows = await store.ask(store_evidence, store.plans)
    if format == "csv":
        return csv_response(*evidence_table(rows), "evidence.csv")
    return EvidenceAnswer(items=rows, total=len(rows))
