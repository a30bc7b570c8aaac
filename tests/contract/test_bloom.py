"""The Bloom perspective ``cypher/bloom/perspective.json``.

It must speak the whole vocabulary of ``graph/model.py`` (a category per ``Label``, every
``RelType``), and every search phrase must run on the Bolt test server against a loaded seed
graph with its parameters bound to real values, the way Bloom would bind them from the
parameter's suggestions (a label's property, or the suggestion Cypher).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph.exports.cypher_script import cypher_script
from graph.model import Label, PlanGraph, RelType
from graph.neo4j.store import Neo4jStore
from tests.support.bolt_helpers import clear, run_script
from tests.support.paths import ROOT

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
NODE_LABELS_IN_CYPHER = re.compile(r"\(\s*\w*\s*:\s*([A-Za-z_]\w*)")
WHERE_LABELS_IN_CYPHER = re.compile(r"\b\w+:([A-Z][a-z]\w*)\b")  # labels are PascalCase, types UPPER_SNAKE
TYPES_IN_CYPHER = re.compile(r"\[\s*\w*\s*:\s*([A-Z_|]+)")
WRITES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|LOAD\s+CSV|CALL)\b", re.IGNORECASE)
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
BLOOM_DATA_TYPES = {"String", "Integer", "Float", "Boolean"}
ANY_NODE_LABEL = "PlanNode"


def _read_perspective() -> dict[str, Any]:
    text = resources.files("cypher").joinpath("bloom/perspective.json").read_text(encoding="utf-8")
    return json.loads(text)


#: The search phrases, read at collection so each one is its own test case.
TEMPLATES: list[dict[str, Any]] = _read_perspective()["templates"]


@pytest.fixture(scope="module")
def perspective() -> dict[str, Any]:
    return _read_perspective()


def test_it_has_the_shape_bloom_exports(perspective: dict[str, Any]) -> None:
    for key in ("name", "id", "categories", "labels", "relationshipTypes", "templates", "palette",
                "hiddenRelationshipTypes", "hideUncategorisedData", "version"):
        assert key in perspective, key
    assert perspective["hiddenRelationshipTypes"] == [] and perspective["hideUncategorisedData"] is False


def _timestamps(value: Any, where: str = "$") -> Iterator[tuple[str, Any]]:
    """Every ``*At`` field of the perspective (``createdAt``, ``lastEditedAt``, …), with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("At"):
                yield f"{where}.{key}", item
            yield from _timestamps(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _timestamps(item, f"{where}[{index}]")


def test_timestamps_are_epoch_milliseconds(perspective: dict[str, Any]) -> None:
    """Bloom exports ``createdAt``/``lastEditedAt`` as integers of epoch milliseconds."""
    stamps = dict(_timestamps(perspective))
    assert {"$.createdAt", "$.lastEditedAt"} <= set(stamps)
    bad = {where: value for where, value in stamps.items() if type(value) is not int}
    assert not bad, f"not epoch milliseconds: {bad}"
    # after 2020-01-01 and before 2100-01-01: milliseconds, not seconds
    assert all(1_577_836_800_000 <= value < 4_102_444_800_000 for value in stamps.values()), stamps


def test_the_generator_stamps_times_as_epoch_milliseconds(perspective: dict[str, Any]) -> None:
    """``scripts/refresh_bloom_perspective.py`` repairs a stamp that is not an int, and keeps
    the ones that are, so its output stays byte-stable."""
    import importlib.util

    script = ROOT / "scripts" / "refresh_bloom_perspective.py"
    spec = importlib.util.spec_from_file_location("refresh_bloom_perspective", script)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)

    broken = json.loads(json.dumps(perspective))
    broken["createdAt"] = broken["lastEditedAt"] = "Task"
    broken["categories"][0]["createdAt"] = None
    broken["templates"][1]["createdAt"] = True
    refreshed = generator.refresh(broken, PlanGraph())
    stamps = dict(_timestamps(refreshed))
    assert all(type(value) is int for value in stamps.values()), stamps
    assert refreshed["createdAt"] == refreshed["lastEditedAt"] == generator.STAMP_MS == perspective["createdAt"]
    assert refreshed["categories"][0]["createdAt"] == generator.STAMP_MS
    kept = [t["createdAt"] for t in perspective["templates"]]
    assert [t["createdAt"] for t in refreshed["templates"]] == [kept[0], generator.STAMP_MS, *kept[2:]]


