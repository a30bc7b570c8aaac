"""Every error the API answers has one shape, and never a traceback.

``{"error": {"status": int, "code": str, "message": str, "detail": ...}}`` with the HTTP status
repeated in ``status``: unknown ids (404, naming the id), ids of another label (404
``wrong_label``), bad parameters (422, FastAPI's validation reshaped), an unreachable store (503,
saying what to check, recovering without a restart), unknown paths (404), other methods (405)
and bugs (500, logged, never described to the client).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.errors import StoreUnavailable
from graph.model import Label, PlanGraph
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings
from graph.store import PlanStore
from tests.support.api_clients import assert_error
from tests.support.arcadedb_server import BoltTestServer, free_port

#: One URL per route, with ids that do not exist; ``{}`` is replaced by an id.
ID_ROUTES = (
    "/nodes/{}",
    "/indicators/{}/owners",
    "/positionings/{}/owners",
    "/departments/{}/targets",
    "/task-forces/{}/targets",
    "/ladder/{}",
    "/graph?focus={}",
)
LIST_ROUTES = (
    "/goals",
    "/positionings",
    "/tasks",
    "/indicators",
    "/departments",
    "/task-forces",
    "/people",
    "/plans",
    "/sources",
)
DATA_ROUTES = (
    *LIST_ROUTES,
    *(f"{path}?format=csv" for path in LIST_ROUTES),
    *(route.format("ind-000000000000") for route in ID_ROUTES),
    "/ownership",
    "/ownership?format=csv",
    "/search?q=%E6%B5%B7%E6%B4%8B",
)




class SwitchableStore(PlanStore):
    """A store whose every question raises ``failure`` while it is set, else asks ``inner``."""

    def __init__(self, inner: PlanStore, kind: str = "neo4j", failure: Callable[[], Exception] | None = None) -> None:
        self.inner = inner
        self.kind = kind
        self.failure = failure
        self.calls = 0

    def _ask(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.failure is not None:
            raise self.failure()
        return getattr(self.inner, name)(*args, **kwargs)

    def load(self, graph: PlanGraph, *, replace_sources: Any = ()) -> Any:
        raise AssertionError("the API never loads")

    def get_node(self, node_id: str) -> Any:
        return self._ask("get_node", node_id)

    def list_nodes(self, label: Label, **kwargs: Any) -> Any:
        return self._ask("list_nodes", label, **kwargs)

    def owners_of(self, node_id: str) -> Any:
        return self._ask("owners_of", node_id)

    def targets_of(self, owner_id: str) -> Any:
        return self._ask("targets_of", owner_id)

    def ladder(self, node_id: str) -> Any:
        return self._ask("ladder", node_id)

    def ownership_matrix(self) -> Any:
        return self._ask("ownership_matrix")

    def progress(self, indicator_id: str) -> Any:
        return self._ask("progress", indicator_id)

    def progress_all(self) -> Any:
        return self._ask("progress_all")

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> Any:
        return self._ask("search", q, limit=limit, offset=offset)

    def neighbourhood(self, node_id: str, depth: int = 1) -> Any:
        return self._ask("neighbourhood", node_id, depth)

    def counts(self) -> Any:
        return self._ask("counts")

    def export_graph(self) -> Any:
        return self._ask("export_graph")

    def ping(self) -> None:
        self._ask("ping")


def unavailable() -> Exception:
    return StoreUnavailable("cannot reach the Neo4j server at bolt://127.0.0.1:1; is it running?")


@pytest.fixture
def switchable(nx_reference: NetworkxStore) -> SwitchableStore:
    return SwitchableStore(nx_reference)


@pytest.fixture
def client(switchable: SwitchableStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), switchable), raise_server_exceptions=False) as test_client:
        yield test_client


# --- 503 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/health", *DATA_ROUTES])
def test_an_unreachable_store_is_503_saying_what_to_check(
    client: TestClient, switchable: SwitchableStore, url: str
) -> None:
    switchable.failure = unavailable
    error = assert_error(client.get(url), 503, "store_unavailable")
    assert "bolt://127.0.0.1:1" in error["message"]
    assert error["detail"]["store"] == "neo4j"
    assert "NEO4J_URI" in error["detail"]["check"]
    assert client.get(url).headers["retry-after"].isdigit()


def test_the_api_recovers_when_the_store_is_back(client: TestClient, switchable: SwitchableStore) -> None:
    assert client.get("/health").status_code == 200
    switchable.failure = unavailable
    assert_error(client.get("/health"), 503, "store_unavailable")
    assert_error(client.get("/tasks"), 503, "store_unavailable")
    assert client.get("/ping").status_code == 200  # liveness does not touch the store
    switchable.failure = None
    assert client.get("/health").status_code == 200
    assert client.get("/tasks").status_code == 200


def test_a_store_down_at_startup_does_not_stop_the_app(switchable: SwitchableStore) -> None:
    switchable.failure = unavailable
    with TestClient(create_app(Settings(), switchable), raise_server_exceptions=False) as client:
        assert_error(client.get("/health"), 503, "store_unavailable")
        switchable.failure = None
        assert client.get("/health").json()["status"] == "ok"


#: How long a request may take before the test calls it hung: a hang guard, not a speed limit.
HANG_GUARD_SECONDS = 30


def answered(client: TestClient, url: str) -> Any:
    """``client.get(url)``, failing the test if no answer comes within the hang guard."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(client.get, url).result(timeout=HANG_GUARD_SECONDS)
    except FutureTimeout:
        pytest.fail(f"GET {url} did not answer within {HANG_GUARD_SECONDS} s: it hangs", pytrace=False)
    finally:
        pool.shutdown(wait=False)  # a hung request must not hang the run too


