"""What every extraction step of one document needs, and what earlier steps found.

Steps run in a fixed order (goal and positionings before tasks and indicators, departments
before ownership); each records what later steps consult in ``DocumentFacts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from graph.model import Mention
from loaders.evidence import Evidence
from loaders.gazetteer import Gazetteer
from loaders.reader import SourceDocument
from loaders.rules.city import (
    UNKNOWN_CITY,
    Jurisdiction,
    detect_city,
    detect_jurisdiction,
)
from loaders.structure import Block, DocumentStructure
from loaders.textmap import MappedText
from loaders.tokenizer import PlanTokenizer

__all__ = ["DeptMention", "DocContext", "DocumentFacts", "UNKNOWN_CITY", "detect_city"]  # detect_city: the pipeline's import


@dataclass(frozen=True)
class DeptMention:
    """A department named in the text (normalised offsets)."""

    start: int
    end: int
    node_id: str
    written: str


@dataclass
class DocumentFacts:
    goal_id: str | None = None
    goal_name: str | None = None
    goal_start: int | None = None  # normalised offset of the goal's first mention
    goal_rule: str | None = None  # which rule of loaders.rules.goals found it
    positionings: dict[str, str] = field(default_factory=dict)  # name -> id
    positioning_of_block: dict[int, str] = field(default_factory=dict)  # block index -> positioning id
    plans: dict[str, str] = field(default_factory=dict)  # title or alias -> id
    main_plan_id: str | None = None
    departments: list[DeptMention] = field(default_factory=list)
    task_of_block: dict[int, str] = field(default_factory=dict)  # block index -> key task id
    item_tasks: dict[int, str] = field(default_factory=dict)  # numbered item block -> its task id
    group_terms: set[str] = field(default_factory=set)  # 六个城市: the name of the positionings as a whole
    source_id: str | None = None


@dataclass
class DocContext:
    doc: SourceDocument
    mapped: MappedText
    structure: DocumentStructure
    evidence: Evidence
    tokenizer: PlanTokenizer
    gazetteer: Gazetteer
    city: str
    facts: DocumentFacts = field(default_factory=DocumentFacts)
    city_lists_positionings: bool = False  # some document of this city enumerates its positionings

    @property
    def text(self) -> str:
        return self.mapped.text

    def mention(self, start: int, end: int) -> Mention:
        return self.evidence.mention(start, end)

    @cached_property
    def jurisdiction(self) -> Jurisdiction | None:
        """The document's place and its parents (loaders.rules.city); None when no place is named."""
        return detect_jurisdiction(self.text) if self.city != UNKNOWN_CITY else None

    @property
    def scope(self) -> str:
        """What node keys are scoped to: the city, or this one document when the city is unknown,
        so two documents without a city never share a department (未知:plan.txt)."""
        return f"{UNKNOWN_CITY}:{self.doc.name}" if self.city == UNKNOWN_CITY else self.city

    def scoped(self, key: str) -> str:
        """A canonical key scoped to the document's city (two cities' 市商务局 are two nodes)."""
        return f"{self.scope}|{key}"

    def content(self) -> list[tuple[int, Block]]:
        return self.structure.content_blocks()
