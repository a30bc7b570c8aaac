"""Text search over names and evidence: one tokeniser, one matching and ranking rule, both stores.

The rule:

- **The query.** ``parse_query`` cuts it with the store's tokenizer (the composition root passes
  jieba with the project's user dictionary, ``loaders.tokenizer.search_words``; graph/ never
  imports loaders/, so it cannot build one itself), else the one ``install_tokenizer`` set; tokens without a letter or digit are dropped, the rest
  lower-cased and deduplicated in query order, and **stop words** (``STOP_WORDS``: 和, 的, 与 …)
  are dropped too: a function word says nothing about a node, and "海洋发展和渔业局" must not find
  every sentence with 和 in it. The **phrase** is the whole query, lower-cased, whitespace runs
  collapsed. A query with no token left (empty, punctuation, only stop words) finds nothing.
- **A match** (``match_texts``): which tokens the node's lower-cased name and evidence text
  (mention sentences joined by newlines, so nothing matches across two sentences) contain as
  substrings, and whether they contain the phrase. A node containing no token is no hit.
- **The score** (``score``): 2 per token in the name, 1 per token in the evidence, plus 8 when
  the name *is* the phrase, else 4 when the name contains it, else 2 when the evidence does.
  So names and exact phrases rank first.
- **The order** (``graph.questions.answers.search_rank_key``): score descending, then
  ``graph.questions.answers.SEARCH_LABEL_ORDER`` (the plan's structure and its owners before the many tasks, so the
  first hit for 海洋 is the positioning, not a sub-task), then name, then id.
- **The hit** says where it matched (``matched_in``: ``name`` when a token is in the name, else
  ``evidence``) and shows a ``Snippet``: the name, or a window of the first evidence sentence
  containing the phrase (else the first matched token), with the span's offsets.

A store that matches in its engine (``Neo4jStore``, Cypher ``CONTAINS`` on properties lower-cased
by Python) hands its ``NodeMatch`` facts to ``page``, which ranks, counts and builds hits, so both
stores give identical pages.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from weakref import WeakKeyDictionary

from graph.model import Label, Mention, Node
from graph.questions.answers import check_limit, check_offset, search_rank_key
from graph.results import NodeRef, SearchHit, SearchPage, Snippet

if TYPE_CHECKING:
    from graph.questions.view import GraphView

__all__ = [
    "STOP_WORDS",
    "NodeMatch",
    "SearchQuery",
    "Tokenize",
    "default_tokenize",
    "install_tokenizer",
    "evidence_text",
    "match_texts",
    "page",
    "parse_query",
    "query_tokens",
    "score",
    "search",
    "snippet",
]

Tokenize = Callable[[str], Iterable[str]]
"""A function that cuts text into words."""

#: Function words that never match on their own (conjunctions, particles, prepositions).
STOP_WORDS: frozenset[str] = frozenset(
    "和 与 及 以及 或 或者 并 并且 而 而且 的 地 得 之 了 着 过 在 于 对 向 从 由 把 被 为 以 "
    "将 其 等 是 也 都 又 各 该 此 这 那 及其 中".split()
)

#: Characters of context either side of the matched span in an evidence snippet.
SNIPPET_CONTEXT = 30
_SPACES = re.compile(r"\s+")


#: The tokenizer for searches whose store was given none (``install_tokenizer``).
_installed: Tokenize | None = None


def install_tokenizer(tokenize: Tokenize) -> None:
    """Make ``tokenize`` the process's default search tokenizer.

    The composition root passes a tokenizer to each store it opens; this default is for stores
    built by hand (tests, notebooks), which then cut queries the same way without graph/ knowing
    where the tokenizer comes from.
    """
    global _installed
    _installed = tokenize


def default_tokenize(text: str) -> Iterable[str]:
    """Cut ``text`` with the installed tokenizer; raise ``RuntimeError`` when none was installed.

    Failing loudly beats a silent fallback that would cut queries unlike the names were read.
    """
    if _installed is None:
        raise RuntimeError(
            "no search tokenizer: pass tokenize= to the store, or call "
            "graph.questions.search.install_tokenizer(loaders.tokenizer.search_words())"
        )
    return _installed(text)


def query_tokens(q: str, tokenize: Tokenize | None = None) -> list[str]:
    """The searchable tokens of a query: cut, without punctuation and stop words, lower-cased, unique.

    >>> query_tokens("海洋和 城市", tokenize=lambda s: ["海洋", "和", " ", "城市", "海洋"])
    ['海洋', '城市']
    """
    cut = tokenize or default_tokenize
    tokens: list[str] = []
    for token in cut(q):
        cleaned = token.strip().lower()
        if cleaned and any(ch.isalnum() for ch in cleaned) and cleaned not in STOP_WORDS and cleaned not in tokens:
            tokens.append(cleaned)
    return tokens


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: the whole ``phrase`` and its content ``tokens`` (both lower-cased)."""

    phrase: str
    tokens: tuple[str, ...]


def parse_query(q: str, tokenize: Tokenize | None = None) -> SearchQuery | None:
    """The query's phrase and tokens; ``None`` when no token is left (it finds nothing)."""
    tokens = query_tokens(q, tokenize)
    if not tokens:
        return None
    return SearchQuery(phrase=_SPACES.sub(" ", q.strip()).lower(), tokens=tuple(tokens))


