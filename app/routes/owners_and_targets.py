"""The owners and targets routes: the answer models, the label check and the route factories.

``/positionings/{id}/owners`` and ``/indicators/{id}/owners`` are one route over two labels, as
are ``/departments/{id}/targets`` and ``/task-forces/{id}/targets``; a resource module declares
its route with :func:`add_owners_route` or :func:`add_targets_route`.

``/indicators/{id}/owners`` with the id of a task (or ``/departments/{id}/targets`` with a task
force's id) answers **404 ``wrong_label``**, not 422: the id is well-formed, but there is no
indicator (department) at that URL. The error's detail names the node's real label and points
at ``/nodes/{id}``, which answers for any id.

``format=csv`` answers the same ownerships as one CSV row each (``app.csv_format.ownership_table``).

The label is read from the answer itself when it has rows (every ``Ownership`` carries the asked
node as a ``NodeRef``), so the common case costs one store call; only an empty answer needs a
second one (``get_node``) to tell "no owners" from "no such node" and "wrong label". The stores
refuse ``targets_of`` a node that owns nothing by its label (``InvalidQuery("owner_id")``); that
too becomes ``wrong_label``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from app.csv_format import csv_response, ownership_table
from app.deps import Format, NodeId, Store
from app.errors import ERROR_RESPONSES, WrongLabel
from app.routes import examples
from app.store_access import AsyncPlanStore
from graph.errors import InvalidQuery
from graph.model import Label
from graph.results import NodeRef, Ownership

CSV_NOTE = """
    `format=csv` answers one row per ownership: owner, target, `basis`, `confidence`, `via` and the
    first sentence of its evidence.
    """


class OwnersAnswer(BaseModel):
    """Who answers for ``target``: departments and task forces, strongest basis first."""

    model_config = ConfigDict(extra="forbid")

    target: NodeRef
    owners: list[Ownership]


class TargetsAnswer(BaseModel):
    """What ``owner`` answers for, directly or through a positioning, strongest basis first."""

    model_config = ConfigDict(extra="forbid")

    owner: NodeRef
    targets: list[Ownership]


async def _checked_ref(
    store: AsyncPlanStore, node_id: str, found: NodeRef | None, expected: tuple[Label, ...]
) -> NodeRef:
    if found is None:
        node = (await store.ask(store.plans.get_node, node_id)).node
        found = NodeRef(id=node.id, label=node.label, name=node.name)
    if found.label not in expected:
        raise WrongLabel(node_id, found.label, expected)
    return found


async def owners_answer(store: AsyncPlanStore, node_id: str, expected: tuple[Label, ...]) -> OwnersAnswer:
    owners = await store.ask(store.plans.owners_of, node_id)
    found = next((row.target for row in owners if row.target.id == node_id), None)
    target = await _checked_ref(store, node_id, found, expected)
    return OwnersAnswer(target=target, owners=owners)


async def targets_answer(store: AsyncPlanStore, owner_id: str, expected: tuple[Label, ...]) -> TargetsAnswer:
    try:
        targets = await store.ask(store.plans.targets_of, owner_id)
    except InvalidQuery as exc:  # the stores refuse non-owners; the route answers wrong_label
        if exc.parameter != "owner_id":
            raise
        await _checked_ref(store, owner_id, None, expected)
        raise
    found = next((row.owner for row in targets if row.owner.id == owner_id), None)
    owner = await _checked_ref(store, owner_id, found, expected)
    return TargetsAnswer(owner=owner, targets=targets)


def add_owners_route(router: APIRouter, label: Label, *, name: str, example: dict[str, Any], doc: str) -> None:
    """Register ``GET {router.prefix}/{node_id}/owners``: who answers for a node of ``label``."""
    _add_node_route(router, "/{node_id}/owners", OwnersAnswer, owners_answer, label, name, example, doc)


def add_targets_route(router: APIRouter, label: Label, *, name: str, example: dict[str, Any], doc: str) -> None:
    """Register ``GET {router.prefix}/{node_id}/targets``: what an owner of ``label`` answers for."""
    _add_node_route(router, "/{node_id}/targets", TargetsAnswer, targets_answer, label, name, example, doc)


def _rows(answer: BaseModel) -> list[Ownership]:
    return answer.owners if isinstance(answer, OwnersAnswer) else answer.targets  # type: ignore[attr-defined]


def _add_node_route(
    router: APIRouter,
    path: str,
    answer_model: type[BaseModel],
    answer: Callable[[AsyncPlanStore, str, tuple[Label, ...]], Awaitable[BaseModel]],
    label: Label,
    name: str,
    example: dict[str, Any],
    doc: str,
) -> None:
    """``name`` becomes the endpoint's name (its OpenAPI operation id), ``doc`` its docstring (the
    OpenAPI description), ``example`` the whole Chinese JSON example of a 200 answer."""

    async def endpoint(node_id: NodeId, store: Store, format: Format = "json") -> Any:
        result = await answer(store, node_id, (label,))
        if format == "csv":
            kind = path.rsplit("/", 1)[-1]
            return csv_response(*ownership_table(_rows(result)), f"{kind}_{node_id}.csv")
        return result

    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc + CSV_NOTE
    responses = {**examples.json_example(example, csv=True), **ERROR_RESPONSES}
    router.get(path, response_model=answer_model, responses=responses)(endpoint)
