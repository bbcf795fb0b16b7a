"""MZ/T 039-2013 scoring: every band boundary, the 感知觉与沟通 and level tables exhaustively against the
standard's text restated here, the adjustments, answer errors and the reassessment date. No database."""

import dataclasses
import datetime
import itertools

import pytest
from django.utils import translation

from minzheng.eldercare.assessment.scoring import AnswerError, assess, next_reassessment
from minzheng.eldercare.tests.assessment_helpers import (
    MZT,
    answers_for_grades,
    best_answers,
    with_perception,
    with_total,
)
from minzheng.framework.exceptions import DomainError

# --- dimension bands: each boundary value and its neighbours (ADL totals run in steps of 5) ---------------


@pytest.mark.parametrize(("dimension", "total", "grade"), [
    ("adl", 100, 0), ("adl", 95, 1), ("adl", 90, 1), ("adl", 70, 1), ("adl", 65, 1), ("adl", 60, 2), ("adl", 55, 2),
    ("adl", 50, 2), ("adl", 45, 2), ("adl", 40, 3), ("adl", 35, 3), ("adl", 5, 3), ("adl", 0, 3),
    ("mental", 0, 0), ("mental", 1, 1), ("mental", 2, 2), ("mental", 3, 2), ("mental", 4, 3), ("mental", 5, 3),
    ("mental", 6, 3),
    ("social", 0, 0), ("social", 1, 0), ("social", 2, 0), ("social", 3, 1), ("social", 4, 1), ("social", 6, 1),
    ("social", 7, 1), ("social", 8, 2), ("social", 9, 2), ("social", 12, 2), ("social", 13, 2), ("social", 14, 3),
    ("social", 15, 3), ("social", 19, 3), ("social", 20, 3),
])
def test_dimension_band_boundaries(dimension, total, grade):
    result = assess(MZT, with_total(best_answers(), dimension, total))

    assert result.scores[dimension] == total
    assert result.grades == {"adl": 0, "mental": 0, "perception": 0, "social": 0} | {dimension: grade}
    assert result.dimensions[0].grade_name == MZT.grades[result.grades["adl"]]


# --- 感知觉与沟通: the rule table, restated from REFERENCE.md §7.2 ------------------------------------------


def perception_grade(consciousness: int, vision: int, hearing: int, communication: int) -> int:
    """REFERENCE.md §7.2, clause by clause: the highest grade whose clause holds."""
    conscious, drowsy = consciousness == 0, consciousness == 1
    grade3 = vision == 4 or hearing == 4 or communication == 3 or consciousness in (2, 3)
    grade2 = ((conscious and (vision == 3 or hearing == 3 or communication == 2))
              or (drowsy and vision <= 3 and hearing <= 3 and communication <= 2))
    grade1 = conscious and (vision == 2 or hearing == 2 or communication == 1)
    grade0 = conscious and vision <= 1 and hearing <= 1 and communication == 0
    return 3 if grade3 else 2 if grade2 else 1 if grade1 else 0 if grade0 else None


def test_perception_every_combination():
    for scores in itertools.product(range(4), range(5), range(5), range(4)):
        result = assess(MZT, with_perception(best_answers(), scores))

        assert result.grades["perception"] == perception_grade(*scores), scores


@pytest.mark.parametrize(("scores", "grade"), [
    ((0, 1, 1, 0), 0), ((0, 2, 0, 0), 1), ((0, 0, 2, 0), 1), ((0, 0, 0, 1), 1), ((0, 2, 2, 1), 1),
    ((0, 3, 0, 0), 2), ((0, 0, 3, 0), 2), ((0, 0, 0, 2), 2), ((0, 4, 0, 0), 3), ((0, 0, 4, 0), 3), ((0, 0, 0, 3), 3),
    ((1, 0, 0, 0), 2), ((1, 3, 3, 2), 2), ((1, 4, 0, 0), 3), ((1, 0, 0, 3), 3), ((2, 0, 0, 0), 3), ((3, 0, 0, 0), 3),
])
def test_perception_boundaries(scores, grade):
    assert assess(MZT, with_perception(best_answers(), scores)).grades["perception"] == grade


