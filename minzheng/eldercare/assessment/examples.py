"""Answers that give chosen dimension grades under a rule table: for demonstrations and tests. Pure."""

from collections.abc import Mapping
from itertools import product
from math import prod

from minzheng.eldercare.assessment.rules import Dimension, RuleTable

__all__ = ["answers_for_grades"]

#: Dimensions with at most this many answer combinations are searched exhaustively.
MAX_SEARCH = 20_000


def answers_for_grades(table: RuleTable, grades: Mapping[str, int]) -> dict[str, int]:
    """Answers (item code → score) whose dimension grades are ``grades`` (dimension code → grade), each dimension
    answered as well as its grade allows.

    Raises:
        ValueError: no answers give a requested grade.
    """
    answers: dict[str, int] = {}
    for dimension in table.dimensions:
        answers.update(_answers(dimension, grades[dimension.code]))
    return answers


def _answers(dimension: Dimension, grade: int) -> dict[str, int]:
    scales = [dimension.worst_first(item) for item in dimension.items]  # each from the best score to the worst
    codes = [item.code for item in dimension.items]
    if prod(len(scale) for scale in scales) <= MAX_SEARCH:
        for scores in product(*scales):
            answers = dict(zip(codes, scores, strict=True))
            if dimension.grade(answers) == grade:
                return answers
    else:
        for band in sorted((band for band in dimension.bands if band.grade == grade), key=lambda band: band.minimum):
            totals = range(band.maximum, band.minimum - 1, -1) if dimension.higher_is_better else range(
                band.minimum, band.maximum + 1)
            for total in totals:
                answers = _fill(dimension, total)
                if answers is not None:
                    return answers
    raise ValueError(f"no answers give {dimension.code} the grade {grade}")


def _fill(dimension: Dimension, total: int) -> dict[str, int] | None:
    """Items filled greedily (the highest score that fits) to ``total`` exactly, or None."""
    answers, remaining = {}, total
    for item in dimension.items:
        fitting = [score for score in item.scores if score <= remaining]
        if not fitting:
            return None
        answers[item.code] = max(fitting)
        remaining -= answers[item.code]
    return answers if remaining == 0 else None
