"""Chinese examples for the OpenAPI page, copied from the seed graph.

The ids are those ``plankg build`` gives the seed documents (ids are stable across rebuilds), so
"Try it out" on /docs works on the seed graph; ``tests/api/test_docs.py`` checks they still exist
with these names and labels.
"""

from __future__ import annotations

from typing import Any

SOURCE = "000_59d890921a0e6d8d.txt"


def ref(node_id: str, label: str, name: str) -> dict[str, Any]:
    return {"id": node_id, "label": label, "name": name}


GOAL = ref("goal-886e521c73b5", "Goal", "建设新时代社会主义现代化国际大都市")
POSITIONING = ref("pos-d039f3b69512", "CityPositioning", "引领型现代海洋城市")
PORT_POSITIONING = ref("pos-5aefbfa3eebd", "CityPositioning", "国际门户枢纽城市")
TASK = ref("task-4da3da765727", "Task", "推动青岛港加快建设世界一流海港")
INDICATOR = ref("ind-8814c82146f1", "Indicator", "集装箱吞吐量")
DEPARTMENT = ref("dept-43f79ae787b9", "Department", "青岛市海洋发展局")
COMMERCE = ref("dept-5136677f5d87", "Department", "青岛市商务局")
TASK_FORCE = ref("tf-6ab9456f1748", "TaskForce", "引领型现代海洋城市专班")
PERSON = ref("person-81c9c9933bba", "Person", "殷世逸")
PLAN = ref("plan-b39558d1ec8b", "Plan", "关于聚力打造“六个城市” 加快建设新时代社会主义现代化国际大都市的实施意见")
SOURCE_NODE = ref("src-6b4b2d440f06", "Source", SOURCE)

ALL_REFS = (
    GOAL,
    POSITIONING,
    PORT_POSITIONING,
    TASK,
    INDICATOR,
    DEPARTMENT,
    COMMERCE,
    TASK_FORCE,
    PERSON,
    PLAN,
    SOURCE_NODE,
)

PRESENTED = {
    "source": SOURCE,
    "start": 1037,
    "end": 1117,
    "text": "发布会上,市政协副主席、商务局局长李苏满,市海洋发展局局长殷世逸分别介绍了打造国际门户枢纽城市、"
    "引领型现代海洋城市的基础条件、具体考虑和推进措施,并回答记者提问",
    "sentence": "发布会上,市政协副主席、商务局局长李苏满,市海洋发展局局长殷世逸分别介绍了打造国际门户枢纽城市、"
    "引领型现代海洋城市的基础条件、具体考虑和推进措施,并回答记者提问。",
    "sentence_start": 1037,
}
MEASURED = {
    "source": SOURCE,
    "start": 3074,
    "end": 3089,
    "text": "集装箱吞吐量超过2800万标箱",
    "sentence": "到2026年,海洋生产总值占GDP比\n\n重达到33%左右,港口货物吞吐量超过7亿吨,集装箱吞吐量超过2800万标箱。",
    "sentence_start": 3032,
}
PRESENTED_REASON = "the department's head presented it (介绍/解读); the text does not state the department is responsible"