# --- the level: the standard's clauses restated, checked over all 4⁴ grade combinations --------------------


def text_levels(adl: int, mental: int, perception: int, social: int) -> set[int]:
    """The levels whose clause in REFERENCE.md §7.2 holds (none, one or several)."""
    others = (mental, perception, social)
    clauses = {
        0: adl == 0 and mental == 0 and perception == 0 and social in (0, 1),
        1: (adl == 0 and (mental >= 1 or perception >= 1 or social == 2))
        or (adl == 1 and any(g in (0, 1) for g in others)),
        2: (adl == 1 and (all(g == 2 for g in others) or 3 in others))
        or (adl == 2 and 1 <= sum(g in (1, 2) for g in others) <= 2),
        3: adl == 3 or (adl, *others) == (2, 2, 2, 2) or (adl == 2 and 3 in others),
    }
    return {level for level, holds in clauses.items() if holds}


def expected_level(grades: tuple[int, int, int, int]) -> int:
    """The text's level; where clauses overlap the higher; the text's gaps as the table's notes read them."""
    levels = text_levels(*grades)
    if levels:
        return max(levels)
    adl, mental, perception, social = grades
    assert (adl == 0 and social == 3) or adl == 2, grades  # the only gaps in the text
    return 1 if adl == 0 else 2


def test_level_every_grade_combination():
    for grades in itertools.product(range(4), repeat=4):
        result = assess(MZT, answers_for_grades(*grades))

        assert tuple(result.grades.values()) == grades
        assert result.preliminary_level == result.level == expected_level(grades), grades
        assert result.level_name == MZT.levels[result.level]


def test_text_gaps_and_overlaps_are_the_ones_documented():
    combos = list(itertools.product(range(4), repeat=4))
    gaps = [g for g in combos if not text_levels(*g)]
    overlaps = [g for g in combos if len(text_levels(*g)) > 1]

    assert gaps == [(0, 0, 0, 3), *((2, m, p, s) for m, p, s in itertools.product(range(3), repeat=3)
                                   if sum(g in (1, 2) for g in (m, p, s)) in (0, 3) and (m, p, s) != (2, 2, 2))]
    assert {tuple(sorted(text_levels(*g))) for g in overlaps} == {(1, 2), (2, 3)}
    assert all(g[0] in (1, 2) for g in overlaps)


@pytest.mark.parametrize(("grades", "level"), [
    ((0, 0, 0, 0), 0), ((0, 0, 0, 1), 0), ((0, 0, 0, 2), 1), ((0, 1, 0, 0), 1), ((0, 0, 3, 0), 1),
    ((1, 0, 0, 0), 1), ((1, 2, 2, 1), 1), ((1, 2, 2, 2), 2), ((1, 3, 2, 2), 2), ((1, 0, 0, 3), 2),
    ((2, 0, 0, 0), 2), ((2, 1, 0, 0), 2), ((2, 1, 2, 0), 2), ((2, 1, 1, 1), 2), ((2, 2, 2, 2), 3), ((2, 0, 0, 3), 3),
    ((3, 0, 0, 0), 3),
])
def test_level_examples(grades, level):
    assert assess(MZT, answers_for_grades(*grades)).level == level


# --- adjustments ------------------------------------------------------------------------------------------

PRELIMINARY = {0: (0, 0, 0, 0), 1: (1, 0, 0, 0), 2: (2, 0, 0, 0), 3: (3, 0, 0, 0)}


@pytest.mark.parametrize("preliminary", range(4))
def test_coma_rates_the_most_severe_level(preliminary):
    result = assess(MZT, answers_for_grades(*PRELIMINARY[preliminary]), {"coma"})

    assert (result.preliminary_level, result.level) == (preliminary, 3)
    assert [(a.code, a.level_before, a.level_after) for a in result.adjustments] == [("coma", preliminary, 3)]


@pytest.mark.parametrize("finding", ["dementia", "mental_illness", "risk_events"])
@pytest.mark.parametrize(("preliminary", "level"), [(0, 1), (1, 2), (2, 3), (3, 3)])
def test_each_finding_raises_by_one(finding, preliminary, level):
    result = assess(MZT, answers_for_grades(*PRELIMINARY[preliminary]), {finding})

    assert (result.preliminary_level, result.level) == (preliminary, level)
    assert result.adjustments[0].basis == MZT.adjustment(finding).note


