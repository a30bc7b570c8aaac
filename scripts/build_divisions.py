"""Build ``loaders/rules/divisions.tsv`` from the adcodes table that the PyPI package ``cpca`` ships.

Run once by hand when the list needs refreshing; the runtime reads only the committed TSV and
never imports cpca. Usage (in a scratch directory)::

    pip download cpca==0.5.5 --no-deps && unzip cpca-0.5.5-py3-none-any.whl -d cpca_whl
    python3 scripts/build_divisions.py cpca_whl/cpca/resources > loaders/rules/divisions.tsv

Why the short names are computed here: text names places without their suffix (青岛, 恩施,
内蒙古), and an autonomous prefecture's short name ends where the first ethnic-group name
starts (恩施土家族苗族自治州 → 恩施); cpca's ``56_nations.csv`` gives those names.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "矿区", "新区", "特区",
             "省", "市", "县", "区", "盟", "旗")


def short_name(name: str, nations: list[str]) -> str:
    """The name without its suffix (and ethnic-group names), or '' when that leaves one character."""
    if name.endswith(("自治州", "自治县", "自治旗", "自治区")):
        cut = min((name.find(n, 2) for n in nations if name.find(n, 2) >= 2), default=-1)
        if cut >= 2:
            return name[:cut]
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            return base if len(base) >= 2 else ""
    return ""


def level(code: str) -> str:
    return "province" if code[2:] == "0000" else "prefecture" if code[4:] == "00" else "county"


def main(resources: Path) -> None:
    nations = sorted((row[0] for row in csv.reader(open(resources / "56_nations.csv", encoding="utf-8")) if row),
                     key=len, reverse=True)
    nations = [n for n in nations] + [n[:-1] for n in nations if len(n) > 2]  # 土家族 and 土家 (…土家苗族)
    rows = list(csv.DictReader(open(resources / "adcodes.csv", encoding="utf-8")))
    by_code = {r["adcode"][:6]: r["name"] for r in rows}
    print("# Administrative divisions of China: adcode, name, short name, level, parent adcode.")
    print("# Source: the adcodes.csv table of the PyPI package cpca 0.5.5 (2021 data), converted by")
    print("# scripts/build_divisions.py. Placeholders (市辖区, 省直辖县级行政区划) are dropped; their")
    print("# children point to the province. Data, not code: add renamed places as new lines.")
    for r in sorted(rows, key=lambda r: r["adcode"]):
        code, name = r["adcode"][:6], r["name"]
        if name in _PLACEHOLDERS or "群岛" in name or "岛礁" in name:
            continue
        lvl = level(code)
        parent = "" if lvl == "province" else code[:4] + "00" if lvl == "county" else code[:2] + "0000"
        if parent and by_code.get(parent) in _PLACEHOLDERS or parent and parent not in by_code:
            parent = code[:2] + "0000"
        print(f"{code}\t{name}\t{short_name(name, nations)}\t{lvl}\t{parent}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
