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

_CITY = re.compile(r"([\u4e00-\u9fff]{2,4})市")
_NOT_CITY_TAIL = set("城都全本我上超门夜股集各该地县区")
_NOT_CITY_CHARS = set("的了和与在是为到对把将从等共各个副正常务长委由")


def _place_name(before: str, text: str) -> str | None:
    """The place name ending right before a 市: the longest tail (2–4 characters) that occurs
    as often as its last two characters, so 石家庄市 gives 石家庄 and 由青岛市 gives 青岛."""
    tail2 = before[-2:]
    if len(tail2) < 2 or tail2[-1] in _NOT_CITY_TAIL or any(ch in _NOT_CITY_CHARS for ch in tail2):
        return None
    base = text.count(tail2)
    best = tail2
    for size in (3, 4):
        candidate = before[-size:]
        if len(candidate) == size and not any(ch in _NOT_CITY_CHARS for ch in candidate) and text.count(candidate) >= 0.8 * base:
            best = candidate
    return best


def detect_city(text: str) -> str | None:
    """The city a document is about: the ``XX市`` place name that recurs most in the text.

    ``城市``, ``都市``, ``全市``, ``我市``, ``上市`` are words, not places, and ``常务副市长``
    is a title; weighting by how often the name stands alone (青岛 appears everywhere) sorts
    them out. Names of two to four characters (青岛, 石家庄, 呼和浩特).
    """
    counts: Counter[str] = Counter()
    for m in _CITY.finditer(text):
        name = _place_name(m.group(1), text)
        if name:
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
    goal_start: int | None = None  # normalised offset of the goal's first mention
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

    def scoped(self, key: str) -> str:
        """A canonical key scoped to the document's city (two cities' 市商务局 are two nodes)."""
        return f"{self.city}|{key}"

    def content(self) -> list[tuple[int, Block]]:
        return self.structure.content_blocks()
