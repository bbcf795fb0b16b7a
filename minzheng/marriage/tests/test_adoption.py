"""Adoption: every refusal ground under 收养法 (to 2020-12-31) and the Civil Code (from 2021-01-01),
the waivers for exempt children and a relative's child, and the review and notice dates."""

import dataclasses
import datetime

import chinese_calendar
import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from minzheng.marriage.checks import (
    Adopter,
    Child,
    adoption_refusals,
    adoption_review_last_day,
    foundling_notice_last_day,
)
from minzheng.marriage.dates import age_on
from minzheng.marriage.rules import CIVIL_CODE, MARRIAGE_LAW_2001
from minzheng.registry.idcard import generate_id_number

D = datetime.date
MAN, WOMAN = "1", "2"
OLD, NEW = D(2019, 6, 1), D(2022, 6, 1)  # 收养法, Civil Code
LAST_OLD, FIRST_NEW = D(2020, 12, 31), D(2021, 1, 1)


def adopter(**values) -> Adopter:
    defaults = {"married": True, "children": 0, "able_to_raise": True, "barring_disease": False,
                "harmful_criminal_record": False, "birth_date": D(1980, 3, 1), "sex": MAN}
    return Adopter(**defaults | values)


def couple(**values) -> list[Adopter]:
    return [adopter(**values), adopter(**{"sex": WOMAN, "birth_date": D(1981, 4, 1)} | values)]


def single(**values) -> list[Adopter]:
    return [adopter(**{"married": False} | values)]


def child(**values) -> Child:
    return Child(**{"parents_in_hardship": True, "birth_date": D(2017, 1, 1), "sex": WOMAN} | values)


def check(on, adopters=None, children=None, *, assessment_passed=True, **kwargs) -> list[tuple[str, str]]:
    refusals = adoption_refusals(on, couple() if adopters is None else adopters,
                                 [child()] if children is None else children, assessment_passed=assessment_passed,
                                 **kwargs)
    return [(str(refusal.code), refusal.field) for refusal in refusals]


def codes(*args, **kwargs) -> list[str]:
    return [code for code, _field in check(*args, **kwargs)]


@pytest.mark.parametrize("on", [OLD, LAST_OLD, FIRST_NEW, NEW])
def test_a_couple_in_order_may_adopt(on):
    assert check(on) == []
    assert check(on, single(sex=WOMAN)) == []  # a single woman adopting a girl: no age gap


def test_empty_applications_are_an_error():
    with pytest.raises(ValueError, match="at least one adopter and one child"):
        adoption_refusals(NEW, [], [child()])
    with pytest.raises(ValueError, match="at least one adopter and one child"):
        adoption_refusals(NEW, couple(), [])


# The adopters


@pytest.mark.parametrize("on", [LAST_OLD, FIRST_NEW])
def test_the_adopter_is_thirty_on_the_birthday(on):
    turning = on.replace(year=on.year - 30)
    assert check(on, single(birth_date=turning, sex=WOMAN)) == []
    assert check(on, single(birth_date=turning + datetime.timedelta(days=1), sex=WOMAN)) == [
        ("adoption.adopter_under_age", "adopters.0.birth_date")]


@pytest.mark.parametrize(("_case", "on", "adopters", "expected"), [
    ("married adopter alone, 收养法", OLD, [adopter()], [("adoption.spouse_must_join", "adopters.0.married")]),
    ("married adopter alone, Civil Code", NEW, [adopter()], [("adoption.spouse_must_join", "adopters.0.married")]),
    ("two unmarried", NEW, [adopter(married=False), adopter(married=False, sex=WOMAN)],
     [("adoption.adopters_not_couple", "adopters")]),
    ("three", NEW, [*couple(), adopter()], [("adoption.adopters_not_couple", "adopters")]),
    ("cannot raise", OLD, couple(able_to_raise=False),
     [("adoption.cannot_raise", "adopters.0.able_to_raise"), ("adoption.cannot_raise", "adopters.1.able_to_raise")]),
    ("barring disease, 收养法", OLD, [adopter(barring_disease=True), adopter(sex=WOMAN)],
     [("adoption.barring_disease", "adopters.0.barring_disease")]),
    ("barring disease, Civil Code", NEW, [adopter(), adopter(sex=WOMAN, barring_disease=True)],
     [("adoption.barring_disease", "adopters.1.barring_disease")]),
])
def test_adopter_grounds(_case, on, adopters, expected):
    assert check(on, adopters) == expected


