"""``/search``: Chinese full-text search over names and evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from app.deps import MAX_TEXT, NO_CONTROL_CHARS, Store
from app.errors import ERROR_RESPONSES
from app.routes import examples
from graph.results import SearchHit
from graph.store import MAX_LIMIT

router = APIRouter(prefix="/search", tags=["search"])


class SearchResults(BaseModel):
    """One page of hits sorted by (-score, label rank, name, id); ``total`` hits in all."""

    model_config = ConfigDict(extra="forbid")

    q: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]


SearchText = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_TEXT,
        pattern=NO_CONTROL_CHARS,
        description=f"Chinese text, up to {MAX_TEXT} characters; tokenised with jieba",
        examples=["海洋", "集装箱吞吐量", "商务局"],
    ),
]
SearchLimit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Hits to return, 1..{MAX_LIMIT}")]
SearchOffset = Annotated[int, Query(ge=0, description="Hits to skip (paging through `total`)")]

_EXAMPLE = {
    "q": "海洋",
    "total": 44,
    "limit": 20,
    "offset": 0,
    "items": [
        {
            "node": examples.POSITIONING,
            "score": 7.0,
            "matched": ["海洋"],
            "matched_in": "name",
            "snippet": {"text": examples.POSITIONING["name"], "start": 5, "end": 7},
        },
    ],
}


@router.get("", response_model=SearchResults, responses={**examples.json_example(_EXAMPLE), **ERROR_RESPONSES})
async def search(
    q: SearchText, store: Store, limit: SearchLimit = 20, offset: SearchOffset = 0
) -> SearchResults:
    """Full-text search over node names and the sentences of their evidence.

    The query is tokenised with jieba (海洋港口 → 海洋, 港口); stop words (和, 的, 与 …) never
    match on their own. A hit's `score` is 2 per token in the name, 1 per token in the evidence,
    plus 8 when the name is the whole query, else 4 when the name contains it, else 2 when an
    evidence sentence does: names and exact phrases rank first, then the plan's structure and
    owners before tasks, then name. `matched_in` says whether the name matched (`name`) or
    only evidence (`evidence`); `snippet` shows the name or the sentence, `start`/`end` the
    matched span. `total` counts every hit; page with `offset`. `q` is required, at most 200
    characters, without control characters.
    """
    found = await store.ask(store.plans.search, q, limit=limit, offset=offset)
    return SearchResults(q=q, total=found.total, limit=limit, offset=offset, items=found.items)
