"""Links across documents of one city: key tasks of one plan ADVANCE the positionings or the
goal of another, inferred from shared content words and marked as such.

The 十四五 interpretation never names the 六个城市, yet its key tasks clearly advance them; a
researcher needs that link to see how the tasks ladder up, and needs to know it is our
inference. Each ADVANCES edge records ``shared_terms``, a ``reason`` and a confidence that
grows with the overlap.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from graph.model import Label, Mention, RelType
from loaders.builder import GraphBuilder
from loaders.tokenizer import PlanTokenizer

logger = logging.getLogger(__name__)

MIN_SCORE = 1.5


def _weight(shared: set[str], df: dict[str, int]) -> float:
    """Shared words weighted by rarity: a word in every positioning's profile tells nothing."""
    return round(sum(1.0 / df[t] for t in shared), 3)


def _terms(tokenizer: PlanTokenizer, text: str, stopwords: frozenset[str]) -> set[str]:
    return tokenizer.content_terms(text, stopwords)


def link_across_documents(builder: GraphBuilder, tokenizer: PlanTokenizer, stopwords: frozenset[str]) -> None:
    nodes = builder.nodes
    children: dict[str, list[str]] = defaultdict(list)
    supports: dict[str, list[str]] = defaultdict(list)
    for edge in builder.edges.values():
        if edge.type is RelType.PART_OF:
            children[edge.target].append(edge.source)
        if edge.type in (RelType.SUPPORTS, RelType.MEASURES):
            supports[edge.target].append(edge.source)
    by_city: dict[str, list[str]] = defaultdict(list)
    for nid, node in nodes.items():
        by_city[str(node.properties.get("city"))].append(nid)
    for city, ids in sorted(by_city.items()):
        stop = stopwords | {city}
        goals = [i for i in ids if nodes[i].label is Label.GOAL]
        positionings = [i for i in ids if nodes[i].label is Label.CITY_POSITIONING]
        key_tasks = [i for i in ids if nodes[i].label is Label.TASK and nodes[i].properties.get("kind") == "key_task"]
        if not goals or not key_tasks:
            continue
        profile = {
            pid: _terms(tokenizer, " ".join([nodes[pid].name] + [nodes[c].name for c in supports[pid]]), stop)
            for pid in positionings
        }
        df: dict[str, int] = defaultdict(int)
        for terms_of in profile.values():
            for term in terms_of:
                df[term] += 1
        goal_terms = {gid: _terms(tokenizer, nodes[gid].name, stop) for gid in goals}
        for tid in sorted(key_tasks):
            text = " ".join([nodes[tid].name] + [nodes[c].name for c in children[tid]])
            terms = _terms(tokenizer, text, stop)
            head_terms = _terms(tokenizer, nodes[tid].name, stop)
            scored = sorted(((_weight(terms & profile[p], df), p) for p in positionings), reverse=True)
            best = scored[0][0] if scored else 0.0
            linked = False
            for score, pid in scored:
                if score >= max(MIN_SCORE, 0.6 * best):
                    shared = sorted(terms & profile[pid])
                    _advance(builder, tid, pid, shared, score, "its summary shares these words with the positioning's tasks and targets")
                    linked = True
            for gid in goals:
                shared = sorted(head_terms & goal_terms[gid])
                if shared:
                    _advance(builder, tid, gid, shared, len(shared) + 1, "its heading names the goal's words")
                    linked = True
            if not linked:
                logger.info("key task %r shares no words with any positioning or goal: left unlinked", nodes[tid].name)


def _advance(builder: GraphBuilder, task: str, target: str, shared: list[str], score: float, why: str) -> None:
    mentions: list[Mention] = builder.nodes[task].mentions[:1] + builder.nodes[target].mentions[:1]
    builder.edge(
        task, target, RelType.ADVANCES, mentions, basis="inferred",
        confidence=round(min(0.7, 0.15 + 0.08 * score), 3), shared_terms=shared,
        reason=f"inferred across documents: {why}. No sentence states this link.",
    )
