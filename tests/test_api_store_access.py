"""How routes reach the store (``app.deps.AsyncPlanStore``): the embedded store inline on the event
loop with its answers memoised per graph snapshot, a server store in worker threads and never
memoised."""

from __future__ import annotations

import threading
import time
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from app.deps import AnswerCache, AsyncPlanStore
from app.main import create_app
from graph.errors import NodeNotFound
from graph.model import Label, PlanGraph
from graph.nx_store import NetworkxStore
from graph.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class RecordingStore(NetworkxStore):
    """Records the thread of every ladder question."""

    def __init__(self, graph: PlanGraph, kind: str) -> None:
        super().__init__(graph)
        self.kind = kind
        self.threads: list[int] = []

    def ladder(self, node_id: str) -> Any:
        self.threads.append(threading.get_ident())
        return super().ladder(node_id)


def goal_id(graph: PlanGraph) -> str:
    return next(node.id for node in graph.nodes if node.label is Label.GOAL)


@pytest.mark.parametrize(("kind", "offloaded"), [("networkx", False), ("neo4j", True)])
def test_only_blocking_stores_leave_the_event_loop(seed_graph: PlanGraph, kind: str, offloaded: bool) -> None:
    store = RecordingStore(seed_graph, kind)
    access = AsyncPlanStore(store)
    assert access.offload is offloaded
    assert (access.cache is None) is offloaded  # a server store is never memoised

    async def ask() -> int:
        await access.ladder(goal_id(seed_graph))
        await access.ladder(goal_id(seed_graph))
        return threading.get_ident()

    loop_thread = anyio.run(ask)
    assert all((thread != loop_thread) is offloaded for thread in store.threads)
    assert len(store.threads) == (2 if offloaded else 1)


def test_the_memo_answers_repeats_and_forgets_on_load(seed_graph: PlanGraph) -> None:
    store = RecordingStore(seed_graph, "networkx")
    access = AsyncPlanStore(store)
    goal = goal_id(seed_graph)

    async def ladders() -> list[Any]:
        return [await access.ladder(goal) for _ in range(3)]

    first = anyio.run(ladders)
    assert len(store.threads) == 1 and first[0] is first[1] is first[2]
    assert access.cache is not None and (access.cache.hits, access.cache.misses) == (2, 1)

    # A load swaps in a new snapshot: the next question is answered afresh.
    extra = next(node for node in seed_graph.nodes if node.label is Label.GOAL).model_copy(
        update={"id": "goal-extra", "name": "另一个总目标"}
    )
    store.load(PlanGraph(nodes=[extra]))
    again = anyio.run(ladders)
    assert len(store.threads) == 2 and again[0] == first[0]
    assert anyio.run(access.counts).nodes["Goal"] == 2


def test_the_memo_is_bounded_and_never_keeps_errors() -> None:
    calls: list[str] = []

    def answer(key: str) -> str:
        calls.append(key)
        if key == "missing":
            raise NodeNotFound(key)
        return key.upper()

    cache = AnswerCache(lambda: "snapshot", size=2)
    assert [cache.answer(answer, key) for key in ("a", "b", "a", "c", "b")] == ["A", "B", "A", "C", "B"]
    assert calls == ["a", "b", "c", "b"]  # "b" was the least recently used when "c" came
    assert len(cache) == 2
    for _ in range(2):
        with pytest.raises(NodeNotFound):
            cache.answer(answer, "missing")
    assert calls.count("missing") == 2


def test_create_app_can_turn_the_memo_off(seed_graph: PlanGraph) -> None:
    store = NetworkxStore(seed_graph)
    with TestClient(create_app(Settings(), store, answer_cache=0)) as client:
        assert client.app.state.store_access.cache is None  # type: ignore[attr-defined]
        assert client.get("/ladder/" + goal_id(seed_graph)).status_code == 200
    with TestClient(create_app(Settings(), store)) as client:
        assert client.app.state.store_access.cache is not None  # type: ignore[attr-defined]


class SlowServerStore(RecordingStore):
    """A server store whose ladders take a while, like a busy database."""

    def ladder(self, node_id: str) -> Any:
        time.sleep(0.5)
        return super().ladder(node_id)


def test_a_slow_server_store_does_not_block_other_requests(seed_graph: PlanGraph) -> None:
    import httpx

    store = SlowServerStore(seed_graph, "neo4j")
    application = create_app(Settings(), store)
    finished: dict[str, float] = {}

    async def get(client: httpx.AsyncClient, name: str, url: str) -> None:
        response = await client.get(url)
        assert response.status_code == 200
        finished[name] = time.perf_counter()

    async def scenario() -> None:
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                started = time.perf_counter()
                async with anyio.create_task_group() as group:
                    for index in range(4):
                        group.start_soon(get, client, f"ladder{index}", f"/ladder/{goal_id(seed_graph)}")
                    await anyio.sleep(0.05)
                    group.start_soon(get, client, "ping", "/ping")
                    group.start_soon(get, client, "health", "/health")
                assert finished["ping"] - started < 0.3
                assert finished["health"] - started < 0.3
                assert all(finished[f"ladder{i}"] - started >= 0.5 for i in range(4))
                assert max(finished.values()) - started < 1.5  # the four ladders ran side by side

    anyio.run(scenario)