def test_a_category_per_label(perspective: dict[str, Any]) -> None:
    categories = perspective["categories"]
    labelled = [label for category in categories for label in category["labels"]]
    assert sorted(labelled) == sorted(label.value for label in Label), "one category per Label, no strays"
    assert len({c["id"] for c in categories}) == len(categories)
    assert len({c["name"] for c in categories}) == len(categories)
    colours = [c["color"] for c in categories]
    assert all(HEX_COLOUR.match(colour) for colour in colours)
    assert len({colour.lower() for colour in colours}) == len(colours), "distinct colours"
    for category in categories:
        assert category["icon"], category["name"]
        assert category["captionKeys"] == ["name"], category["name"]
        names = [p["name"] for p in category["properties"]]
        assert names[0] == "name" and "id" in names and "mentions_json" in names
    assert set(perspective["labels"]) == {label.value for label in Label} | {ANY_NODE_LABEL}


def test_every_relationship_type(perspective: dict[str, Any]) -> None:
    types = [t["name"] for t in perspective["relationshipTypes"]]
    assert sorted(types) == sorted(t.value for t in RelType)
    for rel_type in perspective["relationshipTypes"]:
        assert rel_type["id"] == rel_type["name"]
        assert HEX_COLOUR.match(rel_type["color"])
        assert {p["propertyKey"] for p in rel_type["properties"]} >= {"basis", "confidence", "mentions_json"}
    segments = perspective["metadata"]["pathSegments"]
    assert {s["relationshipType"] for s in segments} == {t.value for t in RelType}
    labels = {label.value for label in Label}
    assert all(s["source"] in labels and s["target"] in labels for s in segments)


def test_the_researchers_questions_are_search_phrases(perspective: dict[str, Any]) -> None:
    texts = [t["text"] for t in perspective["templates"]]
    assert "谁负责 $indicator" in texts
    assert "$task 如何支撑总目标" in texts
    assert "$department 负责的指标" in texts
    assert len(set(texts)) == len(texts)
    assert len({t["id"] for t in perspective["templates"]}) == len(texts)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t["id"] for t in TEMPLATES])
def test_search_phrase_is_consistent(template: dict[str, Any]) -> None:
    cypher, params = template["cypher"], template["params"]
    declared = [p["name"] for p in params]
    assert all(name.startswith("$") for name in declared)
    assert sorted(PARAM.findall(template["text"])) == sorted(n[1:] for n in declared), template["text"]
    assert set(PARAM.findall(cypher)) == {n[1:] for n in declared}, template["text"]
    assert not WRITES.search(cypher), "search phrases only read"
    assert template["description"]
    labels = {label.value for label in Label}
    used_labels = set(NODE_LABELS_IN_CYPHER.findall(cypher)) | set(WHERE_LABELS_IN_CYPHER.findall(cypher))
    assert used_labels <= labels, used_labels - labels
    used_types = {t for group in TYPES_IN_CYPHER.findall(cypher) for t in group.split("|") if t}
    assert used_types <= {t.value for t in RelType}, used_types
    for param in params:
        assert param["dataType"] in BLOOM_DATA_TYPES
        if param["suggestionLabel"] is not None:
            assert param["suggestionLabel"] in labels
            assert param["suggestionProp"]
        else:
            assert param["cypher"], "a parameter without label-key suggestions has suggestion Cypher"


def test_every_label_and_type_is_reachable_from_some_phrase(perspective: dict[str, Any]) -> None:
    cyphers = "\n".join(t["cypher"] for t in perspective["templates"])
    used_types = {t for group in TYPES_IN_CYPHER.findall(cyphers) for t in group.split("|") if t}
    assert used_types == {t.value for t in RelType}
    used_labels = set(NODE_LABELS_IN_CYPHER.findall(cyphers)) | set(WHERE_LABELS_IN_CYPHER.findall(cyphers))
    assert used_labels == {label.value for label in Label}


