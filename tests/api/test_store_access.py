"""How routes reach the store (``app.store_access.AsyncPlanStore``): the embedded store inline on the event
loop with its answers memoised per graph snapshot, a server store in worker threads and never
memoised."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.store_access import AnswerCache, AsyncPlanStore
from graph.embedded.nx_store import NetworkxStore
from graph.errors import NodeNotFound
from graph.model import Label, PlanGraph
from graph.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class RecordingStore(NetworkxStore):
    """Records the thread of every ladder question."""

    def __init__(self, graph: PlanGraph, kind: str) -> None:
        super().__init__(graph)
        self.kind = kind
        self.blocking = kind == "neo4j"
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
        await access.ask(access.plans.ladder, goal_id(seed_graph))
        await access.ask(access.plans.ladder, goal_id(seed_graph))
        return threading.get_ident()

    loop_thread = anyio.run(ask)
    assert all((thread != loop_thread) is offloaded for thread in store.threads)
    assert len(store.threads) == (2 if offloaded else 1)


def test_the_memo_answers_repeats_and_forgets_on_load(seed_graph: PlanGraph) -> None:
    store = RecordingStore(seed_graph, "networkx")
    access = AsyncPlanStore(store)
    goal = goal_id(seed_graph)

    async def ladders() -> list[Any]:
        return [await access.ask(access.plans.ladder, goal) for _ in range(3)]

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
    assert anyio.run(access.ask, access.plans.counts).nodes["Goal"] == 2


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


#: A hang guard, never a speed requirement: how long the test waits for something that must happen.
HANG_GUARD_SECONDS = 30


class GatedServerStore(RecordingStore):
    """A server store whose ladders wait on ``release``, like a busy database the test controls.

    ``entered`` counts the ladders inside the store at once; a ladder not released within the
    hang guard, or called on the event loop (where waiting would block every request), fails
    (its request answers 500) instead of hanging the run.
    """

    def __init__(self, graph: PlanGraph, kind: str) -> None:
        super().__init__(graph, kind)
        self.release = threading.Event()
        self._lock = threading.Lock()
        self.entered = 0

    def ladder(self, node_id: str) -> Any:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass  # a worker thread: waiting here blocks nothing else
        else:
            raise AssertionError("a server store was called on the event loop")
        with self._lock:
            self.entered += 1
        if not self.release.wait(HANG_GUARD_SECONDS):
            raise AssertionError("the ladder was never released")
        return super().ladder(node_id)


def test_a_slow_server_store_does_not_block_other_requests(seed_graph: PlanGraph) -> None:
    """While four ladders are held inside the store (all four at once: they run side by side),
    ``/ping`` and ``/health`` answer; the ladders answer only after the test releases them."""
    import httpx

    store = GatedServerStore(seed_graph, "neo4j")
    application = create_app(Settings(), store)
    ladders = [f"ladder{index}" for index in range(4)]
    finished: list[str] = []  # names in the order their answers arrived
    statuses: dict[str, int] = {}

    async def get(client: httpx.AsyncClient, name: str, url: str) -> None:
        response = await client.get(url)
        statuses[name] = response.status_code
        finished.append(name)

    async def scenario() -> None:
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                with anyio.fail_after(HANG_GUARD_SECONDS):
                    async with anyio.create_task_group() as group:
                        for name in ladders:
                            group.start_soon(get, client, name, f"/ladder/{goal_id(seed_graph)}")
                        while store.entered < len(ladders):  # all four held in the store together
                            await anyio.sleep(0.01)
                        await get(client, "ping", "/ping")
                        await get(client, "health", "/health")
                        assert finished == ["ping", "health"], "answered while the ladders are held"
                        store.release.set()

    try:
        anyio.run(scenario)
    finally:
        store.release.set()  # never leave a worker thread waiting
    assert statuses == dict.fromkeys([*ladders, "ping", "health"], 200), statuses
    assert finished[:2] == ["ping", "health"] and sorted(finished[2:]) == ladders
    assert len(store.threads) == len(ladders)
