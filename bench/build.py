"""Build speed against bare segmentation, measured in one run.

Baseline: plain ``jieba.lcut`` over exactly the same texts. Measured two ways:
- in-process, warm: the tokenizer already initialised, time only the work on the texts;
- whole process, warm cache: ``plankg build`` as a fresh process vs a fresh process that
  imports jieba and runs ``lcut`` over the texts (both read jieba's dictionary cache from disk).

Usage: ``.venv/bin/python -m bench.build [--corpus 60] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.paths import ROOT
from tests.support.seed_corpus import write_corpus

LCUT_SCRIPT = """
import sys, jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.dt.tmp_dir = {cache!r}
texts = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]
for t in texts:
    jieba.lcut(t)
"""


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def in_process(paths: list[Path], repeat: int) -> tuple[float, float]:
    import logging

    import jieba

    from loaders.pipeline import build

    jieba.setLogLevel(logging.WARNING)
    from loaders.tokenizer import get_tokenizer

    texts = [p.read_text(encoding="utf-8") for p in paths]
    plain = jieba.Tokenizer()
    plain.initialize()
    get_tokenizer()
    baseline = best_of(repeat, lambda: [plain.lcut(t) for t in texts])
    ours = best_of(repeat, lambda: build(paths))
    return baseline, ours


def whole_process(paths: list[Path], repeat: int, out: Path) -> tuple[float, float]:
    python = sys.executable
    plankg = [python, "-m", "app.cli", "build", *map(str, paths), "--out", str(out)]
    cache = tempfile.gettempdir()
    lcut = [python, "-c", LCUT_SCRIPT.format(cache=cache), *map(str, paths)]
    run = lambda cmd: subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)  # noqa: E731
    run(lcut), run(plankg)  # warm both caches
    baseline = best_of(repeat, lambda: run(lcut))
    ours = best_of(repeat, lambda: run(plankg))
    return baseline, ours


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=60, help="documents in the synthetic corpus (>= 50)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds = sorted((ROOT / "data").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus", args.corpus)
        chars = {name: sum(len(p.read_text(encoding="utf-8")) for p in ps) for name, ps in (("seeds", seeds), ("corpus", corpus))}
        print(f"{'set':<8}{'docs':>6}{'chars':>9}  {'mode':<14}{'jieba.lcut':>12}{'plankg':>10}{'ratio':>8}")
        for name, paths in (("seeds", seeds), ("corpus", corpus)):
            for mode, (base, ours) in (
                ("in-process", in_process(paths, args.repeat)),
                ("whole process", whole_process(paths, args.repeat, Path(tmp) / f"{name}.json")),
            ):
                print(f"{name:<8}{len(paths):>6}{chars[name]:>9}  {mode:<14}{base:>11.3f}s{ours:>9.3f}s{ours / base:>7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
