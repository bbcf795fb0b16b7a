"""The program rules of verification, each on both sides of its boundary (pure: no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng.verification.choices import BusinessOutcome, Outcome, SourceKind
from minzheng.verification.eligibility import HouseholdFacts, evaluate, needed_sources
from minzheng.verification.models import EligibilityRuleSet

STANDARD = Decimal("700.00")
ALL_SOURCES = {kind.value for kind in SourceKind}


def rules(**extra) -> EligibilityRuleSet:
    values = {"income_sources": ["wages", "pension"], "review_margin": Decimal("0"), "max_properties": 1,
              "max_area_per_person": Decimal("30"), "check_vehicles": True,
              "allowed_vehicle_types": "摩托车、残疾人代步车",
              "deposit_multiple": Decimal("2"), "business_outcome": BusinessOutcome.REVIEW, **extra}
    return EligibilityRuleSet(**values)


def facts(members=2, wages="0", pension="0", **extra) -> HouseholdFacts:
    return HouseholdFacts(members=members, income={"wages": Decimal(wages), "pension": Decimal(pension),
                                                   "tax": Decimal("99999")}, **extra)


def outcome(household: HouseholdFacts, **rule_values) -> tuple[str, set[str]]:
    result = evaluate(household, rules(**rule_values), STANDARD)
    return result.outcome, {finding.rule for finding in result.findings}


@pytest.mark.parametrize(("wages", "expected"), [("1399.98", Outcome.ELIGIBLE), ("1399.99", Outcome.ELIGIBLE),
                                                  ("1400.00", Outcome.INELIGIBLE), ("1400.01", Outcome.INELIGIBLE)])
def test_per_capita_income_must_be_below_the_standard(wages, expected):
    """Art. 9: *below* the standard; 1400 for two people is 700 each, not below 700 (compared exactly)."""
    assert outcome(facts(wages=wages))[0] == expected


def test_only_the_sources_the_rules_count_are_income():
    assert outcome(facts(wages="700", pension="700"))[0] == Outcome.INELIGIBLE
    assert outcome(facts(wages="700", pension="700"), income_sources=["wages"])[0] == Outcome.ELIGIBLE
    assert evaluate(facts(wages="100", pension="50"), rules(), STANDARD).household_income == Decimal("150.00")


@pytest.mark.parametrize(("wages", "expected"), [("1259.98", Outcome.ELIGIBLE), ("1260.00", Outcome.REVIEW),
                                                  ("1399.98", Outcome.REVIEW), ("1400.00", Outcome.INELIGIBLE)])
def test_income_close_to_the_standard_needs_a_manual_review_within_the_margin(wages, expected):
    assert outcome(facts(wages=wages), review_margin=Decimal("0.1"))[0] == expected  # 630 ≤ per capita < 700


@pytest.mark.parametrize(("count", "expected"), [(0, Outcome.ELIGIBLE), (1, Outcome.ELIGIBLE),
                                                 (2, Outcome.INELIGIBLE)])
def test_properties_per_household(count, expected):
    assert outcome(facts(properties=count))[0] == expected
    assert outcome(facts(properties=count), max_properties=None)[0] == Outcome.ELIGIBLE  # not checked


@pytest.mark.parametrize(("area", "expected"), [("59.99", Outcome.ELIGIBLE), ("60.00", Outcome.ELIGIBLE),
                                                ("60.01", Outcome.INELIGIBLE)])
def test_floor_area_per_person(area, expected):
    """At most 30 m² per person: 60 m² for two is allowed, 60.01 is not."""
    assert outcome(facts(area=Decimal(area)))[0] == expected
    assert outcome(facts(area=Decimal(area)), max_area_per_person=None)[0] == Outcome.ELIGIBLE


def test_vehicles_of_a_type_not_allowed():
    assert outcome(facts(vehicles=1, disallowed_vehicles=0))[0] == Outcome.ELIGIBLE
    assert outcome(facts(vehicles=2, disallowed_vehicles=1)) == (Outcome.INELIGIBLE, {"vehicles"})
    assert outcome(facts(vehicles=2, disallowed_vehicles=1), check_vehicles=False)[0] == Outcome.ELIGIBLE


def test_allowed_vehicle_types_are_read_from_any_separator():
    allowed = rules(allowed_vehicle_types="摩托车，残疾人代步车, 三轮车").allowed_vehicles
    assert allowed == {"摩托车", "残疾人代步车", "三轮车"}
    assert rules(allowed_vehicle_types="").allowed_vehicles == frozenset()


@pytest.mark.parametrize(("deposits", "expected"), [("33599.99", Outcome.ELIGIBLE), ("33600.00", Outcome.ELIGIBLE),
                                                    ("33600.01", Outcome.INELIGIBLE)])
def test_deposits_per_person_against_a_multiple_of_the_annual_standard(deposits, expected):
    """2 × 12 × 700 = 16,800 per person: 33,600 for two is allowed, a cent more is not."""
    assert outcome(facts(deposits=Decimal(deposits)))[0] == expected
    assert outcome(facts(deposits=Decimal(deposits)), deposit_multiple=None)[0] == Outcome.ELIGIBLE


@pytest.mark.parametrize(("rule", "expected"), [(BusinessOutcome.IGNORE, Outcome.ELIGIBLE),
                                                (BusinessOutcome.REVIEW, Outcome.REVIEW),
                                                (BusinessOutcome.INELIGIBLE, Outcome.INELIGIBLE)])
def test_business_ownership_means_what_the_rules_say(rule, expected):
    assert outcome(facts(businesses=1), business_outcome=rule)[0] == expected
    assert outcome(facts(businesses=0), business_outcome=rule)[0] == Outcome.ELIGIBLE


def test_missing_data_and_unmatched_members_need_a_manual_review():
    result = evaluate(facts(unmatched=1), rules(), STANDARD, missing={"deposit"})
    assert result.outcome == Outcome.REVIEW
    assert {finding.rule for finding in result.findings} == {"identity", "sources"}
    assert evaluate(HouseholdFacts(), rules(), STANDARD).outcome == Outcome.REVIEW  # no living member


def test_ineligible_wins_over_review_and_every_reason_is_given():
    result = evaluate(facts(wages="5000", businesses=1, properties=3), rules(), STANDARD, missing={"tax"})
    assert result.outcome == Outcome.INELIGIBLE
    assert [f.rule for f in result.findings] == ["sources", "income", "properties", "business"]
    assert all(finding.reason for finding in result.findings)


def test_a_report_explains_the_checks_that_passed_too():
    result = evaluate(facts(wages="100"), rules(), STANDARD, explain=True)
    assert result.outcome == Outcome.ELIGIBLE
    assert {f.rule for f in result.findings} == {"income", "properties", "area", "vehicles", "deposits", "business"}
    assert "50.00" in result.findings[0].reason and "700.00" in result.findings[0].reason


def test_needed_sources_follow_the_rules():
    assert needed_sources(rules()) == {"wages", "pension", "real_estate", "vehicle", "deposit", "business"}
    assert needed_sources(rules(max_properties=None, max_area_per_person=None, check_vehicles=False,
                                deposit_multiple=None, business_outcome=BusinessOutcome.IGNORE)) == {"wages",
                                                                                                     "pension"}
    assert needed_sources(rules()) <= ALL_SOURCES


money = st.decimals(min_value=0, max_value=100000, places=2)


@given(base=money, extra=money, members=st.integers(1, 8))
def test_more_income_never_makes_a_household_more_eligible(base, extra, members):
    severity = {Outcome.ELIGIBLE: 0, Outcome.REVIEW: 1, Outcome.INELIGIBLE: 2}
    low = evaluate(facts(members=members, wages=base), rules(review_margin=Decimal("0.1")), STANDARD).outcome
    high = evaluate(facts(members=members, wages=base + extra), rules(review_margin=Decimal("0.1")), STANDARD).outcome
    assert severity[high] >= severity[low]
