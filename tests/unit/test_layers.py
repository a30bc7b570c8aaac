"""The layers import downwards only, and graph/'s concerns only the way the README's layout says.

app → loaders, graph; loaders → graph; graph → neither. Inside graph/: the contract (model,
results, errors, settings, store) imports nothing else of graph/; the shared questions import the
contract; the merge rule, the stores, the exports and the research helpers import the contract
and the questions; the exports also read the graph file, the Cypher files and the Neo4j record format; no package imports
tests/ or bench/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.paths import ROOT

CONTRACT = {"graph.model", "graph.results", "graph.errors", "graph.settings", "graph.store"}
QUESTIONS = "graph.questions"
#: What each part of graph/ may import from graph/, besides itself; a part is a module or a package.
ALLOWED: dict[str, set[str]] = {
    "graph.model": set(),
    "graph.errors": set(),
    "graph.settings": set(),
    "graph.results": {"graph.model"},
    "graph.store": {"graph.model", "graph.results"},
    QUESTIONS: CONTRACT,
    "graph.merging": CONTRACT | {QUESTIONS},
    "graph.embedded": CONTRACT | {QUESTIONS, "graph.merging"},
    "graph.neo4j": CONTRACT | {QUESTIONS, "graph.merging"},
    "graph.exports": CONTRACT
    | {QUESTIONS, "graph.embedded.graph_file", "graph.neo4j.cypher_files", "graph.neo4j.records"},
    "graph.research": CONTRACT | {QUESTIONS},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """The absolute module names ``path`` imports (also inside functions), ``from x import y`` as x.y too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def modules_of(package: str) -> dict[str, set[str]]:
    return {module_name(path): imported_modules(path) for path in sorted((ROOT / package).rglob("*.py"))}


def part_of(module: str) -> str | None:
    """The entry of ``ALLOWED`` a graph module belongs to (its package, or itself at the top)."""
    candidate = ".".join(module.split(".")[:2])
    return candidate if candidate in ALLOWED else None


def within(name: str, allowed: set[str]) -> bool:
    return any(name == a or name.startswith(a + ".") for a in allowed)


def graph_modules() -> set[str]:
    return {module_name(path) for path in (ROOT / "graph").rglob("*.py")}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("graph", {"app", "loaders", "tests", "bench"}),
        ("loaders", {"app", "tests", "bench"}),
        ("app", {"tests", "bench"}),
        ("cypher", {"app", "loaders", "graph", "tests", "bench"}),
    ],
)
def test_no_layer_imports_upwards(package: str, forbidden: set[str]) -> None:
    offenders = {
        module: {name for name in names if name.split(".")[0] in forbidden}
        for module, names in modules_of(package).items()
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_every_graph_module_belongs_to_a_part_of_the_layout() -> None:
    unplaced = {m for m in graph_modules() if m != "graph" and part_of(m) is None}
    assert unplaced == set()


def test_graph_parts_import_only_what_the_layout_allows() -> None:
    known = graph_modules()
    offenders: dict[str, set[str]] = {}
    for module, names in modules_of("graph").items():
        part = part_of(module)
        if part is None:
            continue
        allowed = ALLOWED[part] | {part}
        # ``from graph.questions import browse`` names graph.questions.browse: judge the module it names
        targets = {n for n in names if n.startswith("graph.") and (n in known or n.rsplit(".", 1)[0] not in known)}
        targets -= {n for n in targets if any(other.startswith(n + ".") for other in targets & known)}
        bad = {n for n in targets if not within(n, allowed)}
        if bad:
            offenders[module] = bad
    assert offenders == {}


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The rule above is not vacuous: a question importing a store is caught."""
    module = tmp_path / "probe.py"
    module.write_text("from graph.embedded.nx_store import NetworkxStore\nimport graph.neo4j.store\n", encoding="utf-8")
    names = imported_modules(module)
    assert {"graph.embedded.nx_store", "graph.neo4j.store"} <= names
    assert not within("graph.embedded.nx_store", ALLOWED[QUESTIONS] | {QUESTIONS})
    assert part_of("graph.questions.browse") == QUESTIONS and part_of("graph.synthetic") is None


#: loaders/'s frame under the rules: reading, the text map, the document model, the tokenizer, the
#: vocabulary, quoting. The composition (context, builder, pipeline) runs the rules and may import them.
LOADER_FRAME = ["reader", "textmap", "structure", "tokenizer", "gazetteer", "evidence", "sources"]


@pytest.mark.parametrize("module", LOADER_FRAME)
def test_the_loaders_frame_imports_no_extraction_rule(module: str) -> None:
    names = imported_modules(ROOT / "loaders" / f"{module}.py")
    assert {name for name in names if name.startswith("loaders.rules")} == set()


def test_every_loaders_module_is_frame_composition_or_rule() -> None:
    top = {p.stem for p in (ROOT / "loaders").glob("*.py")} - {"__init__"}
    assert top == {*LOADER_FRAME, "context", "builder", "pipeline"}
