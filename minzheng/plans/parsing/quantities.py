"""Quantities in a clause: a number with a measure word or a percent sign, e.g. 120个, 5.6万张,
两个, 百分之九十, 95%以上, 一半以上, 3个百分点.

Only measure words that count things are read, so years, months, ages (岁), grades (级),
document numbers (号) and multiples (倍) are never quantities. Ordinals (第一), words in which a
numeral is no count (一次性, 一件事, 千家万户) and a bare 一 (一个平台, 一批) are skipped too."""

import re
from dataclasses import dataclass
from decimal import Decimal

from .numerals import CN_NUMERAL_CHARS, parse_number

__all__ = ["Quantity", "find_quantities"]

_UNITS = ("个百分点", "百分点", "平方公里", "平方米", "人次", "户次", "床位", "公里", "个", "张", "项", "家", "所",
          "人", "名", "户", "位", "处", "座", "件", "元", "套", "辆", "场", "次", "批", "条", "支", "台", "册", "份",
          "篇", "种", "块", "亩", "吨", "米", "床", "栋", "轮", "宗", "例", "对")
_NOT_A_COUNT = {
    "个": ("月", "人", "体", "性", "工作日", "小时", "季度", "星期", "年度"),
    "次": ("性", "会议", "全会", "全体", "代表", "党代会"),
    "条": ("例", "件", "龙", "款"), "件": ("事",), "张": ("图", "网", "表"), "家": ("庭", "属", "长"),
    "户": ("籍", "口"), "人": ("民", "大", "口", "才"), "名": ("单", "称", "录", "额", "义"), "项": ("目",),
    "所": ("有", "在", "属", "以", "得"), "处": ("理", "置", "室", "级", "长", "于"), "场": ("所", "地", "景"),
    "位": ("置", "于"), "元": ("旦", "素"), "支": ("持", "出", "付", "部"), "台": ("账", "阶"), "份": ("额",),
    "座": ("谈",), "批": ("次", "准", "复", "示"), "种": ("类", "植"), "米": ("面",), "对": ("象", "于", "接", "照"),
    "例": ("如",), "轮": ("换",),
}
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = f"[{CN_NUMERAL_CHARS}]+"
_NOT_AFTER = rf"(?<![\d.{CN_NUMERAL_CHARS}])"
_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_COUNT_RE = re.compile(
    rf"{_NOT_AFTER}(?P<num>{_ARABIC}[万亿千百]{{0,2}}|{_CN})(?P<approx>多|余)?(?P<unit>{_UNIT_ALT})"
    rf"(?P<post>以上|以下|以内|左右|上下)?"
)
_PERCENT_RE = re.compile(
    rf"{_NOT_AFTER}(?:(?P<num>{_ARABIC})\s*%|百分之(?P<cn>{_CN}|{_ARABIC}))(?P<post>以上|以下|以内|左右)?"
)
_HALF_RE = re.compile(r"(?P<over>过)?(?:一半|半数)(?P<post>以上)?")
_DIGIT_CHARS = "零〇○一二两三四五六七八九十"


@dataclass(frozen=True)
class Quantity:
    """A number and its unit at ``start:end`` of a clause; ``post`` is a qualifier written after
    the number (以上, 左右, 余, …)."""

    start: int
    end: int
    value: Decimal
    unit: str
    post: str | None


def find_quantities(clause: str) -> list[Quantity]:
    """The quantities of a clause, left to right, without overlaps."""
    found = [*_counts(clause), *_percents(clause), *_halves(clause)]
    found.sort(key=lambda quantity: (quantity.start, -quantity.end))
    result: list[Quantity] = []
    for quantity in found:
        if not result or quantity.start >= result[-1].end:
            result.append(quantity)
    return result


def _counts(clause: str) -> list[Quantity]:
    result = []
    for match in _COUNT_RE.finditer(clause):
        number, unit = match.group("num"), match.group("unit")
        if not _is_count(clause, match, number, unit):
            continue
        post = match.group("post") or match.group("approx")
        unit = "百分点" if unit.endswith("百分点") else unit
        result.append(Quantity(match.start(), match.end(), parse_number(number), unit, post))
    return result


def _is_count(clause: str, match: re.Match, number: str, unit: str) -> bool:
    """False for ordinals, approximations (几十个), a bare 一, and words like 一次性 or 个人."""
    before = clause[:match.start()]
    if before.endswith(("第", "几", "数", "每")) or (unit in ("位", "名") and before.endswith(("前", "后"))):
        return False
    if not number[0].isdigit() and (number == "一" or not any(char in _DIGIT_CHARS for char in number)):
        return False
    follow = clause[match.end("unit"):]
    return not follow.startswith(_NOT_A_COUNT.get(unit, ())) or bool(match.group("post"))


def _percents(clause: str) -> list[Quantity]:
    result = []
    for match in _PERCENT_RE.finditer(clause):
        number = match.group("num") or match.group("cn")
        if number == "百":
            value = Decimal(100)
        elif not number[0].isdigit() and not any(char in _DIGIT_CHARS for char in number):
            continue
        else:
            value = parse_number(number)
        result.append(Quantity(match.start(), match.end(), value, "%", match.group("post")))
    return result


def _halves(clause: str) -> list[Quantity]:
    return [
        Quantity(match.start(), match.end(), Decimal(50), "%", match.group("post") or (match.group("over") and "过半"))
        for match in _HALF_RE.finditer(clause)
    ]
