"""``/indicators/{id}/progress`` and ``/progress``: targets against what later reports say.

The status rule is ``graph.questions.progress``'s (README, "Progress"); these routes only shape answers.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from app.csv_format import csv_response, overview_table, progress_figure_table
from app.deps import Format, NodeId, Store
from app.errors import ERROR_RESPONSES, WrongLabel
from app.routes import examples
from app.store_access import AsyncPlanStore
from graph.errors import InvalidQuery
from graph.model import Label
from graph.questions.progress import progress_overview
from graph.results import IndicatorProgress, ProgressOverview

router = APIRouter(tags=["progress"])

_FIGURE = examples.ref("fig-9b51b4eb0adf", "ReportedFigure", "集装箱吞吐量")
_SENTENCE = "港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱"
_PROGRESS_EXAMPLE: dict[str, Any] = {
    "indicator": examples.INDICATOR,
    "target_value": 28000000.0,
    "target_unit": "标箱",
    "target_year": 2026,
    "bound": "lower",
    "status": "met",
    "share": 1.1025,
    "figures": [
        {
            "figure": _FIGURE, "year": 2024, "value": "3087", "unit": "万标箱", "comparable_value": 30870000.0,
            "basis": "stated", "shared_terms": ["集装箱吞吐量"],
            "source": "qingdao_2024_plan_execution_report.txt", "sentence": _SENTENCE,
        }
    ],
    "positionings": [examples.POSITIONING],
}  # fmt: skip

_OVERVIEW_EXAMPLE: dict[str, Any] = {
    "statuses": ["met", "on_track", "behind", "missed", "too_early", "no_data", "not_assessed"],
    "totals": {"met": 4, "on_track": 0, "behind": 1, "missed": 0, "too_early": 3, "no_data": 9, "not_assessed": 0},
    "positionings": [
        {
            "node": examples.POSITIONING,
            "counts": {"met": 3, "on_track": 0, "behind": 0, "missed": 0, "too_early": 0, "no_data": 0, "not_assessed": 0},
            "indicators": [examples.INDICATOR],
        }
    ],
    "owners": [],
}  # fmt: skip


async def indicator_progress(store: AsyncPlanStore, node_id: str) -> IndicatorProgress:
    """The store's answer; another label than Indicator is ``wrong_label`` (404), as for /owners."""
    try:
        return await store.ask(store.plans.progress, node_id)
    except InvalidQuery as exc:
        if exc.parameter != "indicator_id":
            raise
        node = (await store.ask(store.plans.get_node, node_id)).node
        raise WrongLabel(node_id, node.label, (Label.INDICATOR,)) from None


@router.get(
    "/indicators/{node_id}/progress",
    response_model=IndicatorProgress,
    responses={**examples.json_example(_PROGRESS_EXAMPLE, csv=True), **ERROR_RESPONSES},
)
async def get_indicator_progress(node_id: NodeId, store: Store, format: Format = "json") -> Any:
    """How far along a target is: every reported figure linked to it (REPORTS_ON) in year order,
    with its sentence and its value in the target's base unit, and the status (`met`, `on_track`,
    `behind`, `missed`, `too_early`, `no_data`, `not_assessed`; the rule is in the README).

    For 集装箱吞吐量 (超过2800万标箱 by 2026) the 2024 plan execution report's 3087万标箱 gives
    `met` with share 1.1025. An id that is not an Indicator answers 404 with code `wrong_label`.
    `format=csv` answers one row per figure.
    """
    answer = await indicator_progress(store, node_id)
    if format == "csv":
        return csv_response(*progress_figure_table(answer), f"progress_{node_id}.csv")
    return answer


@router.get(
    "/progress",
    response_model=ProgressOverview,
    responses={**examples.json_example(_OVERVIEW_EXAMPLE, csv=True), **ERROR_RESPONSES},
)
async def get_progress(store: Store, format: Format = "json") -> ProgressOverview | Response:
    """How many targets are met / on track / behind / missed / too early to tell / without data,
    over all targets, per positioning (the indicators that MEASURE it) and per owner (the
    indicators of the ownership matrix's row). `format=csv` answers one row per group.
    """
    overview = progress_overview(await store.ask(store.plans.progress_all), await store.ask(store.plans.ownership_matrix))
    if format == "csv":
        return csv_response(*overview_table(overview), "progress.csv")
    return overview
