"""An ArcadeDB server speaking Bolt, run as a child process, for tests and benchmarks.

Neo4j cannot be installed on the build machines, so the Bolt path is exercised against ArcadeDB
from the ``arcadedb-embedded`` wheel, which bundles the server jars and a JRE. The server runs in
its own ``java`` process rather than in this interpreter through JPype because:

- a test needs "database down, then back" (``restart``) and a hard crash (``kill``); a child
  process can be stopped and started again on the same port and data directory, an in-process
  JVM can only be configured once;
- the JVM's heap and threads stay out of the pytest process (2 cores, 24 GiB machine);
- ArcadeDB writes ``./log`` relative to its working directory; a child gets its own.

The child is stopped with SIGTERM by ``stop()``, and by Linux itself if the thread that started it
dies first (``PR_SET_PDEATHSIG``): start servers from the main thread.

Nothing here imports pytest, so ``bench/load.py`` reuses it.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
LOOPBACK = "127.0.0.1"


class BoltServerError(RuntimeError):
    """The test server could not be started; the message carries the end of its log."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def _package_dir() -> Path:
    """Where the ``arcadedb_embedded`` wheel keeps ``jars/`` and ``jre/``, without importing it.

    Importing the package would pull in JPype; we only need its files.
    """
    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or spec.origin is None:
        raise BoltServerError(
            "the arcadedb-embedded wheel is not installed; install the dev extras: pip install -e '.[dev]'"
        )
    return Path(spec.origin).parent


