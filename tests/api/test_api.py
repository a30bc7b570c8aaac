"""The HTTP API over the seed graph, on both stores.

Every question is asked through ``TestClient`` of one app per store kind (``client`` is
parametrised over networkx and neo4j); ``test_both_stores_answer_identically`` asks a long list
of URLs of both apps and compares the whole JSON (and CSV) bodies.

The Neo4j app reads the session's Bolt server (ArcadeDB, or ``NEO4J_URI``), loaded once for this
module; a server that cannot start fails these tests, it never skips them.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.csv_format import cell
from graph.model import Label, PlanGraph
from tests.support.api_clients import all_items, find_id, get_json, read_csv
from tests.support.paths import DATA
from tests.support.stores import STORE_KINDS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

GOAL_NAME = "建设新时代社会主义现代化国际大都市"
LIST_PATHS = {
    "/goals": Label.GOAL,
    "/positionings": Label.CITY_POSITIONING,
    "/tasks": Label.TASK,
    "/indicators": Label.INDICATOR,
    "/departments": Label.DEPARTMENT,
    "/task-forces": Label.TASK_FORCE,
    "/people": Label.PERSON,
    "/plans": Label.PLAN,
    "/sources": Label.SOURCE,
}


# --- health ----------------------------------------------------------------------------------


def test_health_names_the_store_and_counts(client: TestClient, seed_graph: PlanGraph) -> None:
    body = get_json(client, "/health")
    assert body["status"] == "ok"
    assert body["store"] in STORE_KINDS
    assert sum(body["counts"]["nodes"].values()) == len(seed_graph.nodes)
    assert sum(body["counts"]["relationships"].values()) == len(seed_graph.edges)
    assert get_json(client, "/ping") == {"status": "ok"}


# --- lists, paging, CSV -------------------------------------------------------------------------


@pytest.mark.parametrize("path", LIST_PATHS)
def test_list_pages_follow_next_url_to_the_end(client: TestClient, path: str) -> None:
    everything = all_items(client, path)
    assert everything, f"the seed graph has no {path}"
    assert all(item["label"] == LIST_PATHS[path].value for item in everything)
    assert [(i["name"], i["id"]) for i in everything] == sorted((i["name"], i["id"]) for i in everything)

    seen: list[str] = []
    url: str | None = f"{path}?limit=3"
    pages = 0
    while url is not None:
        page = get_json(client, url)
        assert page["total"] == len(everything)
        assert page["limit"] == 3 and page["offset"] == 3 * pages
        assert len(page["items"]) <= 3
        seen += [item["id"] for item in page["items"]]
        url = page["next_url"]
        pages += 1
        if url is not None:
            assert url.startswith("http://testserver" + path) and "offset=" in url
        assert pages <= len(everything) + 1
    assert seen == [item["id"] for item in everything]
    assert pages == max(1, -(-len(everything) // 3))


@pytest.mark.parametrize("path", LIST_PATHS)
def test_list_csv_has_every_row_of_the_json(client: TestClient, path: str) -> None:
    everything = all_items(client, path)
    rows = read_csv(client.get(f"{path}?format=csv"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["id", "label", "name"] and header[-1] == "sources"
    assert len(body) == len(everything)
    assert [row[0] for row in body] == [item["id"] for item in everything]
    assert [row[2] for row in body] == [item["name"] for item in everything]
    for row, item in zip(body, everything, strict=True):
        for key, value in item["properties"].items():
            assert row[header.index(key)] == cell(value)
        assert row[-1] == ";".join(sorted({m["source"] for m in item["mentions"]}))

    # With an explicit limit the CSV is that page.
    page = read_csv(client.get(f"{path}?format=csv&limit=2&offset=1"))
    assert [row[0] for row in page[1:]] == [item["id"] for item in everything[1:3]]


def test_csv_joins_lists_with_semicolons(client: TestClient) -> None:
    rows = read_csv(client.get("/departments?format=csv"))
    header = rows[0]
    marine = next(row for row in rows[1:] if row[2] == "青岛市海洋发展局")
    aliases = marine[header.index("aliases")].split(";")
    assert "市海洋发展局" in aliases


def test_list_filters(client: TestClient) -> None:
    gateway = find_id(client, "/positionings", "国际门户枢纽城市")
    names = {item["name"] for item in all_items(client, f"/indicators?positioning={gateway}")}
    assert {"货物进出口总额", "使用外资", "机场旅客吞吐量"} <= names
    assert "集装箱吞吐量" not in names

    for item in all_items(client, "/indicators?year=2026"):
        assert item["properties"]["target_year"] == 2026
    assert get_json(client, "/indicators?year=1990")["total"] == 0

    marine_tasks = all_items(client, f"/tasks?q={quote('海洋')}")
    assert marine_tasks and all("海洋" in item["name"] for item in marine_tasks)

    owners = {item["name"] for item in all_items(client, f"/departments?positioning={gateway}")}
    assert "青岛市商务局" in owners


def test_positioning_filter_errors(client: TestClient) -> None:
    body = get_json(client, "/tasks?positioning=pos-doesnotexist", status=404)
    assert body["error"]["code"] == "not_found" and "pos-doesnotexist" in body["error"]["message"]
    indicator = find_id(client, "/indicators", "集装箱吞吐量")
    body = get_json(client, f"/tasks?positioning={indicator}", status=422)
    assert body["error"]["code"] == "invalid_parameter"
    assert body["error"]["detail"] == [
        {"parameter": "positioning", "in": "query", "message": body["error"]["message"], "type": "invalid_query"}
    ]


# --- nodes ------------------------------------------------------------------------------------


def test_node_permalink_has_cited_mentions_and_neighbours(client: TestClient) -> None:
    marine = find_id(client, "/departments", "青岛市海洋发展局")
    body = get_json(client, f"/nodes/{marine}")
    assert body["node"]["id"] == marine and body["node"]["label"] == "Department"
    assert body["node"]["mentions"]
    originals = {path.name: path.read_text(encoding="utf-8") for path in DATA.glob("*.txt")}
    for mention in body["node"]["mentions"]:
        original = originals[mention["source"]]
        assert original[mention["start"] : mention["end"]] == mention["text"]
        start = mention["sentence_start"]
        assert original[start : start + len(mention["sentence"])] == mention["sentence"]
    kinds = {(n["direction"], n["type"]) for n in body["neighbours"]}
    assert ("out", "RESPONSIBLE_FOR") in kinds and ("in", "HOLDS_ROLE") in kinds


# --- the seed questions ---------------------------------------------------------------------------


def test_owners_of_container_throughput_include_the_marine_bureau(client: TestClient) -> None:
    indicator = find_id(client, "/indicators", "集装箱吞吐量")
    body = get_json(client, f"/indicators/{indicator}/owners")
    assert body["target"] == {"id": indicator, "label": "Indicator", "name": "集装箱吞吐量"}
    marine = [o for o in body["owners"] if o["owner"]["name"] == "青岛市海洋发展局"]
    assert marine, [o["owner"]["name"] for o in body["owners"]]
    ownership = marine[0]
    assert ownership["basis"] == "presented"
    assert ownership["path"][0]["type"] == "RESPONSIBLE_FOR"
    assert ownership["path"][0]["source"]["name"] == "青岛市海洋发展局"
    sentences = [m["sentence"] for step in ownership["path"] for m in step["mentions"]]
    assert any("海洋发展局局长殷世逸" in sentence for sentence in sentences), sentences
    assert ownership["via"]["label"] == "CityPositioning"
    for other in body["owners"]:
        assert other["owner"]["label"] in ("Department", "TaskForce")
        assert other["basis"] in ("stated", "presented", "inferred")
        assert 0 <= other["confidence"] <= 1 and other["path"]


def test_positioning_owners(client: TestClient) -> None:
    marine_city = find_id(client, "/positionings", "引领型现代海洋城市")
    body = get_json(client, f"/positionings/{marine_city}/owners")
    assert body["target"]["name"] == "引领型现代海洋城市"
    assert "青岛市海洋发展局" in {o["owner"]["name"] for o in body["owners"]}
    assert all(o["target"]["id"] == marine_city for o in body["owners"])


def test_every_task_ladders_up_to_the_goal_through_its_positioning(client: TestClient) -> None:
    tasks = all_items(client, "/tasks")
    assert len(tasks) > 20
    for task in tasks:
        ladder = get_json(client, f"/ladder/{task['id']}")
        assert ladder["start"]["id"] == task["id"]
        assert ladder["paths"], task["name"]
        for path in ladder["paths"]:
            steps = path["steps"]
            assert steps[0]["source"]["id"] == task["id"]
            assert steps[-1]["target"] == {**steps[-1]["target"], "label": "Goal", "name": GOAL_NAME}
            for before, after in zip(steps, steps[1:]):
                assert before["target"]["id"] == after["source"]["id"]
            for step in steps:
                assert step["type"] in ("SUPPORTS", "PART_OF", "REALIZES", "MEASURES", "ADVANCES")
        assert any(
            step["target"]["label"] == "CityPositioning" for path in ladder["paths"] for step in path["steps"]
        ), task["name"]


def test_commerce_bureau_targets_the_gateway_indicators(client: TestClient) -> None:
    commerce = find_id(client, "/departments", "青岛市商务局")
    body = get_json(client, f"/departments/{commerce}/targets")
    assert body["owner"] == {"id": commerce, "label": "Department", "name": "青岛市商务局"}
    by_name = {row["target"]["name"]: row for row in body["targets"]}
    assert {"货物进出口总额", "使用外资", "机场旅客吞吐量"} <= set(by_name)
    for name in ("货物进出口总额", "使用外资", "机场旅客吞吐量"):
        assert by_name[name]["via"]["name"] == "国际门户枢纽城市"
        assert [step["type"] for step in by_name[name]["path"]] == ["RESPONSIBLE_FOR", "MEASURES"]
    assert by_name["国际门户枢纽城市"]["via"] is None


def test_task_force_targets(client: TestClient) -> None:
    task_force = find_id(client, "/task-forces", "引领型现代海洋城市专班")
    body = get_json(client, f"/task-forces/{task_force}/targets")
    assert body["owner"]["label"] == "TaskForce"
    assert "集装箱吞吐量" in {row["target"]["name"] for row in body["targets"]}


@pytest.mark.parametrize(
    ("route", "label_path", "name"),
    [
        ("/indicators/{}/owners", "/tasks", None),
        ("/indicators/{}/owners", "/positionings", "引领型现代海洋城市"),
        ("/positionings/{}/owners", "/indicators", "集装箱吞吐量"),
        ("/departments/{}/targets", "/task-forces", "引领型现代海洋城市专班"),
        ("/departments/{}/targets", "/tasks", None),
        ("/task-forces/{}/targets", "/departments", "青岛市商务局"),
        ("/task-forces/{}/targets", "/indicators", "集装箱吞吐量"),
    ],
)
def test_an_id_of_another_label_is_404_wrong_label(
    client: TestClient, route: str, label_path: str, name: str | None
) -> None:
    node_id = find_id(client, label_path, name) if name else all_items(client, label_path)[0]["id"]
    body = get_json(client, route.format(node_id), status=404)
    assert body["error"]["code"] == "wrong_label"
    assert node_id in body["error"]["message"]
    assert body["error"]["detail"]["id"] == node_id
    assert body["error"]["detail"]["label"] == LIST_PATHS[label_path].value
    assert body["error"]["detail"]["see"] == f"/nodes/{node_id}"


# --- ownership matrix ------------------------------------------------------------------------------


def test_ownership_matrix_json_and_csv_agree(client: TestClient) -> None:
    matrix = get_json(client, "/ownership")
    assert {o["label"] for o in matrix["owners"]} == {"Department", "TaskForce"}
    assert {t["label"] for t in matrix["targets"]} == {"Indicator"}
    rows = read_csv(client.get("/ownership?format=csv"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["owner_id", "owner", "label"] and header[-1] == "other_targets"
    assert len(header) == 3 + len(matrix["targets"]) + 1
    assert [row[0] for row in body] == [o["id"] for o in matrix["owners"]]
    column = {t["id"]: 3 + i for i, t in enumerate(matrix["targets"])}
    row_of = {o["id"]: i for i, o in enumerate(matrix["owners"])}
    filled = 0
    for entry in matrix["cells"]:
        via = f" via {entry['via_name']}" if entry["via"] else ""
        assert body[row_of[entry["owner_id"]]][column[entry["target_id"]]] == entry["basis"] + via
        filled += 1
    assert sum(1 for row in body for value in row[3:-1] if value) == filled
    marine = next(row for row in body if row[1] == "青岛市海洋发展局")
    assert marine[header.index("集装箱吞吐量")] == "presented via 引领型现代海洋城市"


# --- search and graph ------------------------------------------------------------------------------


def test_search_is_ranked_and_tokenised(client: TestClient) -> None:
    body = get_json(client, f"/search?q={quote('海洋')}")
    assert (body["q"], body["total"], body["limit"], body["offset"]) == ("海洋", 44, 20, 0)
    hits = body["items"]
    assert len(hits) == 20
    assert [hit["score"] for hit in hits] == sorted((hit["score"] for hit in hits), reverse=True)
    first = hits[0]
    assert (first["node"]["name"], first["matched_in"], first["snippet"]) == (
        "引领型现代海洋城市", "name", {"text": "引领型现代海洋城市", "start": 5, "end": 7}
    )
    assert all("海洋" in hit["matched"] for hit in hits)

    # offset pages through the same ranking
    second = get_json(client, f"/search?q={quote('海洋')}&limit=10&offset=10")
    assert (second["total"], second["offset"]) == (44, 10)
    assert second["items"] == hits[10:20]

    # jieba cuts the phrase: every hit matched at least one of its words.
    body = get_json(client, f"/search?q={quote('海洋港口建设')}&limit=5")
    assert len(body["items"]) == 5
    assert all(hit["matched"] for hit in body["items"])
    assert get_json(client, f"/search?q={quote('恐龙化石')}")["items"] == []
    assert get_json(client, f"/search?q={quote('和')}")["total"] == 0  # a stop word alone


def test_graph_neighbourhood_by_depth(client: TestClient) -> None:
    focus = find_id(client, "/positionings", "引领型现代海洋城市")
    alone = get_json(client, f"/graph?focus={focus}&depth=0")
    assert [n["id"] for n in alone["nodes"]] == [focus] and alone["edges"] == []
    one = get_json(client, f"/graph?focus={focus}")
    assert one["depth"] == 1 and one["focus"] == focus
    ids = {n["id"] for n in one["nodes"]}
    assert focus in ids and len(ids) > 5
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    two = get_json(client, f"/graph?focus={focus}&depth=2")
    assert ids < {n["id"] for n in two["nodes"]}


# --- both stores, one answer --------------------------------------------------------------------


def _urls(client: TestClient) -> list[str]:
    urls = ["/ownership", "/ownership?format=csv", f"/search?q={quote('海洋')}", f"/search?q={quote('商务局 外资')}"]
    for path in LIST_PATHS:
        urls += [f"{path}?limit=4&offset=1", f"{path}?format=csv", f"{path}?q={quote('城市')}"]
    positionings = all_items(client, "/positionings")
    for positioning in positionings:
        urls += [
            f"/positionings/{positioning['id']}/owners",
            f"/indicators?positioning={positioning['id']}",
            f"/tasks?positioning={positioning['id']}&limit=5",
            f"/graph?focus={positioning['id']}&depth=1",
        ]
    for item in all_items(client, "/indicators"):
        urls += [f"/indicators/{item['id']}/owners", f"/ladder/{item['id']}", f"/nodes/{item['id']}"]
    for path, route in (("/departments", "/departments/{}/targets"), ("/task-forces", "/task-forces/{}/targets")):
        urls += [route.format(item["id"]) for item in all_items(client, path)]
    for item in all_items(client, "/tasks")[::7]:
        urls += [f"/ladder/{item['id']}", f"/nodes/{item['id']}", f"/graph?focus={item['id']}&depth=2"]
    for path in ("/goals", "/people", "/plans", "/sources"):
        urls += [f"/nodes/{item['id']}" for item in all_items(client, path)]
    urls += ["/nodes/nope", "/ladder/nope", "/indicators/nope/owners", "/graph?focus=nope"]
    return urls


def test_both_stores_answer_identically(nx_client: TestClient, neo4j_client: TestClient) -> None:
    urls = _urls(nx_client)
    assert len(urls) > 150
    for url in urls:
        expected, actual = nx_client.get(url), neo4j_client.get(url)
        assert (actual.status_code, actual.headers["content-type"]) == (
            expected.status_code,
            expected.headers["content-type"],
        ), url
        if expected.headers["content-type"].startswith("application/json"):
            assert actual.json() == expected.json(), url
        else:
            assert actual.content == expected.content, url
    health = nx_client.get("/health").json(), neo4j_client.get("/health").json()
    assert (health[0]["store"], health[1]["store"]) == ("networkx", "neo4j")
    assert health[0]["counts"] == health[1]["counts"]
