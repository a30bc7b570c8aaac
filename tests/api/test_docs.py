"""The API describes itself: only GET routes, each with a docstring, a response model, Chinese
examples that validate against that model and name real seed nodes, and errors documented as the
one error shape. Importing the app has no side effects."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from app.errors import ErrorBody
from app.main import create_app
from app.routes import ROUTERS, examples
from graph.embedded.nx_store import NetworkxStore
from graph.model import Label
from graph.settings import Settings
from tests.support.paths import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def app_routes() -> list[APIRoute]:
    """Every route of every resource router (``test_the_documented_endpoints`` checks the app
    serves exactly these)."""
    return [route for router in ROUTERS for route in router.routes if isinstance(route, APIRoute)]


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    return create_app(Settings()).openapi()


def test_every_route_is_a_documented_get_with_a_response_model(app_routes: list[APIRoute]) -> None:
    assert len(app_routes) >= 20
    for route in app_routes:
        assert route.methods == {"GET"}, route.path
        assert route.response_model is not None, route.path
        assert route.endpoint.__doc__ and len(route.endpoint.__doc__.strip()) > 30, route.path
        assert route.description, route.path


def test_every_route_is_async(app_routes: list[APIRoute]) -> None:
    """Hot paths stay off the threadpool (see app/store_access.py for the measurements)."""
    import inspect

    for route in app_routes:
        assert inspect.iscoroutinefunction(route.endpoint), route.path


def test_the_documented_endpoints(openapi: dict[str, Any]) -> None:
    assert set(openapi["paths"]) == {
        "/health",
        "/ping",
        "/goals",
        "/positionings",
        "/positionings/{node_id}/owners",
        "/tasks",
        "/tasks/{node_id}/owners",
        "/goals/{node_id}/owners",
        "/plans/{node_id}/owners",
        "/evidence",
        "/indicators",
        "/indicators/{node_id}/owners",
        "/indicators/{node_id}/progress",
        "/progress",
        "/departments",
        "/departments/{node_id}/targets",
        "/task-forces",
        "/task-forces/{node_id}/targets",
        "/people",
        "/plans",
        "/sources",
        "/nodes/{node_id}",
        "/ownership",
        "/ladder/{node_id}",
        "/search",
        "/graph",
    }
    for path, operations in openapi["paths"].items():
        assert set(operations) == {"get"}, path


def test_errors_are_documented_as_the_error_shape(openapi: dict[str, Any]) -> None:
    error_ref = "#/components/schemas/ErrorBody"
    for path, operations in openapi["paths"].items():
        responses = operations["get"]["responses"]
        for status, response in responses.items():
            if status.startswith(("4", "5")):
                assert response["content"]["application/json"]["schema"] == {"$ref": error_ref}, (path, status)
        if path != "/ping":
            assert "503" in responses, path
        if "{node_id}" in path or path == "/graph":
            assert {"404", "422"} <= set(responses), path
    assert "HTTPValidationError" not in openapi["components"]["schemas"]


def test_examples_are_chinese_and_valid(app_routes: list[APIRoute], openapi: dict[str, Any]) -> None:
    by_path = {route.path: route for route in app_routes}
    checked = 0
    for path, operations in openapi["paths"].items():
        if path == "/ping":
            continue
        example = operations["get"]["responses"]["200"]["content"]["application/json"]["example"]
        if path != "/health":
            assert CJK.search(str(example)), path
        TypeAdapter(by_path[path].response_model).validate_python(example)
        checked += 1
    assert checked == len(openapi["paths"]) - 1


def test_error_examples_validate() -> None:
    ErrorBody.model_validate({"error": {"status": 404, "code": "not_found", "message": "m", "detail": None}})


def test_example_ids_are_real_seed_nodes(seed_reference: NetworkxStore) -> None:
    for item in examples.ALL_REFS:
        node = seed_reference.get_node(item["id"]).node
        assert (node.label, node.name) == (Label(item["label"]), item["name"])
    def answers(rows: list[Any]) -> list[dict[str, Any]]:
        return [row.model_dump(mode="json") for row in rows]

    assert examples.OWNERSHIP in answers(seed_reference.owners_of(examples.INDICATOR["id"]))
    assert examples.POSITIONING_OWNERSHIP in answers(seed_reference.owners_of(examples.POSITIONING["id"]))
    assert examples.TASK_FORCE_OWNERSHIP in answers(seed_reference.targets_of(examples.TASK_FORCE["id"]))
    assert examples.TASK_OWNERSHIP in answers(seed_reference.owners_of(examples.TASK["id"]))
    ladder = seed_reference.ladder(examples.TASK["id"])
    assert [[(s.source.id, s.type.value, s.target.id) for s in path.steps] for path in ladder.paths] == [
        [(s["source"]["id"], s["type"], s["target"]["id"]) for s in path["steps"]] for path in examples.LADDER["paths"]
    ]


def test_importing_the_app_has_no_side_effects() -> None:
    """No driver, no jieba, no store module, no settings read at import."""
    code = (
        "import sys, app.main, app.commands.serve\n"
        "from graph.settings import get_settings\n"
        "heavy = ('neo4j', 'jieba', 'graph.embedded.nx_store', 'graph.neo4j.store', 'uvicorn')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "print(loaded, get_settings.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] 0", result.stdout + result.stderr
