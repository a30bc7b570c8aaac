"""Shared by the owners and targets routes: the answer models and the label check.

``/indicators/{id}/owners`` with the id of a task (or ``/departments/{id}/targets`` with a task
force's id) answers **404 ``wrong_label``**, not 422: the id is well-formed, but there is no
indicator (department) at that URL. The error's detail names the node's real label and points
at ``/nodes/{id}``, which answers for any id.

The label is read from the answer itself when it has rows (every ``Ownership`` carries the asked
node as a ``NodeRef``), so the common case costs one store call; only an empty answer needs a
second one (``get_node``) to tell "no owners" from "no such node" and "wrong label". The stores
refuse ``targets_of`` a node that owns nothing by its label (``InvalidQuery("owner_id")``); that
too becomes ``wrong_label``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.deps import AsyncPlanStore
from app.errors import WrongLabel
from graph.errors import InvalidQuery
from graph.model import Label
from graph.results import NodeRef, Ownership


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
        node = (await store.get_node(node_id)).node
        found = NodeRef(id=node.id, label=node.label, name=node.name)
    if found.label not in expected:
        raise WrongLabel(node_id, found.label, expected)
    return found


async def owners_answer(store: AsyncPlanStore, node_id: str, expected: tuple[Label, ...]) -> OwnersAnswer:
    owners = await store.owners_of(node_id)
    found = next((row.target for row in owners if row.target.id == node_id), None)
    target = await _checked_ref(store, node_id, found, expected)
    return OwnersAnswer(target=target, owners=owners)


async def targets_answer(store: AsyncPlanStore, owner_id: str, expected: tuple[Label, ...]) -> TargetsAnswer:
    try:
        targets = await store.targets_of(owner_id)
    except InvalidQuery as exc:  # the stores refuse non-owners; the route answers wrong_label
        if exc.parameter != "owner_id":
            raise
        await _checked_ref(store, owner_id, None, expected)
        raise
    found = next((row.owner for row in targets if row.owner.id == owner_id), None)
    owner = await _checked_ref(store, owner_id, found, expected)
    return TargetsAnswer(owner=owner, targets=targets)
