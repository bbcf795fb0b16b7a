"""The pure benefit calculations: examples, boundaries and properties (no database)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng.assistance.calculation import (
    CalculationRules,
    Member,
    RulesError,
    Supplement,
    approval_level,
    calculate_dibao,
    calculate_medical,
    round_amount,
)
from minzheng.assistance.choices import (
    ApprovalLevel,
    MedicalCategory,
    ProgramKind,
    Rounding,
    SupplementCategory,
    SupplementCombination,
)

D = Decimal
ADULT = Member(age=40)
UNITS = {Rounding.JIAO: D("0.1"), Rounding.YUAN: D("1"), Rounding.TEN_YUAN: D("10")}
RULES = CalculationRules.from_dict({
    "rounding": "yuan", "floor": "20", "combination": "sum",
    "supplements": [
        {"category": "elderly", "min_age": 60, "share_of_standard": "0.1"},
        {"category": "elderly", "min_age": 70, "share_of_standard": "0.15"},
        {"category": "elderly", "min_age": 80, "share_of_standard": "0.2"},
        {"category": "severe_disability", "share_of_standard": "0.2"},
        {"category": "minor", "share_of_standard": "0.1"},
        {"category": "serious_illness", "amount": "50"},
    ],
}, kind=ProgramKind.DIBAO)
MEDICAL = CalculationRules.from_dict({
    "medical_ratios": {"dibao": "0.7", "tekun": "1", "low_income": "0.5", "other": "0.4"},
    "medical_annual_cap": "30000",
}, kind=ProgramKind.MEDICAL)


def values(calculation) -> list:
    return [line.value for line in calculation.lines]


# 低保: examples and boundaries


def test_dibao_is_the_gap_times_members_plus_supplements_rounded():
    members = [ADULT, ADULT, Member(age=10)]

    result = calculate_dibao(standard=D("600.00"), household_income=D("900.00"), members=members, rules=RULES)

    assert (result.amount, result.eligible, result.reason) == (D("960.00"), True, "")
    assert values(result) == [D("600.00"), D("900.00"), 3, D("300.00"), D("300.00"), D("900.00"), D("60.00"),
                              D("960.00"), D("960.00"), D("960.00"), D("960.00")]
    assert result.lines[4].formula == "600.00 − 300.00"
    assert result.lines[5].formula == "300.00 × 3"
    assert result.lines[6].formula == "0.1 × 600.00"


def test_income_equal_to_the_standard_gives_nothing_with_the_reason():
    result = calculate_dibao(standard=D("600.00"), household_income=D("1800.00"), members=[ADULT] * 3, rules=RULES)

    assert (result.amount, result.eligible) == (D("0.00"), False)
    assert "1800.00" not in result.reason and "600.00" in result.reason
    assert result.lines[-1].value == D("0.00")


def test_one_fen_below_the_standard_is_eligible_and_gets_the_floor():
    result = calculate_dibao(standard=D("600.00"), household_income=D("599.99"), members=[ADULT], rules=RULES)

    assert (result.amount, result.eligible) == (D("20.00"), True)
    assert [line.formula for line in result.lines][-2] == "max(0.00, 20.00)"


def test_an_amount_just_above_the_floor_is_kept():
    result = calculate_dibao(standard=D("600.00"), household_income=D("579.00"), members=[ADULT], rules=RULES)

    assert result.amount == D("21.00")


def test_an_elderly_member_gets_only_the_highest_age_band():
    result = calculate_dibao(standard=D("600.00"), household_income=D("0"), members=[Member(age=85)], rules=RULES)

    supplements = [line for line in result.lines if line.value == D("120.00") and "×" in line.formula]
    assert len(supplements) == 1
    assert result.amount == D("720.00")


@pytest.mark.parametrize(("combination", "expected"), [
    pytest.param("sum", D("810.00"), id="sum_case"),
    pytest.param("highest", D("720.00"), id="highest_case"),
])
def test_a_member_in_several_categories(combination, expected):
    rules = CalculationRules.from_dict({**RULES.to_dict(), "combination": combination}, kind=ProgramKind.DIBAO)
    member = Member(age=72, severe_disability=True)  # 70+: 90.00, severe disability: 120.00

    result = calculate_dibao(standard=D("600.00"), household_income=D("0"), members=[member], rules=rules)

    assert result.amount == expected


def test_invalid_inputs_are_refused():
    with pytest.raises(ValueError):
        calculate_dibao(standard=D("600"), household_income=D("0"), members=[], rules=RULES)
    with pytest.raises(ValueError):
        calculate_dibao(standard=D("600"), household_income=D("-1"), members=[ADULT], rules=RULES)
    with pytest.raises(ValueError):
        calculate_dibao(standard=D("0"), household_income=D("0"), members=[ADULT], rules=RULES)


@pytest.mark.parametrize(("value", "rounding", "expected"), [
    pytest.param("12.44", Rounding.JIAO, "12.40", id="jiao_down_case"),
    pytest.param("12.45", Rounding.JIAO, "12.50", id="jiao_half_up_case"),
    pytest.param("12.49", Rounding.YUAN, "12.00", id="yuan_down_case"),
    pytest.param("12.50", Rounding.YUAN, "13.00", id="yuan_half_up_case"),
    pytest.param("14.99", Rounding.TEN_YUAN, "10.00", id="ten_down_case"),
    pytest.param("15.00", Rounding.TEN_YUAN, "20.00", id="ten_half_up_case"),
])
def test_rounding_is_half_up_to_the_unit(value, rounding, expected):
    assert round_amount(D(value), rounding) == D(expected)


# Rules


@pytest.mark.parametrize(("data", "kind", "message"), [
    pytest.param([], None, "JSON object", id="not_object_case"),
    pytest.param({"roundng": "yuan"}, None, "Unknown keys", id="unknown_key_case"),
    pytest.param({}, ProgramKind.DIBAO, "rounding", id="dibao_needs_rounding_case"),
    pytest.param({"rounding": "fen"}, None, "rounding", id="bad_rounding_case"),
    pytest.param({"rounding": "ten_yuan", "floor": "25"}, None, "multiple", id="floor_not_round_case"),
    pytest.param({"floor": "-1"}, None, "floor", id="negative_floor_case"),
    pytest.param({"supplements": [{"category": "pets"}]}, None, "unknown category", id="bad_category_case"),
    pytest.param({"supplements": [{"category": "elderly"}]}, None, "min_age", id="elderly_needs_age_case"),
    pytest.param({"supplements": [{"category": "minor", "min_age": 3}]}, None, "minimum age", id="age_on_minor_case"),
    pytest.param({"supplements": [{"category": "minor"}, {"category": "minor"}]}, None, "repeats",
                 id="duplicate_case"),
    pytest.param({"supplements": [{"category": "minor", "share_of_standard": "1.5"}]}, None, "share_of_standard",
                 id="share_above_one_case"),
    pytest.param({}, ProgramKind.TEMPORARY, "street_approval_limit", id="temporary_needs_limit_case"),
    pytest.param({"medical_annual_cap": "100"}, ProgramKind.MEDICAL, "medical_ratios", id="medical_needs_ratios_case"),
    pytest.param({"medical_ratios": {"dibao": "0.5"}}, ProgramKind.MEDICAL, "medical_annual_cap",
                 id="medical_needs_cap_case"),
    pytest.param({"medical_ratios": {"nobody": "0.5"}}, None, "medical_ratios", id="bad_ratio_key_case"),
])
def test_invalid_rules_are_refused_with_their_reason(data, kind, message):
    with translation.override("en"), pytest.raises(RulesError) as caught:
        CalculationRules.from_dict(data, kind=kind)

    assert any(message in error for error in caught.value.errors), caught.value.errors


def test_rules_read_back_from_their_json_form():
    assert CalculationRules.from_dict(RULES.to_dict(), kind=ProgramKind.DIBAO) == RULES
    assert CalculationRules.from_dict(MEDICAL.to_dict(), kind=ProgramKind.MEDICAL) == MEDICAL
    assert RULES.supplements[0] == Supplement(SupplementCategory.ELDERLY, D("0"), D("0.1"), 60)


# 临时救助


def test_the_street_approves_up_to_its_limit_and_the_district_above():
    rules = CalculationRules.from_dict({"street_approval_limit": "1000"}, kind=ProgramKind.TEMPORARY)

    assert approval_level(D("999.99"), rules) == ApprovalLevel.STREET
    assert approval_level(D("1000.00"), rules) == ApprovalLevel.STREET
    assert approval_level(D("1000.01"), rules) == ApprovalLevel.DISTRICT
    with pytest.raises(ValueError):
        approval_level(D("0"), rules)
    with pytest.raises(ValueError):
        approval_level(D("10"), RULES)


# 医疗救助


def test_medical_reimbursement_is_cost_times_ratio_within_the_cap():
    result = calculate_medical(eligible_cost=D("10000.00"), category=MedicalCategory.DIBAO,
                               paid_this_year=D("25000.00"), rules=MEDICAL)

    assert (result.amount, result.eligible) == (D("5000.00"), True)
    assert values(result) == [D("10000.00"), D("0.7"), D("7000.00"), D("30000"), D("25000.00"), D("5000.00"),
                              D("5000.00")]
    assert result.lines[-1].formula == "min(7000.00, 5000.00)"


def test_a_claim_reaching_the_cap_exactly_is_paid_in_full():
    result = calculate_medical(eligible_cost=D("1000.00"), category=MedicalCategory.TEKUN,
                               paid_this_year=D("29000.00"), rules=MEDICAL)

    assert result.amount == D("1000.00")


def test_nothing_is_paid_once_the_cap_is_reached():
    result = calculate_medical(eligible_cost=D("1000.00"), category=MedicalCategory.OTHER,
                               paid_this_year=D("30000.00"), rules=MEDICAL)

    assert (result.amount, result.eligible) == (D("0.00"), False)
    assert "30000.00" in result.reason


def test_medical_needs_a_ratio_for_the_category():
    rules = CalculationRules.from_dict({"medical_ratios": {"dibao": "0.5"}, "medical_annual_cap": "100"})
    with pytest.raises(ValueError):
        calculate_medical(eligible_cost=D("10"), category=MedicalCategory.OTHER, paid_this_year=D("0"), rules=rules)


# Properties

money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
standards = st.decimals(min_value=D("0.01"), max_value=5_000, places=2, allow_nan=False, allow_infinity=False)
members_st = st.lists(st.builds(Member, age=st.integers(0, 110), severe_disability=st.booleans(),
                                serious_illness=st.booleans()), min_size=1, max_size=8)
shares = st.decimals(min_value=0, max_value=1, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def rules_st(draw):
    rounding = draw(st.sampled_from(list(Rounding)))
    supplements = [
        {"category": "elderly", "min_age": age, "share_of_standard": str(draw(shares)), "amount": str(draw(money))}
        for age in draw(st.sets(st.integers(50, 90), max_size=3))
    ] + [
        {"category": category, "share_of_standard": str(draw(shares)), "amount": str(draw(money))}
        for category in draw(st.sets(st.sampled_from(["severe_disability", "minor", "serious_illness"])))
    ]
    return CalculationRules.from_dict({
        "rounding": rounding, "floor": str(UNITS[rounding] * draw(st.integers(0, 20))),
        "combination": draw(st.sampled_from(list(SupplementCombination))), "supplements": supplements,
    }, kind=ProgramKind.DIBAO)


@settings(max_examples=300, deadline=None)
@given(standard=standards, income=money, members=members_st, rules=rules_st())
def test_the_amount_is_never_negative_and_a_multiple_of_the_unit(standard, income, members, rules):
    result = calculate_dibao(standard=standard, household_income=income, members=members, rules=rules)

    per_capita = (income / len(members)).quantize(D("0.01"), ROUND_HALF_UP)
    assert result.amount >= 0
    assert result.amount % rules.rounding_unit == 0
    assert result.eligible == (per_capita < standard)
    assert result.amount >= rules.floor if result.eligible else result.amount == 0
    assert result.lines[-1].value == result.amount


@settings(max_examples=300, deadline=None)
@given(standard=standards, low=money, extra=money, members=members_st, rules=rules_st())
def test_more_income_never_means_more_benefit(standard, low, extra, members, rules):
    poorer = calculate_dibao(standard=standard, household_income=low, members=members, rules=rules)
    richer = calculate_dibao(standard=standard, household_income=low + extra, members=members, rules=rules)

    assert richer.amount <= poorer.amount


@settings(max_examples=300, deadline=None)
@given(value=st.decimals(min_value=0, max_value=10_000_000, places=4, allow_nan=False, allow_infinity=False),
       rounding=st.sampled_from(list(Rounding)))
def test_rounding_invariants(value, rounding):
    unit = UNITS[rounding]
    rounded = round_amount(value, rounding)

    assert rounded % unit == 0
    assert abs(rounded - value) <= unit / 2
    assert round_amount(rounded, rounding) == rounded
    assert round_amount(value + unit, rounding) == rounded + unit


@settings(max_examples=200, deadline=None)
@given(costs=st.lists(money, max_size=15), category=st.sampled_from(list(MedicalCategory)),
       cap=st.decimals(min_value=0, max_value=50_000, places=2, allow_nan=False, allow_infinity=False))
def test_claims_in_a_year_never_exceed_the_cap(costs, category, cap):
    rules = CalculationRules.from_dict({**MEDICAL.to_dict(), "medical_annual_cap": str(cap)}, kind=ProgramKind.MEDICAL)
    paid = D("0")
    for cost in costs:
        result = calculate_medical(eligible_cost=cost, category=category, paid_this_year=paid, rules=rules)
        assert 0 <= result.amount <= (cost * rules.medical_ratios[category]).quantize(D("0.01"), ROUND_HALF_UP)
        paid += result.amount
        assert paid <= cap
