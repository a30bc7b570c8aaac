"""A loopback TCP proxy whose open connections a test can cut, to drop a live Bolt connection.

Stopping the server drops every connection but also the server; a test of "the connection was
lost, the server is still there" (a restarted load balancer, an idle timeout in a firewall)
needs the socket to die under the driver's pool while new connections still succeed. The proxy
forwards bytes unchanged; ``cut()`` closes every connection it carries, both sides (the driver's
pool notices an idle connection closed that way when it hands it out), and
``drop_next_request()`` closes the connection that carries the next client message instead of
forwarding it: the connection dies while a query waits for its answer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

LOOPBACK = "127.0.0.1"


class TcpProxy:
    """Forwards ``127.0.0.1:<port>`` to ``upstream``; ``accepted`` counts client connections."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server((LOOPBACK, 0))
        self.port = int(self._listener.getsockname()[1])
        self.accepted = 0
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self._drop_next = False
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._listener.close()
        self.cut()

    def cut(self) -> None:
        """Close every connection carried so far (both the client's and the upstream side)."""
        with self._lock:
            sockets, self._open = self._open, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def drop_next_request(self) -> None:
        """Close, instead of forwarding, the connection the next client bytes arrive on."""
        with self._lock:
            self._drop_next = True

    def _take_drop(self) -> bool:
        with self._lock:
            drop, self._drop_next = self._drop_next, False
            return drop

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # listener closed
                return
            upstream = socket.create_connection(self.upstream)
            with self._lock:
                self.accepted += 1
                self._open += [client, upstream]
            for source, sink, from_client in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(target=self._pump, args=(source, sink, from_client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if from_client and self._take_drop():
                    for sock in (source, sink):
                        with contextlib.suppress(OSError):
                            sock.shutdown(socket.SHUT_RDWR)
                    return
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
