"""One Bolt driver for one store: created without connecting, every failure a ``StoreUnavailable``.

The API must start, and answer 503, while the database is down; and answer again once it is back,
without a restart. So:

- creating the driver never connects (the official driver connects on first use) and a malformed
  ``NEO4J_URI`` is remembered, not raised, so the app still starts and says what is wrong;
- every unit of work runs in a *managed* transaction (``execute_read`` / ``execute_write``), so
  the driver retries it on a dropped connection or a restarted server, for at most
  ``max_transaction_retry_time`` seconds (kept short: a request waits that long at worst before
  it is told the database is unavailable);
- every driver error that means "cannot talk to the database" becomes ``StoreUnavailable`` with a
  message saying what to check. Cypher errors are bugs and propagate unchanged.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Session,
)
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ConnectionPoolError,
    Forbidden,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import StoreUnavailable
from graph.neo4j.dialect import EngineCapabilities, detect

log = logging.getLogger(__name__)

T = TypeVar("T")

BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_DATABASE_MISSING = "Neo.ClientError.Database.DatabaseNotFound"
_FIRST_RETRY_DELAY = 0.1


class BoltConnection:
    """A lazily connecting driver for ``uri`` and one database, with errors made readable.

    Parameters
    ----------
    uri
        ``bolt://host:7687``, ``neo4j://…``, or ``neo4j+s://xxxx.databases.neo4j.io`` for Aura.
    database
        ``None`` means the server's default database.
    connection_timeout, max_transaction_retry_time
        Seconds. The driver's defaults (30 s each) would keep a request hanging for a minute
        when the server is down; these keep the answer to "is it down?" within a few seconds.
    """

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str | None = None,
        *,
        connection_timeout: float = 5.0,
        max_transaction_retry_time: float = 2.0,
        connection_acquisition_timeout: float = 10.0,
    ) -> None:
        self.uri = uri
        self.user = user
        self.database = database or None
        self._driver: Driver | None = None
        self._config_error: str | None = None
        self._capabilities: EngineCapabilities | None = None
        self._lock = threading.Lock()
        self._retry_time = max_transaction_retry_time
        scheme = urlsplit(uri).scheme.lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            self._config_error = (
                f"NEO4J_URI {uri!r} is not a Bolt URI: use bolt://host:7687, neo4j://host:7687, "
                "or neo4j+s://<id>.databases.neo4j.io for Aura"
            )
            return
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout,
                max_transaction_retry_time=max_transaction_retry_time,
                connection_acquisition_timeout=connection_acquisition_timeout,
            )
        except (ConfigurationError, ValueError) as exc:
            self._config_error = f"NEO4J_URI {uri!r} cannot be used: {exc}"

    # -- what the store calls -----------------------------------------------------------------

    def read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in a managed read transaction (retried on connection loss)."""
        with self._unavailable(), self._session(READ_ACCESS) as session:
            return session.execute_read(work)

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in a managed write transaction (retried on connection loss)."""
        with self._unavailable(), self._session(WRITE_ACCESS) as session:
            return session.execute_write(work)

    def run_read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of one read query, as dicts, in one round trip (see ``records``)."""
        return self.records(cypher, **params)

    def records(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of one read query as an auto-commit transaction, retried like a managed one.

        Rows are plain dicts zipped from the result's keys: reading a driver ``Record`` by key
        searches its key tuple every time, which was a quarter of an owners answer's Python work.
        They hold the values as the driver decoded them (the store's queries return no graph
        entities, so there is nothing ``Record.data()`` would convert).

        A managed transaction costs BEGIN and COMMIT messages and a second round trip around
        the query; a single read needs neither. RUN and PULL go out together, so this is one
        round trip, the database's floor (``bench/api.py`` measures questions against it). A
        read changes nothing, so it is safe to run again: connection loss and transient errors
        are retried with backoff for at most ``max_transaction_retry_time`` seconds, as the
        driver does for managed transactions.
        """
        delay = _FIRST_RETRY_DELAY
        deadline = time.monotonic() + self._retry_time
        while True:
            try:
                with self._unavailable(), self._session(READ_ACCESS) as session:
                    result = session.run(cypher, params)
                    keys = result.keys()
                    return [dict(zip(keys, record)) for record in result]
            except StoreUnavailable as exc:
                cause = exc.__cause__
                retryable = isinstance(cause, (ServiceUnavailable, SessionExpired, TransientError))
                if not retryable or time.monotonic() + delay > deadline:
                    raise
                log.info("read retried in %.2f s after %s", delay, type(cause).__name__)
                time.sleep(delay)
                delay *= 2

    def run_write(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of one write query, as dicts."""
        return self.write(lambda tx: [record.data() for record in tx.run(cypher, params)])

    @property
    def capabilities(self) -> EngineCapabilities:
        """What the server can do, detected from its agent string on first use."""
        if self._capabilities is None:
            with self._unavailable():
                info = self._require_driver().get_server_info()
            with self._lock:
                self._capabilities = detect(info.agent)
            log.info("graph database at %s: %s", self.uri, self._capabilities.agent)
        return self._capabilities

    def close(self) -> None:
        """Close the driver and its pool. Idempotent."""
        with self._lock:
            driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    # -- internals ----------------------------------------------------------------------------

    def _require_driver(self) -> Driver:
        if self._config_error is not None:
            raise StoreUnavailable(self._config_error)
        if self._driver is None:
            raise StoreUnavailable(f"the connection to {self.uri} was closed")
        return self._driver

    def _session(self, access_mode: str) -> Session:
        return self._require_driver().session(database=self.database, default_access_mode=access_mode)

    def _where(self) -> str:
        database = f"database {self.database!r}" if self.database else "the default database"
        return f"{database} at {self.uri}"

    @contextlib.contextmanager
    def _unavailable(self) -> Iterator[None]:
        """Turn "cannot talk to the database" errors into ``StoreUnavailable`` (the why in words)."""
        try:
            yield
        except (AuthError, Forbidden) as exc:
            raise StoreUnavailable(
                f"{self._where()} refused user {self.user!r} ({exc.message or exc}): "
                "check NEO4J_USER and NEO4J_PASSWORD"
            ) from exc
        except ClientError as exc:
            if exc.code == _DATABASE_MISSING:
                raise StoreUnavailable(
                    f"{self._where()} does not exist ({exc.message}): check NEO4J_DATABASE"
                ) from exc
            raise
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(
                f"cannot reach {self._where()} ({exc}): check that the server is running and "
                "reachable from here and that NEO4J_URI is right"
            ) from exc
        except TransientError as exc:
            raise StoreUnavailable(
                f"{self._where()} is temporarily unavailable ({exc.message or exc}); try again shortly"
            ) from exc
        except ConnectionPoolError as exc:
            raise StoreUnavailable(
                f"no free connection to {self._where()} ({exc}): the server is overloaded or too slow"
            ) from exc
        except ConfigurationError as exc:
            raise StoreUnavailable(f"NEO4J_URI {self.uri!r} cannot be used: {exc}") from exc
