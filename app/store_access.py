"""How routes reach the store: ``AsyncPlanStore``, awaitable, inline or through threads, memoised.

Threadpool or event loop?
-------------------------
Measured on this machine (uvicorn, one worker, loopback), a trivial ``async def`` route answers
~3,400 req/s with p99 ~20 ms, the same route as a plain ``def`` (Starlette's threadpool)
~1,800 req/s with p99 ~330 ms. So every route and every dependency is ``async def`` and the
store is reached through ``AsyncPlanStore``, which asks the store what it is
(``PlanStore.blocking``):

- the embedded ``networkx`` store (not ``blocking``) answers from memory in 0.1-0.3 ms without
  I/O: it is called directly on the event loop. A thread hop would cost about as much as the call.
- a ``blocking`` store (``neo4j``: the official driver blocks on network I/O) is called through
  ``anyio.to_thread.run_sync`` with a dedicated ``CapacityLimiter``, so a slow or unreachable
  server never blocks the loop (``/ping`` and ``/health`` keep answering, other questions run
  side by side) and concurrent driver calls stay below the driver's connection pool. A Neo4j
  question costs 3.3-5.2 ms of CPU in the API process (driver and record building), so the
  thread hop (~0.05 ms) does not show in its throughput.

Answers of the embedded store are also memoised (``AnswerCache``): its graph is an immutable
snapshot (``PlanStore.snapshot()``; a load swaps in a new one, which empties the cache), so an
answer is a pure function of the snapshot and the arguments. A repeated question (the explorer
asks the same ladders, owners and searches over and over) then costs a dictionary lookup instead
of the walk. ``bench/api.py`` on the seed graph, cycling over every task, every indicator and 30
queries: ladder / owners / search at 0.76 / 0.68 / 0.66 of ``/ping``'s throughput memoised (the
memo warm with every question: the best case), 0.55 / 0.49 / 0.35 without (the worst case). A
server store is never memoised: its data can change under the API (``plankg load``), so it has no
snapshot.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import partial
from typing import ParamSpec, TypeVar

import anyio
import anyio.to_thread

from graph.store import PlanStore

P = ParamSpec("P")
T = TypeVar("T")

#: Concurrent blocking store calls; below the Neo4j driver's default pool of 100 connections.
STORE_THREADS = 32
#: Answers of the embedded store kept in memory (least recently used dropped first).
ANSWER_CACHE_SIZE = 1024

WARM_UP_QUERY = "海洋城市"
WARM_UP_SECONDS = 15.0


class AnswerCache:
    """Answers of one immutable graph snapshot, least recently used dropped first.

    ``snapshot`` is read on every call; when it is another object than the one the answers were
    computed on (the store loaded a new graph), the cache empties itself. Only answers are kept,
    never errors. Used from the event loop's thread only, so it needs no lock.
    """

    def __init__(self, snapshot: Callable[[], object], size: int) -> None:
        self._snapshot = snapshot
        self._current = snapshot()
        self._size = size
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def answer(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        current = self._snapshot()
        if current is not self._current:
            self._answers.clear()
            self._current = current
        key = (getattr(func, "__name__", func), args, tuple(sorted(kwargs.items())))
        try:
            value = self._answers[key]
        except KeyError:
            self.misses += 1
            value = func(*args, **kwargs)
            self._answers[key] = value
            if len(self._answers) > self._size:
                self._answers.popitem(last=False)
            return value  # type: ignore[return-value]
        self.hits += 1
        self._answers.move_to_end(key)
        return value  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._answers)


class AsyncPlanStore:
    """The read questions of a ``PlanStore``, awaitable without blocking the event loop.

    Created once in the lifespan. The store says what it is: a ``blocking`` one is asked through
    a worker thread, any other inline on the event loop, and its answers memoised when it has an
    immutable ``snapshot()``; see the module docstring for the measurements behind the choice.
    """

    def __init__(self, store: PlanStore, *, offload: bool | None = None, cache_size: int = ANSWER_CACHE_SIZE) -> None:
        self.plans = store
        self.kind = store.kind
        self.offload = store.blocking if offload is None else offload
        self._limiter = anyio.CapacityLimiter(STORE_THREADS) if self.offload else None
        memoisable = not self.offload and cache_size > 0 and store.snapshot() is not None
        self.cache = AnswerCache(store.snapshot, cache_size) if memoisable else None

    async def _run(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._limiter is not None:
            return await anyio.to_thread.run_sync(partial(func, *args, **kwargs), limiter=self._limiter)
        if self.cache is not None:
            return self.cache.answer(func, *args, **kwargs)
        return func(*args, **kwargs)

    async def warm_up(self) -> None:
        """One search, in a worker thread, before the first request; gives up after a while.

        The search tokeniser loads jieba's dictionary on first use (~1 s); done here, that second
        is spent at startup instead of blocking the event loop during someone's first ``/search``.
        For a server store it doubles as a connection check (raises ``StoreUnavailable``); an
        unresponsive server delays startup by at most ``WARM_UP_SECONDS``.
        """
        with anyio.move_on_after(WARM_UP_SECONDS):
            await anyio.to_thread.run_sync(
                partial(self.plans.search, WARM_UP_QUERY, limit=1), abandon_on_cancel=True
            )

    async def ping(self) -> None:
        if self._limiter is not None:
            await anyio.to_thread.run_sync(self.plans.ping, limiter=self._limiter)
        else:
            self.plans.ping()

    async def ask(self, question: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``question(*args, **kwargs)``, asked the way this store is asked: inline, memoised or in a thread.

        ``question`` is a method of ``self.plans`` (``store.ask(store.plans.ladder, node_id)``) or
        a function of it (``store.ask(store_evidence, store.plans)``): one rule of how to reach
        the store for every question, instead of an awaitable copy of each ``PlanStore`` method.
        """
        return await self._run(question, *args, **kwargs)
