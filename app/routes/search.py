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
    """Hits sorted by (-score, name, id)."""

    model_config = ConfigDict(extra="forbid")

    q: str
    limit: int
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

_EXAMPLE = {
    "q": "海洋",
    "limit": 20,
    "items": [
        {"node": examples.POSITIONING, "score": 3.0, "matched": ["海洋"]},
        {"node": examples.DEPARTMENT, "score": 3.0, "matched": ["海洋"]},
    ],
}


@router.get("", response_model=SearchResults, responses={**examples.json_example(_EXAMPLE), **ERROR_RESPONSES})
async def search(q: SearchText, store: Store, limit: SearchLimit = 20) -> SearchResults:
    """Full-text search over node names and the sentences of their evidence.

    The query is tokenised with jieba (海洋港口 → 海洋, 港口); a hit's `score` counts the matched
    tokens, names weighing more than evidence sentences; `matched` lists them. Ranked by score,
    then name. `q` is required, at most 200 characters, without control characters.
    """
    hits = await store.search(q, limit=limit)
    return SearchResults(q=q, limit=limit, items=hits)
