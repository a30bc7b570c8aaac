"""Misspelled query parameters answer 422 instead of being silently ignored.

``/tasks?positoning=…`` used to answer every task, as if the filter had been applied, and
``/nodes/{id}?format=csv`` answered JSON. Every route now refuses query parameters it does not
declare, with the one error shape (422 ``invalid_parameter``) naming the unknown parameter and the
ones the route accepts; ``format`` on a route that answers JSON only says so. 422 rather than a
warning header: a header is invisible in a browser, a spreadsheet or ``curl`` without ``-i``,
and a wrong answer that looks right is the worst kind.

Installed as an app-wide dependency (``create_app``), so a new route is covered without doing
anything. The accepted names come from the route's own parameters (its dependant and those of its
dependencies, walked here: FastAPI's own flattening helpers are private and change between
versions), computed once per route.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from graph.errors import InvalidQuery

_ACCEPTED: dict[int, frozenset[str]] = {}


def accepted_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameter names ``route`` declares (aliases, as a client spells them)."""
    names = _ACCEPTED.get(id(route))
    if names is None:
        names = frozenset(_query_names(route.dependant))
        _ACCEPTED[id(route)] = names
    return names


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def reject_unknown_parameters(request: Request) -> None:
    """Raise ``InvalidQuery`` (422) for the first query parameter the matched route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:  # the /docs pages are no API
        return
    accepted = accepted_parameters(route)
    unknown = sorted(set(request.query_params) - accepted)
    if not unknown:
        return
    name = unknown[0]
    if name == "format":
        raise InvalidQuery("format", f"{route.path} answers JSON only; it has no format parameter")
    listed = ", ".join(sorted(accepted)) or "none"
    raise InvalidQuery(name, f"unknown query parameter {name!r} on {route.path}; it accepts: {listed}")
