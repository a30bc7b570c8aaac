"""The research notebooks run headless and show what their markdown promises.

Each notebook under ``notebooks/`` is executed in memory with nbclient (kernel ``python3`` of
this interpreter's environment, cwd ``notebooks/``, ``MPLBACKEND=Agg``, all four kernels at
once); nothing executed is written back. A run must raise no error and write nothing to stderr (no warnings, no missing
glyphs), and the tagged cells must show the seed graph's values. The files themselves must be
stored without outputs, so diffs stay small.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from tests.support.paths import ROOT

NOTEBOOKS = ROOT / "notebooks"
EXPECTED = [
    "01_ownership_matrix.ipynb",
    "02_ladders.ipynb",
    "03_indicators.ipynb",
    "04_graph_analysis.ipynb",
    "05_progress.ipynb",
]
GOAL = "建设新时代社会主义现代化国际大都市"
CELL_TIMEOUT = 120

Notebook = Any  # nbformat.NotebookNode


def _read(name: str) -> Notebook:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


async def _execute_all(notebooks: dict[str, Notebook]) -> None:
    clients = [
        NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        for nb in notebooks.values()
    ]
    await asyncio.gather(*(client.async_execute() for client in clients))


@pytest.fixture(scope="module")
def executed() -> Iterator[Callable[[str], Notebook]]:
    """Every notebook run once, concurrently (one kernel each), in memory; look one up by name."""
    saved = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"  # the kernels inherit this process's environment
    try:
        notebooks = {name: _read(name) for name in EXPECTED}
        asyncio.run(_execute_all(notebooks))
    finally:
        if saved is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = saved
    yield notebooks.__getitem__


def _cell(nb: Notebook, tag: str) -> Notebook:
    cells = [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def _text(cell: Notebook) -> str:
    """Everything a code cell printed or displayed as text (stream and text/plain outputs)."""
    parts: list[str] = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def _squash(text: str) -> str:
    """Runs of whitespace as one space: pandas pads its text tables to the widest value."""
    return " ".join(text.split())


def _html(cell: Notebook) -> str:
    return "\n".join(
        output.get("data", {}).get("text/html", "")
        for output in cell.outputs
        if output.output_type in ("execute_result", "display_data")
    )


# --- the files -----------------------------------------------------------------------------


def test_the_five_notebooks_exist() -> None:
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_is_stored_without_outputs(name: str) -> None:
    nb = _read(name)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: clear the outputs"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_holds_no_logic_of_its_own(name: str) -> None:
    """STYLE point 10: code cells call the package; no def/class/loops in a notebook."""
    for cell in _read(name).cells:
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            assert not line.lstrip().startswith(("def ", "class ", "for ", "while ", "lambda")), line


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_explains_itself_in_chinese_and_english(name: str) -> None:
    first = _read(name).cells[0]
    assert first.cell_type == "markdown"
    assert "**中文**" in first.source and "**English**" in first.source


# --- the runs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_clean(executed: Callable[[str], Notebook], name: str) -> None:
    nb = executed(name)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None
        for output in cell.outputs:
            assert output.output_type != "error", f"{name}: {output.get('ename')}: {output.get('evalue')}"
            if output.output_type == "stream":
                assert output.name == "stdout", f"{name} wrote to stderr: {output.text[:500]}"
    # executing in memory leaves the stored file untouched
    assert all(cell.outputs == [] for cell in _read(name).cells if cell.cell_type == "code")


def test_ownership_matrix_notebook(executed: Callable[[str], Notebook]) -> None:
    nb = executed("01_ownership_matrix.ipynb")
    setup = _text(_cell(nb, "setup"))
    assert "000_59d890921a0e6d8d.txt" in setup and "'Indicator': 17" in setup
    matrix = _cell(nb, "matrix")
    # 19 rows: the plans' 18 owners, plus 山东省海洋局 (据省海洋局反馈) named by the reports in data/;
    # 在省委省政府和市委市政府的坚强领导下 names no department.
    assert "(19, 17) owners × indicators" in _text(matrix)
    html = _html(matrix)
    assert "<table" in html and html.count("<th>青岛市") == 10  # the ten departments' rows
    assert "集装箱吞吐量" in html and "presented" in html
    heatmap = _cell(nb, "heatmap")
    assert "CJK font:" in _text(heatmap)
    assert any("image/png" in output.get("data", {}) for output in heatmap.outputs)
    legend = _text(_cell(nb, "legend"))
    assert "O18" in legend and "I17" in legend and "I18" not in legend
    counts = _squash(_text(_cell(nb, "basis_counts")))
    assert "none 289" in counts and "inferred 28" in counts and "presented 6" in counts


def test_ladders_notebook(executed: Callable[[str], Notebook]) -> None:
    nb = executed("02_ladders.ipynb")
    assert "226 paths for 140 tasks" in _text(_cell(nb, "ladders"))
    drug = _text(_cell(nb, "blue_drug_bank"))
    assert f"实施“蓝色药库”开发计划 → 引领型现代海洋城市 → {GOAL}" in drug
    assert "SUPPORTS → REALIZES" in drug and "stated → stated" in drug
    sub_task = _html(_cell(nb, "sub_task"))
    assert sub_task.count("完善养老服务体系 → 突出高效能治理，建设现代化国际大都市") == 4
    strength = _text(_cell(nb, "strength"))
    assert "sub_task" in strength and "key_task" in strength


def test_indicators_notebook(executed: Callable[[str], Notebook]) -> None:
    nb = executed("03_indicators.ipynb")
    cell = _cell(nb, "indicators")
    assert "17 indicators, 6 positionings" in _text(cell)
    html = _html(cell)
    assert "1,300,000,000,000.0" in html and "万亿元" in html  # 1.3万亿元 normalised to 元
    assert "力争" in html and "全国" in html and "2026" in html
    per = _text(_cell(nb, "per_positioning"))
    assert "现代产业先行城市" in per and "现代化治理样板城市" in per
    assert "Empty DataFrame" in _text(_cell(nb, "without_indicators"))


def test_graph_analysis_notebook(executed: Callable[[str], Notebook]) -> None:
    nb = executed("04_graph_analysis.ipynb")
    unowned = _squash(_text(_cell(nb, "unowned")))
    assert "87 tasks with no owner" in unowned
    assert "sub_task 82" in unowned and "key_task 5" in unowned
    assert "0 positionings without indicators" in _text(_cell(nb, "without_indicators"))
    degrees = _html(_cell(nb, "degrees"))
    assert degrees.index("青岛市发展和改革委员会") < degrees.index("青岛市商务局")
    held = _squash(_text(_cell(nb, "held")))  # a print may arrive as two stream chunks
    assert "87 nodes reach the goal only through inferred edges" in held
    edges = _html(_cell(nb, "inferred_edges"))
    assert edges.count("ADVANCES") == 9 and "inferred across documents" in edges
    assert _text(_cell(nb, "same_nodes")).strip() == "True"


def test_progress_notebook(executed: Callable[[str], Notebook]) -> None:
    nb = executed("05_progress.ipynb")
    table = _text(_cell(nb, "progress"))
    assert "{'no_data': 9, 'met': 4, 'too_early': 3, 'behind': 1}" in table
    html = _html(_cell(nb, "progress"))
    assert "国家高新技术企业数量" in html and "behind" in html and "8683" in html
    per = _html(_cell(nb, "per_positioning"))
    assert "引领型现代海洋城市" in per
    series = _html(_cell(nb, "series"))
    # 3087万标箱 (2024) against 2800万标箱 (1.1025, shown to 4 digits), 8650家 / 8683家 against 1万家
    assert "3087" in series and "1.103" in series and "0.865" in series and "0.8683" in series
    plot = _cell(nb, "plot")
    assert "CJK font:" in _text(plot)
    assert any("image/png" in output.get("data", {}) for output in plot.outputs)
