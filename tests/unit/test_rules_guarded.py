"""Rules that once could be broken without a test noticing (issue 10): each test here fails when
its rule is turned off. Expected values are read off the seed documents or the sentences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graph.model import Label, PlanGraph, RelType
from loaders.pipeline import build_graph
from loaders.textmap import normalise
from loaders.tokenizer import get_tokenizer


def _joined(original: str) -> str:
    return normalise(original, get_tokenizer(None).joins_word).text


def test_a_page_break_is_rejoined_only_inside_a_dictionary_word() -> None:
    # 规|划 is one word: the break inside 规划 goes; 设|山 is none: the break stays a line break
    assert "《五年规划》" in _joined("同时，青岛市制定了《五年规\n\n划》和《三年行动方案》。")
    assert "加快建设\n山东半岛" in _joined("同时，青岛持续推进新旧动能转换，加快建设\n\n山东半岛城市群。")


def test_a_heading_line_is_never_joined_to_the_next_line() -> None:
    # a short line without inner punctuation is a heading, even when 规|划 would make a word
    assert "发展规\n划纲要" in _joined("青岛发展规\n\n划纲要正式发布。")


def test_one_codrafting_department_per_positioning_and_one_positioning_per_department(seed_graph: PlanGraph) -> None:
    by_id = seed_graph.node_index()
    inferred = [(by_id[e.source].name, by_id[e.target].name) for e in seed_graph.edges
                if e.type is RelType.RESPONSIBLE_FOR and e.basis == "inferred"
                and by_id[e.source].label is Label.DEPARTMENT and by_id[e.target].label is Label.CITY_POSITIONING]
    assert len(inferred) == 4
    assert max(Counter(d for d, _ in inferred).values()) == 1
    assert max(Counter(p for _, p in inferred).values()) == 1


def test_an_inference_is_never_as_confident_as_a_presentation(seed_graph: PlanGraph) -> None:
    presented = {float(e.properties["confidence"]) for e in seed_graph.edges if e.basis == "presented"}
    inferred = {float(e.properties["confidence"]) for e in seed_graph.edges
                if e.basis == "inferred" and e.type is RelType.RESPONSIBLE_FOR}
    assert presented == {0.8}
    assert inferred and max(inferred) < min(presented)


def test_cross_document_links_need_more_than_a_common_word(seed_graph: PlanGraph) -> None:
    advances = [e for e in seed_graph.edges if e.type is RelType.ADVANCES]
    assert len(advances) == 9
    assert all(e.basis == "inferred" and e.properties.get("shared_terms") for e in advances)
    assert min(float(e.properties["confidence"]) for e in advances) >= 0.25


def test_a_positioning_list_counts_what_it_says(tmp_path: Path) -> None:
    def realizes(text: str) -> dict[str, str]:
        path = tmp_path / "plan.txt"
        path.write_text(text, encoding="utf-8")
        graph = build_graph([path])
        by_id = graph.node_index()
        return {by_id[e.source].name: str(e.properties.get("reason")) for e in graph.edges if e.type is RelType.REALIZES}

    listed = realizes("某市规划\n实现建设现代化城市的总目标。打造“三个城市”——甲港城市、乙港城市、丙港城市。")
    assert set(listed.values()) == {"listed as the positionings of the overall goal"}
    # 四个 over three items: not the document's own list, so nothing is stated as listed
    miscounted = realizes("某市规划\n实现建设现代化城市的总目标。打造“四个城市”——甲港城市、乙港城市、丙港城市。")
    assert "listed as the positionings of the overall goal" not in set(miscounted.values())


def test_an_official_is_known_as_of_the_page_that_names_him(seed_graph: PlanGraph) -> None:
    li = next(n for n in seed_graph.nodes if n.label is Label.PERSON and n.name == "李刚")
    assert li.properties["as_of"] == "2021-03-01"  # the 发布日期 of the 十四五 interpretation


def test_a_key_task_sharing_only_a_common_word_is_not_linked_across_documents() -> None:
    from loaders.builder import GraphBuilder
    from loaders.gazetteer import load_gazetteer
    from loaders.rules.crossdoc import link_across_documents

    builder = GraphBuilder()
    goal = builder.node(Label.GOAL, "g", "建设国际大都市", city="甲")
    for name, task in (("海洋城市", "海洋产业集群"), ("开放城市", "开放型产业体系")):
        pid = builder.node(Label.CITY_POSITIONING, name, name, city="甲")
        tid = builder.node(Label.TASK, task, task, city="甲", kind="focus_area")
        builder.edge(tid, pid, RelType.SUPPORTS)
        builder.edge(pid, goal, RelType.REALIZES)
    # 产业 is in both positionings' profiles (rarity weight 0.5): too little to link on
    builder.node(Label.TASK, "k", "壮大产业规模", city="甲", kind="key_task")
    link_across_documents(builder, get_tokenizer(None), load_gazetteer().stopwords)
    assert [e for e in builder.edges.values() if e.type is RelType.ADVANCES] == []
