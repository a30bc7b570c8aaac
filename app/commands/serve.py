"""``plankg serve``: run the API and the explorer with uvicorn (one process, one worker).

``--get PATH`` answers one request in-process, without a server, and prints the body
(``plankg serve --get '/search?q=海洋'``), like ``datasette --get``.
"""

from __future__ import annotations

import argparse
import logging
import sys

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="serve the API and the explorer",
        description="Serve the API and the explorer. The store comes from PLANKG_STORE "
        "(networkx: the graph file PLANKG_GRAPH; neo4j: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"interface to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--get", metavar="PATH", help="answer one GET request in-process, print the body and exit")
    parser.set_defaults(func=run)


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def run(args: argparse.Namespace) -> int:
    if args.get:
        return _get(args.get)

    import uvicorn

    base = f"http://{_url_host(args.host)}:{args.port}"
    print(f"plankg explorer: {base}/")
    print(f"plankg API docs: {base}/docs")
    sys.stdout.flush()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=1,
        log_config=None,  # keep the logging the CLI configured
        proxy_headers=False,
    )
    return 0


def _get(path: str) -> int:
    from fastapi.testclient import TestClient  # needs httpx, a runtime dependency

    from app.main import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as client:
        response = client.get(path)
    sys.stdout.write(response.text)
    if not response.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0 if response.status_code < 400 else 1