# ----------------------------------------------------------------------------------------------
# The phrases on the Bolt test server
# ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["cypher-export", "neo4j-store"])
def loaded(request: pytest.FixtureRequest, bolt_server, progress_graph: PlanGraph) -> Iterator[Driver]:
    """The Bolt server holding the plans and the reports, loaded the two ways a researcher gets it into
    Neo4j: ``plankg export --format cypher`` through cypher-shell, or ``Neo4jStore.load``."""
    driver = GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password))
    clear(driver, bolt_server.database)
    if request.param == "cypher-export":
        run_script(driver, bolt_server.database, cypher_script(progress_graph))
    else:
        store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
        try:
            store.load(progress_graph)
        finally:
            store.close()
    yield driver
    clear(driver, bolt_server.database)
    driver.close()


def _candidates(session: Any, param: dict[str, Any]) -> list[Any]:
    """The values Bloom would suggest for a parameter."""
    if param["suggestionLabel"]:
        label, prop = Label(param["suggestionLabel"]).value, param["suggestionProp"]
        assert re.fullmatch(r"[A-Za-z_]\w*", prop)
        query = f"MATCH (n:{label}) WHERE n.{prop} IS NOT NULL RETURN DISTINCT n.{prop} AS v"
    else:
        query = param["cypher"]
    return [record[0] for record in session.run(query)]


def _returned_names(records: list[Any]) -> set[str]:
    names: set[str] = set()

    def visit(value: Any) -> None:
        if hasattr(value, "nodes") and hasattr(value, "relationships"):  # a Path
            for node in value.nodes:
                visit(node)
        elif hasattr(value, "labels") and hasattr(value, "get"):  # a Node
            if value.get("name"):
                names.add(value.get("name"))
        elif isinstance(value, list):
            for item in value:
                visit(item)

    for record in records:
        for value in record.values():
            visit(value)
    return names


@pytest.mark.parametrize("template", TEMPLATES, ids=[t["id"] for t in TEMPLATES])
def test_search_phrase_runs_on_the_bolt_server(template: dict[str, Any], loaded: Driver, bolt_server) -> None:
    with loaded.session(database=bolt_server.database) as session:
        if not template["params"]:
            session.run(template["cypher"]).consume()
            return
        [param] = template["params"]  # one parameter per phrase
        values = _candidates(session, param)
        assert values, f"{template['text']}: no values to bind {param['name']}"
        answered = 0
        for value in values[:60]:
            records = list(session.run(template["cypher"], {param["name"][1:]: value}))
            answered += bool(records) and bool(_returned_names(records))
        assert answered, f"{template['text']}: no bound value returned anything"


def test_who_owns_the_container_throughput(perspective: dict[str, Any], loaded: Driver, bolt_server) -> None:
    [template] = [t for t in perspective["templates"] if t["text"] == "谁负责 $indicator"]
    with loaded.session(database=bolt_server.database) as session:
        records = list(session.run(template["cypher"], {"indicator": "集装箱吞吐量"}))
        names = _returned_names(records)
        assert "青岛市海洋发展局" in names, names
        bases = {record["rp"]["basis"] for record in records if record["rp"] is not None}
        assert "presented" in bases


def test_progress_of_the_container_throughput(perspective: dict[str, Any], loaded: Driver, bolt_server) -> None:
    [template] = [t for t in perspective["templates"] if t["text"] == "$indicator 的进展"]
    with loaded.session(database=bolt_server.database) as session:
        records = list(session.run(template["cypher"], {"indicator": "集装箱吞吐量"}))
    # 「港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱」: one figure, not the port's 7.1亿吨.
    assert [(r["f"]["value"], r["f"]["unit"], r["f"]["year"], r["r"]["basis"]) for r in records] == [
        ("3087", "万标箱", 2024, "stated")
    ]


def test_a_task_ladders_up_to_the_goal(perspective: dict[str, Any], loaded: Driver, bolt_server, seed_graph: PlanGraph) -> None:
    [template] = [t for t in perspective["templates"] if t["text"] == "$task 如何支撑总目标"]
    goals = {n.name for n in seed_graph.nodes if n.label is Label.GOAL}
    supported = {e.source for e in seed_graph.edges if e.type is RelType.SUPPORTS}
    task = next(n for n in sorted(seed_graph.nodes, key=lambda n: n.id) if n.id in supported)
    with loaded.session(database=bolt_server.database) as session:
        records = list(session.run(template["cypher"], {"task": task.name}))
    assert records
    for record in records:
        path = record["path"]
        assert path.nodes[0]["name"] == task.name
        assert path.nodes[-1]["name"] in goals
