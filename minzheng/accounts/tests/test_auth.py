"""Logging in and out, login required by default (P7), throttled failed logins, and the API token page."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from minzheng.framework.testing.utils import PASSWORD

LOGIN = reverse("accounts:login")


def log_in(client, username: str, password: str):
    """The real login form, as a browser posts it (so django-axes sees every attempt)."""
    return client.post(LOGIN, {"username": username, "password": password})


def is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


# Login required by default


@pytest.mark.parametrize("name", ["home", "divisions:division_list", "accounts:roleassignment_list",
                                  "audit:objectchange_list", "jobs:job_list", "accounts:profile"])
def test_pages_redirect_anonymous_users_to_login(anon_client, name):
    url = reverse(name)
    response = anon_client.get(url)
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={url}"


def test_login_page_and_health_check_are_public(anon_client):
    assert anon_client.get(LOGIN).status_code == 200
    assert anon_client.get(reverse("healthz")).status_code == 200


def test_api_answers_anonymous_users_with_json_not_a_redirect(anon_api):
    response = anon_api.get("/api/divisions/divisions/")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


# Logging in and out


def test_login_with_the_right_password(anon_client, hp_admin):
    response = log_in(anon_client, "hp_admin", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse(settings.LOGIN_REDIRECT_URL)
    assert is_logged_in(anon_client)
    assert anon_client.get("/").status_code == 200


def test_login_with_a_wrong_password_is_refused(anon_client, hp_admin):
    response = log_in(anon_client, "hp_admin", "wrong-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not is_logged_in(anon_client)


def test_login_follows_next_within_the_site(anon_client, hp_admin):
    response = anon_client.post(LOGIN, {"username": "hp_admin", "password": PASSWORD, "next": "/jobs/jobs/"})
    assert response.url == "/jobs/jobs/"
    response = log_in(anon_client, "hp_admin", PASSWORD)  # already logged in: the form redirects away
    assert response.status_code == 302


def test_login_ignores_next_to_another_host(anon_client, hp_admin):
    response = anon_client.post(LOGIN, {"username": "hp_admin", "password": PASSWORD,
                                        "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_logout(login_as, hp_admin):
    client = login_as(hp_admin)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not is_logged_in(client)
    assert client.get("/").status_code == 302


def test_inactive_user_cannot_log_in(anon_client, hp_admin):
    hp_admin.is_active = False
    hp_admin.save()
    log_in(anon_client, "hp_admin", PASSWORD)
    assert not is_logged_in(anon_client)


# Throttling (django-axes)


def test_failed_logins_lock_the_account_after_the_limit(anon_client, hp_admin):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(anon_client, "hp_admin", "wrong-password")
        assert not is_logged_in(anon_client)
    response = log_in(anon_client, "hp_admin", PASSWORD)
    assert response.status_code in (403, 429)
    assert not is_logged_in(anon_client)
    assert "accounts/locked_out.html" in [template.name for template in response.templates]
    assert AccessAttempt.objects.get(username="hp_admin").failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_fewer_failures_than_the_limit_do_not_lock(anon_client, hp_admin):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(anon_client, "hp_admin", "wrong-password")
    assert log_in(anon_client, "hp_admin", PASSWORD).status_code == 302
    assert is_logged_in(anon_client)
    assert not AccessAttempt.objects.filter(username="hp_admin").exists()  # AXES_RESET_ON_SUCCESS


def test_lockout_is_per_user_and_address(anon_client, hp_admin, hp_worker):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(anon_client, "hp_admin", "wrong-password")
    assert log_in(anon_client, "hp_worker", PASSWORD).status_code == 302
    assert is_logged_in(anon_client)


# API token page


def test_profile_page_creates_and_replaces_the_api_token(login_as, hp_admin, tree):
    client = login_as(hp_admin)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert not Token.objects.filter(user=hp_admin).exists()

    response = client.post(reverse("accounts:profile"))
    assert response.status_code == 200
    token = Token.objects.get(user=hp_admin)
    assert token.key in response.content.decode()
    assert token.key not in client.get(reverse("accounts:profile")).content.decode()  # shown once only

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/divisions/divisions/").status_code == 200

    client.post(reverse("accounts:profile"))
    replacement = Token.objects.get(user=hp_admin)
    assert replacement.key != token.key
    assert api.get("/api/divisions/divisions/").status_code in (401, 403)


def test_profile_page_needs_a_login(anon_client, db):
    assert anon_client.post(reverse("accounts:profile")).status_code == 302
    assert not Token.objects.exists()
