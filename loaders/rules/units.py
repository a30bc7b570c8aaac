"""Units of quantitative targets: as written (万亿元) and normalised (1e12 × 元)."""

from __future__ import annotations

from decimal import Decimal

MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

#: Base measure words, longest first so 人次 wins over 人 and 平方公里 over 公里.
BASE_UNITS: tuple[str, ...] = tuple(
    sorted(
        [
            "元", "美元", "欧元", "吨", "吨标准煤", "标箱", "TEU", "人次", "人", "家", "个", "座", "所", "张",
            "辆", "公里", "千米", "米", "平方公里", "平方米", "公顷", "亩", "千瓦时", "千瓦", "立方米",
            "微克/立方米", "岁", "天", "小时", "项", "件", "套", "次", "户", "床", "位", "倍", "个百分点",
            "%", "‰", "GW", "MW", "艘", "条", "架次", "班", "列", "标准箱", "分钟", "公斤", "千克", "架",
            "名", "场次", "场", "批", "处", "台", "只", "株", "栋", "支", "篇", "份", "笔", "宗", "例", "趟",
            "兆瓦", "瓦", "升", "平方千米",
        ],
        key=len,
        reverse=True,
    )
)

#: A known measure word with an optional multiplier, or a Latin unit as written (PFLOPS, kWh).
UNIT_PATTERN = (
    "(?:(?:" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + ")?(?:"
    + "|".join(BASE_UNITS)
    + ")|[A-Za-z]{1,8})"
)


def split_unit(unit: str) -> tuple[int, str]:
    """``"万亿元"`` → ``(10**12, "元")``; a unit with no multiplier → ``(1, unit)``."""
    for prefix in sorted(MULTIPLIERS, key=len, reverse=True):
        if unit.startswith(prefix) and unit[len(prefix) :] in BASE_UNITS:
            return MULTIPLIERS[prefix], unit[len(prefix) :]
    return 1, unit


def normalise_value(value: str, unit: str | None) -> tuple[float, str | None]:
    """The value in base units, computed exactly (1.3 万亿元 → 1.3e12 元, not 1300000000000.0002)."""
    value = value.replace(",", "")
    if not unit:
        return float(Decimal(value)), None
    factor, base = split_unit(unit)
    return float(Decimal(value) * factor), base


#: Units of shares and changes of shares: only ever compared with the very same unit.
RATIO_UNITS: frozenset[str] = frozenset({"%", "‰", "个百分点", "倍"})


def bare_multiplier(unit: str | None) -> int | None:
    """The factor of a unit that is only a multiplier (常住人口增至1050万: ``"万"`` → 10**4), else ``None``.

    Reports drop the measure word the target names (1100万人); the matcher reads the bare
    multiplier in the target's base unit, so the rule of what a multiplier is stays here.
    """
    return MULTIPLIERS.get(unit) if unit else None


def comparable_value(value: str, unit: str | None, target_base_unit: str | None) -> float | None:
    """``value unit`` in ``target_base_unit``, or ``None`` when the two cannot be compared.

    Same base unit: the normalised value (3087万标箱 in 标箱). A bare multiplier (1050万) takes
    the target's measure word unless that is a ratio (% is never read into 个百分点 or a level).
    """
    base_value, base_unit = normalise_value(value, unit)
    if base_unit == target_base_unit and base_unit is not None:
        return base_value
    factor = bare_multiplier(unit)
    if factor is not None and target_base_unit is not None and target_base_unit not in RATIO_UNITS:
        return float(Decimal(value.replace(",", "")) * factor)
    return None
