"""A corpus of plan documents made from the seeds, for the build benchmark and the killed-load test.

Each document is a seed or the test city's plan with the city renamed and the numbers shifted,
so the loaders do the same kind of work as on real texts. Deterministic for a given size.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.paths import DATA, FIXTURES
from tests.support.synthetic import city_name

TEMPLATES = [
    (DATA / "000_59d890921a0e6d8d.txt", "青岛"),
    (DATA / "002_7b1ead70c05b7af6.txt", "青岛"),
    (FIXTURES / "jinghai_plan.txt", "澄江"),
]


def write_corpus(directory: Path, documents: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    texts = [(p.read_text(encoding="utf-8"), city) for p, city in TEMPLATES]
    paths: list[Path] = []
    for i in range(documents):
        text, city = texts[i % len(texts)]
        renamed = text.replace(city, city_name(i).removesuffix("市"))
        shifted = re.sub(r"(?<=达到|超过|突破)(\d+)", lambda m: str(int(m.group(1)) + i), renamed)
        path = directory / f"plan_{i:03d}.txt"
        path.write_text(shifted, encoding="utf-8")
        paths.append(path)
    return paths
