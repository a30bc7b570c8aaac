"""Names where ids are expected: ``?positioning=引领型现代海洋城市`` as well as ``?positioning=pos-…``.

A researcher copies a positioning's name from the document, not its hash id. A filter value is
looked up as an exact name of a node of the expected label first: one match is that node's id;
several (two cities both with a 国际门户枢纽城市) are refused with ``InvalidQuery`` (422) naming
the matching ids, so the caller can pick one. A value that is no such name is used as an id (an
unknown id still answers 404 ``not_found``). Ids and names never collide: ids are
``<prefix>-<hex>``, names are Chinese text.
"""

from __future__ import annotations

from app.store_access import AsyncPlanStore
from graph.errors import InvalidQuery
from graph.model import Label
from graph.store import MAX_LIMIT


async def resolve_name(store: AsyncPlanStore, label: Label, value: str | None, parameter: str) -> str | None:
    """The id ``value`` stands for: the id of the one ``label`` node named ``value``, else ``value``."""
    if not value:
        return value
    page = await store.ask(store.plans.list_nodes, label, q=value, limit=MAX_LIMIT)
    named = sorted(node.id for node in page.items if node.name == value)
    if len(named) == 1:
        return named[0]
    if named:
        raise InvalidQuery(
            parameter, f"{len(named)} {label.value} nodes are named {value!r}: {', '.join(named)}; give one of these ids"
        )
    return value
