"""The Source node: one per ingested file, with the metadata block of the web page."""

from __future__ import annotations

from graph.model import Label
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.structure import BlockKind

_META_PROPERTY = {
    "索引号": "index_no",
    "成文日期": "written_date",
    "发布日期": "published_date",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发文单位": "issuer",
    "发文机关": "issuer",
    "主题分类": "subject",
    "公文种类": "doc_type",
    "source": "url",
    "title": "title",
}


def extract_source(ctx: DocContext, builder: GraphBuilder) -> str:
    props: dict[str, str | int | None] = {
        "encoding": ctx.doc.encoding,
        "sha256": ctx.doc.sha256,
        "chars": len(ctx.mapped.original),
        "city": ctx.city,
    }
    mentions = []
    for block in ctx.structure.blocks:
        if block.kind is BlockKind.TITLE and "title" not in props and block.value:
            props["title"] = block.value
            mentions.append(ctx.mention(block.start + block.text.index(block.value or ""), block.start + len(block.text.rstrip())))
        elif block.kind is BlockKind.METADATA and block.key in _META_PROPERTY and block.value:
            props[_META_PROPERTY[block.key]] = block.value
            start = block.start + block.text.index(block.value)
            mentions.append(ctx.mention(start, start + len(block.value)))
    if not mentions and ctx.structure.sentences:
        first = ctx.structure.sentences[0]
        mentions.append(ctx.mention(first.start, first.end))  # a page with no title: cite its opening
    sid = builder.node(Label.SOURCE, ctx.doc.name, ctx.doc.name, mentions, **props)
    ctx.facts.source_id = sid
    return sid
