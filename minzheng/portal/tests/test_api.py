"""The public API: anonymous, masked, objections only to notices under way, limited per address."""

import pytest
from django.urls import reverse

from minzheng.approvals.models import Objection
from minzheng.audit.models import AuditEvent

LIST = reverse("portal-api:notice-list")


def objection_url(request_id: int) -> str:
    return reverse("portal-api:notice-objection", args=[request_id])


def test_anyone_reads_the_notices_of_a_community(anon_api, notice_case, hexi_notice_case, hidden_cases):
    response = anon_api.get(LIST, {"community": "120101001001"})
    assert response.status_code == 200
    [notice] = response.json()["results"]
    assert notice["id"] == notice_case.request.pk
    assert notice["applicant"] == "王*明"
    assert notice["id_number"].startswith("120101") and "*" in notice["id_number"]
    assert (notice["household_size"], notice["proposed_amount"]) == (3, "1250.00")
    assert notice["program"] == "城市居民最低生活保障"
    assert "王建明" not in response.content.decode()
    assert notice_case.applicant.id_number not in response.content.decode()


def test_all_notices_or_an_area(anon_api, notice_case, hexi_notice_case):
    assert anon_api.get(LIST).json()["count"] == 2
    assert [n["community_name"] for n in anon_api.get(LIST, {"area": "120103"}).json()["results"]] == ["大营门示范社区"]


def test_an_unknown_community_is_not_found(anon_api, notice_case):
    response = anon_api.get(LIST, {"community": "999"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_anonymous_objection_is_recorded(anon_api, notice_case):
    response = anon_api.post(objection_url(notice_case.request.pk), {"content": "他家有门面房出租"}, format="json")
    assert response.status_code == 201
    objection = Objection.objects.get()
    assert response.json()["id"] == objection.pk
    assert (objection.request_id, objection.recorded_by, objection.objector) == (notice_case.request.pk, None, "")
    event = AuditEvent.objects.get(code="approvals.objection.received")
    assert event.actor is None


@pytest.mark.parametrize("label", ["accepting", "ended", "approving"])
def test_objection_to_a_case_not_under_notice_is_refused(anon_api, hidden_cases, label):
    response = anon_api.post(objection_url(hidden_cases[label].request.pk), {"content": "x"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "portal.not_under_notice"
    assert not Objection.objects.exists()


def test_a_missing_request_reads_like_one_not_under_notice(anon_api, db):
    response = anon_api.post(objection_url(987654), {"content": "x"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "portal.not_under_notice")


def test_an_objection_needs_content(anon_api, notice_case):
    response = anon_api.post(objection_url(notice_case.request.pk), {"content": ""}, format="json")
    assert response.status_code == 400
    assert "content" in response.json()["errors"]
    assert not Objection.objects.exists()


def test_objections_are_limited_per_address(anon_api, notice_case, settings):
    settings.MINZHENG_PORTAL_OBJECTIONS_PER_HOUR = 2
    codes = [anon_api.post(objection_url(notice_case.request.pk), {"content": "x"}, format="json")
             for _ in range(3)]
    assert [r.status_code for r in codes] == [201, 201, 429]
    assert codes[2].json()["code"] == "throttled"
    assert Objection.objects.count() == 2


def test_a_logged_in_session_is_ignored(api_as, hp_admin, notice_case):
    response = api_as(hp_admin).post(objection_url(notice_case.request.pk), {"content": "x"}, format="json")
    assert response.status_code == 201
    assert Objection.objects.get().recorded_by is None
