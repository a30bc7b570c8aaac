"""The HTTP API: ``create_app`` builds it; ``plankg serve`` runs it with uvicorn.

Nothing happens at import. The store is opened once, in the lifespan, from the settings
(``PLANKG_STORE``, ``PLANKG_GRAPH``, ``NEO4J_*``) and closed on shutdown. A store handed to
``create_app`` (tests, notebooks) is used as is and left open: whoever made it closes it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from app import docs_pages
from app.errors import install_error_handlers
from app.head import HeadAsGet
from app.routes import ROUTERS
from app.store_access import ANSWER_CACHE_SIZE, AsyncPlanStore
from app.store_factory import open_store
from app.strict_params import reject_unknown_parameters
from graph.errors import StoreUnavailable
from graph.settings import Settings, get_settings
from graph.store import PlanStore

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

DESCRIPTION = """\
A cited knowledge graph of plan structure, built from municipal planning documents: a
plan's overall goal (总目标) → the city's positionings (城市定位) → tasks (任务) and indicators
(指标), owned by departments (责任部门) and task forces (专班). Every node and relationship
carries the sentences it was read from.

All routes are read-only GETs. Lists page with `limit`/`offset` (`next_url` gives the next
page) and every list-shaped answer (lists, owners, targets, ladders, the matrix, the evidence
table) answers CSV with `format=csv`. A query parameter a route does not declare (a misspelling)
answers 422 naming the ones it accepts. Where a positioning id is expected, its exact name works
too. Errors always have the shape `{"error": {"status", "code", "message", "detail"}}`.
"""


def _version() -> str:
    try:
        return version("plankg")
    except PackageNotFoundError:
        return "0.0.0"


def create_app(
    settings: Settings | None = None,
    store: PlanStore | None = None,
    *,
    answer_cache: int = ANSWER_CACHE_SIZE,
) -> FastAPI:
    """The application. ``settings`` default to the environment's; ``store`` to ``open_store``.

    ``answer_cache``: how many answers of the embedded store to memoise (0: none); see
    ``app.store_access.AnswerCache``.
    """
    settings = settings if settings is not None else get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        opened = open_store(settings) if store is None else store
        app.state.store = opened
        access = app.state.store_access = AsyncPlanStore(opened, cache_size=answer_cache)
        try:
            await access.warm_up()
        except StoreUnavailable as exc:
            logger.warning("the %s store is not reachable yet (%s); /health answers 503 until it is", opened.kind, exc)
        logger.info("serving the %s store", opened.kind)
        try:
            yield
        finally:
            if owned:
                opened.close()

    app = FastAPI(
        title="plankg",
        summary="The plan graph of municipal planning documents, with evidence",
        description=DESCRIPTION,
        version=_version(),
        lifespan=lifespan,
        dependencies=[Depends(reject_unknown_parameters)],
        docs_url=None,  # app.docs_pages serves /docs and /redoc from vendored assets
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(docs_pages.router)
    app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="explorer")
    app.add_middleware(HeadAsGet)
    return app