def test_a_harmful_criminal_record_bars_from_2021_only():
    adopters = [adopter(harmful_criminal_record=True), adopter(sex=WOMAN)]
    assert check(LAST_OLD, adopters) == []
    assert check(FIRST_NEW, adopters) == [("adoption.criminal_record", "adopters.0.harmful_criminal_record")]


def test_the_assessment_is_required_from_2021_only():
    for passed in (None, False):
        assert check(LAST_OLD, assessment_passed=passed) == []
        assert check(FIRST_NEW, assessment_passed=passed) == [("adoption.assessment", "assessment_passed")]


# Children of one's own and the number adopted


@pytest.mark.parametrize(("_case", "on", "own", "adopted", "expected"), [
    ("收养法: childless, one", LAST_OLD, 0, 1, []),
    ("收养法: childless, two", LAST_OLD, 0, 2, ["adoption.too_many_children"]),
    ("收养法: one child of one's own", LAST_OLD, 1, 1, ["adoption.has_children", "adoption.has_children"]),
    ("Civil Code: childless, two", FIRST_NEW, 0, 2, []),
    ("Civil Code: childless, three", FIRST_NEW, 0, 3, ["adoption.too_many_children"]),
    ("Civil Code: one child, one more", FIRST_NEW, 1, 1, []),
    ("Civil Code: one child, two more", FIRST_NEW, 1, 2, ["adoption.too_many_children"]),
    ("Civil Code: two children", FIRST_NEW, 2, 1, ["adoption.has_children", "adoption.has_children"]),
])
def test_number_limits(_case, on, own, adopted, expected):
    children = [child(birth_date=D(2016 + n, 1, 1)) for n in range(adopted)]
    assert codes(on, couple(children=own), children) == expected


@pytest.mark.parametrize("on", [LAST_OLD, FIRST_NEW])
@pytest.mark.parametrize("exempt", [
    {"orphan": True}, {"disabled": True}, {"in_welfare_institution": True, "parents_unknown": True,
                                           "notice_published_on": D(2018, 1, 1)},
])
def test_exempt_children_are_outside_the_number_limits(on, exempt):
    children = [child(birth_date=D(2015 + n, 1, 1), **exempt) for n in range(3)]
    assert check(on, couple(children=2), children) == []
    # A child of the common kind alongside them is counted.
    assert codes(on, couple(children=2), [*children, child()]) == ["adoption.has_children"] * 2


def test_a_foundling_outside_an_institution_is_counted():
    foundling = {"parents_unknown": True, "notice_published_on": D(2018, 1, 1)}
    children = [child(birth_date=D(2016 + n, 1, 1), **foundling) for n in range(2)]
    assert codes(LAST_OLD, couple(), children) == ["adoption.too_many_children"]
    assert codes(FIRST_NEW, couple(), children) == []


# The child


def test_the_child_must_be_in_an_adoptable_situation():
    nobody = child(parents_in_hardship=False)
    for on in (LAST_OLD, FIRST_NEW):
        assert check(on, children=[nobody]) == [("adoption.child_not_eligible", "children.0.situation")]
        assert check(on, children=[child(parents_in_hardship=False, orphan=True)]) == []


@pytest.mark.parametrize(("_case", "on", "born", "expected"), [
    ("收养法: 13", LAST_OLD, D(2007, 1, 1), []),
    ("收养法: 14 that day", LAST_OLD, D(2006, 12, 31), ["adoption.child_too_old"]),
    ("Civil Code: 14", FIRST_NEW, D(2006, 12, 31), []),
    ("Civil Code: 17", FIRST_NEW, D(2003, 1, 2), []),
    ("Civil Code: 18 that day", FIRST_NEW, D(2003, 1, 1), ["adoption.child_too_old"]),
])
def test_the_child_age_limit(_case, on, born, expected):
    assert codes(on, children=[child(birth_date=born, consents=True)]) == expected


