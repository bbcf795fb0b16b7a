"""Inspections and their findings: rectifying one, and the list of overdue rectifications (scoped)."""

import datetime

import pytest
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.eldercare.choices import FindingStatus
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import InspectionFinding
from minzheng.eldercare.services.inspections import rectify_finding
from minzheng.eldercare.tests import factories as f
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state

DAY = datetime.date


@pytest.fixture
def findings(tree):
    """和平区: one overdue, one due later, one rectified late; 河西区: one overdue."""
    check = f.inspection(f.institution(tree.hp_street), DAY(2014, 5, 6))
    overdue = f.finding(check, DAY(2014, 6, 6), "消防通道堆放杂物")
    later = f.finding(check, DAY(2099, 1, 1), "安装紧急呼叫装置")
    done = f.finding(check, DAY(2014, 5, 20), "厨房留样缺失")
    InspectionFinding.objects.filter(pk=done.pk).update(status=FindingStatus.RECTIFIED, rectified_on=DAY(2014, 6, 1))
    hexi = f.inspection(f.institution(tree.hx_street, "河西区康乐养老院"))
    elsewhere = f.finding(hexi, DAY(2014, 6, 1), "护理记录不全")
    return overdue, later, done, elsewhere


def test_the_overdue_list_shows_open_findings_past_their_deadline_in_the_area(findings, login_as, make_user, tree):
    overdue, _later, _done, elsewhere = findings
    approver = make_user("district_approver", tree.heping, username="hp_approver")

    listed = login_as(approver).get(reverse("eldercare:inspectionfinding_overdue"))

    assert [row.record for row in listed.context["table"].page.object_list] == [overdue]
    city = login_as("city_admin", tree.city).get(reverse("eldercare:inspectionfinding_overdue"))
    assert [row.record for row in city.context["table"].page.object_list] == [elsewhere, overdue]  # longest first
    api = login_as(approver).get("/api/eldercare/inspection-findings/?overdue=true").json()
    assert [row["id"] for row in api["results"]] == [overdue.pk]


def test_rectifying_a_finding(findings, make_user, tree):
    overdue = findings[0]
    approver = make_user("district_approver", tree.heping, username="hp_approver")

    rectify_finding(overdue, on=DAY(2014, 6, 10), note="已清理通道并设置警示标识", actor=approver)

    overdue.refresh_from_db()
    assert (overdue.status, overdue.rectified_on, overdue.checked_by) == (FindingStatus.RECTIFIED, DAY(2014, 6, 10),
                                                                          approver)
    assert AuditEvent.objects.get(code=EldercareEvent.FINDING_RECTIFIED).payload == {"on": "2014-06-10", "late": True}
    with pytest.raises(DomainError) as again:
        rectify_finding(overdue, on=DAY(2014, 6, 11), note="再次", actor=approver)
    assert again.value.code == "eldercare.finding_rectified"


@pytest.mark.parametrize(("case", "on", "note", "code"), [
    ("before_the_inspection_case", DAY(2014, 5, 1), "已整改", "eldercare.date_out_of_range"),
    ("no_note_case", DAY(2014, 6, 1), "  ", "eldercare.note_required"),
])
def test_a_rectification_is_refused(findings, make_user, tree, case, on, note, code):
    overdue = findings[0]
    state = row_state(overdue)

    with pytest.raises(DomainError) as refused:
        rectify_finding(overdue, on=on, note=note, actor=make_user("district_approver", tree.heping))

    assert refused.value.code == code and row_state(overdue) == state


def test_another_district_cannot_rectify(findings, make_user, tree, login_as):
    overdue = findings[0]
    outsider = make_user("district_approver", tree.hexi, username="hx_approver2")
    state, since = row_state(overdue), last_change_seq()

    with pytest.raises(PermissionsViolation):
        rectify_finding(overdue, on=DAY(2014, 6, 10), note="x", actor=outsider)
    page = login_as(outsider).post(reverse("eldercare:inspectionfinding_rectify", args=[overdue.pk]),
                                   {"on": "2014-06-10", "note": "x"})

    assert page.status_code == 404 and row_state(overdue) == state and new_changes(since) == []
