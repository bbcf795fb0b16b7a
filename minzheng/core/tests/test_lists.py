"""List pages cap the page size and refuse exports above the configured limit."""

from django.urls import reverse


def test_page_size_is_capped(login_as, city_admin, tree):
    response = login_as(city_admin).get(reverse("divisions:division_list"), {"per_page": 100000})
    assert response.status_code == 200
    assert response.context["table"].paginator.per_page == 500


def test_a_bad_page_size_falls_back_to_the_default(login_as, city_admin, tree):
    response = login_as(city_admin).get(reverse("divisions:division_list"), {"per_page": "many"})
    assert response.context["table"].paginator.per_page == 50


def test_export_above_the_limit_is_refused(login_as, city_admin, tree, settings):
    settings.MINZHENG_LIST_EXPORT_LIMIT = 6  # the tree has 7 units
    client = login_as(city_admin)
    response = client.get(reverse("divisions:division_list"), {"export": "csv", "level": "community"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    response = client.get(reverse("divisions:division_list"), {"export": "csv", "q": ""})
    assert response.status_code == 302
    assert "export" not in response["Location"]
    shown = [str(message) for message in client.get(response["Location"]).context["messages"]]
    assert len(shown) == 1 and "6" in shown[0]
