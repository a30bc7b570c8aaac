"""What a researcher trips over (issue 12), asked the way a researcher asks, on both stores.

Expected values are those the seed document states: 商务局局长李苏满 presented 国际门户枢纽城市
at the press conference (so 青岛市商务局 answers for that positioning's tasks and indicators,
``presented``, through it); 市发改委 is stated to lead the work on the goal and the 纲要; 集装箱吞吐量
超过2800万标箱 by 2026 is written at characters 3074-3089 of 000_59d890921a0e6d8d.txt. Tiny graphs
built here hold the cases the seed does not (an inferred MEASURES link, a name two positionings
share, an indicator nobody owns).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.cli import main as cli_main
from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.model import Edge, Label, Mention, Node, PlanGraph, RelType
from graph.questions.evidence import EVIDENCE_COLUMNS, evidence_rows
from graph.questions.ownership import owners_of
from graph.questions.view import GraphView
from graph.settings import Settings
from tests.support.api_clients import find_id, get_json, read_csv
from tests.support.paths import DATA

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SEED = "000_59d890921a0e6d8d.txt"
GOAL = "建设新时代社会主义现代化国际大都市"
GATEWAY = "国际门户枢纽城市"
MARINE = "引领型现代海洋城市"
PORT_TASK = "推动青岛港加快建设世界一流海港"
GOVERNANCE_TASK = "突出高效能治理，建设现代化国际大都市"


def csv_dicts(response: Any) -> list[dict[str, str]]:
    rows = read_csv(response)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# --- task owners -------------------------------------------------------------------------------


def test_task_owners_inherit_through_the_positioning(client: TestClient) -> None:
    task = find_id(client, "/tasks", PORT_TASK)
    body = get_json(client, f"/tasks/{task}/owners")
    assert body["target"] == {"id": task, "label": "Task", "name": PORT_TASK}
    owners = [(o["owner"]["name"], o["basis"], o["via"]["name"]) for o in body["owners"]]
    assert owners == [("青岛市商务局", "presented", GATEWAY), (f"{GATEWAY}专班", "inferred", GATEWAY)]
    presented = body["owners"][0]["path"][0]["mentions"][0]
    assert presented["source"] == SEED and "商务局局长李苏满" in presented["sentence"]

    rows = csv_dicts(client.get(f"/tasks/{task}/owners?format=csv"))
    assert [(r["owner"], r["target"], r["basis"], r["via"]) for r in rows] == [
        ("青岛市商务局", PORT_TASK, "presented", GATEWAY),
        (f"{GATEWAY}专班", PORT_TASK, "inferred", GATEWAY),
    ]
    assert rows[0]["sentence"] == presented["sentence"] and rows[0]["start"] == str(presented["start"])


def test_goal_and_plan_owners_are_stated(client: TestClient) -> None:
    goal = find_id(client, "/goals", GOAL)
    owners = get_json(client, f"/goals/{goal}/owners")["owners"]
    assert [(o["owner"]["name"], o["basis"], o["via"]) for o in owners] == [
        ("“六个城市”领导小组", "stated", None),
        ("青岛市发展和改革委员会", "stated", None),
    ]
    indicator = find_id(client, "/indicators", "集装箱吞吐量")
    for route in ("/tasks/{}/owners", "/goals/{}/owners", "/plans/{}/owners"):
        body = get_json(client, route.format(indicator), status=404)
        assert body["error"]["code"] == "wrong_label" and body["error"]["detail"]["label"] == "Indicator"


# --- the matrix, honestly ----------------------------------------------------------------------


def test_ownership_csv_says_which_cells_are_inherited_and_shows_stated_ones(client: TestClient) -> None:
    rows = {row["owner"]: row for row in csv_dicts(client.get("/ownership?format=csv"))}
    commerce = rows["青岛市商务局"]
    assert commerce["机场旅客吞吐量"] == f"presented via {GATEWAY}"
    assert commerce["集装箱吞吐量"] == ""
    assert commerce["other_targets"] == f"{GATEWAY} (CityPositioning, presented)"
    ndrc = rows["青岛市发展和改革委员会"].copy()
    assert set(ndrc.pop("other_targets").split(";")) == {
        f"{GOAL} (Goal, stated)",
        "青岛市国民经济和社会发展 第十四个五年规划和2035年远景目标纲要 (Plan, stated)",
        "关于聚力打造“六个城市” 加快建设新时代社会主义现代化国际大都市的实施意见 (Plan, presented)",
    }
    assert not any(value for key, value in ndrc.items() if key not in {"owner_id", "owner", "label"})
    matrix = get_json(client, "/ownership")
    cell = next(c for c in matrix["cells"] if c["owner_id"] == commerce["owner_id"])
    assert (cell["basis"], cell["via_name"]) == ("presented", GATEWAY)


def tiny_graph() -> PlanGraph:
    """A positioning a department is stated to own; one indicator measures it only by inference,
    one is stated; one indicator measures nothing; two positionings of two cities share a name."""
    where = Mention(source="t.txt", start=0, end=2, text="指标", sentence="指标。", sentence_start=0)

    def node(node_id: str, label: Label, name: str, **props: Any) -> Node:
        return Node(id=node_id, label=label, name=name, properties=props, mentions=[where])

    def edge(source: str, target: str, rel: RelType, basis: str, confidence: float) -> Edge:
        return Edge(source=source, target=target, type=rel, properties={"basis": basis, "confidence": confidence})

    return PlanGraph(
        nodes=[
            node("pos-a", Label.CITY_POSITIONING, "海洋城市", city="甲市"),
            node("pos-b", Label.CITY_POSITIONING, "海洋城市", city="乙市"),
            node("dept-a", Label.DEPARTMENT, "甲市海洋局", city="甲市"),
            node("ind-stated", Label.INDICATOR, "港口吞吐量", city="甲市", value="9", unit="亿吨"),
            node("ind-inferred", Label.INDICATOR, "渔业产值", city="甲市"),
            node("ind-alone", Label.INDICATOR, "森林覆盖率", city="乙市", value="40", unit="%", hedge="左右"),
        ],
        edges=[
            edge("dept-a", "pos-a", RelType.RESPONSIBLE_FOR, "stated", 1.0),
            edge("ind-stated", "pos-a", RelType.MEASURES, "stated", 1.0),
            edge("ind-inferred", "pos-a", RelType.MEASURES, "inferred", 0.4),
        ],
    )


def test_inherited_ownership_is_no_stronger_than_its_weakest_step() -> None:
    view = GraphView.from_plan_graph(tiny_graph())
    [stated] = owners_of(view, "ind-stated")
    [inferred] = owners_of(view, "ind-inferred")
    assert (stated.basis, stated.confidence, stated.via.id) == ("stated", 1.0, "pos-a")
    assert (inferred.basis, inferred.confidence, inferred.via.id) == ("inferred", 0.4, "pos-a")


@pytest.fixture(scope="module")
def tiny_client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(PLANKG_STORE="networkx"), NetworkxStore(tiny_graph()))) as client:
        yield client


def test_a_name_two_positionings_share_answers_422_naming_both(tiny_client: TestClient) -> None:
    body = get_json(tiny_client, f"/indicators?positioning={quote('海洋城市')}", status=422)
    assert body["error"]["code"] == "invalid_parameter"
    assert "pos-a" in body["error"]["message"] and "pos-b" in body["error"]["message"]
    assert body["error"]["detail"][0]["parameter"] == "positioning"


def test_evidence_keeps_a_target_nobody_owns(tiny_client: TestClient) -> None:
    rows = {row["target_id"]: row for row in get_json(tiny_client, "/evidence")["items"]}
    assert rows["ind-alone"]["owner"] is None and rows["ind-alone"]["hedge"] == "左右"
    assert (rows["ind-inferred"]["owner"], rows["ind-inferred"]["basis"], rows["ind-inferred"]["via"]) == (
        "甲市海洋局",
        "inferred",
        "海洋城市",
    )


# --- names where ids are expected, misspellings, formats ----------------------------------------


def test_a_positioning_name_works_where_its_id_does(client: TestClient) -> None:
    marine = find_id(client, "/positionings", MARINE)
    for path in ("/tasks", "/indicators", "/departments"):
        by_id = get_json(client, f"{path}?positioning={marine}&limit=500")
        by_name = get_json(client, f"{path}?positioning={quote(MARINE)}&limit=500")
        assert by_name["items"] == by_id["items"] and by_name["total"] == by_id["total"] > 0
    body = get_json(client, f"/tasks?positioning={quote('不存在的城市')}", status=404)
    assert body["error"]["code"] == "not_found"


def test_misspelled_parameters_answer_422_naming_the_accepted_ones(client: TestClient) -> None:
    body = get_json(client, f"/tasks?positoning={quote(MARINE)}", status=422)
    assert body["error"]["code"] == "invalid_parameter"
    assert body["error"]["detail"][0]["parameter"] == "positoning"
    assert "positioning" in body["error"]["message"] and "limit" in body["error"]["message"]
    goal = find_id(client, "/goals", GOAL)
    body = get_json(client, f"/nodes/{goal}?format=csv", status=422)
    assert "JSON only" in body["error"]["message"]
    body = get_json(client, "/tasks?format=xlsx", status=422)
    assert body["error"]["detail"][0]["parameter"] == "format" and "'json'" in body["error"]["message"]


# --- ladders -----------------------------------------------------------------------------------


def test_a_department_has_no_ladder_it_is_the_wrong_label(client: TestClient) -> None:
    commerce = find_id(client, "/departments", "青岛市商务局")
    body = get_json(client, f"/ladder/{commerce}", status=404)
    assert body["error"]["code"] == "wrong_label" and body["error"]["detail"]["label"] == "Department"
    assert "Task" in body["error"]["detail"]["expected"]
    goal = find_id(client, "/goals", GOAL)
    assert get_json(client, f"/ladder/{goal}")["paths"] == []


def test_ladder_steps_across_documents_show_their_words_and_can_be_filtered(client: TestClient) -> None:
    task = find_id(client, "/tasks", GOVERNANCE_TASK)
    ladder = get_json(client, f"/ladder/{task}")
    advances = [s for p in ladder["paths"] for s in p["steps"] if s["type"] == "ADVANCES"]
    # The same words /nodes/{id} shows on the relationship.
    shown = {
        n["node"]["name"]: n["properties"]["shared_terms"]
        for n in get_json(client, f"/nodes/{task}")["neighbours"]
        if n["type"] == "ADVANCES"
    }
    assert {s["target"]["name"]: s["shared_terms"] for s in advances} == shown
    assert shown["国际化创新型城市"] == ["创新", "基础设施"]
    assert advances and all(s["basis"] == "inferred" for s in advances)
    stated = [s for p in ladder["paths"] for s in p["steps"] if s["type"] == "REALIZES"]
    assert stated and all(s["shared_terms"] == [] for s in stated)

    firm = get_json(client, f"/ladder/{task}?min_confidence=0.3")
    targets = {p["steps"][0]["target"]["name"] for p in firm["paths"]}
    assert "国际化创新型城市" not in targets and "现代化治理样板城市" in targets
    assert len(firm["paths"]) == len(ladder["paths"]) - 1
    assert get_json(client, f"/ladder/{task}?min_confidence=0.9")["paths"] == []
    assert get_json(client, f"/ladder/{task}?min_confidence=1.5", status=422)["error"]["code"] == "invalid_parameter"

    rows = csv_dicts(client.get(f"/ladder/{task}?format=csv"))
    assert len(rows) == sum(len(p["steps"]) for p in ladder["paths"])
    weak = next(r for r in rows if r["type"] == "ADVANCES" and r["target"] == "国际化创新型城市")
    assert (weak["shared_terms"], weak["confidence"], weak["basis"]) == ("创新;基础设施", "0.27", "inferred")


def test_the_min_confidence_default_is_in_the_openapi_text() -> None:
    operation = create_app(Settings()).openapi()["paths"]["/ladder/{node_id}"]["get"]
    [param] = [p for p in operation["parameters"] if p["name"] == "min_confidence"]
    assert param["schema"]["default"] == 0.0 and "default 0.0" in param["description"]
    assert "text/csv" in operation["responses"]["200"]["content"]


def test_targets_answer_csv(client: TestClient) -> None:
    commerce = find_id(client, "/departments", "青岛市商务局")
    body = get_json(client, f"/departments/{commerce}/targets")
    rows = csv_dicts(client.get(f"/departments/{commerce}/targets?format=csv"))
    assert [(r["target"], r["basis"], r["via"]) for r in rows] == [
        (t["target"]["name"], t["basis"], t["via"]["name"] if t["via"] else "") for t in body["targets"]
    ]
    assert ("机场旅客吞吐量", "presented", GATEWAY) in [(r["target"], r["basis"], r["via"]) for r in rows]


# --- the evidence table ------------------------------------------------------------------------


def test_evidence_rows_cite_the_sentence(client: TestClient) -> None:
    body = get_json(client, "/evidence")
    assert body["total"] == len(body["items"]) == 17 * 2  # 17 targets, each a bureau or 专班 and its 专班
    container = [row for row in body["items"] if row["target"] == "集装箱吞吐量"]
    assert [(r["owner"], r["basis"], r["via"]) for r in container] == [
        ("青岛市海洋发展局", "presented", MARINE),
        (f"{MARINE}专班", "inferred", MARINE),
    ]
    row = container[0]
    assert (row["city"], row["positioning"], row["value"], row["unit"], row["year"], row["comparator"]) == (
        "青岛", MARINE, "2800", "万标箱", 2026, "超过"
    )
    assert (row["source"], row["start"], row["end"], row["hedge"]) == (SEED, 3074, 3089, None)
    original = (DATA / SEED).read_text(encoding="utf-8")
    assert original[row["start"] : row["end"]] == "集装箱吞吐量超过2800万标箱"
    assert row["sentence"] in original

    rows = read_csv(client.get("/evidence?format=csv"))
    assert tuple(rows[0]) == EVIDENCE_COLUMNS
    assert rows[0][:15] == ["city", "positioning", "target", "value", "unit", "year", "comparator", "hedge",
                            "owner", "basis", "via", "source", "start", "end", "sentence"]
    assert len(rows) == 1 + body["total"]


def test_evidence_export_writes_csv_with_bom_and_json(
    tmp_path: Path, seed_paths: list[Path], nx_client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "evidence.csv"
    assert cli_main(["export", "--format", "evidence", "--out", str(out), *map(str, seed_paths)]) == 0
    assert capsys.readouterr().out.split() == [str(out), str(out.with_suffix(".json"))]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert out.read_bytes() == nx_client.get("/evidence?format=csv").content
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8")) == get_json(nx_client, "/evidence")["items"]


def test_evidence_rows_are_in_document_order(seed_graph: PlanGraph) -> None:
    rows = evidence_rows(GraphView.from_plan_graph(seed_graph))
    keys = [(row.source, row.start) for row in rows]
    assert keys == sorted(keys)
    assert rows[0].target == "境内外上市公司数量"  # the first target the document names


def test_both_stores_answer_the_new_routes_identically(nx_client: TestClient, neo4j_client: TestClient) -> None:
    urls = ["/evidence", "/evidence?format=csv", "/ownership?format=csv"]
    for item in get_json(nx_client, "/tasks?limit=500")["items"][::5]:
        urls += [f"/tasks/{item['id']}/owners", f"/tasks/{item['id']}/owners?format=csv", f"/ladder/{item['id']}?format=csv"]
    for path in ("/goals", "/plans"):
        urls += [f"{path}/{item['id']}/owners" for item in get_json(nx_client, f"{path}?limit=500")["items"]]
    urls += [f"/tasks?positioning={quote(MARINE)}", f"/ladder/{find_id(nx_client, '/tasks', GOVERNANCE_TASK)}"]
    for url in urls:
        expected, actual = nx_client.get(url), neo4j_client.get(url)
        assert (actual.status_code, actual.content) == (expected.status_code, expected.content), url