def test_neo4j_down_at_startup_then_up_without_a_restart(tmp_path: Path, seed_graph: PlanGraph) -> None:
    """The real thing: a Neo4jStore made while nothing listens, a Bolt server started later."""
    server = BoltTestServer(tmp_path / "arcadedb")
    server.bolt_port, server.http_port = free_port(), free_port()
    store = Neo4jStore(f"bolt://127.0.0.1:{server.bolt_port}", server.user, server.password, server.database)
    settings = Settings(PLANKG_STORE="neo4j")
    try:
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
            # nothing listens: the answer is a 503, not a wait (HANG_GUARD_SECONDS only stops a hang)
            error = assert_error(answered(client, "/health"), 503, "store_unavailable")
            assert "NEO4J_URI" in error["detail"]["check"]
            assert_error(client.get("/tasks"), 503, "store_unavailable")
            assert_error(client.get("/search?q=%E6%B5%B7%E6%B4%8B"), 503, "store_unavailable")

            server.start()
            health = client.get("/health")
            assert health.status_code == 200, health.text
            assert health.json()["store"] == "neo4j"
            assert client.get("/tasks").json()["total"] == 0
    finally:
        store.close()
        server.stop()


# --- 500 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/health", *DATA_ROUTES])
def test_a_bug_is_500_without_details(client: TestClient, switchable: SwitchableStore, url: str) -> None:
    switchable.failure = lambda: RuntimeError("secret internals of the store")
    response = client.get(url)
    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text
    assert error["detail"] is None


# --- 404 ----------------------------------------------------------------------------------------

HOSTILE_IDS = (
    "ind-000000000000",
    "不存在的节点",
    "x' OR 1=1 --",
    "x'}) MATCH (n) DETACH DELETE n //",
    '"><script>alert(1)</script>',
    "a b",
    "%",
    "ind-0/../..",
    "🙂",
    "i" * 200,
)


