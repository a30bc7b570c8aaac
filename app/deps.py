"""What routes depend on: the store (as ``Store``) and the validated parameters they share.

Only ``Annotated`` aliases live here; how the store is reached (threads, the answer memo) is
``app.store_access``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request

from app.errors import NO_CONTROL_CHARS
from app.store_access import AsyncPlanStore
from graph.store import MAX_DEPTH, MAX_LIMIT

MAX_TEXT = 200
MAX_ID = 200


async def get_store(request: Request) -> AsyncPlanStore:
    """The store opened in the lifespan. ``async``: a plain ``def`` dependency would run in the
    threadpool on every request, which is exactly the cost ``app.store_access`` measures."""
    return request.app.state.store_access


Store = Annotated[AsyncPlanStore, Depends(get_store)]

# Parameters shared by several routes. Every text parameter is length-bounded and refuses
# control characters (422), every number is range-checked (422).
NodeId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_ID,
        pattern=NO_CONTROL_CHARS,
        description="A node id, as in every answer's `id` fields",
        examples=["ind-8814c82146f1"],
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1..{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
TextFilter = Annotated[
    str | None,
    Query(
        max_length=MAX_TEXT,
        pattern=NO_CONTROL_CHARS,
        description="Keep nodes whose name contains this text",
        examples=["海洋"],
    ),
]
PositioningFilter = Annotated[
    str | None,
    Query(
        max_length=MAX_ID,
        pattern=NO_CONTROL_CHARS,
        description="A CityPositioning, by id or by its exact name (a name several positionings share "
        "answers 422 naming their ids): keep nodes one hop from it (tasks supporting it, "
        "indicators measuring it, owners responsible for it)",
        examples=["pos-d039f3b69512"],
    ),
]
YearFilter = Annotated[
    int | None,
    Query(ge=1949, le=2100, description="Keep indicators whose target year (目标年份) is this", examples=[2026]),
]
Format = Annotated[
    Literal["json", "csv"],
    Query(
        description="`csv` answers text/csv for spreadsheets (UTF-8 with BOM, lists joined with `;`): every "
        "matching row, or only the page when `limit` is given"
    ),
]
Depth = Annotated[int, Query(ge=0, le=MAX_DEPTH, description=f"Hops around the focus, 0..{MAX_DEPTH}")]
