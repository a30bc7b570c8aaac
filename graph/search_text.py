"""Text search over names and evidence: one tokeniser, one scoring rule, for both stores.

The rule (``score``): the query is cut into tokens by ``default_tokenize`` (jieba with the
project's user dictionary, ``loaders.tokenizer``); tokens without a letter or digit
(whitespace, punctuation) are dropped, the rest are lower-cased and deduplicated in query order.
A node earns **2 points** per token found (as a substring) in its name and **1 point** per token
found in its evidence text, both lower-cased; ``evidence_text`` is its mention sentences joined
with newlines (no token contains a newline, so no token matches across two sentences). Nodes
scoring 0 are dropped; hits are sorted by (-score, name, id). Every label is searched.

A store that scores in its engine (Cypher ``CONTAINS`` on ``toLower``) must reproduce exactly this;
the simplest way is to call ``score`` on fetched names and evidence texts.
"""

from __future__ import annotations

import heapq
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from graph.answers import check_limit, node_ref, search_hit_sort_key
from graph.model import Mention, Node
from graph.results import SearchHit

if TYPE_CHECKING:
    from graph.view import GraphView

__all__ = ["Tokenize", "default_tokenize", "evidence_text", "query_tokens", "score", "search"]

Tokenize = Callable[[str], Iterable[str]]
"""A function that cuts text into words."""


def default_tokenize(text: str) -> Iterable[str]:
    """Cut ``text`` with the project's jieba tokenizer (``loaders.tokenizer``, plan vocabulary).

    The same tokenizer the loaders use, built once per process on first use (loading the
    dictionary takes about a second), so query words split the way names were read.
    """
    from loaders.tokenizer import get_tokenizer

    return get_tokenizer().words(text)


def query_tokens(q: str, tokenize: Tokenize | None = None) -> list[str]:
    """The searchable tokens of a query: cut, without punctuation/whitespace, lower-cased, unique.

    >>> query_tokens("海洋， 城市", tokenize=lambda s: ["海洋", "，", " ", "城市", "海洋"])
    ['海洋', '城市']
    """
    cut = tokenize or default_tokenize
    tokens: list[str] = []
    for token in cut(q):
        cleaned = token.strip().lower()
        if cleaned and any(ch.isalnum() for ch in cleaned) and cleaned not in tokens:
            tokens.append(cleaned)
    return tokens


def evidence_text(mentions: Iterable[Mention]) -> str:
    """A node's evidence text: its mention sentences joined with newlines."""
    return "\n".join(mention.sentence for mention in mentions)


def score(tokens: Sequence[str], name: str, evidence: str) -> tuple[float, list[str]]:
    """(score, matched tokens in query order) of one node for lower-cased ``tokens``.

    >>> score(["海洋", "港口"], "海洋发展局", "推进港口建设")
    (3.0, ['海洋', '港口'])
    """
    return _score_lowered(tokens, name.lower(), evidence.lower())


def _score_lowered(tokens: Sequence[str], name_l: str, evidence_l: str) -> tuple[float, list[str]]:
    points = 0
    matched: list[str] = []
    for token in tokens:
        hit = False
        if token in name_l:
            points += 2
            hit = True
        if token in evidence_l:
            points += 1
            hit = True
        if hit:
            matched.append(token)
    return float(points), matched


#: Lower-cased names and evidence texts per view, computed on a view's first search. A view
#: never changes, so the entry stays valid until the view is dropped (weak keys).
_SEARCHABLE: WeakKeyDictionary[GraphView, list[tuple[Node, str, str]]] = WeakKeyDictionary()
_SEARCHABLE_LOCK = threading.Lock()


def _searchable(view: GraphView) -> list[tuple[Node, str, str]]:
    with _SEARCHABLE_LOCK:
        texts = _SEARCHABLE.get(view)
        if texts is None:
            texts = [
                (node, node.name.lower(), evidence_text(node.mentions).lower())
                for node in view.nodes.values()
            ]
            _SEARCHABLE[view] = texts
        return texts


def search(view: GraphView, q: str, *, limit: int = 20, tokenize: Tokenize | None = None) -> list[SearchHit]:
    """The best ``limit`` nodes for ``q`` (``limit`` checked and capped like a page size).

    A query with no searchable token (empty, only punctuation) finds nothing. O(N × tokens).
    """
    limit = check_limit(limit)
    tokens = query_tokens(q, tokenize)
    if not tokens:
        return []
    scored: list[tuple[float, str, str, Node, list[str]]] = []
    for node, name_l, evidence_l in _searchable(view):
        points, matched = _score_lowered(tokens, name_l, evidence_l)
        if points > 0:
            scored.append((-points, node.name, node.id, node, matched))
    best = heapq.nsmallest(limit, scored, key=lambda row: row[:3])
    hits = [
        SearchHit(node=node_ref(node), score=-negative, matched=matched)
        for negative, _, _, node, matched in best
    ]
    hits.sort(key=search_hit_sort_key)
    return hits
