"""Turn normalised spans into ``Mention``s that quote the original file exactly."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Mention
from loaders.structure import DocumentStructure
from loaders.textmap import MappedText


@dataclass(frozen=True)
class Evidence:
    """Cites spans of one document. ``mention(s, e)`` takes NORMALISED offsets."""

    source: str
    mapped: MappedText
    structure: DocumentStructure

    def mention(self, start: int, end: int) -> Mention:
        o_start, o_end = self.mapped.original_span(start, end)
        sentence = self.structure.sentence_at(start)
        if sentence is not None and sentence.end >= end:
            s_start, s_end = self.mapped.original_span(sentence.start, sentence.end)
        else:
            s_start, s_end = o_start, o_end
        original = self.mapped.original
        return Mention(
            source=self.source,
            start=o_start,
            end=o_end,
            text=original[o_start:o_end],
            sentence=original[s_start:s_end],
            sentence_start=s_start,
        )

    def find_all(self, needle: str, start: int = 0, end: int | None = None) -> list[int]:
        """Normalised offsets of every occurrence of ``needle`` in [start, end)."""
        text = self.mapped.text
        end = len(text) if end is None else end
        found: list[int] = []
        i = text.find(needle, start, end)
        while i != -1:
            found.append(i)
            i = text.find(needle, i + len(needle), end)
        return found
