"""The Bolt test server fixture works: the official neo4j driver talks Cypher to it.

These tests speak to the server with the driver directly, not through a store, so they carry a
few probe statements of their own, on a label no plankg query uses (``BoltFixtureProbe``); each
test removes what it wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase

from tests.support.arcadedb_server import BoltServerError, BoltTestServer, free_port
from tests.support.bolt import ExternalBoltServer

PROBE_WRITE = "CREATE (p:BoltFixtureProbe {id: $id, name: $name, n: $n, tags: $tags}) RETURN p.id AS id"
PROBE_READ = "MATCH (p:BoltFixtureProbe {id: $id}) RETURN p.name AS name, p.n AS n, p.tags AS tags"
PROBE_DELETE = "MATCH (p:BoltFixtureProbe) DETACH DELETE p"


def test_cypher_round_trip_through_the_official_driver(bolt_server: BoltTestServer | ExternalBoltServer) -> None:
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as driver:
        driver.verify_connectivity()
        try:
            written, _, _ = driver.execute_query(
                PROBE_WRITE, id="probe-1", name="青岛市商务局", n=42, tags=["海洋", "港口"],
                database_=bolt_server.database,
            )
            assert [record["id"] for record in written] == ["probe-1"]
            read, _, _ = driver.execute_query(PROBE_READ, id="probe-1", database_=bolt_server.database)
            assert [record.data() for record in read] == [{"name": "青岛市商务局", "n": 42, "tags": ["海洋", "港口"]}]
        finally:
            driver.execute_query(PROBE_DELETE, database_=bolt_server.database)


def test_server_listens_on_loopback_with_its_own_ports(bolt_server: BoltTestServer | ExternalBoltServer) -> None:
    if isinstance(bolt_server, ExternalBoltServer):
        assert bolt_server.uri  # NEO4J_URI: nothing was started, the given server is used as is
        return
    assert bolt_server.uri == f"bolt://127.0.0.1:{bolt_server.bolt_port}"
    assert bolt_server.bolt_port != bolt_server.http_port
    assert bolt_server.running
    assert bolt_server.database == "plankg"


def test_server_announces_arcadedb_behind_a_neo4j_agent(bolt_server: BoltTestServer | ExternalBoltServer) -> None:
    with GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password)) as driver:
        agent = driver.get_server_info().agent
    if isinstance(bolt_server, ExternalBoltServer):
        assert agent.startswith("Neo4j/")
    else:
        assert agent.startswith("Neo4j/") and "ArcadeDB" in agent


def test_restart_keeps_port_and_data(tmp_path: Path) -> None:
    """A private server (the session's one stays up): stop, start again, same address, same data."""
    server = BoltTestServer(tmp_path / "restart", heap="512m")
    server.start()
    try:
        uri = server.uri
        with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            driver.execute_query(PROBE_WRITE, id="kept", name="留存", n=1, tags=[], database_=server.database)
        server.restart()
        assert server.uri == uri
        with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            read, _, _ = driver.execute_query(PROBE_READ, id="kept", database_=server.database)
            assert [record["name"] for record in read] == ["留存"]
    finally:
        server.stop()
    assert not server.running
    server.stop()  # idempotent


def test_a_server_that_cannot_start_raises_with_its_log(tmp_path: Path) -> None:
    """A bad setting must fail loudly (the fixture then errors every test), never skip."""
    server = BoltTestServer(tmp_path / "broken", heap="not-a-size", startup_timeout=30)
    with pytest.raises(BoltServerError, match="exited with status"):
        server.start()
    assert not server.running


def test_free_port_is_bindable() -> None:
    import socket

    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
