"""Shared test data for the assessment scoring tests: the MZ/T 039-2013 table and answers built to a target."""

from minzheng.eldercare.assessment.rules import MZT_039_2013, RuleTable

MZT = RuleTable.from_dict(MZT_039_2013)
DIMENSIONS = {dimension.code: dimension for dimension in MZT.dimensions}
PERCEPTION_ITEMS = ("consciousness", "vision", "hearing", "communication")

# Answers that give each dimension grade: a total for the banded dimensions, item scores for 感知觉与沟通.
GRADE_TOTALS = {"adl": (100, 95, 60, 40), "mental": (0, 1, 2, 4), "social": (0, 3, 8, 14)}
PERCEPTION_BY_GRADE = ((0, 0, 0, 0), (0, 2, 0, 0), (0, 3, 0, 0), (0, 4, 0, 0))


def best_answers() -> dict[str, int]:
    """Every item at its best score: 能力完好 in every dimension."""
    return {item.code: dimension.worst_first(item)[0] for dimension in MZT.dimensions for item in dimension.items}


def with_total(answers: dict[str, int], dimension_code: str, total: int) -> dict[str, int]:
    """``answers`` with the items of a banded dimension filled greedily (highest scores first) to ``total``."""
    answers, remaining = dict(answers), total
    for item in DIMENSIONS[dimension_code].items:
        answers[item.code] = max(score for score in item.scores if score <= remaining)
        remaining -= answers[item.code]
    assert remaining == 0, (dimension_code, total)
    return answers


def with_perception(answers: dict[str, int], scores: tuple[int, int, int, int]) -> dict[str, int]:
    return {**answers, **dict(zip(PERCEPTION_ITEMS, scores, strict=True))}


def answers_for_grades(adl: int, mental: int, perception: int, social: int) -> dict[str, int]:
    answers = with_total(best_answers(), "adl", GRADE_TOTALS["adl"][adl])
    answers = with_total(answers, "mental", GRADE_TOTALS["mental"][mental])
    answers = with_total(answers, "social", GRADE_TOTALS["social"][social])
    return with_perception(answers, PERCEPTION_BY_GRADE[perception])