def test_findings_raise_once_in_mzt():
    with translation.override("en"):
        result = assess(MZT, best_answers(), {"risk_events", "dementia", "mental_illness"})

    assert result.level == 1
    assert [(a.code, a.level_before, a.level_after) for a in result.adjustments] == [
        ("dementia", 0, 1), ("mental_illness", 1, 1), ("risk_events", 1, 1)]
    assert result.adjustments[0].effect == "Raised from “能力完好” to “轻度失能”."
    assert result.adjustments[1].effect == "No further change: in MZ/T 039-2013 findings raise the level only once."


def test_findings_add_up_when_the_table_says_sum():
    table = dataclasses.replace(MZT, combine_raises="sum")

    assert assess(table, best_answers(), {"dementia", "mental_illness"}).level == 2
    assert assess(table, best_answers(), {"dementia", "mental_illness", "risk_events", "coma"}).level == 3


def test_coma_and_a_finding_at_the_top():
    with translation.override("en"):
        result = assess(MZT, best_answers(), {"dementia", "coma"})

    assert result.level == 3
    assert [(a.code, a.level_after) for a in result.adjustments] == [("coma", 3), ("dementia", 3)]
    assert result.adjustments[0].effect == "Rated “重度失能” directly."
    assert result.adjustments[1].effect == "No change: the level is already “重度失能”."


def test_no_findings_no_adjustments():
    result = assess(MZT, answers_for_grades(2, 0, 0, 0))

    assert result.adjustments == ()
    assert result.level == result.preliminary_level == 2


# --- answer errors ----------------------------------------------------------------------------------------


def test_missing_item_is_a_field_error():
    answers = best_answers()
    del answers["stairs"]
    with translation.override("en"), pytest.raises(AnswerError) as caught:
        assess(MZT, answers)

    assert isinstance(caught.value, ValueError) and isinstance(caught.value, DomainError)
    assert caught.value.field == "stairs"
    assert caught.value.errors == {"stairs": ["“上下楼梯” has no answer."]}


@pytest.mark.parametrize("score", [3, 20, -5, True, 5.0, "5", None])
def test_score_not_allowed_is_a_field_error(score):
    with pytest.raises(AnswerError) as caught:
        assess(MZT, {**best_answers(), "bathing": score})

    assert caught.value.field == "bathing"
    assert list(caught.value.errors) == ["bathing"]


def test_every_problem_is_reported():
    answers = {**best_answers(), "vision": 5, "shoe_size": 42}
    del answers["cognition"]
    with translation.override("en"), pytest.raises(AnswerError) as caught:
        assess(MZT, answers, {"coma", "flu"})

    assert caught.value.errors == {
        "cognition": ["“认知功能” has no answer."],
        "vision": ["“视力”: 5 is not one of the scores 0, 1, 2, 3, 4."],
        "shoe_size": ["“shoe_size” is not an item of MZ/T 039-2013."],
        "adjustments": ["Unknown findings for MZ/T 039-2013: flu."],
    }
    assert str(caught.value) == "“认知功能” has no answer."


# --- reassessment -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("assessed", "due"), [
    ("2014-01-15", "2014-07-15"), ("2014-07-01", "2015-01-01"), ("2014-12-31", "2015-06-30"),
    ("2014-08-31", "2015-02-28"), ("2015-08-31", "2016-02-29"), ("2015-08-29", "2016-02-29"),
    ("2014-03-31", "2014-09-30"), ("2014-06-30", "2014-12-30"),
])
def test_next_reassessment_in_calendar_months(assessed, due):
    assessed_on = datetime.date.fromisoformat(assessed)

    assert next_reassessment(MZT, assessed_on) == datetime.date.fromisoformat(due)


def test_reassessment_interval_is_data():
    table = dataclasses.replace(MZT, reassessment_months=12)

    assert next_reassessment(table, datetime.date(2016, 2, 29)) == datetime.date(2017, 2, 28)
