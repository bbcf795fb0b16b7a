"""The statistics page, its exports and its API: the user's area only."""

import pytest
from django.urls import reverse

from minzheng.framework.testing.utils import export_rows

Q1 = {"from": "2014-01", "to": "2014-03"}
PAGE, API = reverse("statistics:assistance"), reverse("statistics-api:assistance")


def test_page_shows_the_tables_and_charts(login_as, city_admin, cases):
    response = login_as(city_admin).get(PAGE, Q1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "和平区" in html and "河西区" in html
    assert html.count("<svg") == 3
    assert "5900.00" in html  # the total of the division table
    assert "2,800.00" in html  # February's bar of the amount chart


def test_page_of_a_heping_user_holds_no_hexi_figure(login_as, hp_admin, cases):
    response = login_as(hp_admin).get(PAGE, Q1)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].division.name == "和平区"
    assert "河西区" not in html and "大营门" not in html
    assert "1,600.00" not in html and "1600.00" not in html


def test_division_selector_offers_only_the_area(login_as, hp_admin, cases, tree):
    form = login_as(hp_admin).get(PAGE).context["form"]
    offered = set(form.fields["division"].queryset.values_list("name", flat=True))
    assert "和平区" in offered and "河西区" not in offered and "天津市" not in offered


@pytest.mark.parametrize("division", ["hexi", "hx_community", "city"])
def test_page_and_api_of_a_division_outside_the_area_are_not_found(login_as, api_as, hp_admin, cases, tree,
                                                                    division):
    query = {"division": getattr(tree, division).pk, **Q1}
    assert login_as(hp_admin).get(PAGE, query).status_code == 404
    response = api_as(hp_admin).get(API, query)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_page_needs_the_case_permission(login_as, make_user):
    assert login_as(make_user(None)).get(PAGE).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_holds_every_cell_of_the_area(login_as, hp_admin, cases, fmt):
    response = login_as(hp_admin).get(PAGE, {**Q1, "division": "", "export": fmt})
    rows = export_rows(response)
    assert len(rows) == 1 + 2 * 3  # header; 劝业场街道 × (低保, 临时救助) × 3 months
    assert rows[1][:4] == ["120101001000", "劝业场街道", "城市居民最低生活保障", "2014-01"]
    assert rows[1][4:] == ["2", "5", "1000.00"]
    assert not any("河西" in cell or "大营门" in cell for row in rows for cell in row)


def test_api_gives_the_figures_of_the_page(api_as, city_admin, cases, tree):
    body = api_as(city_admin).get(API, {**Q1, "division": tree.heping.pk}).json()
    assert body["division"]["name"] == "和平区"
    assert body["months"] == ["2014-01", "2014-02", "2014-03"]
    assert body["total"] == {"households": 3, "recipients": 6, "amount": "4300.00"}
    assert [row["division"]["code"] for row in body["divisions"]] == ["120101001000"]
    assert {row["program"]["code"] for row in body["programs"]} == {"dibao_urban", "temporary"}
    assert len(body["rows"]) == 6


def test_api_of_a_heping_user_defaults_to_heping(api_as, hp_admin, cases):
    body = api_as(hp_admin).get(API, Q1).json()
    assert body["division"]["code"] == "120101"
    assert body["total"]["amount"] == "4300.00"


def test_api_refuses_a_bad_range(api_as, city_admin, cases):
    response = api_as(city_admin).get(API, {"from": "2014-05", "to": "2014-04"})
    assert response.status_code == 400
    assert "from" in response.json()["errors"]
    response = api_as(city_admin).get(API, {"from": "2010-01", "to": "2014-04"})
    assert "to" in response.json()["errors"]


def test_api_needs_the_case_permission(api_as, make_user, anon_api):
    assert api_as(make_user(None)).get(API).status_code == 403
    assert anon_api.get(API).status_code in (401, 403)
