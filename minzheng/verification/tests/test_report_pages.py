"""Requesting a report, recording and revoking a consent, and starting the batch review, by page and API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.verification.choices import BatchStatus
from minzheng.verification.events import VerificationEvent
from minzheng.verification.models import AccessLog, BatchReview, Consent, Verification
from minzheng.verification.tests.conftest import members

pytestmark = pytest.mark.django_db


def written() -> tuple:
    return Verification.objects.count(), AccessLog.objects.count(), Consent.objects.count(), BatchReview.objects.count()


def test_a_report_requested_on_the_page_is_shown_and_its_opening_logged(dibao, consented, hp_officer, login_as):
    client = login_as(hp_officer)
    response = client.post(reverse("verification:verification_add"),
                           {"household": consented.pk, "program": dibao.pk, "purpose": "低保申请核对"})
    report = Verification.objects.get()
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "王建国" in page and "王小明" in page and 'id="findings"' in page
    assert AuditEvent.objects.filter(code=VerificationEvent.REPORT_VIEWED, object_id=str(report.pk)).count() == 1


def test_the_page_refuses_a_household_without_consents(dibao, family, hp_officer, login_as):
    before = written()
    response = login_as(hp_officer).post(reverse("verification:verification_add"),
                                         {"household": family.pk, "program": dibao.pk, "purpose": "低保申请核对"})
    assert response.status_code == 200 and "王建国" in str(response.context["form"].errors["household"])
    assert written() == before


def test_the_api_requests_a_report_with_a_stable_error_code(dibao, family, consented, hp_officer, api_as):
    client = api_as(hp_officer)
    response = client.post("/api/verification/reports/", {"household": consented.pk, "program": dibao.pk,
                                                           "purpose": "复核"}, format="json")
    assert response.status_code == 201 and response.json()["household_income"] == "****"  # masked
    Consent.objects.filter(household=consented).update(revoked_on=datetime.date(2026, 11, 1))
    before = written()
    refused = client.post("/api/verification/reports/", {"household": consented.pk, "program": dibao.pk,
                                                          "purpose": "复核"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "verification.consent_missing"
    assert written() == before


def test_another_district_cannot_reach_the_household_by_api_or_page(dibao, consented, hx_officer, api_as, login_as):
    before = written()
    refused = api_as(hx_officer).post("/api/verification/reports/", {"household": consented.pk, "program": dibao.pk,
                                                                     "purpose": "核对"}, format="json")
    assert refused.status_code == 400 and "household" in refused.json()["errors"]
    page = login_as(hx_officer).post(reverse("verification:verification_add"),
                                     {"household": consented.pk, "program": dibao.pk, "purpose": "核对"})
    assert page.status_code == 200 and page.context["form"].errors
    assert written() == before


def test_a_community_worker_records_a_consent_but_reads_no_report(dibao, family, hp_worker, login_as, settings,
                                                                  tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login_as(hp_worker)
    head = members(family)[0]
    response = client.post(reverse("verification:consent_add"), {
        "household": family.pk, "person": head.pk, "signed_on": "2026-11-02",
        "document": SimpleUploadedFile("授权书.pdf", b"%PDF-1.4", content_type="application/pdf")})
    consent = Consent.objects.get()
    assert response.status_code == 302 and consent.person == head and consent.document.name.endswith(".pdf")
    assert AuditEvent.objects.filter(code=VerificationEvent.CONSENT_RECORDED).count() == 1
    assert client.get(reverse("verification:verification_list")).status_code == 403


def test_a_consent_for_someone_outside_the_household_is_refused(dibao, family, hp_worker, login_as, tree, settings,
                                                                tmp_path):
    from minzheng.registry.tests.factories import make_person

    settings.MEDIA_ROOT = tmp_path
    stranger = make_person(tree.hp_community, name="路人甲")
    response = login_as(hp_worker).post(reverse("verification:consent_add"), {
        "household": family.pk, "person": stranger.pk, "signed_on": "2026-11-02",
        "document": SimpleUploadedFile("授权书.pdf", b"%PDF-1.4")})
    assert response.status_code == 200 and "person" in response.context["form"].errors
    assert not Consent.objects.exists()


def test_revoking_a_consent_by_page_and_api(dibao, consented, hp_officer, login_as, api_as):
    first, second = consented.verification_consents.order_by("pk")
    client = login_as(hp_officer)
    response = client.post(reverse("verification:consent_revoke", args=[first.pk]), {"on": "2026-11-20"})
    first.refresh_from_db()
    assert response.status_code == 302 and first.revoked_on == datetime.date(2026, 11, 20)
    answer = api_as(hp_officer).post(f"/api/verification/consents/{second.pk}/revoke/", {}, format="json")
    assert answer.status_code == 200 and answer.json()["revoked_on"]
    again = api_as(hp_officer).post(f"/api/verification/consents/{second.pk}/revoke/", {}, format="json")
    assert again.status_code in (400, 404)  # revoked: no longer offered


def test_only_the_city_starts_the_batch(dibao, city_admin, hx_approver, login_as, api_as,
                                        django_capture_on_commit_callbacks):
    assert login_as(hx_approver).get(reverse("verification:batchreview_start")).status_code == 403
    assert api_as(hx_approver).post("/api/verification/batch-reviews/start/").status_code == 403
    assert not BatchReview.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(city_admin).post(reverse("verification:batchreview_start"))
    batch = BatchReview.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.checked == 0
    with django_capture_on_commit_callbacks(execute=True):
        answer = api_as(city_admin).post("/api/verification/batch-reviews/start/")
    assert answer.status_code == 202 and BatchReview.objects.count() == 2


def test_the_case_page_lists_its_reports_and_links_to_a_new_one(dibao, consented, hp_officer, hp_worker, login_as,
                                                                 tree):
    from minzheng.assistance.models import AssistanceCase
    from minzheng.assistance.tests.case_factories import make_case
    from minzheng.verification.verify import verify_household

    case = make_case(tree.hp_community, program=dibao)
    AssistanceCase.objects.filter(pk=case.pk).update(household=consented)
    case.refresh_from_db()
    report = verify_household(consented, program=dibao, case=case, actor=hp_officer)
    page = login_as(hp_officer).get(case.get_absolute_url()).content.decode()
    assert report.number in page and f"case={case.pk}" in page
    worker_page = login_as(hp_worker).get(case.get_absolute_url()).content.decode()
    assert report.number not in worker_page and 'id="verifications"' not in worker_page
