"""Quantified targets: forward-looking quantities the plan commits to.

A quantity is no target when it reports the past (已建成, 去年, 2013年完成, 提高了), serves as a
baseline (在…基础上, 由500元提高到…), sits in a formula or a range (36%~42%), inside quotes or a
title (《…》, “十二五”), or counts how often something recurs (每年一次). Qualifiers before or
after the number (至少, 不低于, 以上, 左右, 以内) give the comparator."""

import re

from .document import Target
from .numerals import as_json_number
from .quantities import Quantity, find_quantities
from .subjects import VERBS, subject_of
from .text import CLAUSE_BREAKS, SENTENCE_BREAKS, protected_mask, split_unprotected

__all__ = ["extract_targets"]

_PRE = {"不少于": ">=", "不低于": ">=", "至少": ">=", "最少": ">=", "达到": ">=", "力争": "=", "争取": "=",
        "超过": ">", "多于": ">", "高于": ">", "不超过": "<=", "不高于": "<=", "控制在": "<=", "低于": "<",
        "少于": "<"}
_ADJACENT = {"大约": "~", "约": "~", "近": "~", "达": ">="}
_POST = {"以上": ">", "以下": "<=", "以内": "<=", "左右": "~", "上下": "~", "多": ">", "余": ">", "过半": ">"}
_PRE_RE = re.compile("|".join(sorted(_PRE, key=len, reverse=True)))
_PAST_TIME_RE = re.compile(r"去年|上年|上一年|前年|往年|过去|此前|截至|截止|近年来|近几年|多年来|年以来|\d{4}\s*年")
_PAST_RE = re.compile(
    r"已|去年|上年|上一年|前年|往年|过去|此前|截至|截止|现有|目前|近年来|近几年|多年来|年以来"
    r"|(?:提高|增加|新增|建成|完成|达到|实现|下降|减少|增长|发放|救助|覆盖|形成|建立|培育|创建|支出|筹集|投入|翻)了"
)
_RANGE_AFTER_RE = re.compile(r"^\s*[~\-—至]\s*\d")
_RANGE_BEFORE_RE = re.compile(r"\d\s*%?\s*[~\-—至]\s*$")
_RAISE_RE = re.compile(r"^\s*(?:提高|增加|提升|增长|扩大|调整)?(?:到|至)")
_COMPARISON_RE = re.compile(r"(?:比|较|与|同)(?:去年|上年|上一年|前年)|(?:比|较|与)\d{4}年")
_YEAR_RE = re.compile(r"(\d{4})\s*年")
_FUTURE_RE = re.compile(r"今年|全年|年内|明年|力争|计划|争取|确保|将|要")
_FORMULA_RE = re.compile(r"[×÷=*]|\d\s*[+/]\s*\d")
_FREQUENCY_UNITS = ("次", "轮")


def extract_targets(text: str, year: int | None = None) -> list[Target]:
    """The targets of an item's text; ``year`` is the plan's year (earlier years are the past)."""
    targets: list[Target] = []
    for sentence in split_unprotected(text, SENTENCE_BREAKS + "\n"):
        for target in _sentence_targets(sentence, year):
            if target not in targets:
                targets.append(target)
    return targets


def _sentence_targets(sentence: str, year: int | None) -> list[Target]:
    """Targets clause by clause, skipping the past. A target whose noun is left out
    (…80个中心的基础上，再新建40个) takes the last noun of its sentence."""
    targets, past, last_subject = [], _Past(year), ""
    for index, clause in enumerate(split_unprotected(sentence, CLAUSE_BREAKS)):
        counts = not past.covers(clause, index) and "基础上" not in clause and not _FORMULA_RE.search(clause)
        for target, kept in _clause_targets(clause):
            target.subject = target.subject or last_subject
            last_subject = target.subject
            if counts and kept:
                targets.append(target)
    return targets


