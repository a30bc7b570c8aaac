"""``/ladder/{id}``: how a node climbs to the Goal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.csv_format import csv_response, ladder_table
from app.deps import Format, NodeId, Store
from app.errors import ERROR_RESPONSES, WrongLabel
from app.routes import examples
from graph.model import Label
from graph.questions.ladder import NOT_CLIMBING, keep_confident
from graph.results import Ladder

router = APIRouter(prefix="/ladder", tags=["ladder"])

#: Default of ``min_confidence``: every path, however weak a step (each step says how weak).
DEFAULT_MIN_CONFIDENCE = 0.0

MinConfidence = Annotated[
    float,
    Query(
        ge=0.0,
        le=1.0,
        description=f"Drop paths with a step below this confidence (default {DEFAULT_MIN_CONFIDENCE}: keep "
        "every path). Stated steps have confidence 1.0; links inferred across documents (ADVANCES) "
        "0.2-0.7, with the words they were inferred from in `shared_terms`; `0.5` keeps only the "
        "better-supported ones.",
    ),
]


@router.get(
    "/{node_id}",
    response_model=Ladder,
    responses={**examples.json_example(examples.LADDER, csv=True), **ERROR_RESPONSES},
)
async def get_ladder(
    node_id: NodeId,
    store: Store,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    format: Format = "json",
) -> Ladder | Response:
    """Every path from the node up to the Goal (建设新时代社会主义现代化国际大都市), along
    SUPPORTS, PART_OF, MEASURES, ADVANCES and REALIZES; each step with its relationship type,
    basis, confidence and the sentences that are its evidence.

    A task typically climbs task → (SUPPORTS) → its positioning → (REALIZES) → the Goal. A step
    through a link inferred across documents (ADVANCES, basis `inferred`) has no sentence: its
    `shared_terms` are the words it was inferred from, and `min_confidence` (default 0.0) drops
    paths through weak ones. Paths are sorted by length, then by the ids along them.

    An unknown id answers 404; the id of a department, task force, person, plan or source
    (nodes that never climb) answers 404 with code `wrong_label`. `format=csv` answers one row
    per step (path and step numbered from 1).
    """
    ladder = await store.ask(store.plans.ladder, node_id)
    if ladder.start.label in NOT_CLIMBING:
        climbing = tuple(label for label in Label if label not in NOT_CLIMBING)
        raise WrongLabel(node_id, ladder.start.label, climbing)
    ladder = keep_confident(ladder, min_confidence)
    if format == "csv":
        return csv_response(*ladder_table(ladder), f"ladder_{node_id}.csv")
    return ladder
