"""The Cypher files: documented, complete for the vocabulary, and filled from the enums only."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from graph.model import CLIMBING_TYPES, Label, RelType
from graph.neo4j.cypher_files import (
    CypherFileError,
    climbing_query,
    label_query,
    load_query,
    query,
    statements,
    type_query,
)
from tests.support.paths import ROOT

CYPHER_FILES = sorted(
    path.name for path in resources.files("cypher").iterdir() if path.name.endswith(".cypher")
)
#: Labels the store adds besides graph.model.Label (see graph/neo4j/records.py, load_begin.cypher,
#: graph/neo4j/search_index.py).
STORE_LABELS = {"PlanNode", "PlanKGLoad", "PlanSearchGram"}


def _snake(label: Label) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label.value).lower()


def _body(name: str) -> str:
    return "\n".join(line for line in load_query(name).splitlines() if not line.lstrip().startswith("//"))


@pytest.mark.parametrize("file_name", CYPHER_FILES)
def test_every_file_opens_with_a_comment_stating_its_parameters(file_name: str) -> None:
    text = load_query(file_name.removesuffix(".cypher"))
    assert text.startswith("// ")
    comment = " ".join(line for line in text.splitlines() if line.startswith("//"))
    parameters = set(re.findall(r"\$([A-Za-z_]\w*)", _body(file_name.removesuffix(".cypher"))))
    for parameter in parameters:
        assert f"${parameter}" in comment, f"{file_name}: ${parameter} is not documented"
    if not parameters:
        assert "No parameters" in comment, f"{file_name}: say 'No parameters'"


@pytest.mark.parametrize("file_name", CYPHER_FILES)
def test_labels_and_types_come_from_the_vocabulary(file_name: str) -> None:
    body = _body(file_name.removesuffix(".cypher"))
    body = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "''", body)  # strings and quoted keys
    types = {t for group in re.findall(r"\[\w*:([A-Z_|]+)", body) for t in group.split("|") if t}
    labels = set(re.findall(r":([A-Z][A-Za-z]*)\b", re.sub(r"\[[^\]]*\]", "[]", body)))
    assert labels <= {label.value for label in Label} | STORE_LABELS, labels
    assert types <= {rel.value for rel in RelType}, types


def test_schema_has_a_constraint_and_a_name_index_per_label() -> None:
    found = statements("schema")
    for label in Label:
        assert (
            f"CREATE CONSTRAINT {_snake(label)}_id IF NOT EXISTS FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
            in found
        )
        assert f"CREATE INDEX {_snake(label)}_name IF NOT EXISTS FOR (n:{label.value}) ON (n.name)" in found
    assert "CREATE CONSTRAINT plan_node_id IF NOT EXISTS FOR (n:PlanNode) REQUIRE n.id IS UNIQUE" in found
    assert len(found) == 2 * len(Label) + 1
    assert all(statement.startswith("CREATE ") and ";" not in statement for statement in found)


def test_the_fulltext_index_uses_the_cjk_analyzer() -> None:
    (statement,) = statements("schema_fulltext")
    assert statement.startswith("CREATE FULLTEXT INDEX plan_text IF NOT EXISTS")
    assert "`fulltext.analyzer`: 'cjk'" in statement
    assert "[n.name, n.evidence]" in statement


def test_templates_take_enum_members_only() -> None:
    assert "CREATE (n:Task:PlanNode)" in label_query("create_nodes", Label.TASK)
    assert "[r:SUPPORTS]" in type_query("create_edges", RelType.SUPPORTS)
    with pytest.raises(CypherFileError, match=r"not a graph\.model\.Label"):
        label_query("create_nodes", "Task) DETACH DELETE (m")  # type: ignore[arg-type]
    with pytest.raises(CypherFileError, match=r"not a graph\.model\.RelType"):
        type_query("create_edges", "SUPPORTS")  # type: ignore[arg-type]
    with pytest.raises(CypherFileError, match="not filled"):
        query("create_nodes")
    with pytest.raises(CypherFileError, match=r"no \{\{LABEL\}\} placeholder"):
        label_query("node_ref", Label.TASK)


def test_ladder_climbs_exactly_the_climbing_types() -> None:
    text = climbing_query("ladder")
    (group,) = re.findall(r"\[:([A-Z_|]+)\*\]", text)
    assert set(group.split("|")) == {rel.value for rel in CLIMBING_TYPES}


@pytest.mark.parametrize("name", ["../pyproject", "Schema", "schema.cypher", ""])
def test_query_names_are_plain(name: str) -> None:
    with pytest.raises(CypherFileError):
        load_query(name)


def test_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CypherFileError, match=r"no query file cypher/nope\.cypher"):
        load_query("nope")


def test_every_file_is_used() -> None:
    code = "\n".join(
        path.read_text(encoding="utf-8") for pattern in ("graph/**/*.py", "bench/*.py") for path in ROOT.glob(pattern)
    )
    unused = [name for name in CYPHER_FILES if f'"{name.removesuffix(".cypher")}"' not in code]
    assert unused == []


def test_neighbourhood_walks_exactly_max_depth_steps() -> None:
    from graph.store import MAX_DEPTH

    steps = re.findall(r"WHEN \$depth >= (\d+)", query("neighbourhood"))
    assert steps == [str(k) for k in range(1, MAX_DEPTH + 1)]