@pytest.mark.parametrize(("_case", "on", "born", "needs_consent"), [
    ("收养法: 9", LAST_OLD, D(2011, 1, 1), False),
    ("收养法: 10 that day", LAST_OLD, D(2010, 12, 31), True),
    ("Civil Code: 7", FIRST_NEW, D(2013, 1, 2), False),
    ("Civil Code: 8 that day", FIRST_NEW, D(2013, 1, 1), True),
    ("Civil Code: 9", FIRST_NEW, D(2012, 1, 1), True),
])
def test_consent_of_the_child(_case, on, born, needs_consent):
    expected = [("adoption.child_consent", "children.0.consents")] if needs_consent else []
    assert check(on, children=[child(birth_date=born)]) == expected
    assert check(on, children=[child(birth_date=born, consents=False)]) == expected
    assert check(on, children=[child(birth_date=born, consents=True)]) == []


@pytest.mark.parametrize(("_case", "on", "adopter_sex", "child_sex", "bound"), [
    ("收养法: single man, girl", LAST_OLD, MAN, WOMAN, True),
    ("收养法: single man, boy", LAST_OLD, MAN, MAN, False),
    ("收养法: single woman, boy", LAST_OLD, WOMAN, MAN, False),
    ("Civil Code: single man, girl", FIRST_NEW, MAN, WOMAN, True),
    ("Civil Code: single woman, boy", FIRST_NEW, WOMAN, MAN, True),
    ("Civil Code: single woman, girl", FIRST_NEW, WOMAN, WOMAN, False),
])
def test_the_age_gap_of_a_single_adopter(_case, on, adopter_sex, child_sex, bound):
    adopters = single(sex=adopter_sex, birth_date=D(1975, 5, 10))
    fortieth = D(2015, 5, 10)
    assert check(on, adopters, [child(sex=child_sex, birth_date=fortieth)]) == []
    too_close = check(on, adopters, [child(sex=child_sex, birth_date=fortieth - datetime.timedelta(days=1))])
    assert too_close == ([("adoption.age_gap", "children.0.birth_date")] if bound else [])
    # A couple is not bound by the gap.
    assert check(on, couple(), [child(sex=child_sex, birth_date=D(2016, 1, 1))]) == []


def test_the_age_gap_on_29_february():
    adopters = single(sex=MAN, birth_date=D(1980, 2, 29))  # 40 on 1 March 2020, a leap year: 29 February
    assert check(FIRST_NEW, adopters, [child(birth_date=D(2020, 2, 29))]) == []
    assert codes(FIRST_NEW, adopters, [child(birth_date=D(2020, 2, 28))]) == ["adoption.age_gap"]


# A relative's child (三代以内旁系同辈血亲的子女)


def test_a_relatives_child_waives_the_situation_and_the_age_gap():
    relative = child(parents_in_hardship=False, relative=True, birth_date=D(2016, 1, 1))
    for on in (LAST_OLD, FIRST_NEW):
        assert check(on, single(birth_date=D(1985, 1, 1)), [relative]) == []
        assert codes(on, single(birth_date=D(1985, 1, 1)), [dataclasses.replace(relative, relative=False)]) == [
            "adoption.child_not_eligible", "adoption.age_gap"]


def test_a_relatives_child_of_14_may_be_adopted_under_the_old_law_only():
    relative = child(relative=True, birth_date=D(2004, 1, 1), consents=True)  # 16
    assert check(LAST_OLD, children=[relative]) == []
    assert codes(FIRST_NEW, children=[relative]) == []  # 16 is a minor
    assert codes(FIRST_NEW, children=[dataclasses.replace(relative, birth_date=D(2002, 1, 1))]) == [
        "adoption.child_too_old"]


def test_an_overseas_chinese_adopting_a_relatives_child_may_have_children():
    relative = child(relative=True)
    assert codes(LAST_OLD, couple(children=2), [relative]) == ["adoption.has_children"] * 2
    assert check(LAST_OLD, couple(children=2, overseas_chinese=True), [relative]) == []
    assert check(FIRST_NEW, couple(children=2, overseas_chinese=True), [relative]) == []
    assert codes(FIRST_NEW, couple(children=2, overseas_chinese=True), [child()]) == ["adoption.has_children"] * 2


# Foundlings: the public notice


def test_a_foundling_needs_the_notice_to_have_run():
    foundling = child(parents_in_hardship=False, parents_unknown=True)
    for on in (LAST_OLD, FIRST_NEW):
        assert check(on, children=[foundling]) == [("adoption.notice_not_published", "children.0.notice_published_on")]
    published = dataclasses.replace(foundling, notice_published_on=D(2022, 1, 1))  # runs to 2022-03-02
    assert check(D(2022, 3, 2), children=[published]) == [("adoption.notice_pending", "children.0.notice_published_on")]
    assert check(D(2022, 3, 3), children=[published]) == []