@dataclass(frozen=True, slots=True)
class NodeMatch:
    """What a store found for one node: the facts ``score`` and ``page`` rank from.

    The node is named by ``id``, ``label`` and ``name``, and its ``NodeRef`` built only for the
    hits a page shows (a search ranks every match; building a model per match was a tenth of a
    Neo4j search's Python work). ``evidence`` (the original sentences, newline-joined) is needed
    only to show an evidence hit's snippet; a store may leave it ``None`` for name hits and
    fetch nothing more.
    """

    id: str
    label: Label
    name: str
    in_name: frozenset[str]
    in_evidence: frozenset[str]
    phrase_in_name: bool
    phrase_in_evidence: bool
    evidence: str | None = None

    @property
    def matched_in(self) -> Literal["name", "evidence"]:
        return "name" if self.in_name else "evidence"

    @property
    def node(self) -> NodeRef:
        return NodeRef(id=self.id, label=self.label, name=self.name)


def match_texts(
    query: SearchQuery, name_l: str, evidence_l: str
) -> tuple[frozenset[str], frozenset[str], bool, bool] | None:
    """(tokens in name, tokens in evidence, phrase in name, phrase in evidence) of lower-cased
    texts, or ``None`` when no token is in either (the phrase holds every token, so a node
    containing the phrase always has one)."""
    in_name = frozenset(token for token in query.tokens if token in name_l)
    in_evidence = frozenset(token for token in query.tokens if token in evidence_l)
    if not in_name and not in_evidence:
        return None
    return in_name, in_evidence, query.phrase in name_l, query.phrase in evidence_l


def score(query: SearchQuery, match: NodeMatch) -> float:
    """2 per name token, 1 per evidence token, +8 exact name, else +4 phrase in name, else +2
    phrase in evidence.

    >>> q = SearchQuery("海洋", ("海洋",))
    >>> score(q, NodeMatch("p", Label.CITY_POSITIONING, "海洋", frozenset({"海洋"}), frozenset(), True, False))
    10.0
    """
    points = 2 * len(match.in_name) + len(match.in_evidence)
    if match.phrase_in_name:
        points += 8 if match.name.lower() == query.phrase else 4
    elif match.phrase_in_evidence:
        points += 2
    return float(points)


def snippet(query: SearchQuery, match: NodeMatch, evidence: str | None) -> Snippet:
    """The name with the span, or a window of the first evidence sentence holding the span.

    The span is the phrase where it matched, else the first query token (in query order) that
    matched there. Offsets index ``text``; text whose lower-casing changes its length (rare
    non-Chinese letters) is shown lower-cased so the offsets stay true.
    """
    if match.matched_in == "name":
        needle = query.phrase if match.phrase_in_name else _first(query.tokens, match.in_name)
        return _window(match.name, needle, whole=True)
    needle = query.phrase if match.phrase_in_evidence else _first(query.tokens, match.in_evidence)
    for line in (evidence or "").split("\n"):
        if needle in line.lower():
            return _window(line, needle, whole=False)
    return Snippet(text="", start=0, end=0)


def _first(tokens: Sequence[str], found: frozenset[str]) -> str:
    return next(token for token in tokens if token in found)


def _window(text: str, needle: str, *, whole: bool) -> Snippet:
    lowered = text.lower()
    shown = text if len(lowered) == len(text) else lowered
    at = lowered.find(needle)
    if whole:
        return Snippet(text=shown, start=at, end=at + len(needle))
    begin = max(0, at - SNIPPET_CONTEXT)
    end = min(len(shown), at + len(needle) + SNIPPET_CONTEXT)
    return Snippet(text=shown[begin:end], start=at - begin, end=at - begin + len(needle))


def page(
    query: SearchQuery,
    matches: Iterable[NodeMatch],
    *,
    limit: int,
    offset: int,
    evidence_of: Callable[[NodeMatch], str | None] = lambda match: match.evidence,
) -> SearchPage:
    """Rank every match, count them, and build the hits of one page (snippets for those only)."""
    ranked = []
    for match in matches:
        hit_score = score(query, match)
        ranked.append((search_rank_key(hit_score, match), hit_score, match))
    ranked.sort(key=lambda row: row[0])
    items = [
        SearchHit(
            node=match.node,
            score=hit_score,
            matched=[t for t in query.tokens if t in match.in_name or t in match.in_evidence],
            matched_in=match.matched_in,
            snippet=snippet(query, match, None if match.matched_in == "name" else evidence_of(match)),
        )
        for _, hit_score, match in ranked[offset : offset + limit]
    ]
    return SearchPage(items=items, total=len(ranked), limit=limit, offset=offset)


def evidence_text(mentions: Iterable[Mention]) -> str:
    """A node's evidence text: its distinct mention sentences, in order, one per line.

    What search reads in both stores (``Neo4jStore`` stores it, ``graph.neo4j.records``).
    Tokens never contain a newline, so "token in evidence" is the same as "token in one of the
    sentences"; a sentence quoted twice adds nothing to match.
    """
    return "\n".join(dict.fromkeys(mention.sentence for mention in mentions))


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


def search(
    view: GraphView, q: str, *, limit: int = 20, offset: int = 0, tokenize: Tokenize | None = None
) -> SearchPage:
    """One page of hits for ``q`` (``limit`` checked and capped like a page size). O(N × tokens)."""
    limit = check_limit(limit)
    offset = check_offset(offset)
    query = parse_query(q, tokenize)
    if query is None:
        return SearchPage(items=[], total=0, limit=limit, offset=offset)
    matches = []
    for node, name_l, evidence_l in _searchable(view):
        found = match_texts(query, name_l, evidence_l)
        if found is not None:
            matches.append(NodeMatch(node.id, node.label, node.name, *found))
    return page(
        query,
        matches,
        limit=limit,
        offset=offset,
        evidence_of=lambda match: evidence_text(view.node(match.id).mentions),
    )
