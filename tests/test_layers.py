"""The layers import downwards only: app → loaders, graph; loaders → graph; graph → neither."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(package: str) -> dict[str, set[str]]:
    """For every module of ``package``: the top-level packages it imports (also inside functions)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(("package", "forbidden"), [("graph", {"app"}), ("loaders", {"app"})])
def test_no_layer_imports_upwards(package: str, forbidden: set[str]) -> None:
    offenders = {module: names & forbidden for module, names in imported_packages(package).items() if names & forbidden}
    assert offenders == {}


def test_graph_imports_neither_app_nor_loaders() -> None:
    """graph/ is the bottom layer: the search tokenizer comes in from the composition root."""
    offenders = {m for m, names in imported_packages("graph").items() if names & {"app", "loaders"}}
    assert offenders == set()
