"""The indicator page, the API and the home page's indicator cards, within the user's area."""

import pytest
from django.urls import reverse

MARCH = {"from": "2014-01-01", "to": "2014-03-31"}


def by_code(response) -> dict:
    return {item["code"]: item for item in response.json()}


def test_page_lists_the_indicators_with_heping_values(login_as, hp_admin, paid):
    response = login_as(hp_admin).get(reverse("indicators:indicator_list"), MARCH)
    assert response.status_code == 200
    values = {item.indicator.code: item.value for item in response.context["values"]}
    assert values["assistance.recipients"] == 5
    assert str(values["assistance.amount_due"]) == "3000.00"


def test_page_of_a_hexi_division_is_not_found(login_as, hp_admin, paid, tree):
    response = login_as(hp_admin).get(reverse("indicators:indicator_list"), {"division": tree.hexi.pk, **MARCH})
    assert response.status_code == 404


def test_page_shows_a_bad_period(login_as, hp_admin, paid):
    response = login_as(hp_admin).get(reverse("indicators:indicator_list"), {"from": "2014-05-01", "to": "2014-04-01"})
    assert response.status_code == 200
    assert response.context["values"] == []
    assert "from" in response.context["form"].errors


def test_api_lists_values_of_the_callers_area(api_as, hp_admin, hx_approver, paid):
    assert by_code(api_as(hp_admin).get(reverse("indicators-api:indicator-list"), MARCH))[
        "assistance.recipients"]["value"] == 5
    body = by_code(api_as(hx_approver).get(reverse("indicators-api:indicator-list"), MARCH))
    assert body["assistance.recipients"]["value"] == 4
    assert body["assistance.amount_due"]["value"] == "1600.00"
    assert body["assistance.amount_due"]["period_start"] == "2014-01-01"


def test_api_detail_with_a_division_of_the_area(api_as, city_admin, paid, tree):
    url = reverse("indicators-api:indicator-detail", args=["assistance.households"])
    body = api_as(city_admin).get(url, {"division": tree.heping.pk, **MARCH}).json()
    assert body["value"] == 2
    assert body["division"] == {"id": tree.heping.pk, "code": "120101", "name": "和平区"}


def test_api_detail_of_a_hexi_division_is_not_found(api_as, hp_admin, paid, tree):
    url = reverse("indicators-api:indicator-detail", args=["assistance.recipients"])
    response = api_as(hp_admin).get(url, {"division": tree.hexi.pk, **MARCH})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("code", ["assistance.nothing", "nothing"])
def test_api_unknown_indicator_is_not_found(api_as, hp_admin, code):
    response = api_as(hp_admin).get(reverse("indicators-api:indicator-detail", args=[code]))
    assert response.status_code == 404


def test_api_indicator_without_its_permission_is_not_found(api_as, make_user, paid):
    client = api_as(make_user(None))
    assert client.get(reverse("indicators-api:indicator-detail", args=["assistance.recipients"])).status_code == 404
    assert "assistance.recipients" not in by_code(client.get(reverse("indicators-api:indicator-list")))


def test_api_bad_dates_are_a_validation_error(api_as, hp_admin):
    response = api_as(hp_admin).get(reverse("indicators-api:indicator-list"), {"from": "2014-13-01"})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "from" in response.json()["errors"]


def test_api_needs_a_login(anon_api):
    assert anon_api.get(reverse("indicators-api:indicator-list")).status_code in (401, 403)


def test_home_shows_indicator_cards_of_the_area(login_as, hp_admin, paid):
    response = login_as(hp_admin).get(reverse("home"))
    codes = [card["code"] for card in response.context["indicators"]]
    assert "assistance.households" in codes
