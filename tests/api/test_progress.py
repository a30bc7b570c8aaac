"""``/indicators/{id}/progress``, ``/progress`` and the indicators list's progress, on both stores.

The graph is the plans and the Qingdao reports in data/; every value is a report's own figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.model import PlanGraph
from tests.support.api_clients import neo4j_client as neo4j_app_client
from tests.support.api_clients import networkx_client as networkx_app_client
from tests.support.api_clients import read_csv
from tests.support.stores import STORE_KINDS

CONTAINER = "ind-8814c82146f1"  # 集装箱吞吐量超过2800万标箱 (2026)


@pytest.fixture(scope="module")
def nx_progress_client(progress_graph: PlanGraph) -> Iterator[TestClient]:
    with networkx_app_client(progress_graph) as client:
        yield client


@pytest.fixture(scope="module")
def neo4j_progress_client(bolt_server: Any, progress_graph: PlanGraph) -> Iterator[TestClient]:
    with neo4j_app_client(bolt_server, progress_graph) as client:
        yield client


@pytest.fixture(scope="module", params=STORE_KINDS)
def client(request: pytest.FixtureRequest) -> TestClient:
    return request.getfixturevalue({"networkx": "nx_progress_client", "neo4j": "neo4j_progress_client"}[request.param])


def test_progress_of_one_indicator(client: TestClient) -> None:
    body = client.get(f"/indicators/{CONTAINER}/progress").json()
    assert body["indicator"]["name"] == "集装箱吞吐量"
    assert (body["status"], body["share"], body["target_value"], body["target_unit"], body["target_year"]) == (
        "met", 1.1025, 28_000_000.0, "标箱", 2026
    )
    [figure] = body["figures"]
    assert (figure["year"], figure["value"], figure["unit"], figure["comparable_value"], figure["basis"]) == (
        2024, "3087", "万标箱", 30_870_000.0, "stated"
    )
    assert figure["sentence"] == "港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱。"
    assert figure["source"] == "qingdao_2024_plan_execution_report.txt"


def test_figures_come_in_year_order_as_csv_too(client: TestClient) -> None:
    listed = client.get("/indicators?q=高新技术企业").json()
    [item] = listed["items"]
    assert listed["progress"][item["id"]] == {
        "status": "behind", "share": 0.8683, "holds": None, "latest_year": 2025, "latest_value": "8683",
        "latest_unit": "家", "figures": 2,
    }  # fmt: skip
    rows = read_csv(client.get(f"/indicators/{item['id']}/progress?format=csv"))
    header, body = rows[0], rows[1:]
    assert [(r[header.index("year")], r[header.index("value")], r[header.index("status")]) for r in body] == [
        ("2024", "8650", "behind"), ("2025", "8683", "behind"),
    ]  # fmt: skip


def test_indicators_csv_has_the_progress_columns(client: TestClient) -> None:
    rows = read_csv(client.get("/indicators?format=csv"))
    header = rows[0]
    assert header[-1] == "sources" and "progress_status" in header
    status = {row[2]: row[header.index("progress_status")] for row in rows[1:]}
    assert status["港口货物吞吐量"] == "met" and status["常住人口"] == "too_early"
    assert status["使用外资"] == "no_data"  # 186亿美元 is five years' sum, reported nowhere as a year


def test_overview_per_positioning_and_owner(client: TestClient) -> None:
    body = client.get("/progress").json()
    assert body["totals"] == {
        "met": 4, "on_track": 0, "behind": 1, "missed": 0, "too_early": 3, "no_data": 9, "not_assessed": 0,
    }  # fmt: skip
    marine = next(g for g in body["positionings"] if g["node"]["name"] == "引领型现代海洋城市")
    assert marine["counts"]["met"] == 3
    assert sorted(i["name"] for i in marine["indicators"]) == ["海洋生产总值占GDP比重", "港口货物吞吐量", "集装箱吞吐量"]
    commerce = next(g for g in body["owners"] if g["node"]["name"] == "青岛市商务局")
    assert {k: v for k, v in commerce["counts"].items() if v} == {"too_early": 1, "no_data": 2}
    rows = read_csv(client.get("/progress?format=csv"))
    assert rows[0][:4] == ["group", "id", "name", "label"]
    assert any(row[0] == "owner" and row[2] == "青岛市商务局" for row in rows[1:])


def test_progress_of_another_label_is_wrong_label(client: TestClient) -> None:
    response = client.get("/indicators/pos-d039f3b69512/progress")
    assert response.status_code == 404 and response.json()["error"]["code"] == "wrong_label"
    assert client.get("/indicators/ind-000000000000/progress").json()["error"]["code"] == "not_found"