def node(
    item: dict[str, Any],
    properties: dict[str, Any] | None = None,
    mention: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {**item, "properties": properties or {"city": "青岛"}, "mentions": [mention or PRESENTED]}


INDICATOR_NODE = node(
    INDICATOR,
    {
        "city": "青岛",
        "value": "2800",
        "unit": "万标箱",
        "comparator": "超过",
        "target_year": 2026,
        "text": "集装箱吞吐量超过2800万标箱",
    },
    MEASURED,
)
DEPARTMENT_NODE = node(DEPARTMENT, {"city": "青岛", "aliases": ["市海洋发展局", "市海洋局", "海洋"], "resolved": True})


def step(
    source: dict[str, Any],
    target: dict[str, Any],
    rel: str,
    basis: str = "stated",
    confidence: float = 1.0,
    reason: str | None = None,
    mention: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "type": rel,
        "basis": basis,
        "confidence": confidence,
        "reason": reason,
        "shared_terms": [],
        "mentions": [mention] if mention else [],
    }


RESPONSIBLE = step(DEPARTMENT, POSITIONING, "RESPONSIBLE_FOR", "presented", 0.8, PRESENTED_REASON, PRESENTED)

OWNERSHIP = {
    "owner": DEPARTMENT,
    "target": INDICATOR,
    "basis": "presented",
    "confidence": 0.8,
    "via": POSITIONING,
    "path": [
        RESPONSIBLE,
        step(INDICATOR, POSITIONING, "MEASURES", reason="stated in the positioning's part of the document", mention=MEASURED),
    ],
}

TASK_FORCES_SET_UP = {
    "source": SOURCE,
    "start": 542,
    "end": 546,
    "text": "6个专班",
    "sentence": "成立了专门的领导小组和6个专班,由市委、市政府主要负责同志担任领导小组组长,"
    "市委副书记和常务副市长担任办公室主任,市政府各分管负责同志担任各个专班的组长。",
    "sentence_start": 531,
}

TASK_FORCES_SET_UP_AGAIN = {
    "source": SOURCE,
    "start": 2300,
    "end": 2304,
    "text": "6个专班",
    "sentence": "青岛顶格推进、科学谋划打造“六个城市”,成立了专门的领导小组和6个专班,由市委、市政府主要负责同志担任"
    "领导小组组长,市委副书记和常务副市长担任办公室主任,市政府各分管负责同志担任各个专班的组长。",
    "sentence_start": 2269,
}

TASK_FORCE_RESPONSIBLE = step(
    TASK_FORCE,
    POSITIONING,
    "RESPONSIBLE_FOR",
    "inferred",
    0.6,
    "the text sets up 6个专班 for 六个城市 without naming them; one per positioning is inferred "
    "from the matching count",
)
TASK_FORCE_RESPONSIBLE["mentions"] = [TASK_FORCES_SET_UP, TASK_FORCES_SET_UP_AGAIN]

TASK_FORCE_OWNERSHIP = {
    "owner": TASK_FORCE,
    "target": INDICATOR,
    "basis": "inferred",
    "confidence": 0.6,
    "via": POSITIONING,
    "path": [TASK_FORCE_RESPONSIBLE, OWNERSHIP["path"][1]],
}

POSITIONING_OWNERSHIP = {
    "owner": DEPARTMENT,
    "target": POSITIONING,
    "basis": "presented",
    "confidence": 0.8,
    "via": None,
    "path": [RESPONSIBLE],
}

LADDER = {
    "start": TASK,
    "paths": [
        {
            "steps": [
                step(TASK, PORT_POSITIONING, "SUPPORTS"),
                step(PORT_POSITIONING, GOAL, "REALIZES"),
            ]
        }
    ],
}


def json_example(
    example: Any, description: str = "Successful answer", *, csv: bool = False
) -> dict[int | str, dict[str, Any]]:
    """A 200 response with a JSON example; ``csv`` adds the ``text/csv`` variant (``format=csv``)."""
    content: dict[str, Any] = {"application/json": {"example": example}}
    if csv:
        content["text/csv"] = {"schema": {"type": "string"}}
        description += " (JSON), or the same rows as CSV (`format=csv`)"
    return {200: {"description": description, "content": content}}

TASK_OWNERSHIP = {
    "owner": COMMERCE,
    "target": TASK,
    "basis": "presented",
    "confidence": 0.8,
    "via": PORT_POSITIONING,
    "path": [
        step(COMMERCE, PORT_POSITIONING, "RESPONSIBLE_FOR", "presented", 0.8, PRESENTED_REASON, PRESENTED),
        step(
            TASK,
            PORT_POSITIONING,
            "SUPPORTS",
            reason="an action in the positioning's paragraph",
            mention={
                "source": SOURCE,
                "start": 3379,
                "end": 3394,
                "text": "推动青岛港加快建设世界一流海港",
                "sentence": "在国际门户枢纽城市的打造上,青岛聚焦国际合作、双向投资、综合交通和内外循环,放大上合示范区、"
                "山东自贸试验区青岛片区等国字号开放平台能级,高水平建设中日(青岛)地方发展合作示范区,"
                "争取承办首届中国-中亚国家产业与投资合作论坛,推动青岛港加快建设世界一流海港。",
                "sentence_start": 3267,
            },
        ),
    ],
}
