"""A corpus of plan documents shaped like the seeds, for benchmarks.

Each document is a seed or the test city's plan with the city renamed and the numbers shifted,
so the loaders do the same kind of work as on real texts. Deterministic for a given size.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    (ROOT / "data" / "000_59d890921a0e6d8d.txt", "青岛"),
    (ROOT / "data" / "002_7b1ead70c05b7af6.txt", "青岛"),
    (ROOT / "tests" / "fixtures" / "jinghai_plan.txt", "澄江"),
]
CITY_CHARS = "临海江河山川平安宁远泰和兴华东西南北清源长乐丰庆德成"


def city_name(i: int) -> str:
    n = len(CITY_CHARS)
    return CITY_CHARS[i % n] + CITY_CHARS[(i // n + 7) % n]


def write_corpus(directory: Path, documents: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    texts = [(p.read_text(encoding="utf-8"), city) for p, city in TEMPLATES]
    paths: list[Path] = []
    for i in range(documents):
        text, city = texts[i % len(texts)]
        renamed = text.replace(city, city_name(i))
        shifted = re.sub(r"(?<=达到|超过|突破)(\d+)", lambda m: str(int(m.group(1)) + i), renamed)
        path = directory / f"plan_{i:03d}.txt"
        path.write_text(shifted, encoding="utf-8")
        paths.append(path)
    return paths