def _die_with_parent() -> None:
    """Run in the child before ``exec``: Linux sends it SIGTERM when the launching thread dies.

    So a test run killed outright (SIGKILL, an OOM kill) leaves no orphan JVM holding 1 GiB.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((LOOPBACK, port), timeout=0.5):
        return True
    return False


class BoltTestServer:
    """ArcadeDB with the Bolt plugin on free loopback ports, a root password and one database.

    >>> server = BoltTestServer(tmp_dir)          # doctest: +SKIP
    >>> server.start(); server.uri                # doctest: +SKIP
    'bolt://127.0.0.1:40123'

    Ports are chosen on the first ``start()`` and kept, so ``restart()`` comes back on the same
    address with the same data directory: exactly what a client sees when its database restarts.
    """

    def __init__(
        self,
        root: Path,
        *,
        database: str = "plankg",
        user: str = "root",
        password: str | None = None,
        heap: str = "1g",
        startup_timeout: float = 90.0,
    ) -> None:
        self.root = Path(root).resolve()
        self.database = database
        self.user = user
        # ArcadeDB wants at least 8 characters for the root password.
        self.password = password or secrets.token_urlsafe(12)
        self.heap = heap
        self.startup_timeout = startup_timeout
        self.bolt_port: int | None = None
        self.http_port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: Path = self.root / "server.log"

    # -- addresses ---------------------------------------------------------------------------

    @property
    def uri(self) -> str:
        if self.bolt_port is None:
            raise BoltServerError("the server has not been started yet, so it has no port")
        return f"bolt://{LOOPBACK}:{self.bolt_port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start the server and return once the database answers a Cypher query over Bolt.

        On the first start the ports are picked; a port grabbed by someone else between picking
        and binding is retried with new ports. Raises ``BoltServerError`` with the server's log.
        """
        if self.running:
            raise BoltServerError("the server is already running")
        self.root.mkdir(parents=True, exist_ok=True)
        first_start = self.bolt_port is None
        attempts = 3 if first_start else 1
        for attempt in range(1, attempts + 1):
            if first_start:
                self.bolt_port, self.http_port = free_port(), free_port()
                while self.http_port == self.bolt_port:
                    self.http_port = free_port()
            try:
                self._launch_and_wait()
                return
            except BoltServerError:
                self._terminate(grace=5.0)
                if attempt == attempts or "Address already in use" not in self.log_tail():
                    raise
                log.warning("port taken while starting ArcadeDB, retrying with new ports")

    def stop(self) -> None:
        """Stop the server gracefully (SIGTERM, then SIGKILL after 30 s). Idempotent."""
        self._terminate(grace=30.0)

    def kill(self) -> None:
        """Kill the server without letting it shut down, like a crash or a pulled plug."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None

    def restart(self) -> None:
        """Stop and start again on the same ports and data directory."""
        self.stop()
        self.start()

    def __enter__(self) -> BoltTestServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's console log, for error messages."""
        try:
            text = self._log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- internals ---------------------------------------------------------------------------

    def command(self) -> list[str]:
        """The ``java`` command line: the wheel's JRE and jars, settings as system properties."""
        package = _package_dir()
        java = package / "jre" / "bin" / "java"
        jars = sorted((package / "jars").glob("*.jar"))
        if not java.exists() or not jars:
            raise BoltServerError(f"the arcadedb-embedded wheel at {package} has no JRE or jars")
        settings = {
            "arcadedb.server.rootPath": str(self.root),
            "arcadedb.server.rootPassword": self.password,
            "arcadedb.server.logsDirectory": str(self.root / "log"),
            "arcadedb.server.mode": "development",
            "arcadedb.server.httpIncomingHost": LOOPBACK,
            "arcadedb.server.httpIncomingPort": str(self.http_port),
            "arcadedb.server.plugins": BOLT_PLUGIN,
            "arcadedb.server.defaultDatabases": f"{self.database}[{self.user}]",
            "arcadedb.bolt.host": LOOPBACK,
            "arcadedb.bolt.port": str(self.bolt_port),
            "arcadedb.bolt.defaultDatabase": self.database,
        }
        return [
            str(java),
            f"-Xmx{self.heap}",
            "-XX:+UseSerialGC",  # two cores: no parallel GC threads competing with the tests
            "-XX:+UseCompactObjectHeaders",
            "-Xss512k",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dpolyglot.engine.WarnInterpreterOnly=false",
            "-Dfile.encoding=UTF8",
            "-Djava.awt.headless=true",
            f"-XX:ErrorFile={self.root / 'log' / 'hs_err_pid%p.log'}",
            *(f"-D{key}={value}" for key, value in settings.items()),
            "-cp",
            os.pathsep.join(str(jar) for jar in jars),
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def _launch_and_wait(self) -> None:
        command = self.command()
        with self._log_file.open("ab") as log_handle:
            log_handle.write(f"\n--- starting ArcadeDB, bolt port {self.bolt_port} ---\n".encode())
            log_handle.flush()
            self._process = subprocess.Popen(
                command,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a ^C in the terminal reaches us, not the JVM
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        log.info("ArcadeDB starting (pid %s) on %s", self._process.pid, self.uri)
        deadline = time.monotonic() + self.startup_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BoltServerError(
                    f"ArcadeDB exited with status {self._process.returncode} while starting; "
                    f"its log ({self._log_file}) ends with:\n{self.log_tail()}"
                )
            if self.bolt_port is not None and _port_open(self.bolt_port):
                try:
                    self._probe()
                    log.info("ArcadeDB ready on %s, database %r", self.uri, self.database)
                    return
                except Exception as error:  # not ready yet; the last error is reported below
                    last_error = error
            time.sleep(0.2)
        raise BoltServerError(
            f"ArcadeDB did not answer Cypher on {self.uri} within {self.startup_timeout:.0f} s "
            f"(last error: {last_error!r}); its log ({self._log_file}) ends with:\n{self.log_tail()}"
        )

    def _probe(self) -> None:
        """One Cypher round-trip to the run's database: the only proof the server is ready."""
        from neo4j import GraphDatabase

        with GraphDatabase.driver(self.uri, auth=(self.user, self.password), connection_timeout=2.0) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS ok", database_=self.database)
            if records[0]["ok"] != 1:
                raise BoltServerError(f"unexpected probe answer {records!r}")

    def _terminate(self, grace: float) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            log.warning("ArcadeDB (pid %s) ignored SIGTERM for %.0f s; killing it", process.pid, grace)
            process.kill()
            process.wait()
