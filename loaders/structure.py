"""Step 3: split normalised text into blocks (title, metadata, headings, paragraphs) and sentences.

Extraction rules ask structural questions (which positioning's paragraph is this? is this line
a numbered task heading? is it the 内容概要 of the task above?), so the structure is computed
once here, on the normalised text, and carries normalised offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

#: Page furniture: lines that are part of the web page, not the document.
FURNITURE = re.compile(r"^(字体大小|打印|扫一扫在手机打开当前页|分享到|【关闭】|【打印】|相关链接|上一篇|下一篇)")
#: Metadata lines: "• 索引号 210301…". Their values are not plan content (no indicators there).
METADATA_KEYS = ("索引号", "成文日期", "发布日期", "发文字号", "发文单位", "发文机关", "主题分类", "公文种类", "文号")
METADATA = re.compile(r"^[•·\-\s\u00a0]*(" + "|".join(METADATA_KEYS) + r")[\s\u00a0：:]+(.+?)\s*$")
#: A provenance header a researcher puts on a saved page: "# source: URL" / "# title: …".
SOURCE_HEADER = re.compile(r"^#\s*(source|title)\s*[：:]\s*(.+?)\s*$")
CN_NUMBERED = re.compile(r"^[\s\u00a0•]*([一二三四五六七八九十]+)、(.+)$")
PAREN_NUMBERED = re.compile(r"^[\s\u00a0•]*[（(]([一二三四五六七八九十]+)[）)](.+)$")
NUMBERED = re.compile(r"^[\s\u00a0•]*(\d{1,2})[.．、]\s*(\D.*)$")
CHAPTER = re.compile(r"^[\s\u00a0•]*第([一二三四五六七八九十百\d]+)([章节篇部分]+)\s*(.*)$")
PAREN_DIGIT = re.compile(r"^[\s\u00a0•]*[（(](\d{1,2})[）)]\s*(.+)$")
CIRCLED = re.compile(r"^[\s\u00a0•]*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.+)$")
DASH_LED = re.compile(r"^[\s\u00a0•]*(?:——|—|－－|--)\s*(.+)$")
#: Outline levels by numbering style: the genre nests 第X章 > 第X节 > 一、 > （一） > 1. > （1） > ①.
#: A ——-led line is an item at the level of 1. (it heads the text after it in its own line).
LEVEL_CHAPTER, LEVEL_SECTION, LEVEL_CN, LEVEL_PAREN_CN, LEVEL_NUMBERED, LEVEL_PAREN_DIGIT, LEVEL_CIRCLED = range(7)
#: A run-in head: the first sentence of a numbered line when it is short (（一）动态调整集群门类。…).
RUN_IN_MAX = 40
SUMMARY = re.compile(r"^[\s\u00a0]*(内容概要|主要内容|内容提要)[：:]")
CONTACT = re.compile(r"^[\s\u00a0]*(联系电话|电话|传真|邮编|地址|邮箱|政策执行（解释）处室|政策执行\(解释\)处室)[：:\s]")
SENTENCE_END = "。！？；"


class BlockKind(StrEnum):
    TITLE = "title"
    METADATA = "metadata"
    FURNITURE = "furniture"
    CONTACT = "contact"
    HEADING = "heading"  # 一、制定背景 / a short line without sentence punctuation
    NUMBERED = "numbered"  # 1.突出高质量发展…
    SUMMARY = "summary"  # 内容概要：…
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    text: str
    number: str | None = None
    key: str | None = None  # metadata key or contact key
    value: str | None = None  # metadata/contact value, or the numbered heading text
    level: int | None = None  # outline level of a numbered or heading line (LEVEL_*); None for body text
    head: str | None = None  # the heading text: a heading's text, or a numbered line's run-in head


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: int


@dataclass(frozen=True)
class DocumentStructure:
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    parents: tuple[int | None, ...] = ()  # outline parent of each block (see ``_parents``)

    def ancestors(self, block: int) -> list[int]:
        """Outline lines above a block, nearest first ("the heading above", "the section it sits in")."""
        out: list[int] = []
        parent = self.parents[block] if block < len(self.parents) else None
        while parent is not None:
            out.append(parent)
            parent = self.parents[parent]
        return out

    def section_end(self, block: int) -> int:
        """Index one past the last block of the section an outline line opens."""
        level = self.blocks[block].level
        for j in range(block + 1, len(self.blocks)):
            other = self.blocks[j]
            if other.level is not None and level is not None and other.level <= level:
                return j
        return len(self.blocks)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _by_block(self) -> dict[int, list[Sentence]]:
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.block, []).append(sentence)
        return grouped

    def sentences_in(self, block: int) -> list[Sentence]:
        """The sentences of one block, in order (computed once per document)."""
        return self._by_block.get(block, [])

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def content_blocks(self) -> list[tuple[int, Block]]:
        """Blocks that carry plan content (no title, metadata, furniture or contact lines)."""
        skip = {BlockKind.METADATA, BlockKind.FURNITURE, BlockKind.CONTACT, BlockKind.TITLE}
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind not in skip]


@dataclass(frozen=True)
class _Line:
    kind: BlockKind
    number: str | None = None
    key: str | None = None
    value: str | None = None
    level: int | None = None
    head: str | None = None


def _run_in_head(body: str) -> str | None:
    """The short first sentence of a numbered line (its run-in head), if it has one."""
    bracketed = body.rstrip("。").endswith(("）", ")"))
    for i, ch in enumerate(body[: RUN_IN_MAX + 1]):
        if ch in "。：:" or (bracketed and ch in "（(" and i > 1):
            return body[:i].strip() or None
        if ch in "，；！？":
            return None
    return None


def _classify(line: str, first: bool) -> _Line:
    stripped = line.strip(" \t\u00a0\u3000•")
    if (m := METADATA.match(line) or SOURCE_HEADER.match(line)) is not None:
        return _Line(BlockKind.METADATA, key=m.group(1), value=m.group(2).strip())
    if FURNITURE.match(stripped):
        return _Line(BlockKind.FURNITURE)
    if (m := CONTACT.match(line)) is not None:
        return _Line(BlockKind.CONTACT, key=m.group(1), value=line[m.end() :].strip())
    numbered = any(p.match(line) for p in (CN_NUMBERED, PAREN_NUMBERED, NUMBERED, CHAPTER))
    if first and not numbered and not any(c in stripped for c in "。！？"):
        return _Line(BlockKind.TITLE, value=stripped)
    if (m := SUMMARY.match(line)) is not None:
        return _Line(BlockKind.SUMMARY, key=m.group(1), value=line[m.end() :].strip())
    if (m := CHAPTER.match(line)) is not None and len(m.group(3)) <= RUN_IN_MAX:
        level = LEVEL_CHAPTER if m.group(2) in ("章", "篇", "部分") else LEVEL_SECTION
        return _Line(BlockKind.HEADING, m.group(1), value=m.group(3).strip(), level=level, head=m.group(3).strip())
    for pattern, level in ((CN_NUMBERED, LEVEL_CN), (PAREN_NUMBERED, LEVEL_PAREN_CN)):
        if (m := pattern.match(line)) is not None:
            body = m.group(2).strip()
            if len(m.group(2)) <= 40 and "。" not in body.rstrip("。") and not body.endswith(("）", ")")):
                return _Line(BlockKind.HEADING, m.group(1), value=body, level=level, head=body.rstrip("。"))
            return _Line(BlockKind.PARAGRAPH, m.group(1), level=level, head=_run_in_head(body))
    if (m := NUMBERED.match(line)) is not None:
        body = m.group(2).strip()
        return _Line(BlockKind.NUMBERED, m.group(1), value=body.rstrip("。"), level=LEVEL_NUMBERED,
                     head=_run_in_head(body) or body.rstrip("。"))
    for pattern, level in ((PAREN_DIGIT, LEVEL_PAREN_DIGIT), (CIRCLED, LEVEL_CIRCLED)):
        if (m := pattern.match(line)) is not None:
            body = m.group(2).strip()
            return _Line(BlockKind.PARAGRAPH, m.group(1), level=level, head=_run_in_head(body) or body.rstrip("。")[:RUN_IN_MAX])
    if (m := DASH_LED.match(line)) is not None:
        body = m.group(1).strip()
        return _Line(BlockKind.PARAGRAPH, "——", level=LEVEL_NUMBERED, head=_run_in_head(body) or body)
    if len(stripped) <= 40 and not any(c in stripped for c in "。；！？") and not stripped.endswith(("：", ":")):
        # an unnumbered heading: a boundary for the rules that read headings, but no outline level,
        # since the genre gives it none (a lead-in 围绕…以下工作： is not a heading at all)
        return _Line(BlockKind.HEADING, value=stripped, head=stripped)
    return _Line(BlockKind.PARAGRAPH)


def _sentences(text: str, start: int, end: int, block: int) -> list[Sentence]:
    out: list[Sentence] = []
    s = start
    while s < end and text[s] in " \t\u00a0\u3000•":
        s += 1
    i = s
    while i < end:
        if text[i] in SENTENCE_END:
            j = i + 1
            while j < end and text[j] in "”’」』）":
                j += 1
            out.append(Sentence(s, j, text[s:j], block))
            s = j
            i = j
            continue
        i += 1
    tail_end = end
    while tail_end > s and text[tail_end - 1] in " \t\u00a0\u3000":
        tail_end -= 1
    if tail_end > s:
        out.append(Sentence(s, tail_end, text[s:tail_end], block))
    return out


def parse_structure(text: str) -> DocumentStructure:
    """Blocks (one per non-blank line), their outline parents, and sentences of a normalised text."""
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    pos = 0
    first = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip(" \t\u00a0\u3000•"):
            continue
        c = _classify(line, first)
        first = first and c.key in ("source", "title")  # a provenance header comes before the title
        blocks.append(Block(c.kind, start, end, line, c.number, c.key, c.value, c.level, c.head))
        sentences.extend(_sentences(text, start, end, len(blocks) - 1))
    return DocumentStructure(tuple(blocks), tuple(sentences), _parents(blocks))


def document_title(structure: DocumentStructure) -> str:
    """The document's title: its title line, else a ``# title:`` header, else empty."""
    for kind, key in ((BlockKind.TITLE, None), (BlockKind.METADATA, "title")):
        for block in structure.blocks:
            if block.kind is kind and (key is None or block.key == key) and block.value:
                return block.value
    return ""


def _parents(blocks: list[Block]) -> tuple[int | None, ...]:
    """For every block, the index of the outline line it sits under (None at the top).

    A line with a level sits under the nearest earlier line of a smaller level; body text sits
    under the nearest earlier line with any level.
    """
    parents: list[int | None] = []
    stack: list[int] = []  # indices of open outline lines, levels strictly increasing
    for i, block in enumerate(blocks):
        if block.kind in (BlockKind.TITLE, BlockKind.METADATA, BlockKind.FURNITURE):
            parents.append(None)
            continue
        if block.level is None:
            parents.append(stack[-1] if stack else None)
            continue
        while stack and (blocks[stack[-1]].level or 0) >= block.level:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return tuple(parents)
