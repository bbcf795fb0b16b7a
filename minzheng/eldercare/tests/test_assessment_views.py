"""The assessment pages and API: the tablet form with its live preview, recording and confirming, the health
data masked everywhere and shown in full only to the health permission in the area, each view logged."""

import pytest
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.eldercare.choices import AssessmentStatus
from minzheng.eldercare.models import Assessment
from minzheng.eldercare.tests import factories as f
from minzheng.eldercare.tests.assessment_helpers import answers_for_grades
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state

REVEALED = "privacy.assessment.health_revealed"


@pytest.fixture
def person(tree):
    return f.elder(tree.hp_community, name="赵老伯")


def _post_data(person, grades=(1, 0, 0, 0), **extra) -> dict:
    data = {"person": person.pk, "assessed_on": "2014-09-01", "reason": "initial", "organisation": "和平区评估中心"}
    data.update({f"item_{code}": str(score) for code, score in answers_for_grades(*grades).items()})
    return {**data, **extra}


def test_the_form_has_a_section_per_dimension_and_large_answer_buttons(assessors, login_as):
    page = login_as(assessors[0]).get(reverse("eldercare:assessment_add"))

    assert page.status_code == 200
    assert [section["name"] for section in page.context["form"].sections()] == ["日常生活活动", "精神状态",
                                                                                 "感知觉与沟通", "社会参与"]
    html = page.content.decode()
    assert html.count('class="score-button"') == sum(
        len(item.scores) for item in page.context["table"].rules.items.values())
    assert 'hx-post="/eldercare/assessments/preview/"' in html and "eldercare/assessment.css" in html


def test_recording_through_the_form(person, assessors, login_as):
    response = login_as(assessors[0]).post(reverse("eldercare:assessment_add"),
                                           _post_data(person, findings=["dementia"]))

    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response.url == assessment.get_absolute_url()
    assert (assessment.level_name, assessment.findings, assessment.assessor) == ("中度失能", ["dementia"],
                                                                                 assessors[0])
    page = login_as(assessors[0]).get(assessment.get_absolute_url()).content.decode()
    assert "中度失能" in page and "dementia" not in page and "确诊痴呆" not in page


def test_a_missing_answer_is_shown_on_its_item(person, assessors, login_as):
    data = _post_data(person)
    del data["item_bathing"]

    response = login_as(assessors[0]).post(reverse("eldercare:assessment_add"), data)

    assert response.status_code == 200 and list(response.context["form"].errors) == ["item_bathing"]
    assert not Assessment.objects.exists()


def test_the_other_district_cannot_pick_the_person(person, hx_officer, reference, login_as):
    response = login_as(hx_officer).post(reverse("eldercare:assessment_add"), _post_data(person))

    assert response.status_code == 200 and "person" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_the_live_preview_grades_what_is_answered(person, assessors, login_as):
    client = login_as(assessors[0])
    data = _post_data(person, (2, 0, 0, 0))
    partial = {key: value for key, value in data.items() if not key.startswith("item_") or key.startswith(
        ("item_feeding", "item_bathing"))}

    some = client.post(reverse("eldercare:assessment_preview"), partial)
    everything = client.post(reverse("eldercare:assessment_preview"), {**data, "findings": ["coma"]})

    assert some.context["preview"].level is None and some.context["preview"].answered == 2
    assert "已评 2 项，共 22 项" in some.content.decode()  # the pages are Chinese whatever the test's language
    result = everything.context["preview"]
    assert (result.level_name, result.preliminary_name) == ("重度失能", "中度失能")
    assert [d.grade for d in result.dimensions] == [2, 0, 0, 0]
    assert login_as(None).post(reverse("eldercare:assessment_preview"), data).status_code == 403


def test_the_second_assessor_confirms_on_the_page(person, assessors, login_as):
    assessment = f.assessed(person, assessors[0])
    confirm = reverse("eldercare:assessment_confirm", args=[assessment.pk])

    refused = login_as(assessors[0]).post(confirm)
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.RECORDED

    assert login_as(assessors[1]).post(confirm).status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).second_assessor == assessors[1]


def test_the_health_details_are_shown_on_request_and_logged(person, assessors, login_as):
    assessment = f.assessed(person, assessors[0], (1, 0, 0, 0), findings=["risk_events"])
    client = login_as(assessors[1])
    detail = client.get(assessment.get_absolute_url()).content.decode()
    assert reverse("eldercare:assessment_health", args=[assessment.pk]) in detail and "风险事件" not in detail

    shown = client.post(reverse("eldercare:assessment_health", args=[assessment.pk]))

    assert shown.status_code == 200 and "no-cache" in shown["Cache-Control"]
    html = shown.content.decode()
    assert "近30天内发生2次及以上风险事件" in html and "日常生活活动" in html and "进食" in html
    event = AuditEvent.objects.get(code=REVEALED)
    assert (event.object_id, event.actor_id, event.payload) == (str(assessment.pk), assessors[1].pk,
                                                                {"field": "answers"})


