"""Domain errors. One root, specific subclasses; ``app/`` maps them to one JSON error shape."""

from __future__ import annotations


class PlanKGError(Exception):
    """Root of every error plankg raises on purpose."""


class NodeNotFound(PlanKGError):
    def __init__(self, node_id: str) -> None:
        super().__init__(f"no node with id {node_id!r}")
        self.node_id = node_id


class InvalidQuery(PlanKGError):
    """A parameter that cannot be answered (wrong label for the question, bad depth…)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class StoreUnavailable(PlanKGError):
    """The database cannot be reached; the message says what to check."""


class GraphFileError(PlanKGError):
    """The embedded graph file is missing or not a plankg graph."""


class LoaderError(PlanKGError):
    """A source document cannot be read; the message names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class ExportError(PlanKGError):
    """The graph cannot be written in the asked format; the message names the node or edge."""
