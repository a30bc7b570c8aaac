"""The API's one error shape, and the one place domain errors become HTTP answers.

Every error the API returns, whatever raised it, has the body::

    {"error": {"status": 404, "code": "not_found", "message": "no node with id 'ind-0'",
               "detail": {"id": "ind-0"}}}

=====================  ======  =====================  ==============================================
raised                 status  code                   when
=====================  ======  =====================  ==============================================
``NodeNotFound``       404     ``not_found``          the id names no node
``WrongLabel``         404     ``wrong_label``        the id names a node of another kind than the
                                                      path promises (``/indicators/{a task id}/…``)
``InvalidQuery``       422     ``invalid_parameter``  the store cannot answer this parameter
request validation     422     ``invalid_parameter``  FastAPI's ``RequestValidationError``, reshaped
``StoreUnavailable``   503     ``store_unavailable``  the database cannot be reached (Retry-After)
``GraphFileError``     503     ``store_unavailable``  the embedded graph file cannot be read
HTTP errors            4xx     ``not_found`` …        unknown path (404), method not allowed (405)
anything else          500     ``internal_error``     a bug; logged with its traceback, never sent
=====================  ======  =====================  ==============================================

Nothing below ``app/`` knows about HTTP: the graph layer raises ``graph.errors``, this module maps.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    GraphFileError,
    InvalidQuery,
    NodeNotFound,
    PlanKGError,
    StoreUnavailable,
)
from graph.model import Label

logger = logging.getLogger(__name__)

#: Printable text only: no C0/C1 control characters (tabs and newlines included), no DEL.
NO_CONTROL_CHARS = r"^[^\x00-\x1f\x7f-\x9f]*$"

RETRY_AFTER_SECONDS = 5

#: What to check when a store is unavailable, per store kind (names settings, never values).
STORE_HINTS: dict[str, str] = {
    "neo4j": (
        "check that the Neo4j server at NEO4J_URI is running and reachable, and that "
        "NEO4J_USER / NEO4J_PASSWORD (and NEO4J_DATABASE, if set) are right"
    ),
    "networkx": "check that PLANKG_GRAPH names a graph file written by `plankg build`",
}

_HTTP_CODES: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
}


class WrongLabel(PlanKGError):
    """The id exists but names a node of another label than the route is about."""

    def __init__(self, node_id: str, label: Label, expected: tuple[Label, ...]) -> None:
        wanted = " or ".join(item.value for item in expected)
        super().__init__(f"{node_id!r} is labelled {label.value}, not {wanted}; see /nodes/{node_id}")
        self.node_id = node_id
        self.label = label
        self.expected = expected


class ErrorInfo(BaseModel):
    """What went wrong: the HTTP status again, a stable machine code, a human message."""

    model_config = ConfigDict(extra="forbid")

    status: int = Field(examples=[404])
    code: str = Field(examples=["not_found"], description="Stable machine-readable code")
    message: str = Field(examples=["no node with id 'ind-000000000000'"])
    detail: Any = Field(default=None, examples=[{"id": "ind-000000000000"}])


class ErrorBody(BaseModel):
    """The body of every error answer."""

    model_config = ConfigDict(extra="forbid")

    error: ErrorInfo


#: OpenAPI ``responses`` entries for the error answers a data route can give.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown id, or an id of another kind of node"},
    422: {"model": ErrorBody, "description": "A parameter is invalid (too long, control characters, out of range)"},
    503: {"model": ErrorBody, "description": "The store cannot be reached; the message says what to check"},
}


def error_response(
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=ErrorInfo(status=status, code=code, message=message, detail=detail))
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _store_kind(request: Request) -> str | None:
    store = getattr(request.app.state, "store", None)
    return getattr(store, "kind", None)


async def _node_not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NodeNotFound)
    return error_response(404, "not_found", str(exc), {"id": exc.node_id})


async def _wrong_label(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WrongLabel)
    detail = {
        "id": exc.node_id,
        "label": exc.label.value,
        "expected": [item.value for item in exc.expected],
        "see": f"/nodes/{exc.node_id}",
    }
    return error_response(404, "wrong_label", str(exc), detail)


async def _invalid_query(request: Request, exc: Exception) -> JSONResponse:
    """The store refused a parameter; the detail has the same fields as a validation error's."""
    assert isinstance(exc, InvalidQuery)
    where = "query" if exc.parameter in request.query_params else "path"
    problem = {"parameter": exc.parameter, "in": where, "message": str(exc), "type": "invalid_query"}
    return error_response(422, "invalid_parameter", str(exc), [problem])


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    kind = _store_kind(request)
    logger.warning("store unavailable (%s): %s", kind, exc)
    detail = {"store": kind, "check": STORE_HINTS.get(kind or "", "check the store settings")}
    return error_response(
        503,
        "store_unavailable",
        str(exc) or "the store cannot be reached",
        detail,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _plankg_error(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unmapped domain error on %s %s: %s", request.method, request.url.path, exc)
    return error_response(500, "internal_error", "internal error; the server log has the details")


def _location(loc: tuple[Any, ...]) -> tuple[str, str]:
    where = str(loc[0]) if loc else "request"
    name = ".".join(str(part) for part in loc[1:]) if len(loc) > 1 else where
    return where, name


def _message(error: dict[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    if error.get("type") == "string_pattern_mismatch" and ctx.get("pattern") == NO_CONTROL_CHARS:
        return "must not contain control characters"
    return str(error.get("msg", ""))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's validation errors, reshaped; the rejected input is never echoed back."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where, name = _location(tuple(error.get("loc", ())))
        problems.append(
            {"parameter": name, "in": where, "message": _message(error), "type": str(error.get("type", ""))}
        )
    summary = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems) or "invalid request"
    return error_response(422, "invalid_parameter", f"invalid parameter {summary}", problems)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if status == 404:
        message = f"nothing at {request.url.path}; see /docs for the endpoints"
    elif status == 405:
        message = f"{request.method} is not allowed on {request.url.path}; the API only answers GET"
    headers = dict(exc.headers) if exc.headers else None
    return error_response(status, _HTTP_CODES.get(status, "http_error"), message, headers=headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    """Map every error to the one shape. Subclasses first: Starlette picks by the MRO anyway."""
    app.add_exception_handler(NodeNotFound, _node_not_found)
    app.add_exception_handler(WrongLabel, _wrong_label)
    app.add_exception_handler(InvalidQuery, _invalid_query)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    app.add_exception_handler(GraphFileError, _store_unavailable)
    app.add_exception_handler(PlanKGError, _plankg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
