"""A deterministic synthetic corpus shaped like the seed documents, for tests and benchmarks.

Each city ``i`` is generated from its own ``random.Random("plankg-synthetic:{seed}:{i}")``, so
city 0 is the same whether 2 or 100 cities are asked for, and ``synthetic_graph(n)`` is a
prefix of ``synthetic_graph(n + 1)``. Per city (≈510 nodes, ≈630 edges):

- 1 Goal and 6 CityPositionings that REALIZE it (the seed's six names);
- 5–6 focus-area Tasks SUPPORTING each positioning; the first one of 国际化创新型城市 also
  ADVANCES it (a parallel edge of another type);
- 3–4 Indicators MEASURING each positioning (target_year 2026; 2025 for 现代化治理样板城市), and one
  indicator (城市综合竞争力) MEASURING the Goal directly;
- 12 Departments: the seed's six co-drafters RESPONSIBLE_FOR their positioning (商务局 and
  海洋发展局 ``presented``, the others ``stated``), five more ``inferred`` for a positioning,
  发展改革委 RESPONSIBLE_FOR the Goal and the implementation plan, and three departments
  RESPONSIBLE_FOR one of their positioning's indicators directly (``stated``);
- 1 leading-group TaskForce RESPONSIBLE_FOR the Goal and 6 专班 each RESPONSIBLE_FOR one
  positioning; 21 Persons (department heads HOLD_ROLES; mayor, two office directors and
  six vice-mayors LEAD);
- 13 Plans (the 实施意见 IMPLEMENTING the Goal, and per positioning a 五年规划 and a
  三年行动方案 IMPLEMENTING it, BASED_ON the 实施意见, DRAFTED_BY a department), each with 5
  key Tasks PART_OF it with 4–6 sub-Tasks PART_OF each; key tasks ADVANCE a positioning
  (``inferred``), some a second one too;
- 2 Sources (a press-briefing file and a plan file), every node and edge cited by a Mention
  whose ``text`` is exactly ``document[start:end]`` (``synthetic_corpus`` returns the texts).

The names (positionings, departments, indicators, name pools) are the tables of
``tests.support.synthetic_vocabulary``; this module is the generator.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import (
    Basis,
    Edge,
    Label,
    Mention,
    Node,
    PlanGraph,
    PropertyValue,
    RelType,
    node_id,
)
from tests.support.synthetic_vocabulary import (
    CITY_CHARS,
    DIRECT_INDICATORS,
    GIVEN_NAME_CHARS,
    GOAL_INDICATOR,
    GOAL_NAME,
    KEY_TASK_THEMES,
    OBJECTS,
    PLANNING_DEPARTMENT,
    POSITIONINGS,
    PRESENTING,
    SUPPORTING_DEPARTMENTS,
    SURNAMES,
    VERBS,
)

__all__ = ["POSITIONINGS", "SyntheticCorpus", "city_name", "synthetic_corpus", "synthetic_graph"]


def city_name(index: int) -> str:
    """The synthetic city ``index``'s name, e.g. ``海海市``; unique for every index."""
    n = len(CITY_CHARS)
    base = CITY_CHARS[index % n] + CITY_CHARS[(index // n) % n]
    extra = index // (n * n)
    return f"{base}{extra if extra else ''}市"


@dataclass(frozen=True)
class _Sentence:
    source: str
    text: str
    start: int

    def cite(self, span: str | None = None, after: int = 0) -> Mention:
        """A mention of ``span`` (first occurrence from ``after``) in this sentence, or of all of it."""
        offset = 0 if span is None else self.text.index(span, after)
        quoted = self.text if span is None else span
        return Mention(
            source=self.source,
            start=self.start + offset,
            end=self.start + offset + len(quoted),
            text=quoted,
            sentence=self.text,
            sentence_start=self.start,
        )


@dataclass
class _Document:
    source: str
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def say(self, text: str) -> _Sentence:
        sentence = _Sentence(self.source, text, self.length)
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return sentence

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _City:
    """Collects one city's records; nodes and edges keep their mentions as they accumulate."""

    name: str
    rng: random.Random
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def node(self, label: Label, key: str, name: str, mention: Mention, **properties: PropertyValue) -> str:
        nid = node_id(label, f"{self.name}/{key}")
        existing = self.nodes.get(nid)
        if existing is None:
            self.nodes[nid] = Node(id=nid, label=label, name=name, properties=properties, mentions=[mention])
        else:
            existing.mentions.append(mention)
        return nid

    def cite(self, nid: str, mention: Mention) -> None:
        self.nodes[nid].mentions.append(mention)

    def edge(
        self, source: str, target: str, rel: RelType, mention: Mention, basis: Basis, reason: str | None = None
    ) -> None:
        if basis == "stated":
            confidence = 0.95
        elif basis == "presented":
            confidence = 0.9
        else:
            confidence = round(self.rng.uniform(0.55, 0.8), 2)
        properties: dict[str, PropertyValue] = {"basis": basis, "confidence": confidence}
        if reason is not None:
            properties["reason"] = reason
        key = (source, target, rel.value)
        if key in self.edges:
            self.edges[key].mentions.append(mention)
        else:
            self.edges[key] = Edge(
                source=source, target=target, type=rel, properties=properties, mentions=[mention]
            )

    def official(self, sentence: _Sentence, person: str, title: str, rel: RelType, office: str) -> None:
        """``person``, named with ``title`` in ``sentence``, LEADS or HOLDS_ROLE in ``office`` (stated)."""
        pid = self.node(Label.PERSON, f"person/{person}", person, sentence.cite(person), title=title)
        self.edge(pid, office, rel, sentence.cite(), "stated")

    def person_name(self, used: set[str]) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN_NAME_CHARS) + self.rng.choice(GIVEN_NAME_CHARS)
            if name not in used:
                used.add(name)
                return name


@dataclass(frozen=True)
class SyntheticCorpus:
    """The synthetic graph and the text of every synthetic source file (for citation checks)."""

    graph: PlanGraph
    documents: dict[str, str]


def synthetic_corpus(cities: int, seed: int = 0) -> SyntheticCorpus:
    """The graph of ``cities`` synthetic cities together with their source texts."""
    if cities < 0:
        raise ValueError(f"cities must not be negative, got {cities}")
    nodes: list[Node] = []
    edges: list[Edge] = []
    documents: dict[str, str] = {}
    for index in range(cities):
        city, docs = _generate_city(index, seed)
        nodes.extend(city.nodes.values())
        edges.extend(city.edges.values())
        documents.update({doc.source: doc.text for doc in docs})
    return SyntheticCorpus(graph=PlanGraph(nodes=nodes, edges=edges), documents=documents)


def synthetic_graph(cities: int, seed: int = 0) -> PlanGraph:
    """A deterministic plan graph of ``cities`` cities (see the module docstring).

    About 510 nodes per city, so ``synthetic_graph(100)`` has more than 50,000 nodes.
    """
    return synthetic_corpus(cities, seed).graph


def _generate_city(index: int, seed: int) -> tuple[_City, list[_Document]]:
    name = city_name(index)
    city = _City(name=name, rng=random.Random(f"plankg-synthetic:{seed}:{index}"))
    briefing = _Document(f"synthetic_{seed}_{index:03d}_briefing.txt")
    plan_doc = _Document(f"synthetic_{seed}_{index:03d}_plan.txt")

    goal, positionings, owners = _briefing(city, briefing)
    _plans(city, plan_doc, goal, positionings, owners)
    return city, [briefing, plan_doc]


def _briefing(city: _City, doc: _Document) -> tuple[str, list[str], dict[str, str]]:
    """The press-briefing document: goal, positionings, owners, persons, indicators."""
    name = city.name
    rng = city.rng
    title = doc.say(f"{name}举办新闻发布会介绍打造“六个城市”、{GOAL_NAME}的思路举措")
    source = city.node(Label.SOURCE, f"source/{doc.source}", doc.source, title.cite(), title=title.text)

    pos_names = [p[0] for p in POSITIONINGS]
    s = doc.say(f"{name}提出了{GOAL_NAME}的总目标，“六个城市”分别为{'、'.join(pos_names)}。")
    goal = city.node(Label.GOAL, "goal", GOAL_NAME, s.cite(GOAL_NAME), city=name)
    city.edge(goal, source, RelType.DESCRIBED_IN, title.cite(), "stated")
    positionings = []
    for pos_name in pos_names:
        pos = city.node(Label.CITY_POSITIONING, f"pos/{pos_name}", pos_name, s.cite(pos_name))
        city.edge(pos, goal, RelType.REALIZES, s.cite(), "stated")
        positionings.append(pos)

    used_names: set[str] = set()
    s = doc.say(f"{name}成立了打造“六个城市”领导小组和6个专班，由市委、市政府主要负责同志担任领导小组组长。")
    group = city.node(
        Label.TASK_FORCE,
        "tf/leading",
        f"{name}打造“六个城市”领导小组",
        s.cite("领导小组"),
        kind="leading_group",
    )
    city.edge(group, goal, RelType.RESPONSIBLE_FOR, s.cite(), "stated")
    mayor = city.person_name(used_names)
    s = doc.say(f"市长{mayor}担任领导小组组长。")
    city.official(s, mayor, "市长", RelType.LEADS, group)
    deputies = [city.person_name(used_names), city.person_name(used_names)]
    s = doc.say(f"市委副书记{deputies[0]}和常务副市长{deputies[1]}担任领导小组办公室主任。")
    for deputy, deputy_title in zip(deputies, ("市委副书记", "常务副市长"), strict=True):
        city.official(s, deputy, deputy_title, RelType.LEADS, group)
    for pos, pos_name in zip(positionings, pos_names, strict=True):
        leader = city.person_name(used_names)
        s = doc.say(f"副市长{leader}担任{pos_name}专班组长，专班负责推进打造{pos_name}。")
        force = city.node(
            Label.TASK_FORCE,
            f"tf/{pos_name}",
            f"{pos_name}专班",
            s.cite(f"{pos_name}专班"),
            kind="task_force",
        )
        city.cite(pos, s.cite(pos_name))
        city.edge(force, pos, RelType.RESPONSIBLE_FOR, s.cite(), "stated")
        city.official(s, leader, "副市长", RelType.LEADS, force)

    owners: dict[str, str] = {}

    def department(short: str, sentence: _Sentence, head_title: str) -> str:
        full = f"{name}{short}"
        span = full if full in sentence.text else short
        dept = city.node(
            Label.DEPARTMENT,
            f"dept/{short}",
            full,
            sentence.cite(span),
            short_name=short,
            aliases=[f"市{short}"],
        )
        head = city.person_name(used_names)
        hs = doc.say(f"{full}{head_title}{head}出席发布会。")
        city.official(hs, head, f"{short}{head_title}", RelType.HOLDS_ROLE, dept)
        city.cite(dept, hs.cite(full))
        owners[short] = dept
        return dept

    s = doc.say(f"{name}{PLANNING_DEPARTMENT}会同开展“六个城市”工作谋划和推进落实，起草编制了《实施意见》。")
    planner = department(PLANNING_DEPARTMENT, s, "主任")
    city.edge(planner, goal, RelType.RESPONSIBLE_FOR, s.cite(), "stated")

    indicator_ids: list[list[str]] = []
    for pos_index, (pos_name, _areas, indicators, lead) in enumerate(POSITIONINGS):
        pos = positionings[pos_index]
        basis = "presented" if lead in PRESENTING else "stated"
        verb = "介绍了打造" if basis == "presented" else "牵头推进"
        s = doc.say(f"{name}{lead}{verb}{pos_name}的基础条件和推进措施。")
        dept = department(lead, s, "局长" if lead.endswith("局") else "主任")
        city.cite(pos, s.cite(pos_name))
        city.edge(dept, pos, RelType.RESPONSIBLE_FOR, s.cite(), basis)

        count = rng.randint(3, 4)
        chosen = indicators[:count]
        year = 2025 if pos_index == 5 else 2026
        clauses = [
            f"{ind}{'不高于' if cmp == '≤' else '达到'}{value:g}{unit}" for ind, value, unit, cmp in chosen
        ]
        s = doc.say(f"到{year}年，{pos_name}{'，'.join(clauses)}。")
        ids = []
        for ind_name, value, unit, cmp in chosen:
            ind = city.node(
                Label.INDICATOR,
                f"ind/{ind_name}",
                ind_name,
                s.cite(ind_name),
                target_year=year,
                target_value=float(value),
                unit=unit,
                comparator=cmp,
            )
            city.edge(ind, pos, RelType.MEASURES, s.cite(), "stated")
            ids.append(ind)
        indicator_ids.append(ids)

    for short, pos_index in SUPPORTING_DEPARTMENTS:
        pos_name = POSITIONINGS[pos_index][0]
        s = doc.say(f"{name}{short}配合做好{pos_name}相关工作。")
        dept = department(short, s, "局长")
        city.cite(positionings[pos_index], s.cite(pos_name))
        city.edge(
            dept,
            positionings[pos_index],
            RelType.RESPONSIBLE_FOR,
            s.cite(),
            "inferred",
            reason=f"{short}的职能与{pos_name}相关，文中只说配合",
        )

    home = {lead: i for i, (_p, _a, _i, lead) in enumerate(POSITIONINGS)} | dict(SUPPORTING_DEPARTMENTS)
    for short, ind_index in DIRECT_INDICATORS:
        ids = indicator_ids[home[short]]
        if ind_index >= len(ids):
            continue
        ind = ids[ind_index]
        ind_name = city.nodes[ind].name
        s = doc.say(f"{ind_name}指标由{name}{short}负责统计调度。")
        city.cite(ind, s.cite(ind_name))
        city.edge(owners[short], ind, RelType.RESPONSIBLE_FOR, s.cite(), "stated")

    s = doc.say(f"到2026年，{GOAL_INDICATOR}和国际影响力明显提升。")
    ind = city.node(
        Label.INDICATOR, f"ind/{GOAL_INDICATOR}", GOAL_INDICATOR, s.cite(GOAL_INDICATOR), target_year=2026
    )
    city.edge(ind, goal, RelType.MEASURES, s.cite(), "stated")
    return goal, positionings, owners


def _plans(city: _City, doc: _Document, goal: str, positionings: list[str], owners: dict[str, str]) -> None:
    """The plan document: plans, key tasks, sub-tasks, focus areas."""
    name = city.name
    rng = city.rng
    title = doc.say(f"{name}关于聚力打造“六个城市”加快{GOAL_NAME}的实施意见")
    source = city.node(Label.SOURCE, f"source/{doc.source}", doc.source, title.cite(), title=title.text)

    s = doc.say(f"《实施意见》明确了{GOAL_NAME}的总体目标任务。")
    city.cite(goal, s.cite(GOAL_NAME))
    opinion = city.node(
        Label.PLAN, "plan/实施意见", f"{name}实施意见", title.cite("实施意见"), kind="实施意见"
    )
    city.edge(opinion, goal, RelType.IMPLEMENTS, s.cite(), "stated")
    city.edge(opinion, source, RelType.DESCRIBED_IN, title.cite(), "stated")
    s = doc.say(f"《实施意见》由{name}{PLANNING_DEPARTMENT}起草编制。")
    city.cite(owners[PLANNING_DEPARTMENT], s.cite(f"{name}{PLANNING_DEPARTMENT}"))
    city.edge(opinion, owners[PLANNING_DEPARTMENT], RelType.DRAFTED_BY, s.cite(), "stated")
    city.edge(owners[PLANNING_DEPARTMENT], opinion, RelType.RESPONSIBLE_FOR, s.cite(), "stated")

    for pos_index, (pos_name, areas, _indicators, _lead) in enumerate(POSITIONINGS):
        pos = positionings[pos_index]
        chosen = areas[: rng.randint(5, 6)]
        tasks = [f"推进{area}" for area in chosen]
        s = doc.say(f"在{pos_name}的打造上，{name}聚焦{'、'.join(tasks)}。")
        city.cite(pos, s.cite(pos_name))
        for task_name in tasks:
            task = city.node(
                Label.TASK, f"task/{pos_name}/{task_name}", task_name, s.cite(task_name), kind="focus_area"
            )
            city.edge(task, pos, RelType.SUPPORTS, s.cite(), "stated")
            if pos_index == 2 and task_name == tasks[0]:
                city.edge(task, pos, RelType.ADVANCES, s.cite(), "inferred", reason="聚焦领域同时推进该定位")

    plans = [(opinion, "实施意见", None)]
    for pos_index, (pos_name, _areas, _indicators, lead) in enumerate(POSITIONINGS):
        for kind in ("五年规划", "三年行动方案"):
            s = doc.say(f"{name}制定了打造{pos_name}的《{kind}》，由{name}{lead}起草。")
            plan = city.node(
                Label.PLAN, f"plan/{pos_name}/{kind}", f"{pos_name}{kind}", s.cite(kind), kind=kind
            )
            city.cite(positionings[pos_index], s.cite(pos_name))
            city.edge(plan, positionings[pos_index], RelType.IMPLEMENTS, s.cite(), "stated")
            city.edge(plan, opinion, RelType.BASED_ON, s.cite(), "stated")
            city.edge(plan, owners[lead], RelType.DRAFTED_BY, s.cite(), "stated")
            city.edge(plan, source, RelType.DESCRIBED_IN, s.cite(), "stated")
            plans.append((plan, kind, pos_index))

    for plan, _kind, pos_index in plans:
        plan_name = city.nodes[plan].name
        for k in range(5):
            theme = KEY_TASK_THEMES[k]
            key_name = f"突出{theme}{_pick(rng, VERBS)}{_pick(rng, OBJECTS)}"
            subs = [f"{_pick(rng, VERBS)}{_pick(rng, OBJECTS)}" for _ in range(rng.randint(4, 6))]
            lead_in = f"《{plan_name}》提出{key_name}，重点"
            s = doc.say(f"{lead_in}{'、'.join(subs)}。")
            key_task = city.node(
                Label.TASK, f"task/{plan_name}/{k}", key_name, s.cite(key_name), kind="key_task"
            )
            city.edge(key_task, plan, RelType.PART_OF, s.cite(), "stated")
            for j, sub_name in enumerate(subs):
                mention = s.cite(sub_name, after=len(lead_in) + sum(len(x) + 1 for x in subs[:j]))
                sub = city.node(Label.TASK, f"task/{plan_name}/{k}/{j}", sub_name, mention, kind="sub_task")
                city.edge(sub, key_task, RelType.PART_OF, s.cite(), "stated")
            advanced = [k % 6 if pos_index is None else pos_index]
            if rng.random() < 0.2:
                advanced.append(rng.choice([i for i in range(6) if i != advanced[0]]))
            for target_index in advanced:
                pos_name = POSITIONINGS[target_index][0]
                s2 = doc.say(f"{key_name}有助于打造{pos_name}。")
                city.cite(key_task, s2.cite(key_name))
                city.cite(positionings[target_index], s2.cite(pos_name))
                city.edge(
                    key_task,
                    positionings[target_index],
                    RelType.ADVANCES,
                    s2.cite(),
                    "inferred",
                    reason=f"重点任务的内容与{pos_name}的聚焦领域一致",
                )


def _pick(rng: random.Random, options: Iterable[str]) -> str:
    return rng.choice(tuple(options))
