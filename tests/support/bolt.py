"""pytest fixtures for the Bolt path: a session-wide server and a fresh ``Neo4jStore`` per test.

- ``bolt_server`` (session): ArcadeDB with its Bolt plugin, started once in a temporary
  directory (``tests/support/arcadedb_server.py``), or, when ``NEO4J_URI`` is set, that server
  (with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and nothing is started. A server
  that cannot start is an error of every test that needs it: the run fails, it is never skipped.
- ``neo4j_store`` (function): a ``Neo4jStore`` on that server, emptied before the test
  (``Neo4jStore.clear``: every plan node, relationship and the load marker) and closed after.

``tests/conftest.py`` imports them with ``from tests.support.bolt import *``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from graph.neo4j.store import Neo4jStore
from tests.support.arcadedb_server import BoltServerError, BoltTestServer

__all__ = ["bolt_server", "neo4j_store"]

log = logging.getLogger(__name__)


@dataclass
class ExternalBoltServer:
    """A server this run did not start (``NEO4J_URI``); it cannot be stopped or restarted here."""

    uri: str
    user: str
    password: str
    database: str | None

    def start(self) -> None:
        raise BoltServerError("NEO4J_URI names an external server; this run cannot start it")

    def stop(self) -> None:
        raise BoltServerError("NEO4J_URI names an external server; this run cannot stop it")

    def kill(self) -> None:
        self.stop()

    def restart(self) -> None:
        raise BoltServerError("NEO4J_URI names an external server; this run cannot restart it")

    @property
    def running(self) -> bool:
        return True


def _external_server() -> ExternalBoltServer | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return ExternalBoltServer(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltTestServer | ExternalBoltServer]:
    """The Bolt server of this test session (ArcadeDB started here, or ``NEO4J_URI``)."""
    external = _external_server()
    if external is not None:
        log.info("using the Bolt server at %s (NEO4J_URI)", external.uri)
        yield external
        return
    server = BoltTestServer(tmp_path_factory.mktemp("arcadedb"))
    server.start()  # BoltServerError here errors every test that needs the server
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def neo4j_store(bolt_server: BoltTestServer | ExternalBoltServer) -> Iterator[Neo4jStore]:
    """An empty ``Neo4jStore`` on the session's server, closed after the test."""
    if not bolt_server.running:  # a test that stopped the server failed before restarting it
        bolt_server.start()
    store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    store.clear()
    try:
        yield store
    finally:
        store.close()
