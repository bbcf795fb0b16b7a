"""Properties of the scoring over the whole MZ/T 039-2013 table (hypothesis). No database.

“Worse” follows each dimension's direction: a higher score is worse except in 日常生活活动, whose
Barthel scores count ability (100 is fully independent), so there a higher score is better.
"""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from minzheng.eldercare.assessment.scoring import add_months, assess, next_reassessment
from minzheng.eldercare.tests.assessment_helpers import MZT

ITEMS = [(dimension, item) for dimension in MZT.dimensions for item in dimension.items]
answers = st.fixed_dictionaries({item.code: st.sampled_from(item.scores) for _, item in ITEMS})
findings = st.frozensets(st.sampled_from([adjustment.code for adjustment in MZT.adjustments]))


@st.composite
def worsened(draw):
    """Answers, and the same answers with one item moved to a worse score."""
    before = draw(answers)
    dimension, item = draw(st.sampled_from(ITEMS))
    scale = dimension.worst_first(item)
    position = scale.index(before[item.code])
    worse = draw(st.sampled_from(scale[position:]))
    return before, {**before, item.code: worse}, dimension


@given(answers, findings)
def test_level_is_always_a_level(answers, findings):
    result = assess(MZT, answers, findings)

    assert 0 <= result.preliminary_level <= result.level <= 3
    assert result.level_name == MZT.levels[result.level]
    assert all(0 <= grade <= 3 for grade in result.grades.values())


@given(worsened(), findings)
def test_a_worse_answer_never_lowers_grade_or_level(pair, findings):
    before, after, dimension = pair
    old, new = assess(MZT, before, findings), assess(MZT, after, findings)

    assert new.grades[dimension.code] >= old.grades[dimension.code]
    assert new.preliminary_level >= old.preliminary_level
    assert new.level >= old.level


@given(answers, st.sampled_from(ITEMS), st.data())
def test_raising_an_item_score(answers, target, data):
    dimension, item = target
    higher = data.draw(st.sampled_from([score for score in item.scores if score >= answers[item.code]]))
    old, new = assess(MZT, answers), assess(MZT, {**answers, item.code: higher})

    if dimension.higher_is_better:  # ADL: more points, more ability
        assert new.level <= old.level
    else:
        assert new.level >= old.level


@given(answers, findings, findings)
def test_findings_never_lower_the_level(answers, some, more):
    plain, found, more_found = assess(MZT, answers), assess(MZT, answers, some), assess(MZT, answers, some | more)

    assert found.preliminary_level == plain.level
    assert plain.level <= found.level <= more_found.level
    assert all(a.level_after >= a.level_before for a in more_found.adjustments)
    assert found.level <= min(plain.level + 1, 3) or "coma" in some


@given(st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 12, 31)), st.integers(0, 60))
def test_add_months_is_calendar_months_clamped(day, months):
    moved = add_months(day, months)

    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + datetime.timedelta(days=1)).day == 1)


@given(st.dates(datetime.date(1990, 1, 1), datetime.date(2090, 12, 31)))
def test_next_reassessment_is_six_months_on(day):
    assert next_reassessment(MZT, day) == add_months(day, 6) > day
