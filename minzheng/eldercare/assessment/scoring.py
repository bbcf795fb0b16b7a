"""The scoring of an elderly ability assessment: answers and findings in, grades and level out. Pure.

Every score, band, rule and adjustment comes from the ``RuleTable``; nothing of a standard is
written here. A valid table is total and monotonic (``checks.py``), so ``assess`` always finds a
grade for each dimension and a level for the grades.
"""

import calendar
import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minzheng.eldercare.assessment.decisions import decide
from minzheng.eldercare.assessment.rules import Adjustment, Dimension, RuleTable
from minzheng.framework.exceptions import DomainError

__all__ = ["AnswerError", "AppliedAdjustment", "AssessmentResult", "DimensionResult", "add_months", "assess",
           "next_reassessment"]


class AnswerError(DomainError, ValueError):
    """Answers that cannot be scored; ``errors`` maps each item code (or ``adjustments``) to its messages."""

    default_code = "eldercare.assessment_answers"


@dataclass(frozen=True)
class DimensionResult:
    code: str
    name: str
    score: int  # the item total; for a dimension graded by rules it is shown but not used
    grade: int
    grade_name: str


@dataclass(frozen=True)
class AppliedAdjustment:
    """A finding and what it did: ``effect`` in words, the level before and after, and its ``basis`` in the table."""

    code: str
    name: str
    effect: str
    level_before: int
    level_after: int
    basis: str


@dataclass(frozen=True)
class AssessmentResult:
    """The outcome: ``preliminary_level`` from the dimension grades (``level_basis`` is the deciding rule's note),
    then ``level`` after the adjustments."""

    table: str
    dimensions: tuple[DimensionResult, ...]
    preliminary_level: int
    level_basis: str
    adjustments: tuple[AppliedAdjustment, ...]
    level: int
    level_name: str

    @property
    def grades(self) -> dict[str, int]:
        return {dimension.code: dimension.grade for dimension in self.dimensions}

    @property
    def scores(self) -> dict[str, int]:
        return {dimension.code: dimension.score for dimension in self.dimensions}


def assess(table: RuleTable, answers: Mapping[str, int],
           adjustments: Collection[str] = frozenset()) -> AssessmentResult:
    """Score ``answers`` (item code → score) with ``table``, then apply the findings in ``adjustments`` (codes).

    Raises:
        AnswerError: an item unanswered or unknown, a score the item does not allow, or an unknown finding.
    """
    _check(table, answers, adjustments)
    dimensions = tuple(_dimension_result(table, dimension, answers) for dimension in table.dimensions)
    rule = decide(table.level_rules, {dimension.code: dimension.grade for dimension in dimensions})
    applied, level = _adjust(table, rule.result, adjustments)
    return AssessmentResult(table=table.code, dimensions=dimensions, preliminary_level=rule.result,
                            level_basis=rule.note, adjustments=applied, level=level, level_name=table.levels[level])


def next_reassessment(table: RuleTable, assessed_on: datetime.date) -> datetime.date:
    """The date of the next regular assessment: ``reassessment_months`` calendar months later."""
    return add_months(assessed_on, table.reassessment_months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole calendar months, kept on its day or clamped to the last day of a shorter month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _check(table: RuleTable, answers: Mapping[str, int], adjustments: Collection[str]) -> None:
    items, errors = table.items, {}
    for code, item in items.items():
        score = answers.get(code)
        if score is None:
            errors[code] = [_("“%(name)s” has no answer.") % {"name": item.name}]
        elif isinstance(score, bool) or not isinstance(score, int) or score not in item.scores:
            errors[code] = [_("“%(name)s”: %(score)s is not one of the scores %(scores)s.")
                            % {"name": item.name, "score": score, "scores": ", ".join(map(str, item.scores))}]
    for code in answers:
        if code not in items:
            errors[str(code)] = [_("“%(code)s” is not an item of %(table)s.") % {"code": code, "table": table.code}]
    unknown = sorted(str(code) for code in adjustments if table.adjustment(code) is None)
    if unknown:
        errors["adjustments"] = [_("Unknown findings for %(table)s: %(codes)s.")
                                 % {"table": table.code, "codes": ", ".join(unknown)}]
    if errors:
        field = next(iter(errors))
        raise AnswerError(errors[field][0], field=field, errors=errors)


def _dimension_result(table: RuleTable, dimension: Dimension, answers: Mapping[str, int]) -> DimensionResult:
    grade = dimension.grade(answers)
    return DimensionResult(dimension.code, dimension.name, dimension.total(answers), grade, table.grades[grade])


def _adjust(table: RuleTable, level: int, codes: Collection[str]) -> tuple[tuple[AppliedAdjustment, ...], int]:
    """Settings first (to at least their level), then raises: from the level after settings when raises do
    not add up (``max``), else each from the level before it (``sum``). No adjustment lowers the level."""
    chosen = [adjustment for adjustment in table.adjustments if adjustment.code in codes]
    applied = []
    for adjustment in (a for a in chosen if a.set_level is not None):
        before, level = level, max(level, adjustment.set_level)
        applied.append(_applied(table, adjustment, before, level))
    base = level
    for adjustment in (a for a in chosen if a.raise_by):
        start = level if table.combine_raises == "sum" else base
        before, level = level, max(level, min(table.top_level, start + adjustment.raise_by))
        applied.append(_applied(table, adjustment, before, level))
    return tuple(applied), level


def _applied(table: RuleTable, adjustment: Adjustment, before: int, after: int) -> AppliedAdjustment:
    if after == before and adjustment.raise_by and before < table.top_level:
        effect = _("No further change: in %(table)s findings raise the level only once.") % {"table": table.code}
    elif after == before:
        effect = _("No change: the level is already “%(level)s”.") % {"level": table.levels[before]}
    elif adjustment.set_level is not None:
        effect = _("Rated “%(level)s” directly.") % {"level": table.levels[after]}
    else:
        effect = _("Raised from “%(before)s” to “%(after)s”.") % {"before": table.levels[before],
                                                                   "after": table.levels[after]}
    return AppliedAdjustment(adjustment.code, adjustment.name, effect, before, after, adjustment.note)
