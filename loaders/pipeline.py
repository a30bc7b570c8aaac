"""The loading pipeline, composed: read → normalise → structure → extract → resolve → graph.

Each step is a small function over a ``DocContext``; this module only fixes their order. A
batch is all-or-nothing: any unreadable file stops the build before anything is written,
unless the caller asks to skip bad files (``skip_bad``), in which case the report says which
were skipped and why.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import LoaderError
from graph.model import PlanGraph
from loaders.builder import GraphBuilder
from loaders.context import UNKNOWN_CITY, DocContext, detect_city
from loaders.evidence import Evidence
from loaders.gazetteer import load_gazetteer
from loaders.reader import DEFAULT_MAX_BYTES, SourceDocument, read_document
from loaders.rules.crossdoc import link_across_documents
from loaders.rules.departments import extract_people, find_departments
from loaders.rules.goals import extract_goal
from loaders.rules.indicators import extract_indicators
from loaders.rules.item_tasks import extract_item_tasks
from loaders.rules.ownership import extract_ownership
from loaders.rules.plans import extract_plans
from loaders.rules.positionings import extract_positionings, lists_positionings
from loaders.rules.progress_links import link_progress
from loaders.rules.tails import extract_tails
from loaders.rules.taskforces import extract_task_forces
from loaders.rules.tasks import (
    extract_key_tasks,
    extract_positioning_tasks,
    key_task_blocks,
)
from loaders.sources import extract_source
from loaders.structure import parse_structure
from loaders.textmap import normalise
from loaders.tokenizer import PlanTokenizer, get_tokenizer

logger = logging.getLogger(__name__)



@dataclass
class BuildReport:
    graph: PlanGraph
    sources: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def read_all(paths: Sequence[Path], *, max_bytes: int, skip_bad: bool) -> tuple[list[SourceDocument], list[tuple[str, str]]]:
    """Read every file first, so a bad file stops the batch before any extraction."""
    docs: list[SourceDocument] = []
    skipped: list[tuple[str, str]] = []
    errors: list[LoaderError] = []
    names: set[str] = set()
    for path in paths:
        try:
            doc = read_document(Path(path), max_bytes=max_bytes)
        except LoaderError as exc:
            if skip_bad:
                skipped.append((str(path), str(exc)))
                continue
            errors.append(exc)
            continue
        if doc.name in names:
            errors.append(LoaderError(str(path), "has the same file name as another input; mentions cite file names"))
            continue
        names.add(doc.name)
        docs.append(doc)
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise LoaderError(errors[0].path, "; ".join(str(e) for e in errors))
    return docs, skipped


def document_context(doc: SourceDocument, tokenizer: PlanTokenizer) -> DocContext:
    """Normalise and structure one document: what every extraction step reads."""
    mapped = normalise(doc.text, tokenizer.joins_word)
    structure = parse_structure(mapped.text)
    return DocContext(
        doc=doc,
        mapped=mapped,
        structure=structure,
        evidence=Evidence(doc.name, mapped, structure),
        tokenizer=tokenizer,
        gazetteer=load_gazetteer(),
        city=detect_city(mapped.text) or UNKNOWN_CITY,
    )


def extract_document(ctx: DocContext, builder: GraphBuilder) -> DocContext:
    """Run every extraction step on one document, in dependency order."""
    extract_source(ctx, builder)
    extract_goal(ctx, builder)
    extract_positionings(ctx, builder, key_task_blocks(ctx))
    extract_plans(ctx, builder)
    find_departments(ctx, builder)
    extract_people(ctx, builder)
    extract_positioning_tasks(ctx, builder)
    extract_key_tasks(ctx, builder)
    extract_item_tasks(ctx, builder, key_task_blocks(ctx))
    extract_indicators(ctx, builder)
    extract_ownership(ctx, builder)
    extract_tails(ctx, builder)
    extract_task_forces(ctx, builder)
    return ctx


def build(paths: Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, skip_bad: bool = False,
          cache_dir: Path | None = None) -> BuildReport:
    """Build one graph from many documents."""
    docs, skipped = read_all(paths, max_bytes=max_bytes, skip_bad=skip_bad)
    if not docs:
        raise LoaderError(", ".join(str(p) for p in paths) or "(no files)", "no readable plan document to build from")
    tokenizer = get_tokenizer(cache_dir)
    builder = GraphBuilder()
    contexts = [document_context(doc, tokenizer) for doc in sorted(docs, key=lambda d: d.name)]
    # A city whose plan lists its positionings (六个城市) has them named there; its other
    # documents add none by the general rules, whatever order the files come in.
    listing = {ctx.city for ctx in contexts if lists_positionings(ctx)}
    for ctx in contexts:
        logger.debug("extracting %s", ctx.doc.name)
        ctx.city_lists_positionings = ctx.city in listing
        extract_document(ctx, builder)
    link_across_documents(builder, tokenizer, load_gazetteer().stopwords)
    link_progress(builder)
    return BuildReport(graph=builder.graph(), sources=sorted(d.name for d in docs), skipped=skipped)


def build_graph(
    paths: Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, skip_bad: bool = False, cache_dir: Path | None = None
) -> PlanGraph:
    """The graph of ``paths``: ``build`` without its report, for notebooks and tests."""
    return build(paths, max_bytes=max_bytes, skip_bad=skip_bad, cache_dir=cache_dir).graph
