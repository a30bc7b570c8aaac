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
CN_NUMBERED = re.compile(r"^[\s\u00a0•]*([一二三四五六七八九十]+)、(.+)$")
PAREN_NUMBERED = re.compile(r"^[\s\u00a0•]*[（(]([一二三四五六七八九十]+)[）)](.+)$")
NUMBERED = re.compile(r"^[\s\u00a0•]*(\d{1,2})[.．、]\s*(\D.*)$")
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


def _classify(line: str, first: bool) -> tuple[BlockKind, str | None, str | None, str | None]:
    stripped = line.strip(" \t\u00a0\u3000•")
    if (m := METADATA.match(line)) is not None:
        return BlockKind.METADATA, None, m.group(1), m.group(2).strip()
    if FURNITURE.match(stripped):
        return BlockKind.FURNITURE, None, None, None
    if (m := CONTACT.match(line)) is not None:
        return BlockKind.CONTACT, None, m.group(1), line[m.end() :].strip()
    if first and not any(c in stripped for c in "。！？"):
        return BlockKind.TITLE, None, None, stripped
    if (m := SUMMARY.match(line)) is not None:
        return BlockKind.SUMMARY, None, m.group(1), line[m.end() :].strip()
    for pattern in (CN_NUMBERED, PAREN_NUMBERED):
        if (m := pattern.match(line)) is not None and len(m.group(2)) <= 40:
            return BlockKind.HEADING, m.group(1), None, m.group(2).strip()
    if (m := NUMBERED.match(line)) is not None:
        return BlockKind.NUMBERED, m.group(1), None, m.group(2).strip().rstrip("。")
    if len(stripped) <= 40 and not any(c in stripped for c in "。；！？"):
        return BlockKind.HEADING, None, None, stripped
    return BlockKind.PARAGRAPH, None, None, None


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
    """Blocks (one per non-blank line) and sentences of a normalised text."""
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    pos = 0
    first = True
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip(" \t\u00a0\u3000•"):
            continue
        kind, number, key, value = _classify(line, first)
        first = False
        blocks.append(Block(kind, start, end, line, number, key, value))
        sentences.extend(_sentences(text, start, end, len(blocks) - 1))
    return DocumentStructure(tuple(blocks), tuple(sentences))
