"""The rule sets as data: which one is in force on a date, and what each one says."""

import dataclasses
import datetime

import pytest

from minzheng.marriage.rules import CIVIL_CODE, CIVIL_CODE_DATE, MARRIAGE_LAW_2001, RULE_SETS, Document, rules_on

D = datetime.date


@pytest.mark.parametrize(("day", "expected"), [
    (D(2003, 10, 1), MARRIAGE_LAW_2001),
    (D(2014, 5, 20), MARRIAGE_LAW_2001),
    (D(2020, 12, 31), MARRIAGE_LAW_2001),
    (D(2021, 1, 1), CIVIL_CODE),
    (D(2030, 1, 1), CIVIL_CODE),
])
def test_rules_on(day, expected):
    assert rules_on(day) is expected


def test_no_rules_before_the_first_set():
    with pytest.raises(LookupError):
        rules_on(D(2003, 9, 30))


def test_a_later_rule_set_takes_over_from_its_valid_from():
    amended = dataclasses.replace(CIVIL_CODE, valid_from=D(2025, 5, 10), basis="amended")
    sets = (*RULE_SETS, amended)
    assert rules_on(D(2025, 5, 9), sets) is CIVIL_CODE
    assert rules_on(D(2025, 5, 10), sets) is amended
    assert rules_on(D(2025, 5, 10), tuple(reversed(sets))) is amended  # the order of the list does not matter


def test_the_civil_code_changes():
    assert CIVIL_CODE.valid_from == CIVIL_CODE_DATE == D(2021, 1, 1)
    before, after = MARRIAGE_LAW_2001, CIVIL_CODE
    assert (before.marriage.min_age_male, before.marriage.min_age_female) == (22, 20)
    assert (after.marriage.min_age_male, after.marriage.min_age_female) == (22, 20)
    assert before.marriage.barring_disease_refused and not after.marriage.barring_disease_refused
    assert before.divorce.cooling_off_days is None and after.divorce.cooling_off_days == 30
    assert after.divorce.appearance_days == 30
    assert (before.adoption.consent_age, after.adoption.consent_age) == (10, 8)
    assert (before.adoption.child_age_limit, after.adoption.child_age_limit) == (14, 18)
    assert (before.adoption.max_existing_children, after.adoption.max_existing_children) == (0, 1)
    assert (before.adoption.review_days, before.adoption.foundling_notice_days) == (30, 60)


def test_rule_sets_are_in_order_and_their_unconfirmed_names_exist():
    assert [rules.valid_from for rules in RULE_SETS] == sorted(rules.valid_from for rules in RULE_SETS)
    for rules in RULE_SETS:
        for name in rules.unconfirmed:
            value = rules
            for part in name.split("."):
                value = getattr(value, part)  # raises on a misspelt name


def test_documents_have_labels():
    assert all(str(document.label) for document in Document)
