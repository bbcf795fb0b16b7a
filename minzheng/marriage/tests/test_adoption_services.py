"""Adoption registration through the services: the application, the assessment, the notice, the decision."""

import datetime

import pytest

from minzheng.approvals.holidays import seed_holidays
from minzheng.approvals.workdays import WorkCalendar
from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.marriage.adoptions import (
    AdopterInput,
    ChildInput,
    decide_adoption,
    publish_notice,
    receive_adoption,
    record_assessment,
    withdraw_adoption,
)
from minzheng.marriage.checks import adoption_review_last_day
from minzheng.marriage.choices import AdoptionStatus
from minzheng.marriage.models import AdoptionApplication, Certificate
from minzheng.marriage.tests.factories import person_id

D = datetime.date
RECEIVED = D(2021, 3, 1)  # a Monday


@pytest.fixture(autouse=True)
def holidays(db):
    seed_holidays()


def couple(**changes):
    husband = {"name": "王建国", "id_number": person_id("1", D(1980, 1, 1)), "married": True, **changes.get("a", {})}
    wife = {"name": "李秀英", "id_number": person_id("2", D(1982, 1, 1)), "married": True, **changes.get("b", {})}
    return [AdopterInput(**husband), AdopterInput(**wife)]


def orphan(**changes) -> ChildInput:
    return ChildInput(**{"name": "王小宝", "birth_date": D(2018, 6, 1), "sex": "1", "orphan": True, **changes})


def receive(office, clerk, adopters=None, children=None, on=RECEIVED):
    return receive_adoption(office, adopters or couple(), children or [orphan()], actor=clerk, on=on)


ASSESSED = D(2021, 3, 20)


def assess(application, clerk, outcome="suitable", on=ASSESSED):
    return record_assessment(application, assessor="和平区儿童福利评估中心", assessed_on=on, outcome=outcome,
                             findings="家庭关系和睦，经济状况良好。", actor=clerk)


def test_an_assessed_couple_adopting_an_orphan_is_registered(office, clerk):
    application = receive(office, clerk)
    assert (application.status, application.review_last_day) == (AdoptionStatus.RECEIVED, D(2021, 3, 31))
    assert application.summary == "王建国、李秀英 → 王小宝" and application.adopters.count() == 2
    assess(application, clerk)
    application.refresh_from_db()
    assert application.status == AdoptionStatus.ASSESSED

    decided = decide_adoption(application, actor=clerk, on=D(2021, 3, 25))

    assert decided.status == AdoptionStatus.REGISTERED and decided.certificate_number == "SY120101-2021-000001"
    assert Certificate.objects.get(adoption=decided).holders == decided.summary
    assert AuditEvent.objects.filter(code="marriage.adoption.registered").count() == 1


def test_the_civil_code_needs_the_assessment_the_1998_law_does_not(office, clerk):
    under_code = decide_adoption(receive(office, clerk), actor=clerk, on=D(2021, 3, 25))
    assert [g["code"] for g in under_code.grounds] == ["adoption.assessment"]
    before = decide_adoption(receive(office, clerk, on=D(2020, 3, 2)), actor=clerk, on=D(2020, 3, 25))
    assert before.status == AdoptionStatus.REGISTERED and before.rules_basis.startswith("婚姻法(2001)")


def test_an_unsuitable_assessment_refuses(office, clerk):
    application = receive(office, clerk)
    assess(application, clerk, outcome="unsuitable")
    refused = decide_adoption(application, actor=clerk, on=D(2021, 3, 25), note="建议半年后重新申请。")
    assert refused.status == AdoptionStatus.REFUSED and refused.refusal_reason.endswith("建议半年后重新申请。")


@pytest.mark.parametrize(("_case", "adopters", "child", "on", "expected"), [
    ("adopter under 30", {"a": {"id_number": person_id("1", D(1995, 1, 1))}}, {}, D(2021, 3, 25),
     ["adoption.adopter_under_age"]),
    ("one child already: allowed from 2021", {"a": {"children": 1}, "b": {"children": 1}},
     {"orphan": False, "parents_in_hardship": True}, D(2021, 3, 25), []),
    ("one child already: refused before 2021", {"a": {"children": 1}, "b": {"children": 1}},
     {"orphan": False, "parents_in_hardship": True}, D(2020, 3, 25),
     ["adoption.has_children", "adoption.has_children"]),
    ("a child of 9 must consent from 2021", {}, {"birth_date": D(2012, 1, 1)}, D(2021, 3, 25),
     ["adoption.child_consent"]),
    ("a child of 9 need not consent before 2021", {}, {"birth_date": D(2011, 1, 1)}, D(2020, 3, 25), []),
    ("a criminal record harmful to minors, from 2021", {"b": {"harmful_criminal_record": True}}, {},
     D(2021, 3, 25), ["adoption.criminal_record"]),
])
def test_adopter_and_child_conditions_by_the_law_of_the_day(office, clerk, _case, adopters, child, on, expected):
    application = receive(office, clerk, couple(**adopters), [orphan(**child)], on=on - datetime.timedelta(days=20))
    assess(application, clerk, on=on - datetime.timedelta(days=5))
    decided = decide_adoption(application, actor=clerk, on=on)
    assert [g["code"] for g in decided.grounds] == expected
    assert decided.status == (AdoptionStatus.REFUSED if expected else AdoptionStatus.REGISTERED)


