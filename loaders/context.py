"""What every extraction step of one document needs, and what earlier steps found.

Steps run in a fixed order (goal and positionings before tasks and indicators, departments
before ownership); each records what later steps consult in ``DocumentFacts``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from graph.model import Mention
from loaders.evidence import Evidence
from loaders.gazetteer import Gazetteer
from loaders.reader import SourceDocument
from loaders.structure import Block, DocumentStructure
from loaders.textmap import MappedText
from loaders.tokenizer import PlanTokenizer

_CITY = re.compile(r"([\u4e00-\u9fff]{2,3}?)市")
_NOT_CITY = {"城", "都", "全", "本", "我", "上", "超", "门", "夜", "股", "集", "城", "各", "该", "地", "县", "区"}


def detect_city(text: str) -> str | None:
    """The city a document is about: the ``XX市`` whose XX recurs most in the text.

    ``城市``, ``都市``, ``全市``, ``我市``, ``上市`` are words, not places, and ``常务副市长``
    is a title; weighting by how often XX stands alone (青岛 appears everywhere) sorts them out.
    """
    counts: Counter[str] = Counter()
    for m in _CITY.finditer(text):
        name = m.group(1)[-2:]
        if name[-1] in _NOT_CITY or any(ch in "的了和与在是为到对把将从等共各个副正常务长委" for ch in name):
            continue
        counts[name] += 1
    if not counts:
        return None
    scored = {name: n + text.count(name) for name, n in counts.items()}
    return max(sorted(scored), key=lambda name: scored[name])


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
    positionings: dict[str, str] = field(default_factory=dict)  # name -> id
    positioning_order: list[str] = field(default_factory=list)
    positioning_of_block: dict[int, str] = field(default_factory=dict)  # block index -> positioning id
    plans: dict[str, str] = field(default_factory=dict)  # title or alias -> id
    main_plan_id: str | None = None
    departments: list[DeptMention] = field(default_factory=list)
    key_tasks: list[str] = field(default_factory=list)
    task_of_block: dict[int, str] = field(default_factory=dict)  # block index -> key task id
    group_terms: set[str] = field(default_factory=set)  # 六个城市: the name of the positionings as a whole
    tasks: list[str] = field(default_factory=list)
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

    @property
    def text(self) -> str:
        return self.mapped.text

    def mention(self, start: int, end: int) -> Mention:
        return self.evidence.mention(start, end)

    def scoped(self, key: str) -> str:
        """A canonical key scoped to the document's city (two cities' 市商务局 are two nodes)."""
        return f"{self.city}|{key}"

    def content(self) -> list[tuple[int, Block]]:
        return self.structure.content_blocks()
