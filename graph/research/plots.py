"""Figures of the research tables: the ownership heatmap and the font that can label it.

Kept apart from ``graph.research.analysis`` (the tables) because drawing is a concern of its own: it needs
matplotlib and the machine's fonts, the tables need neither. matplotlib and pandas are notebook
(dev) dependencies, imported inside the functions that need them, so importing this module
costs nothing.

- ``plot_basis_heatmap``: a ``graph.research.analysis.basis_scores`` table as a heatmap, with a legend table;
- ``cjk_font``: a font family that can draw the Chinese names, if the machine has one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["cjk_font", "plot_basis_heatmap"]

_PLACEHOLDER_FONTS = ("Last Resort",)
"""Fonts that map every code point to a placeholder box: they "cover" Chinese but draw none."""
_CJK_HINTS = ("CJK", "WenQuanYi", "Hei", "Song", "Kai", "Ming", "YaHei", "PingFang", "Source Han", "Droid Sans Fallback")


@lru_cache(maxsize=8)
def cjk_font(sample: str = "青岛市发展和改革委员会") -> str | None:
    """A matplotlib font family that has a glyph for every character of ``sample``, or ``None``.

    Families whose names suggest Chinese coverage (Noto Sans CJK SC, WenQuanYi, SimHei…) are
    tried first, simplified-Chinese sans faces before others; each candidate is checked glyph by
    glyph, so a name alone never decides. Cached per sample: the first call reads font files.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    def preference(entry: Any) -> tuple[bool, bool, bool, str]:
        name = entry.name
        return (not any(hint in name for hint in _CJK_HINTS), "SC" not in name, "Sans" not in name, name)

    checked: set[str] = set()
    for entry in sorted(font_manager.fontManager.ttflist, key=preference):
        if entry.name.startswith(_PLACEHOLDER_FONTS) or entry.fname in checked:
            continue
        checked.add(entry.fname)
        try:
            face = FT2Font(entry.fname)
        except (OSError, RuntimeError, ValueError):
            continue
        if all(face.get_char_index(ord(ch)) for ch in sample if not ch.isspace()):
            return entry.name
    return None


def plot_basis_heatmap(
    scores: pd.DataFrame, *, ax: Axes | None = None, font: str | None = None
) -> tuple[Axes, pd.DataFrame]:
    """Draw a ``basis_scores`` table as a heatmap; return the axes and a legend table.

    With ``font`` (a family from ``cjk_font``) the ticks show the row and column labels; without
    one they show short ASCII keys (``O1``… for rows, ``I1``… for columns), so a machine with no
    Chinese font draws no missing-glyph boxes and warns nothing. The legend table (``key``,
    ``axis``, ``label``) maps the keys back to the labels either way.
    """
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.colors import BoundaryNorm, ListedColormap

    row_keys = [f"O{i}" for i in range(1, len(scores.index) + 1)]
    column_keys = [f"I{j}" for j in range(1, len(scores.columns) + 1)]
    legend = pd.DataFrame(
        [(key, "row", str(label)) for key, label in zip(row_keys, scores.index)]
        + [(key, "column", str(label)) for key, label in zip(column_keys, scores.columns)],
        columns=["key", "axis", "label"],
    )
    if ax is None:
        width = max(6.0, 0.45 * len(scores.columns) + 3)
        height = max(4.0, 0.35 * len(scores.index) + 2)
        _, ax = plt.subplots(figsize=(width, height))
    colours = ListedColormap(["#f7f7f7", "#9ecae1", "#4292c6", "#08306b"])  # none … stated
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5], colours.N)
    image = ax.imshow(scores.to_numpy(), cmap=colours, norm=norm, aspect="auto")
    text = {} if font is None else {"fontfamily": font}
    ax.set_xticks(range(len(scores.columns)))
    ax.set_yticks(range(len(scores.index)))
    ax.set_xticklabels(column_keys if font is None else [str(c) for c in scores.columns],
                       rotation=90, fontsize=8, **text)
    ax.set_yticklabels(row_keys if font is None else [str(r) for r in scores.index], fontsize=8, **text)
    ax.set_xlabel("indicator")
    ax.set_ylabel("owner")
    bar = ax.figure.colorbar(image, ax=ax, ticks=[0, 1, 2, 3])
    bar.ax.set_yticklabels(["none", "inferred", "presented", "stated"])
    ax.figure.tight_layout()
    return ax, legend


def plot_progress(series: pd.DataFrame, *, ax: Axes | None = None, font: str | None = None) -> Axes:
    """Each target's reported figures as a share of the target (1.0, dashed), one line per target.

    ``series`` is ``analysis.progress_series_frame``. Shares put targets of any unit on one axis.
    Without ``font`` the legend names targets ``T1``… in the frame's order (no missing glyphs).
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    names = list(dict.fromkeys(series["indicator"]))
    for number, name in enumerate(names, start=1):
        rows = series[series["indicator"] == name]
        ax.plot(rows["year"], rows["share"], marker="o", label=name if font else f"T{number}")
    ax.axhline(1.0, color="#C0392B", linestyle="--", linewidth=1)
    ax.set_xlabel("year")
    ax.set_ylabel("reported / target")
    years = sorted(set(series["year"]))
    ax.set_xticks(years)
    legend = ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    if font:
        for text in legend.get_texts():
            text.set_fontfamily(font)
    ax.figure.tight_layout()
    return ax