def test_a_single_man_adopting_a_girl_needs_forty_years(office, clerk):
    single = AdopterInput(name="赵单身", id_number=person_id("1", D(1975, 1, 1)))
    application = receive(office, clerk, [single], [orphan(sex="2", birth_date=D(2014, 1, 1))])
    assess(application, clerk)
    decided = decide_adoption(application, actor=clerk, on=D(2021, 3, 25))
    assert [g["code"] for g in decided.grounds] == ["adoption.age_gap"]


def test_a_foundlings_notice_runs_60_days_outside_the_review(office, clerk):
    foundling = orphan(orphan=False, parents_unknown=True, in_welfare_institution=True)
    application = receive(office, clerk, children=[foundling])
    assess(application, clerk)
    refused_now = decide_adoption(AdoptionApplication.objects.get(pk=application.pk), actor=clerk,
                                  on=D(2021, 3, 22)).grounds
    assert [g["code"] for g in refused_now] == ["adoption.notice_not_published"]

    second = receive(office, clerk, children=[foundling])
    child = second.children.get()
    publish_notice(child, published_on=D(2021, 3, 5), medium="天津日报", actor=clerk)
    second.refresh_from_db()
    expected = adoption_review_last_day(RECEIVED, notice_published_on=D(2021, 3, 5),
                                        is_workday=WorkCalendar().is_workday)
    assert second.review_last_day == expected and expected > D(2021, 5, 4)  # the notice's last day
    assess(second, clerk)
    pending = decide_adoption(AdoptionApplication.objects.get(pk=second.pk), actor=clerk, on=D(2021, 5, 4))
    assert [g["code"] for g in pending.grounds] == ["adoption.notice_pending"]


def test_the_notice_after_the_notice_ran_out_lets_the_adoption_register(office, clerk):
    application = receive(office, clerk, children=[orphan(orphan=False, parents_unknown=True,
                                                          in_welfare_institution=True)])
    publish_notice(application.children.get(), published_on=D(2021, 3, 5), medium="天津日报", actor=clerk)
    assess(application, clerk)
    assert decide_adoption(application, actor=clerk, on=D(2021, 5, 5)).status == AdoptionStatus.REGISTERED


def test_a_notice_is_for_a_child_whose_parents_cannot_be_found(office, clerk):
    application = receive(office, clerk)
    with pytest.raises(DomainError) as raised:
        publish_notice(application.children.get(), published_on=D(2021, 3, 5), medium="天津日报", actor=clerk)
    assert raised.value.code == "marriage.notice_invalid"


@pytest.mark.parametrize(("_case", "adopters", "children", "code", "field"), [
    ("three adopters", couple() + couple(), [orphan()], "marriage.adoption_invalid", "adopters"),
    ("a child without birth date", couple(), [ChildInput(name="王小宝", orphan=True)], "marriage.adoption_invalid",
     "children.0.birth_date"),
    ("a bad identity number", [AdopterInput(name="王建国", id_number="120101198001011230")], [orphan()],
     "marriage.id_invalid", "adopters.0.id_number"),
])
def test_input_errors_write_nothing(office, clerk, _case, adopters, children, code, field):
    since = last_change_seq()
    with pytest.raises(DomainError) as raised:
        receive_adoption(office, adopters, children, actor=clerk, on=RECEIVED)
    assert (raised.value.code, raised.value.field) == (code, field)
    assert not AdoptionApplication.objects.exists() and new_changes(since) == []


def test_a_withdrawn_or_decided_application_is_closed(office, clerk):
    application = withdraw_adoption(receive(office, clerk), actor=clerk, on=D(2021, 3, 10), note="申请人撤回")
    assert application.status == AdoptionStatus.WITHDRAWN and "申请人撤回" in application.remarks
    for operation in (lambda: decide_adoption(application, actor=clerk, on=D(2021, 3, 25)),
                      lambda: assess(application, clerk)):
        with pytest.raises(DomainError) as raised:
            operation()
        assert raised.value.code == "marriage.adoption_closed"


def test_another_districts_clerk_cannot_decide(office, clerk, hexi_clerk):
    application = receive(office, clerk)
    since = last_change_seq()
    with pytest.raises(PermissionsViolation):
        decide_adoption(application, actor=hexi_clerk, on=D(2021, 3, 25))
    with pytest.raises(PermissionsViolation):
        receive(office, hexi_clerk)
    application.refresh_from_db()
    assert application.status == AdoptionStatus.RECEIVED and new_changes(since) == []