@pytest.mark.parametrize(("case", "role", "where", "status"), [
    ("no_health_permission_case", "community_worker", "hp_community", 403),
    ("other_district_case", "street_officer", "hx_street", 404),
    ("read_only_leader_case", "city_leader", "city", 403),
])
def test_the_health_details_are_refused_without_a_trace(person, assessors, login_as, tree, case, role, where,
                                                         status):
    assessment = f.assessed(person, assessors[0])
    since = last_change_seq()

    response = login_as(role, getattr(tree, where)).post(reverse("eldercare:assessment_health", args=[assessment.pk]))

    assert response.status_code == status
    assert not AuditEvent.objects.filter(code=REVEALED).exists() and new_changes(since) == []


def test_the_api_masks_health_data_unless_revealed(person, assessors, api_as):
    assessment = f.assessed(person, assessors[0], (2, 0, 0, 0))
    client = api_as(assessors[1])

    masked = client.get(f"/api/eldercare/assessments/{assessment.pk}/").json()
    assert (masked["answers"], masked["results"], masked["level_name"]) == ("****", "****", "中度失能")
    revealed = client.get(f"/api/eldercare/assessments/{assessment.pk}/?reveal=answers").json()
    assert revealed["answers"] == answers_for_grades(2, 0, 0, 0) and revealed["results"] == "****"
    assert AuditEvent.objects.filter(code=REVEALED).count() == 1


def test_the_api_records_previews_and_confirms(person, assessors, api_as):
    answers = answers_for_grades(0, 1, 0, 0)
    preview = api_as(assessors[0]).post("/api/eldercare/assessments/preview/",
                                        {"answers": answers, "assessed_on": "2014-09-01"}, format="json")
    assert preview.status_code == 200 and preview.json()["level_name"] == "轻度失能"
    assert not Assessment.objects.exists()

    made = api_as(assessors[0]).post("/api/eldercare/assessments/", {
        "person": person.pk, "assessed_on": "2014-09-01", "reason": "initial", "answers": answers}, format="json")
    assert made.status_code == 201 and made.json()["answers"] == "****"
    pk = made.json()["id"]
    same = api_as(assessors[0]).post(f"/api/eldercare/assessments/{pk}/confirm/", format="json")
    assert same.status_code == 400 and same.json()["code"] == "eldercare.same_assessor"
    confirmed = api_as(assessors[1]).post(f"/api/eldercare/assessments/{pk}/confirm/", format="json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    bad = api_as(assessors[0]).post("/api/eldercare/assessments/preview/", {"answers": {"feeding": 3}},
                                    format="json")
    assert bad.status_code == 200 and bad.json()["level"] is None


def test_the_api_refuses_answers_that_cannot_be_scored(person, assessors, api_as):
    answers = {**answers_for_grades(0, 0, 0, 0), "feeding": 3}

    response = api_as(assessors[0]).post("/api/eldercare/assessments/", {
        "person": person.pk, "assessed_on": "2014-09-01", "reason": "initial", "answers": answers}, format="json")

    body = response.json()
    assert response.status_code == 400 and body["code"] == "eldercare.assessment_answers"
    assert list(body["errors"]) == ["feeding"] and not Assessment.objects.exists()


def test_condition_change_and_cancel_through_the_pages(person, assessors, login_as):
    assessment = f.assessed(person, assessors[0])
    client = login_as(assessors[1])
    client.post(reverse("eldercare:assessment_confirm", args=[assessment.pk]))

    client.post(reverse("eldercare:assessment_condition", args=[assessment.pk]),
                {"on": "2014-10-01", "note": "中风后行动不便"})
    due = client.get(reverse("eldercare:assessment_due"))
    assert [row.record for row in due.context["table"].page.object_list] == [Assessment.objects.get()]

    state = row_state(assessment)
    empty = client.post(reverse("eldercare:assessment_cancel", args=[assessment.pk]), {"reason": ""})
    assert empty.status_code == 200 and row_state(assessment) == state
    client.post(reverse("eldercare:assessment_cancel", args=[assessment.pk]), {"reason": "评估人员资质不符"})
    assert Assessment.objects.get().status == AssessmentStatus.CANCELLED
    assert Assessment.objects.get().cancel_reason == "评估人员资质不符"
