"""What ``RuleTable.validate`` checks: ranges, codes and references, and that every decision is total and monotonic.

Total: every possible answer gets a grade and every combination of grades a level. Monotonic: a worse
item score never gives a better grade, and a worse grade never a lower level. Both are proved by
enumerating the (small) sets of possible values. Pure.
"""

from collections import Counter
from itertools import product
from math import prod
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from minzheng.eldercare.assessment.decisions import Rule, decide

if TYPE_CHECKING:
    from minzheng.eldercare.assessment.rules import Dimension, RuleTable

__all__ = ["COMBINE_RAISES", "MAX_COMBINATIONS", "MAX_MONTHS", "table_problems"]

COMBINE_RAISES = ("max", "sum")
MAX_COMBINATIONS = 100_000
MAX_MONTHS = 60

Domains = dict[str, tuple[int, ...]]  # each key's possible values, from the best to the worst


def table_problems(table: "RuleTable") -> list[str]:
    """Every problem of ``table``, each prefixed by where it is; empty when the table can be used."""
    problems = _code_problems(table)
    for dimension in table.dimensions:
        problems += _dimension_problems(table, dimension)
    if not problems:  # the level rules are checked over the dimensions, once those are sound
        grades = tuple(range(len(table.grades)))
        domains = {dimension.code: grades for dimension in table.dimensions}
        problems += _decision_problems(table.level_rules, domains, len(table.levels), "level_rules")
    return _header_problems(table) + problems + _adjustment_problems(table)


def _header_problems(table: "RuleTable") -> list[str]:
    problems = []
    for key in ("grades", "levels"):
        names = getattr(table, key)
        if len(names) < 2 or not all(names):
            problems.append(f"{key}: " + _("at least two names, none empty."))
    if not 1 <= table.reassessment_months <= MAX_MONTHS:
        problems.append("reassessment_months: " + _("a whole number of months from 1 to %(max)d.")
                        % {"max": MAX_MONTHS})
    if table.combine_raises not in COMBINE_RAISES:
        problems.append("combine_raises: " + _("one of: %(values)s.") % {"values": ", ".join(COMBINE_RAISES)})
    if not table.dimensions:
        problems.append("dimensions: " + _("at least one dimension."))
    if not table.level_rules:
        problems.append("level_rules: " + _("at least one rule."))
    return problems


def _code_problems(table: "RuleTable") -> list[str]:
    groups = {
        "dimensions": [dimension.code for dimension in table.dimensions],
        "items": [item.code for dimension in table.dimensions for item in dimension.items],
        "adjustments": [adjustment.code for adjustment in table.adjustments],
    }
    problems = []
    for key, codes in groups.items():
        if not all(codes):
            problems.append(f"{key}: " + _("every code must be filled in."))
        repeated = sorted(code for code, count in Counter(codes).items() if count > 1)
        if repeated:
            problems.append(f"{key}: " + _("repeated codes: %(codes)s.") % {"codes": ", ".join(repeated)})
    return problems


def _dimension_problems(table: "RuleTable", dimension: "Dimension") -> list[str]:
    path = f"dimensions.{dimension.code}"
    problems = [] if dimension.items else [f"{path}.items: " + _("at least one item.")]
    for item in dimension.items:
        if not item.scores or len(set(item.scores)) < len(item.scores) or min(item.scores) < 0:
            problems.append(f"{path}.items.{item.code}.scores: " + _("distinct whole numbers of 0 or more."))
    if bool(dimension.bands) == bool(dimension.rules):
        problems.append(f"{path}: " + _("give either “bands” or “rules”."))
    if problems:
        return problems
    if dimension.bands:
        return _band_problems(dimension, len(table.grades), path)
    domains = {item.code: dimension.worst_first(item) for item in dimension.items}
    return _decision_problems(dimension.rules, domains, len(table.grades), f"{path}.rules")


def _totals(dimension: "Dimension") -> list[int]:
    """Every item total the answers can reach, from the best to the worst."""
    totals = {0}
    for item in dimension.items:
        totals = {total + score for total in totals for score in item.scores}
    return sorted(totals, reverse=dimension.higher_is_better)


