"""Programs, standard and rule resolution, the 低保 quote, and who may change city-wide standards."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from minzheng.assistance import services
from minzheng.assistance.calculation import Member
from minzheng.assistance.choices import ProgramKind, UrbanRural
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import Program, Standard
from minzheng.assistance.tests.factories import program, rule_set, standard
from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state
from minzheng.framework.urls import model_url

D = Decimal
DAY = datetime.date


@pytest.fixture
def dibao(db):
    return program()


# Programs


def test_programs_are_seeded_once(db):
    created = services.seed_programs()

    assert [p.code for p in created] == ["dibao_urban", "dibao_rural", "tekun_centralised", "tekun_dispersed",
                                         "temporary", "medical", "care_subsidy", "homecare_subsidy", "longevity"]
    assert set(Program.objects.values_list("kind", flat=True)) == set(ProgramKind.values)
    Program.objects.filter(code="temporary").update(name="临时救助（改名）")
    assert services.seed_programs() == []
    assert Program.objects.get(code="temporary").name == "临时救助（改名）"
    assert AuditEvent.objects.filter(code=AssistanceEvent.PROGRAMS_SEEDED).count() == 1


# Standards


def test_the_city_wide_standard_applies_everywhere_in_the_city(tree, dibao):
    city = standard(dibao, tree.city, "2014-04-01", "600.00")

    assert services.standard_for(dibao, urban=True, division=tree.hp_community, date=DAY(2014, 4, 1)) == city
    assert services.standard_for(dibao, urban=True, division=tree.hexi, date=DAY(2020, 1, 1)) == city


def test_a_district_override_beats_the_city_default_in_that_district_only(tree, dibao):
    city = standard(dibao, tree.city, "2014-04-01", "600.00")
    heping = standard(dibao, tree.heping, "2014-04-01", "650.00")

    assert services.standard_for(dibao, urban=True, division=tree.hp_community, date=DAY(2014, 5, 1)) == heping
    assert services.standard_for(dibao, urban=True, division=tree.heping, date=DAY(2014, 5, 1)) == heping
    assert services.standard_for(dibao, urban=True, division=tree.hx_community, date=DAY(2014, 5, 1)) == city
    assert services.standard_for(dibao, urban=True, division=tree.city, date=DAY(2014, 5, 1)) == city


def test_the_override_wins_even_over_a_later_city_standard_until_it_ends(tree, dibao):
    standard(dibao, tree.city, "2014-04-01", "600.00")
    later_city = standard(dibao, tree.city, "2015-04-01", "660.00")
    heping = standard(dibao, tree.heping, "2014-04-01", "650.00", until="2016-01-01")

    assert services.standard_for(dibao, urban=True, division=tree.hp_street, date=DAY(2015, 12, 31)) == heping
    assert services.standard_for(dibao, urban=True, division=tree.hp_street, date=DAY(2016, 1, 1)) == later_city


@pytest.mark.parametrize(("day", "expected"), [
    pytest.param(DAY(2014, 4, 1), "600.00", id="first_day_case"),
    pytest.param(DAY(2015, 3, 31), "600.00", id="day_before_change_case"),
    pytest.param(DAY(2015, 4, 1), "660.00", id="change_day_case"),
    pytest.param(DAY(2030, 1, 1), "660.00", id="far_future_case"),
])
def test_the_latest_standard_in_force_on_the_date_applies(tree, dibao, day, expected):
    standard(dibao, tree.city, "2014-04-01", "600.00")
    standard(dibao, tree.city, "2015-04-01", "660.00")

    assert services.standard_for(dibao, urban=True, division=tree.hp_community, date=day).amount == D(expected)


@pytest.mark.parametrize(("urban", "day"), [
    pytest.param(True, DAY(2014, 3, 31), id="before_the_first_case"),
    pytest.param(False, DAY(2014, 5, 1), id="no_rural_standard_case"),
])
def test_no_standard_is_a_domain_error(tree, dibao, urban, day):
    standard(dibao, tree.city, "2014-04-01", "600.00")

    with pytest.raises(DomainError) as caught:
        services.standard_for(dibao, urban=urban, division=tree.hp_community, date=day)

    assert caught.value.code == "assistance.no_standard"


def test_standards_of_other_programs_and_areas_do_not_apply(tree, dibao):
    other = program("dibao_rural", "农村居民最低生活保障")
    standard(other, tree.city, "2014-04-01", "480.00")
    standard(dibao, tree.city, "2014-04-01", "480.00", area_type=UrbanRural.RURAL)

    with pytest.raises(DomainError):
        services.standard_for(dibao, urban=True, division=tree.hp_community, date=DAY(2014, 5, 1))


def test_standards_are_set_for_the_city_or_a_district_only(tree, dibao):
    street = Standard(program=dibao, division=tree.hp_street, area_type=UrbanRural.URBAN,
                      effective_from=DAY(2014, 1, 1), amount=D("600"))

    with pytest.raises(ValidationError) as caught:
        street.full_clean()

    assert set(caught.value.message_dict) == {"division"}


# Rules and the quote


def test_rules_resolve_like_standards(tree, dibao):
    rule_set(dibao, tree.city, "2014-01-01", {"rounding": "yuan"})
    rule_set(dibao, tree.hexi, "2014-01-01", {"rounding": "ten_yuan"})

    assert services.rules_for(dibao, division=tree.hp_community, date=DAY(2014, 1, 1)).rounding == "yuan"
    assert services.rules_for(dibao, division=tree.hx_community, date=DAY(2014, 1, 1)).rounding == "ten_yuan"
    with pytest.raises(DomainError) as caught:
        services.rules_for(dibao, division=tree.hp_community, date=DAY(2013, 12, 31))
    assert caught.value.code == "assistance.no_rules"


def test_rules_that_do_not_validate_are_refused_by_the_model(tree, dibao):
    bad = rule_set(dibao, tree.city, "2014-01-01", {"floor": "5"})  # written around the checks

    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "rules" in caught.value.message_dict
    with pytest.raises(DomainError) as caught:
        services.rules_for(dibao, division=tree.hp_community, date=DAY(2014, 1, 1))
    assert caught.value.code == "assistance.invalid_rules"


def test_the_quote_uses_the_standard_and_rules_in_force(tree, dibao):
    rules = rule_set(dibao, tree.city, "2014-01-01")
    heping = standard(dibao, tree.heping, "2014-04-01", "650.00")
    standard(dibao, tree.city, "2014-04-01", "600.00")

    quote = services.quote_dibao(dibao, urban=True, division=tree.hp_community, date=DAY(2014, 6, 1),
                                 household_income=D("1000.00"), members=[Member(age=40), Member(age=8)])

    assert (quote.standard, quote.rule_set) == (heping, rules)
    assert quote.calculation.amount == D("365.00")  # (650 − 500) × 2 + 0.1 × 650


def test_the_quote_is_for_dibao_programs_only(tree):
    medical = program("medical", "医疗救助", ProgramKind.MEDICAL)

    with pytest.raises(DomainError) as caught:
        services.quote_dibao(medical, urban=True, division=tree.hp_community, date=DAY(2014, 6, 1),
                             household_income=D("0"), members=[Member(age=40)])

    assert caught.value.code == "assistance.not_dibao"


# Who changes city-wide standards


def test_a_district_user_cannot_change_city_wide_standards(tree, dibao, login_as, api_as, hp_admin):
    city = standard(dibao, tree.city, "2014-04-01", "600.00")
    heping = standard(dibao, tree.heping, "2014-04-01", "650.00")
    page, api = login_as(hp_admin), api_as(hp_admin)
    since, states, count = last_change_seq(), [row_state(city), row_state(heping)], Standard.objects.count()

    assert page.get(model_url(city)).status_code == 200  # reading is allowed
    for target in (city, heping):  # the district's own override included
        assert page.get(model_url(target, "edit")).status_code == 404
        assert page.post(model_url(target, "edit"), {"amount": "1.00"}).status_code == 404
        assert page.post(model_url(target, "delete")).status_code == 404
        assert api.patch(f"/api/assistance/standards/{target.pk}/", {"amount": "1.00"},
                         format="json").status_code == 404
        assert api.delete(f"/api/assistance/standards/{target.pk}/").status_code == 404
    form = {"program": dibao.pk, "area_type": "urban", "division": tree.heping.pk, "effective_from": "2016-01-01",
            "amount": "700.00"}
    refused = page.post(model_url(Standard, "add"), form)
    assert refused.status_code == 200 and refused.context["form"].errors
    assert api.post("/api/assistance/standards/", form, format="json").status_code == 404

    assert new_changes(since) == []
    assert [row_state(city), row_state(heping)] == states
    assert Standard.objects.count() == count


def test_a_city_administrator_changes_a_district_override(tree, dibao, login_as, city_admin):
    heping = standard(dibao, tree.heping, "2014-04-01", "650.00")
    since = last_change_seq()

    response = login_as(city_admin).post(model_url(heping, "edit"), {
        "program": dibao.pk, "area_type": "urban", "division": tree.heping.pk, "effective_from": "2014-04-01",
        "amount": "655.00", "is_sample": "on"})

    assert response.status_code == 302
    heping.refresh_from_db()
    assert (heping.amount, heping.is_sample) == (D("655.00"), True)
    assert [(c.action, c.object_id) for c in new_changes(since)] == [("update", str(heping.pk))]