class _Past:
    """Whether clauses report the past. A sentence opening on a past time (2013年，… 去年…) stays
    in the past until a clause looks forward (今年, 力争, the plan's year); a clause in the past
    by itself (已建成…) passes that on only to clauses without a verb of their own (…,床位3万张)."""

    def __init__(self, year: int | None):
        self.year, self.state = year, None

    def covers(self, clause: str, index: int) -> bool:
        if _is_past(clause, self.year):
            opening = index == 0 and _PAST_TIME_RE.search(_COMPARISON_RE.sub("", clause))
            self.state = "time" if opening or self.state == "time" else "clause"
            return True
        if self.state == "time" and not _looks_forward(clause, self.year):
            return True
        if self.state == "clause" and not _looks_forward(clause, self.year) and not _has_verb(clause):
            return True
        self.state = None
        return False


def _is_past(clause: str, year: int | None) -> bool:
    plain = _COMPARISON_RE.sub("", clause)
    return bool(_PAST_RE.search(plain)) or _mentions_year(plain, year, before=True)


def _looks_forward(clause: str, year: int | None) -> bool:
    return bool(_FUTURE_RE.search(clause)) or _mentions_year(clause, year, before=False)


def _mentions_year(clause: str, year: int | None, *, before: bool) -> bool:
    """Whether the clause names a year before (or, with ``before=False``, from) the plan's year."""
    if year is None:
        return False
    return any((int(found) < year) == before for found in _YEAR_RE.findall(clause))


def _has_verb(clause: str) -> bool:
    return any(verb in clause for verb in VERBS) or bool(_PRE_RE.search(clause))


def _clause_targets(clause: str) -> list[tuple[Target, bool]]:
    """Targets of a clause; quantities in quotes, frequencies, ranges (36%~42%) and the starting
    point of a raise (由500元提高到530元) only pass their noun on."""
    mask, targets, segment_start = protected_mask(clause, parentheses=False), [], 0
    for quantity in find_quantities(clause):
        skipped = (mask[quantity.start] or _is_frequency(clause, quantity) or _is_range(clause, quantity)
                   or _is_starting_point(clause, quantity, segment_start))
        targets.append((_target(clause, quantity, segment_start), not skipped))
        segment_start = quantity.end
    return targets


def _is_range(clause: str, quantity: Quantity) -> bool:
    return bool(_RANGE_AFTER_RE.match(clause[quantity.end:]) or _RANGE_BEFORE_RE.search(clause[:quantity.start]))


def _is_starting_point(clause: str, quantity: Quantity, segment_start: int) -> bool:
    before = clause[segment_start:quantity.start]
    return ("由" in before or "从" in before) and bool(_RAISE_RE.match(clause[quantity.end:]))


def _is_frequency(clause: str, quantity: Quantity) -> bool:
    """每年开展2次, 一年两次: a count of recurrences, not a target."""
    if quantity.unit not in _FREQUENCY_UNITS:
        return False
    before = clause[:quantity.start]
    return "每" in before or before.rstrip().endswith(("年", "月", "季度", "周", "日"))


def _target(clause: str, quantity: Quantity, segment_start: int) -> Target:
    qualifier, comparator = _qualifier(clause[:quantity.start], quantity)
    return Target(
        value=as_json_number(quantity.value),
        unit=quantity.unit,
        subject=subject_of(clause, quantity, segment_start),
        comparator=comparator,
        qualifier=qualifier,
        quote=clause.strip(),
    )


def _qualifier(before: str, quantity: Quantity) -> tuple[str | None, str]:
    """The qualifier words (至少, 力争达到, 达到…以上) and the comparator they give."""
    words = _PRE_RE.findall(before)
    adjacent = next((word for word in _ADJACENT if before.endswith(word)), None)
    if adjacent and not any(word.endswith(adjacent) for word in words[-1:]):
        words.append(adjacent)
    comparators = [_PRE.get(word) or _ADJACENT[word] for word in words]
    comparator = next((found for found in reversed(comparators) if found != "="), "=")
    if quantity.post:
        comparator = _POST[quantity.post]
        words.append(("…" if words else "") + quantity.post)
    return ("".join(words) or None), comparator
