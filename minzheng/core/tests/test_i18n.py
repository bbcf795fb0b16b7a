"""Chinese first: the browser's language is ignored, the user's explicit choice is kept."""

from django.conf import settings
from django.urls import reverse


def test_pages_are_chinese_whatever_the_browser_asks(login_as, hp_admin):
    client = login_as(hp_admin)
    response = client.get(reverse("divisions:division_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert "行政区划" in response.content.decode()


def test_the_language_switch_sets_english(login_as, hp_admin):
    client = login_as(hp_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get(reverse("divisions:division_list"))
    assert response["Content-Language"] == "en"
    assert "Divisions" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(login_as, hp_admin):
    client = login_as(hp_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("home"))["Content-Language"] == "zh-hans"
