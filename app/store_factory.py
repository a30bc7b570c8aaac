"""Open the store the settings name. The store modules are imported here, lazily, on demand:
serving the embedded graph never imports the Neo4j driver, and nothing connects at import.

This is the composition root: it hands each store the loaders' search tokenizer, since graph/
must not import loaders/ (the layers import downwards only).
"""

from __future__ import annotations

import logging

from graph.settings import Settings
from graph.store import PlanStore
from loaders.tokenizer import search_words

logger = logging.getLogger(__name__)


def open_store(settings: Settings) -> PlanStore:
    """The store ``settings.store`` names.

    - ``networkx``: the node-link JSON at ``PLANKG_GRAPH`` (written by ``plankg build``), read
      now; a missing or foreign file raises ``GraphFileError``.
    - ``neo4j``: a driver for ``NEO4J_URI`` with ``NEO4J_USER``/``NEO4J_PASSWORD``/
      ``NEO4J_DATABASE``. Creating it does not connect, so this succeeds while the server is
      down; questions then raise ``StoreUnavailable`` until it is back.
    """
    tokenize = search_words(settings.cache_dir)
    if settings.store == "neo4j":
        from graph.neo4j.store import Neo4jStore

        logger.info("store: neo4j at %s", settings.neo4j_uri)
        return Neo4jStore.from_settings(settings, tokenize=tokenize)

    from graph.embedded.nx_store import NetworkxStore

    logger.info("store: networkx from %s", settings.graph_path)
    return NetworkxStore.from_file(settings.graph_path, tokenize=tokenize)
