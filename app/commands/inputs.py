"""The documents a command reads, and the one way every command builds a graph from them.

``build``, ``load``, ``export`` and ``stats`` all build through ``build_documents``, so the same
files give the same graph whichever command read them (same size limit, same tokenizer cache).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import LoaderError
from graph.settings import Settings

if TYPE_CHECKING:
    from loaders.pipeline import BuildReport

__all__ = ["build_documents", "default_inputs"]


def default_inputs(data_dir: Path) -> list[Path]:
    """Every ``*.txt`` in ``data_dir``; ``LoaderError`` when there is none (nothing to build)."""
    paths = sorted(data_dir.glob("*.txt"))
    if not paths:
        raise LoaderError(str(data_dir), "no *.txt documents to build from (set PLANKG_DATA or name files)")
    return paths


def build_documents(files: Sequence[Path], settings: Settings, *, skip_bad: bool = False) -> BuildReport:
    """The graph of ``files`` (none given: ``default_inputs(PLANKG_DATA)``), built with the
    settings' file-size limit and tokenizer cache; ``skip_bad`` reports unreadable files instead
    of refusing the build.

    The pipeline is imported here, not at module level, so ``plankg --help`` stays fast.
    """
    from loaders.pipeline import build

    paths = list(files) or default_inputs(settings.data_dir)
    return build(paths, max_bytes=settings.max_file_bytes, skip_bad=skip_bad, cache_dir=settings.cache_dir)
