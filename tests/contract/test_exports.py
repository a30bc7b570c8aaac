"""Exports: the Cypher script loads into a Bolt server, the CSV files read back, GraphML opens.

The Cypher script is split into statements by a quote-aware splitter of the tests' own
(``tests/support/bolt_helpers.py``, not by trusting the writer's one-statement-per-line layout) and run
through the official driver against the Bolt test server, as cypher-shell would. Hostile strings (quotes, backslashes, line
breaks of every kind, Chinese) are checked by asking the server to evaluate the literals.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver, GraphDatabase

from app.cli import main as cli_main
from graph.embedded.graph_file import read_graph_json
from graph.embedded.nx_store import NetworkxStore
from graph.errors import ExportError
from graph.exports.admin_import import (
    ARRAY_DELIMITER,
    import_command,
    infer_column_types,
    write_csv,
)
from graph.exports.cypher_script import (
    constraint_name,
    cypher_identifier,
    cypher_literal,
    cypher_script,
    cypher_statements,
    cypher_string,
)
from graph.exports.formats import write_export
from graph.model import Edge, Label, Mention, Node, PlanGraph, RelType
from graph.neo4j.cypher_files import statements as schema_file_statements
from graph.neo4j.records import ANY_NODE_LABEL, node_row, read_mentions
from graph.neo4j.store import Neo4jStore
from tests.support.bolt_helpers import clear, run_script, split_statements
from tests.support.synthetic import synthetic_graph

HOSTILE = [
    "",
    "plain",
    "it's",
    'say "hi"',
    "back\\slash",
    "trailing\\",
    "\\'",
    "line\nbreak",
    "cr\rlf\r\n",
    "tab\there",
    "nul\x00byte",
    "bell\x07 and esc\x1b",
    "form\x0cfeed\x0bvt",
    "nel\x85ls\u2028ps\u2029",
    "集装箱吞吐量超过2800万标箱",
    "“六个城市”——引领型现代海洋城市；（试点）",
    "emoji 🚢 and 𠀀 astral",
    "semi;colon, comma",
    "// not a comment",
    "$param {map} [list] `tick`",
    "'); MATCH (n) DETACH DELETE n; //",
]


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------


def database_counts(driver: Driver, database: str) -> tuple[Counter[str], Counter[str]]:
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    with driver.session(database=database) as session:
        for label in Label:
            labels[label.value] = session.run(f"MATCH (n:{label.value}) RETURN count(n) AS c").single()["c"]
        for rel_type in RelType:
            types[rel_type.value] = session.run(f"MATCH ()-[r:{rel_type.value}]->() RETURN count(r) AS c").single()["c"]
    return +labels, +types


def graph_counts(graph: PlanGraph) -> tuple[Counter[str], Counter[str]]:
    return Counter(n.label.value for n in graph.nodes), Counter(e.type.value for e in graph.edges)


def mention(text: str, start: int = 0, sentence: str | None = None) -> Mention:
    return Mention(source="doc.txt", start=start, end=start + len(text), text=text,
                   sentence=sentence if sentence is not None else text, sentence_start=start)


@pytest.fixture(scope="module")
def driver(bolt_server) -> Iterator[Driver]:
    drv = GraphDatabase.driver(bolt_server.uri, auth=(bolt_server.user, bolt_server.password))
    clear(drv, bolt_server.database)
    yield drv
    clear(drv, bolt_server.database)
    drv.close()


@pytest.fixture(scope="module")
def synthetic_one() -> PlanGraph:
    return synthetic_graph(1)


@pytest.fixture(scope="module")
def hostile_graph() -> PlanGraph:
    """Every hostile string as a name, a property, a list element and a mention sentence."""
    nodes = [
        Node(
            id=f"ind-hostile-{i}",
            label=Label.INDICATOR,
            name=text,
            properties={"note": text, "target_year": 2026, "share": 0.5 + i, "flag": i % 2 == 0,
                        "aliases": [text.replace(ARRAY_DELIMITER, "；"), "x"] if text else []},
            mentions=[mention("集装箱", start=3, sentence=f"前后{text}集装箱")],
        )
        for i, text in enumerate(HOSTILE)
    ]
    nodes.append(Node(id="pos-hostile", label=Label.CITY_POSITIONING, name="引领型现代海洋城市",
                      properties={"order": 2}))
    edges = [
        Edge(source=node.id, target="pos-hostile", type=RelType.MEASURES,
             properties={"basis": "stated", "confidence": 1.0, "reason": node.name},
             mentions=node.mentions)
        for node in nodes[:-1]
    ]
    return PlanGraph(nodes=nodes, edges=edges)


# ----------------------------------------------------------------------------------------------
# Cypher literals
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_cypher_string_is_one_line(text: str) -> None:
    literal = cypher_string(text)
    assert len(literal.splitlines()) <= 1
    assert literal.startswith("'") and literal.endswith("'")


def test_cypher_literals_evaluate_to_the_same_values(driver: Driver, bolt_server) -> None:
    values = [*HOSTILE, 0, -7, 2**40, 1.5, -0.25, 1e-12, True, False, ["a", "it's", "集装箱"], [1, 2], [0.5]]
    with driver.session(database=bolt_server.database) as session:
        for value in values:
            got = session.run(f"RETURN {cypher_literal(value)} AS v").single()["v"]
            assert got == value, (value, cypher_literal(value))


def test_identifiers_are_backticked_when_needed() -> None:
    assert cypher_identifier("target_year") == "target_year"
    assert cypher_identifier("目标年") == "`目标年`"
    assert cypher_identifier("a`b c") == "`a``b c`"
    assert cypher_literal(None) == "null"
    assert cypher_literal(math.inf) == "(1.0 / 0.0)"


def test_schema_comes_first_and_names_match_the_store(seed_graph: PlanGraph) -> None:
    parts = cypher_statements(seed_graph)
    schema = [" ".join(s.split()) + ";" for s in schema_file_statements("schema")]
    assert parts[: len(schema)] == schema
    for label in Label:
        assert any(f"CONSTRAINT {constraint_name(label)} " in s and f"(n:{label.value})" in s for s in schema), label
    assert len(parts) == len(schema) + len(seed_graph.nodes) + len(seed_graph.edges)


def test_script_statements_are_one_line_each_and_split_cleanly(hostile_graph: PlanGraph) -> None:
    script = cypher_script(hostile_graph)
    body = [line for line in script.split("\n") if line and not line.startswith("//")]
    assert all(line.endswith(";") for line in body)
    assert split_statements(script) == [line[:-1] for line in body]
    for statement in body:
        if statement.startswith("MATCH"):
            # label-qualified ends: the constraint indexes find them
            assert statement.startswith("MATCH (a:Indicator {id: ") and "(b:CityPositioning {id: " in statement


# ----------------------------------------------------------------------------------------------
# Cypher script into the Bolt server
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["synthetic", "seed", "hostile"])
def test_cypher_export_loads_with_the_same_counts(
    which: str, driver: Driver, bolt_server, synthetic_one: PlanGraph, seed_graph: PlanGraph, hostile_graph: PlanGraph
) -> None:
    graph = {"synthetic": synthetic_one, "seed": seed_graph, "hostile": hostile_graph}[which]
    clear(driver, bolt_server.database)
    script = cypher_script(graph)
    run_script(driver, bolt_server.database, script)
    assert database_counts(driver, bolt_server.database) == graph_counts(graph)

    # idempotent: MERGE by id, a second run changes nothing
    run_script(driver, bolt_server.database, script)
    assert database_counts(driver, bolt_server.database) == graph_counts(graph)

    # every node as the Neo4j store writes it: both labels, properties, mentions
    expected = {node.id: node for node in graph.nodes}
    with driver.session(database=bolt_server.database) as session:
        rows = session.run(f"MATCH (n:{ANY_NODE_LABEL}) RETURN n.id AS id, n AS n, labels(n) AS labels").data()
    assert {row["id"] for row in rows} == set(expected)
    for row in rows:
        node = expected[row["id"]]
        assert sorted(row["labels"]) == sorted([node.label.value, ANY_NODE_LABEL])
        stored = dict(row["n"])
        assert read_mentions(stored["mentions_json"]) == node.mentions
        assert stored["name"] == node.name
        assert json.loads(stored["properties_json"]) == node.properties
        for key, value in node_row(node)["props"].items():
            assert stored[key] == value, (node.id, key)


def test_cypher_export_keeps_relationship_evidence(driver: Driver, bolt_server, seed_graph: PlanGraph) -> None:
    clear(driver, bolt_server.database)
    run_script(driver, bolt_server.database, cypher_script(seed_graph))
    edges = {edge.key: edge for edge in seed_graph.edges}
    with driver.session(database=bolt_server.database) as session:
        rows = session.run(
            "MATCH (a)-[r]->(b) RETURN a.id AS source, b.id AS target, type(r) AS type, "
            "r.basis AS basis, r.mentions_json AS mentions"
        ).data()
    assert len(rows) == len(edges)
    for row in rows:
        edge = edges[(row["source"], row["target"], row["type"])]
        assert row["basis"] == edge.basis
        assert read_mentions(row["mentions"]) == edge.mentions


def test_the_neo4j_store_serves_a_database_loaded_from_the_export(driver: Driver, bolt_server, seed_graph: PlanGraph) -> None:
    """``cypher-shell -f graph.cypher`` then ``PLANKG_STORE=neo4j`` answers like the embedded store."""
    clear(driver, bolt_server.database)
    run_script(driver, bolt_server.database, cypher_script(seed_graph))
    store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    reference = NetworkxStore(seed_graph)
    try:
        assert store.export_graph() == reference.export_graph()
        assert store.counts() == reference.counts()
        [indicator] = [n for n in seed_graph.nodes if n.name == "集装箱吞吐量"]
        assert store.owners_of(indicator.id) == reference.owners_of(indicator.id)
    finally:
        store.close()
        reference.close()


# ----------------------------------------------------------------------------------------------
# CSV for neo4j-admin
# ----------------------------------------------------------------------------------------------


def _parse(cell: str, csv_type: str) -> object:
    if cell == "":
        return None
    if csv_type.endswith("[]"):
        return [_parse(part, csv_type[:-2]) for part in cell.split(ARRAY_DELIMITER)]
    if csv_type in ("int", "long"):
        return int(cell)
    if csv_type == "double":
        return float(cell)
    if csv_type == "boolean":
        assert cell in ("true", "false")
        return cell == "true"
    return cell


def read_admin_csv(path: Path) -> list[dict[str, object]]:
    """Rows of a neo4j-admin CSV file, typed by its header (``name:type``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for cells in reader:
            assert len(cells) == len(header), (path.name, cells)
            row = {}
            for column, cell in zip(header, cells, strict=True):
                name, _, csv_type = column.partition(":")
                if not name:  # :LABEL, :TYPE, :START_ID, :END_ID
                    name, csv_type = column, "string"
                elif csv_type == "ID":
                    csv_type = "string"
                row[name] = _parse(cell, csv_type or "string")
            rows.append(row)
    return rows


@pytest.mark.parametrize("which", ["synthetic", "seed", "hostile"])
def test_csv_round_trip(which: str, tmp_path: Path, synthetic_one: PlanGraph, seed_graph: PlanGraph, hostile_graph: PlanGraph) -> None:
    graph = {"synthetic": synthetic_one, "seed": seed_graph, "hostile": hostile_graph}[which]
    export = write_csv(graph, tmp_path)

    nodes: dict[str, dict[str, object]] = {}
    for label, path in export.node_files.items():
        assert path.name == f"nodes_{label.value}.csv"
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.startswith("id:ID,:LABEL,name:string,")
        for row in read_admin_csv(path):
            assert row[":LABEL"] == f"{label.value};{ANY_NODE_LABEL}"
            nodes[str(row["id"])] = row
    by_id = {node.id: node for node in graph.nodes}
    assert nodes.keys() == by_id.keys()
    assert Counter(str(r[":LABEL"]).split(";")[0] for r in nodes.values()) == graph_counts(graph)[0]
    for node_id, row in nodes.items():
        node = by_id[node_id]
        assert (row["name"] or "") == node.name
        assert read_mentions(row["mentions_json"]) == node.mentions
        assert json.loads(str(row["properties_json"])) == node.properties
        for key, value in node_row(node)["props"].items():
            if value == []:
                assert row[key] is None  # an empty array is written as no property
            elif value == "":
                assert row[key] in ("", None)  # csv.reader reads "" and nothing alike; see below
            else:
                assert row[key] == value, (node_id, key)

    edges = []
    for rel_type, path in export.relationship_files.items():
        for row in read_admin_csv(path):
            assert row[":TYPE"] == rel_type.value
            edges.append((row[":START_ID"], row[":END_ID"], row[":TYPE"], row))
    assert sorted(e[:3] for e in edges) == sorted(edge.key for edge in graph.edges)
    by_key = {edge.key: edge for edge in graph.edges}
    for source, target, rel_type, row in edges:
        edge = by_key[(source, target, rel_type)]
        assert row["basis"] == edge.basis
        assert read_mentions(row["mentions_json"]) == edge.mentions

    readme = export.readme.read_text(encoding="utf-8")
    assert export.command in readme
    assert export.command.startswith("bin/neo4j-admin database import full neo4j ")
    for path in [*export.node_files.values(), *export.relationship_files.values()]:
        assert f"import/{path.name}" in export.command
    assert "--array-delimiter=;" in export.command and "--multiline-fields=true" in export.command


def test_csv_export_replaces_an_earlier_one(tmp_path: Path, seed_graph: PlanGraph) -> None:
    write_csv(seed_graph, tmp_path)
    only_goals = PlanGraph(nodes=[n for n in seed_graph.nodes if n.label is Label.GOAL])
    export = write_csv(only_goals, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == ["nodes_Goal.csv"]
    assert export.command == import_command(export)


def test_csv_quotes_empty_strings_and_leaves_missing_values_empty(tmp_path: Path) -> None:
    graph = PlanGraph(nodes=[
        Node(id="dept-a", label=Label.DEPARTMENT, name="", properties={"note": "", "rank": 1}),
        Node(id="dept-b", label=Label.DEPARTMENT, name="b", properties={"note": "x"}),
    ])
    lines = write_csv(graph, tmp_path).node_files[Label.DEPARTMENT].read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row_a, row_b = (next(csv.reader([line])) for line in lines[1:3])
    assert lines[1].startswith('"dept-a","Department;PlanNode","",')  # empty name: a quoted empty string
    assert ',"",' in lines[1]  # the empty note too
    assert row_b[header.index("rank:int")] == "" and ',,' in lines[2]  # no rank: an empty, unquoted cell
    assert row_a[header.index("rank:int")] == "1"


def test_csv_types_widen_or_refuse() -> None:
    assert infer_column_types([{"a": 1}, {"a": 2.5}, {"a": None}], where="x") == {"a": "double"}
    assert infer_column_types([{"a": 2**40}], where="x") == {"a": "long"}
    assert infer_column_types([{"a": []}, {"a": ["x"]}], where="x") == {"a": "string[]"}
    assert infer_column_types([{"a": []}], where="x") == {"a": "string[]"}
    with pytest.raises(ExportError, match=r"x\.a"):
        infer_column_types([{"a": 1}, {"a": "one"}], where="x")
    with pytest.raises(ExportError):
        infer_column_types([{"a": [1]}, {"a": 1}], where="x")


def test_csv_refuses_the_array_delimiter_inside_an_element(tmp_path: Path) -> None:
    graph = PlanGraph(nodes=[Node(id="dept-x", label=Label.DEPARTMENT, name="x", properties={"aliases": ["a;b"]})])
    with pytest.raises(ExportError, match="dept-x.aliases"):
        write_csv(graph, tmp_path)


# ----------------------------------------------------------------------------------------------
# JSON, GraphML and the command line
# ----------------------------------------------------------------------------------------------


def test_graphml_opens_in_networkx(tmp_path: Path, synthetic_one: PlanGraph) -> None:
    [path] = write_export(synthetic_one, "graphml", tmp_path / "graph.graphml")
    opened = nx.read_graphml(path)
    assert opened.number_of_nodes() == len(synthetic_one.nodes)
    assert opened.number_of_edges() == len(synthetic_one.edges)
    types = Counter(data["type"] for _, data in opened.nodes(data=True))
    assert types == graph_counts(synthetic_one)[0]


def test_json_export_reads_back(tmp_path: Path, seed_graph: PlanGraph) -> None:
    [path] = write_export(seed_graph, "json", tmp_path / "graph.json")
    again = read_graph_json(path)
    assert sorted(n.id for n in again.nodes) == sorted(n.id for n in seed_graph.nodes)
    assert sorted(e.key for e in again.edges) == sorted(e.key for e in seed_graph.edges)


def test_unknown_format_is_refused(seed_graph: PlanGraph) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        write_export(seed_graph, "xlsx")


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv", "cypher"])
def test_cli_export(fmt: str, tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / ("neo4j-import" if fmt == "csv" else f"graph.{fmt}")
    assert cli_main(["export", "--format", fmt, "--out", str(out), *map(str, seed_paths)]) == 0
    printed = capsys.readouterr().out.split()
    assert printed and all(Path(p).exists() for p in printed)
    assert out.exists()
    if fmt == "csv":
        assert (out / "README.txt").exists() and (out / "nodes_Indicator.csv").exists()
    if fmt == "cypher":
        assert "MERGE (n:Indicator:PlanNode {id: " in out.read_text(encoding="utf-8")
