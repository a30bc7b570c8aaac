"""Fixtures of the end-to-end tests: the API with the explorer, serving the seed graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.model import PlanGraph
from tests.support.browser import serving


@pytest.fixture(scope="module")
def explorer_url(seed_graph: PlanGraph) -> Iterator[str]:
    """The API with the explorer, serving the seed graph from an embedded store."""
    with serving(seed_graph) as url:
        yield url