def _band_problems(dimension: "Dimension", grades: int, path: str) -> list[str]:
    problems = []
    for index, band in enumerate(dimension.bands):
        if not 0 <= band.grade < grades or band.minimum > band.maximum:
            problems.append(f"{path}.bands[{index}]: " + _("a grade from 0 to %(top)d and min ≤ max.")
                            % {"top": grades - 1})
    bands = sorted(dimension.bands, key=lambda band: band.minimum)
    for lower, upper in zip(bands, bands[1:], strict=False):
        if upper.minimum <= lower.maximum:
            problems.append(f"{path}.bands: " + _("%(a)d–%(b)d overlaps %(c)d–%(d)d.")
                            % {"a": lower.minimum, "b": lower.maximum, "c": upper.minimum, "d": upper.maximum})
    if problems:
        return problems
    graded = [(total, [b.grade for b in bands if b.minimum <= total <= b.maximum]) for total in _totals(dimension)]
    uncovered = [str(total) for total, found in graded if not found]
    if uncovered:
        return [f"{path}.bands: " + _("no band for the totals %(totals)s.") % {"totals": ", ".join(uncovered)}]
    for (better, (grade,)), (worse, (worse_grade,)) in zip(graded, graded[1:], strict=False):
        if worse_grade < grade:
            return [f"{path}.bands: " + _("the worse total %(worse)d has a better grade than %(better)d.")
                    % {"worse": worse, "better": better}]
    return []


def _reference_problems(rules: tuple[Rule, ...], domains: Domains, results: int, path: str) -> list[str]:
    problems = []
    for index, rule in enumerate(rules):
        where = f"{path}[{index}]"
        if not 0 <= rule.result < results:
            problems.append(f"{where}: " + _("the result must be from 0 to %(top)d.") % {"top": results - 1})
        for key, allowed in rule.conditions():
            if key not in domains:
                problems.append(f"{where}: " + _("unknown code “%(key)s”.") % {"key": key})
            elif not allowed or not allowed <= set(domains[key]):
                problems.append(f"{where}.{key}: " + _("values must be among %(values)s.")
                                % {"values": ", ".join(map(str, sorted(domains[key])))})
        for count in rule.counts:
            maximum = len(count.of) if count.maximum is None else count.maximum
            if not count.of or not 0 <= count.minimum <= maximum <= len(count.of):
                problems.append(f"{where}.count: " + _("need 0 ≤ min ≤ max ≤ the number of codes."))
    return problems


def _show(keys: list[str], values: tuple[int, ...]) -> str:
    return ", ".join(f"{key}={value}" for key, value in zip(keys, values, strict=True))


def _decision_problems(rules: tuple[Rule, ...], domains: Domains, results: int, path: str) -> list[str]:
    """Rules that refer only to known keys and values, match every combination, and are monotonic."""
    problems = _reference_problems(rules, domains, results, path)
    if problems:
        return problems
    if prod(len(values) for values in domains.values()) > MAX_COMBINATIONS:
        return [f"{path}: " + _("more than %(max)d combinations to check.") % {"max": MAX_COMBINATIONS}]
    keys = list(domains)
    decided = {combo: decide(rules, dict(zip(keys, combo, strict=True))) for combo in product(*domains.values())}
    uncovered = [combo for combo, rule in decided.items() if rule is None]
    if uncovered:
        return [f"{path}: " + _("no rule matches %(count)d combinations, e.g. %(example)s.")
                % {"count": len(uncovered), "example": _show(keys, uncovered[0])}]
    for combo, rule in decided.items():
        for index, key in enumerate(keys):
            position = domains[key].index(combo[index])
            if position + 1 == len(domains[key]):
                continue
            worse = (*combo[:index], domains[key][position + 1], *combo[index + 1:])
            if decided[worse].result < rule.result:
                return [f"{path}: " + _("%(worse)s gives a better result than %(better)s.")
                        % {"worse": _show(keys, worse), "better": _show(keys, combo)}]
    return []


def _adjustment_problems(table: "RuleTable") -> list[str]:
    problems, top = [], len(table.levels) - 1
    for adjustment in table.adjustments:
        raises, sets = adjustment.raise_by != 0, adjustment.set_level is not None
        if raises == sets or not 0 <= (adjustment.set_level or 0) <= top or not 0 <= adjustment.raise_by <= top:
            problems.append(f"adjustments.{adjustment.code}: "
                            + _("give either “raise_by” (1 to %(top)d) or “set_level” (0 to %(top)d).") % {"top": top})
        if not adjustment.name:
            problems.append(f"adjustments.{adjustment.code}: " + _("the name must be filled in."))
    return problems
