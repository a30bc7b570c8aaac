"""Chinese word segmentation with offsets, through one lazily built jieba tokenizer.

jieba's module-level functions change process-wide state, so plankg owns a private
``jieba.Tokenizer`` loaded with the project's user dictionary (the gazetteer's department names,
aliases and programme names). It is built on first use, never at import, and its dictionary
cache goes to a directory we choose so repeated runs start warm.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from loaders.gazetteer import Gazetteer, load_gazetteer

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_instance: "PlanTokenizer | None" = None


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


class PlanTokenizer:
    """A jieba tokenizer that knows plan vocabulary."""

    def __init__(self, gazetteer: Gazetteer, cache_dir: Path | None = None) -> None:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        cache_dir = cache_dir or Path(tempfile.gettempdir())
        self._jieba = jieba.Tokenizer()
        self._jieba.tmp_dir = str(cache_dir)
        self._jieba.cache_file = "plankg.jieba.cache"
        self._jieba.initialize()
        for word in gazetteer.user_words():
            self._jieba.add_word(word, freq=max(2000, self._jieba.suggest_freq(word, tune=False)))

    def tokenize(self, text: str) -> list[Token]:
        """Tokens with offsets into ``text`` (jieba's default, precise mode)."""
        return [Token(w, s, e) for w, s, e in self._jieba.tokenize(text)]

    def words(self, text: str) -> list[str]:
        return self._jieba.lcut(text)

    def is_word(self, word: str) -> bool:
        return self._jieba.FREQ.get(word, 0) > 0

    def joins_word(self, left: str, right: str) -> bool:
        """Whether a dictionary word spans the seam between ``left`` and ``right``.

        Used to tell a page break inside a word (视察山|东) from a break between paragraphs.
        """
        for k in range(1, min(3, len(left)) + 1):
            for m in range(1, min(3, len(right)) + 1):
                if k + m >= 2 and self.is_word(left[-k:] + right[:m]):
                    return True
        return False

    def content_terms(self, text: str, stopwords: Iterable[str]) -> set[str]:
        """Words of two or more Chinese characters that carry meaning (for term overlap)."""
        stop = set(stopwords)
        return {
            w
            for w in self._jieba.lcut(text)
            if len(w) >= 2 and w not in stop and all("\u4e00" <= ch <= "\u9fff" for ch in w)
        }


def get_tokenizer(cache_dir: Path | None = None) -> PlanTokenizer:
    """The process's tokenizer, built once on first use (thread-safe).

    Its dictionary cache goes to ``cache_dir``, else ``PLANKG_CACHE_DIR``, else the temp dir.
    """
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                if cache_dir is None:
                    from graph.settings import get_settings

                    cache_dir = get_settings().cache_dir
                logger.debug("initialising jieba tokenizer")
                _instance = PlanTokenizer(load_gazetteer(), cache_dir)
    return _instance


def search_words(cache_dir: Path | None = None) -> Callable[[str], list[str]]:
    """The tokenizer a store cuts search queries with: ``PlanTokenizer.words`` of the process's
    tokenizer, so query words split the way names were read.

    The jieba dictionary is loaded on the first query, not here (it takes about a second), so
    opening a store stays cheap. The composition root passes this to the stores it opens.
    """

    def words(text: str) -> list[str]:
        return get_tokenizer(cache_dir).words(text)

    return words
