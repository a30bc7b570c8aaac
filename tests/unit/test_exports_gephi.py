"""GraphML and GEXF as Gephi and yEd read them, checked by two readers that are not the writer.

1. lxml, against the GraphML rules the importers rely on: every ``<data>`` names a declared key
   of its own domain, values are in the XML Schema lexical space of the key's ``attr.type``
   (``true``/``false``, integers, doubles), node and edge ids are unique, edges end at nodes.
2. networkx's own readers (``read_graphml``, ``read_gexf``): counts, labels, edge ids.

Expected names and bases are those the seed document states: 青岛市商务局 presented the plan
for 国际门户枢纽城市 at the press conference; 集装箱吞吐量 超过 2800 万标箱.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from app.cli import main as cli_main
from graph.exports.formats import write_export
from graph.model import PlanGraph

SEED_NODES, SEED_EDGES = 196, 220
G = "{http://graphml.graphdrawing.org/xmlns}"
X = "{http://gexf.net/1.3}"
NMTOKEN = re.compile(r"^[\w.:-]+$")
LEXICAL = {
    "boolean": re.compile(r"^(true|false)$"),
    "int": re.compile(r"^[+-]?\d+$"),
    "long": re.compile(r"^[+-]?\d+$"),
    "integer": re.compile(r"^[+-]?\d+$"),
    "double": re.compile(r"^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|NaN|INF|-INF)$"),
    "string": re.compile(r"^.*$", re.S),
}


@pytest.fixture(scope="module")
def graphml(tmp_path_factory: pytest.TempPathFactory, seed_graph: PlanGraph) -> Path:
    [path] = write_export(seed_graph, "graphml", tmp_path_factory.mktemp("gephi") / "graph.graphml")
    return path


@pytest.fixture(scope="module")
def gexf(tmp_path_factory: pytest.TempPathFactory, seed_graph: PlanGraph) -> Path:
    [path] = write_export(seed_graph, "gexf", tmp_path_factory.mktemp("gephi") / "graph.gexf")
    return path


def graphml_records(path: Path) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """Nodes (id -> attribute name -> text) and edges (with id, source, target), checking the rules."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{G}graphml"
    keys: dict[str, tuple[str, str, str]] = {}
    for key in root.iter(f"{G}key"):
        assert key.get("id") not in keys, f"key id {key.get('id')} declared twice"
        assert key.get("for") in {"node", "edge"} and key.get("attr.type") in LEXICAL
        keys[key.get("id")] = (key.get("for"), key.get("attr.name"), key.get("attr.type"))
    names = Counter((domain, name) for domain, name, _ in keys.values())
    assert all(count == 1 for count in names.values()), names

    def attributes(element: etree._Element, domain: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for data in element.iter(f"{G}data"):
            key_domain, name, attr_type = keys[data.get("key")]
            assert key_domain == domain, (element.get("id"), name)
            text = data.text or ""
            assert LEXICAL[attr_type].match(text), (element.get("id"), name, attr_type, text)
            assert name not in found
            found[name] = text
        return found

    [body] = root.iter(f"{G}graph")
    assert body.get("edgedefault") == "directed"
    nodes: dict[str, dict[str, str]] = {}
    for node in body.iter(f"{G}node"):
        assert NMTOKEN.match(node.get("id")) and node.get("id") not in nodes
        nodes[node.get("id")] = attributes(node, "node")
    edges = []
    for edge in body.iter(f"{G}edge"):
        assert edge.get("source") in nodes and edge.get("target") in nodes
        edges.append({"id": edge.get("id"), "source": edge.get("source"), "target": edge.get("target"),
                      **attributes(edge, "edge")})
    return nodes, edges


def by_label(nodes: dict[str, dict[str, str]], name: str) -> tuple[str, dict[str, str]]:
    [found] = [(node_id, attrs) for node_id, attrs in nodes.items() if attrs.get("label") == name]
    return found


def test_graphml_follows_the_rules_gephi_and_yed_rely_on(graphml: Path) -> None:
    nodes, edges = graphml_records(graphml)
    assert (len(nodes), len(edges)) == (SEED_NODES, SEED_EDGES)
    ids = [edge["id"] for edge in edges]
    assert len(set(ids)) == SEED_EDGES and all(NMTOKEN.match(i) for i in ids)
    assert all(edge["id"] == f"{edge['source']}.{edge['type']}.{edge['target']}" for edge in edges)
    assert all(edge["label"] == edge["type"] for edge in edges)
    # The label key holds the Chinese name; the node type is an attribute of its own.
    commerce_id, commerce = by_label(nodes, "青岛市商务局")
    assert commerce["type"] == "Department" and commerce["resolved"] == "true"
    assert set(commerce["aliases"].split(";")) >= {"商务局", "市商务局"}
    assert commerce["sources"] == "000_59d890921a0e6d8d.txt"
    gateway_id, gateway = by_label(nodes, "国际门户枢纽城市")
    assert gateway["type"] == "CityPositioning"
    [presented] = [e for e in edges if (e["source"], e["target"]) == (commerce_id, gateway_id)]
    assert (presented["type"], presented["basis"]) == ("RESPONSIBLE_FOR", "presented")
    _, container = by_label(nodes, "集装箱吞吐量")
    assert (container["value"], container["unit"], container["comparator"]) == ("2800", "万标箱", "超过")
    assert "集装箱吞吐量" in container["mentions"]
    assert not any(attrs["label"] in {"Task", "Indicator", "Department"} for attrs in nodes.values())


def test_graphml_reads_back_in_networkx(graphml: Path) -> None:
    opened = nx.read_graphml(graphml, force_multigraph=True)
    assert (opened.number_of_nodes(), opened.number_of_edges()) == (SEED_NODES, SEED_EDGES)
    keys = [key for _, _, key in opened.edges(keys=True)]
    assert len(set(keys)) == SEED_EDGES
    types = Counter(data["type"] for _, data in opened.nodes(data=True))
    assert (types["Task"], types["Indicator"], types["CityPositioning"], types["Goal"]) == (140, 17, 6, 1)
    flags = [data["resolved"] for _, data in opened.nodes(data=True) if "resolved" in data]
    assert flags and all(isinstance(flag, bool) for flag in flags)


def test_gexf_reads_back_with_names_as_labels(gexf: Path) -> None:
    root = etree.parse(str(gexf)).getroot()
    assert root.tag == f"{X}gexf" and root.get("version") == "1.3"
    edge_ids = [edge.get("id") for edge in root.iter(f"{X}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == SEED_EDGES
    declared = {(a.getparent().get("class"), a.get("id")): a.get("type") for a in root.iter(f"{X}attribute")}
    for holder in ("node", "edge"):
        for element in root.iter(f"{X}{holder}"):
            for value in element.iter(f"{X}attvalue"):
                kind = declared[(holder, value.get("for"))]
                assert LEXICAL[kind].match(value.get("value")), (holder, value.get("for"), value.get("value"))

    opened = nx.read_gexf(gexf, version="1.3")
    assert (opened.number_of_nodes(), opened.number_of_edges()) == (SEED_NODES, SEED_EDGES)
    labels = {data["label"] for _, data in opened.nodes(data=True)}
    assert {"青岛市商务局", "引领型现代海洋城市", "建设新时代社会主义现代化国际大都市"} <= labels
    assert "Task" not in labels


def test_hostile_strings_stay_well_formed_xml(tmp_path: Path) -> None:
    from graph.model import Label, Node

    names = ["say \"hi\" & <b>", "nul\x00byte", "bell\x07", "集装箱吞吐量；（试点）", "emoji 🚢 𠀀"]
    graph = PlanGraph(nodes=[Node(id=f"ind-{i}", label=Label.INDICATOR, name=name, properties={"flag": i % 2 == 0})
                             for i, name in enumerate(names)])
    for fmt in ("graphml", "gexf"):
        [path] = write_export(graph, fmt, tmp_path / f"hostile.{fmt}")
        etree.parse(str(path))  # well-formed, or lxml raises
    nodes, _ = graphml_records(tmp_path / "hostile.graphml")
    assert [nodes[f"ind-{i}"]["label"] for i in range(len(names))] == [
        "say \"hi\" & <b>", "nul\ufffdbyte", "bell\ufffd", "集装箱吞吐量；（试点）", "emoji 🚢 𠀀"
    ]
    assert [nodes[f"ind-{i}"]["flag"] for i in range(len(names))] == ["true", "false", "true", "false", "true"]


def test_the_cli_writes_both(tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"graph.{fmt}"
        assert cli_main(["export", "--format", fmt, "--out", str(out), *map(str, seed_paths)]) == 0
        assert capsys.readouterr().out.split() == [str(out)]
    assert cli_main(["build", *map(str, seed_paths), "--out", str(tmp_path / "b.graphml"), "--format", "graphml"]) == 0
    assert (tmp_path / "b.graphml").read_bytes() == (tmp_path / "graph.graphml").read_bytes()
