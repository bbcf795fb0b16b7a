"""API errors, schema, docs and authentication.

Every error is ``{"code": stable code, "message": text for people, "errors": {field: [messages]}}``.
Messages are Chinese once the catalogues are compiled; here only their presence is asserted.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.test import APIClient

from minzheng.divisions.models import Division
from minzheng.framework.api.exceptions import exception_handler
from minzheng.framework.exceptions import DomainError
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state

DIVISIONS = "/api/divisions/divisions/"


def detail(division) -> str:
    return f"{DIVISIONS}{division.pk}/"


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"].strip()
    assert isinstance(body["errors"], dict)
    return body


@pytest.fixture
def hp_api(api_as, hp_admin):
    return api_as(hp_admin)


# Stable codes


def test_anonymous_is_not_authenticated(anon_api, tree):
    response = anon_api.get(DIVISIONS)
    assert response.status_code in (401, 403)
    assert_error(response, response.status_code, "not_authenticated")


def test_bad_token_is_authentication_failed(anon_api, tree):
    anon_api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    response = anon_api.get(DIVISIONS)
    assert response.status_code in (401, 403)
    assert_error(response, response.status_code, "authentication_failed")


def test_missing_permission_is_permission_denied(api_as, hp_worker, tree):
    with_view_only = api_as(hp_worker)
    assert with_view_only.get(DIVISIONS).status_code == 200
    assert_error(with_view_only.post(DIVISIONS, {"name": "x"}, format="json"), 403, "permission_denied")


def test_unknown_id_is_not_found(hp_api):
    assert_error(hp_api.get(f"{DIVISIONS}999999/"), 404, "not_found")


def test_invalid_data_is_a_validation_error_with_field_keys(hp_api, tree):
    since = last_change_seq()
    response = hp_api.post(DIVISIONS, {"code": "120101001077", "level": "planet", "parent": tree.hp_street.pk},
                           format="json")
    body = assert_error(response, 400, "validation_error")
    assert set(body["errors"]) == {"name", "level"}
    for messages in body["errors"].values():
        assert messages and all(isinstance(message, str) and message for message in messages)
    assert not Division.objects.filter(code="120101001077").exists()
    assert new_changes(since) == []


def test_malformed_json_is_a_parse_error(hp_api):
    response = hp_api.generic("POST", DIVISIONS, "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_unsupported_media_type(hp_api):
    response = hp_api.generic("POST", DIVISIONS, "code=1", content_type="text/plain")
    assert_error(response, 415, "unsupported_media_type")


def test_unsupported_method_is_method_not_allowed(hp_api, tree):
    assert_error(hp_api.post(detail(tree.hp_street), {}, format="json"), 405, "method_not_allowed")


def test_deleting_a_referenced_record_is_protected(hp_api, tree):
    since, before = last_change_seq(), row_state(tree.hp_street)
    body = assert_error(hp_api.delete(detail(tree.hp_street)), 409, "protected")
    assert body["errors"] == {}
    assert row_state(tree.hp_street) == before
    assert new_changes(since) == []


def test_duplicate_division_path_is_a_validation_error(hp_api, tree):
    data = {"code": "120101001001", "name": "重复社区", "level": "community", "parent": tree.hp_street.pk,
            "valid_from": "2020-01-01"}
    assert_error(hp_api.post(DIVISIONS, data, format="json"), 400, "validation_error")


def test_domain_error_keeps_its_code_and_field():
    response = exception_handler(DomainError("代码无效", code="divisions.code_unknown", field="code"), {})
    assert response.status_code == 400
    assert response.data == {"code": "divisions.code_unknown", "message": "代码无效", "errors": {"code": ["代码无效"]}}


def test_view_level_validation_error_keeps_errors_a_dict():
    response = exception_handler(ValidationError("日期不能晚于今天"), {})
    assert response.status_code == 400
    assert response.data["code"] == "validation_error"
    assert response.data["errors"] == {"non_field_errors": ["日期不能晚于今天"]}


def test_messages_are_in_the_default_language(hp_api, settings):
    """No Accept-Language header: the response is in the default language (zh-hans)."""
    assert settings.LANGUAGE_CODE == "zh-hans"
    response = hp_api.get(f"{DIVISIONS}999999/")
    assert response["Content-Language"] == "zh-hans"
    assert_error(response, 404, "not_found")


# Schema and documentation


def test_schema_is_openapi_3(hp_api):
    response = hp_api.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert str(schema["openapi"]).startswith("3")
    assert "/api/divisions/divisions/" in schema["paths"]


def test_schema_and_docs_need_a_login(anon_api):
    response = anon_api.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
    assert "paths" not in response.json()
    assert anon_api.get(reverse("api-docs")).status_code in (401, 403)


def test_docs_page_uses_only_local_assets(login_as, hp_admin):
    response = login_as(hp_admin).get(reverse("api-docs"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    references = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["\']([^"\']+)["\']', html, re.I)
    assert references, "the docs page loads its Swagger UI assets"
    for reference in references:
        parts = urlsplit(reference)
        assert not parts.netloc or parts.netloc == "testserver", reference
        assert parts.scheme in ("", "http", "https"), reference
    assert not re.search(r"https?://(?!testserver)[\w.-]+/[^\"']*\.(?:js|css)", html)


# Authentication


def test_token_authentication(hp_admin, tree):
    token = Token.objects.create(user=hp_admin)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get(DIVISIONS)
    assert response.status_code == 200
    assert response.json()["count"] == 3
    patch = client.patch(detail(tree.hp_community), {"remarks": "令牌修改"}, format="json")
    assert patch.status_code == 200
    tree.hp_community.refresh_from_db()
    assert tree.hp_community.updated_by == hp_admin


def test_session_authentication(api_as, hp_admin, tree):
    response = api_as(hp_admin).get(DIVISIONS)
    assert response.status_code == 200
    assert response.json()["count"] == 3


def test_session_writes_need_the_csrf_token(api_as, hp_admin, tree):
    client = api_as(hp_admin, enforce_csrf_checks=True)
    since = last_change_seq()
    response = client.patch(detail(tree.hp_community), {"remarks": "无令牌"}, format="json")
    assert_error(response, 403, "permission_denied")
    assert new_changes(since) == []