def test_unknown_ids_are_404_naming_the_id_on_both_stores(store: PlanStore) -> None:
    """Ids reach the stores as parameters, never as query text: hostile ones are just unknown.

    (An id with a ``/`` cannot be a path segment: the router answers a plain 404 for it. Real
    ids are ``label-hex``; such ids are still asked through the query parameters.)
    """
    before = store.counts()
    with TestClient(create_app(Settings(), store), raise_server_exceptions=False) as client:
        for node_id in HOSTILE_IDS:
            for route in ID_ROUTES if "/" not in node_id else ID_ROUTES[-1:]:
                url = route.format(quote(node_id, safe=""))
                error = assert_error(client.get(url), 404, "not_found")
                assert error["detail"] == {"id": node_id}, url
                assert repr(node_id) in error["message"], url
            error = assert_error(client.get(f"/tasks?positioning={quote(node_id, safe='')}"), 404, "not_found")
            assert error["detail"] == {"id": node_id}
    assert store.counts() == before  # and nothing was deleted


def test_unknown_paths_are_404(client: TestClient) -> None:
    for url in ("/nope", "/nodes", "/nodes/a/b", "/indicators/x/owners/y", "/static/nope.js", "/docs/nope"):
        assert_error(client.get(url), 404, "not_found")


# --- 405 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_nothing_but_get_is_allowed(client: TestClient, switchable: SwitchableStore, method: str) -> None:
    for url in ("/", "/health", "/ping", *DATA_ROUTES):
        assert_error(client.request(method, url), 405, "method_not_allowed")
    assert switchable.calls == 1  # the startup warm-up only: nothing reached the store


# --- 422 ----------------------------------------------------------------------------------------

CONTROL = ("\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85")
TEXT_PARAMETERS = (
    ("/search?q={}", "q"),
    ("/tasks?q={}", "q"),
    ("/indicators?positioning={}", "positioning"),
    ("/graph?focus={}", "focus"),
    ("/nodes/{}", "node_id"),
    ("/ladder/{}", "node_id"),
    ("/indicators/{}/owners", "node_id"),
    ("/departments/{}/targets", "node_id"),
)


@pytest.mark.parametrize(("route", "parameter"), TEXT_PARAMETERS)
def test_control_characters_are_422(client: TestClient, route: str, parameter: str) -> None:
    for control in CONTROL:
        url = route.format(quote(f"海洋{control}城市", safe=""))
        error = assert_error(client.get(url), 422, "invalid_parameter")
        assert error["detail"][0]["parameter"] == parameter, url
        assert error["detail"][0]["message"] == "must not contain control characters", url
        assert control not in error["message"]


@pytest.mark.parametrize(("route", "parameter"), TEXT_PARAMETERS)
def test_overlong_text_is_422(client: TestClient, route: str, parameter: str) -> None:
    error = assert_error(client.get(route.format(quote("海" * 201, safe=""))), 422, "invalid_parameter")
    assert error["detail"][0]["parameter"] == parameter
    assert "200" in error["detail"][0]["message"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/search", "q"),
        ("/search?q=", "q"),
        ("/search?q=%E6%B5%B7&limit=0", "limit"),
        ("/search?q=%E6%B5%B7&offset=-1", "offset"),
        ("/graph", "focus"),
        ("/graph?focus=x&depth=5", "depth"),
        ("/graph?focus=x&depth=-1", "depth"),
        ("/graph?focus=x&depth=two", "depth"),
        ("/tasks?limit=0", "limit"),
        ("/tasks?limit=501", "limit"),
        ("/tasks?limit=ten", "limit"),
        ("/tasks?offset=-1", "offset"),
        ("/tasks?format=xml", "format"),
        ("/indicators?year=abc", "year"),
        ("/indicators?year=20260", "year"),
        ("/ownership?format=xlsx", "format"),
    ],
)
def test_out_of_range_parameters_are_422(client: TestClient, url: str, parameter: str) -> None:
    error = assert_error(client.get(url), 422, "invalid_parameter")
    assert [problem["parameter"] for problem in error["detail"]] == [parameter]
    assert parameter in error["message"]
    assert set(error["detail"][0]) == {"parameter", "in", "message", "type"}


def test_validation_errors_do_not_echo_the_input(client: TestClient) -> None:
    response = client.get("/search?q=" + quote("<script>" * 40))
    assert_error(response, 422, "invalid_parameter")
    assert "<script>" not in response.text