def test_notice_and_review_dates():
    assert foundling_notice_last_day(D(2022, 1, 1)) == D(2022, 3, 2)
    assert foundling_notice_last_day(D(2020, 12, 31)) == D(2021, 3, 1)
    assert adoption_review_last_day(D(2022, 3, 1)) == D(2022, 3, 31)
    assert adoption_review_last_day(D(2020, 12, 31)) == D(2021, 1, 30)
    assert adoption_review_last_day(D(2021, 1, 1)) == D(2021, 1, 31)
    assert adoption_review_last_day(D(2021, 1, 1), is_workday=chinese_calendar.is_workday) == D(2021, 2, 1)
    # The 60 days of the notice are not counted in the review, whenever it is published.
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2022, 3, 1)) == D(2022, 5, 30)
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2022, 3, 11)) == D(2022, 5, 30)
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2022, 3, 11),
                                    rules=dataclasses.replace(CIVIL_CODE, adoption=dataclasses.replace(
                                        CIVIL_CODE.adoption, foundling_notice_days=30))) == D(2022, 4, 30)


def test_a_notice_on_the_reviews_last_day_or_before_the_application():
    # Published on day 30: the review's days are used up, but it cannot end before the notice has run.
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2022, 3, 31)) == D(2022, 5, 31)
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2022, 3, 31),
                                    is_workday=chinese_calendar.is_workday) == D(2022, 5, 31)  # a Tuesday
    # Published long before the application: nothing to leave out.
    assert adoption_review_last_day(D(2022, 3, 1), notice_published_on=D(2021, 12, 1)) == D(2022, 3, 31)


@given(st.dates(min_value=D(2004, 1, 1), max_value=D(2040, 1, 1)), st.integers(min_value=0, max_value=29))
def test_the_review_with_a_notice_lasts_ninety_days(received, offset):
    published = received + datetime.timedelta(days=offset)
    assert (adoption_review_last_day(received, notice_published_on=published) - received).days == 90


# Messages, identity, properties


def test_messages_name_the_people():
    refusals = adoption_refusals(NEW, single(sex=MAN, birth_date=D(1990, 1, 1), name="赵六"),
                                 [child(birth_date=D(2012, 1, 1))], assessment_passed=True)
    with translation.override("en"):
        assert [refusal.text for refusal in refusals] == [
            "Child 1 is 10 years old and has not consented (required from 8).",
            "An adopter without a spouse must be at least 40 years older than Child 1.",
        ]
    refusals = adoption_refusals(NEW, [adopter(name="赵六")], [child(name="小红")], assessment_passed=True)
    with translation.override("en"):
        assert refusals[0].text == "赵六 is married; husband and wife adopt jointly."


def test_identity_from_the_number():
    number = generate_id_number("120101", D(1990, 6, 1), MAN, 1)
    man = adopter(birth_date=None, sex=None, married=False, id_number=number)
    girl = child(birth_date=None, sex=None, id_number=generate_id_number("120101", D(2020, 1, 1), WOMAN, 1))
    assert codes(NEW, [man], [girl]) == ["adoption.age_gap"]
    assert codes(NEW, [adopter(birth_date=None, sex=None, married=False)], [child()]) == [
        "adoption.identity_unknown"]
    bad = generate_id_number("120101", D(1990, 6, 1), MAN, 1)
    bad = bad[:17] + ("1" if bad[17] != "1" else "2")
    assert codes(NEW, [adopter(birth_date=None, sex=None, married=False, id_number=bad)], [child()]) == [
        "adoption.id_invalid", "adoption.identity_unknown"]


def test_a_birth_date_after_the_day_is_unknown():
    assert codes(NEW, children=[child(birth_date=NEW + datetime.timedelta(days=1))]) == ["adoption.identity_unknown"]


@given(st.dates(min_value=D(2004, 1, 1), max_value=D(2035, 12, 31)), st.integers(min_value=0, max_value=17 * 366))
def test_consent_is_asked_exactly_from_the_consent_age(on, days_old):
    born = on - datetime.timedelta(days=days_old)
    rules = CIVIL_CODE if on >= FIRST_NEW else MARRIAGE_LAW_2001
    refused = "adoption.child_consent" in codes(on, children=[child(birth_date=born)])
    assert refused == (age_on(born, on) >= rules.adoption.consent_age)
