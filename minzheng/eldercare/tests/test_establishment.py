"""Establishing an institution by the rules in force on the date: a licence (2013 rules: at least 10 beds, a
decision 20 working days after acceptance, an on-site inspection) until the 2018 change, registration and
filing from it. The rules are data: a bureau's correction applies without a code change."""

import datetime

import pytest
from django.urls import reverse

from minzheng.approvals.holidays import seed_holidays
from minzheng.approvals.workdays import workdays_between
from minzheng.audit.models import AuditEvent
from minzheng.eldercare.choices import EstablishmentStatus, InstitutionStatus, Procedure
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import Establishment, EstablishmentRuleSet
from minzheng.eldercare.services.establishment import decide_licence, record_site_inspection, start_establishment
from minzheng.eldercare.tests.factories import DAY, institution
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state

REGISTRATION = {"registration_authority": "和平区市场监督管理局", "registration_number": "91120101MA05XXXX1A",
                "registered_on": DAY(2019, 2, 20)}


@pytest.fixture
def home(tree, reference):
    return institution(tree.hp_street, "和平区福寿养老院", status=InstitutionStatus.PREPARING, opened_on=None)


@pytest.fixture
def approver(make_user, tree):
    return make_user("district_approver", tree.heping, username="hp_approver")


def _start(home, actor, on, beds=60, **extra):
    return start_establishment(home, received_on=on, applicant="福寿养老服务有限公司", beds_declared=beds, actor=actor,
                               **extra)


def test_before_the_2018_change_an_application_is_licensed_within_20_working_days(home, approver):
    seed_holidays()

    record = _start(home, approver, DAY(2015, 9, 24))

    assert (record.procedure, record.status, record.rule_set.code) == (Procedure.LICENCE, EstablishmentStatus.ACCEPTED,
                                                                       "licence-2013")
    assert record.decision_due == DAY(2015, 10, 28)  # National Day off, Saturday 10 October worked
    assert workdays_between(record.received_on, record.decision_due) == 20
    home.refresh_from_db()
    assert home.status == InstitutionStatus.PREPARING
    assert AuditEvent.objects.get(code=EldercareEvent.ESTABLISHMENT_STARTED).payload["procedure"] == "licence"


def test_from_the_2018_change_the_registration_is_filed_and_the_institution_operates(home, approver):
    record = _start(home, approver, DAY(2019, 3, 1), beds=6, **REGISTRATION)

    assert (record.procedure, record.status, record.rule_set.code) == (Procedure.REGISTRATION,
                                                                       EstablishmentStatus.FILED, "registration-2018")
    assert record.decision_due is None and record.registration_number == REGISTRATION["registration_number"]
    home.refresh_from_db()
    assert (home.status, home.opened_on) == (InstitutionStatus.OPERATING, DAY(2019, 2, 20))


@pytest.mark.parametrize(("received_on", "procedure"), [
    pytest.param(DAY(2013, 7, 1), Procedure.LICENCE, id="first_day_of_the_licence_case"),
    pytest.param(DAY(2018, 12, 28), Procedure.LICENCE, id="last_day_of_the_licence_case"),
    pytest.param(DAY(2018, 12, 29), Procedure.REGISTRATION, id="first_day_of_registration_case"),
])
def test_the_date_received_decides_the_procedure(home, approver, received_on, procedure):
    registration = {**REGISTRATION, "registered_on": received_on}

    record = _start(home, approver, received_on, **registration)

    assert record.procedure == procedure
    assert bool(record.registration_number) == (procedure == Procedure.REGISTRATION)


def test_no_rules_are_in_force_before_2013_07_01(home, approver):
    with pytest.raises(DomainError) as refused:
        _start(home, approver, DAY(2013, 6, 30))

    assert refused.value.code == "eldercare.no_establishment_rules" and not Establishment.objects.exists()


def test_a_licence_needs_the_minimum_beds_and_registration_does_not(home, approver):
    with pytest.raises(DomainError) as refused:
        _start(home, approver, DAY(2015, 3, 2), beds=9)
    assert (refused.value.code, refused.value.field) == ("eldercare.too_few_beds", "beds_declared")
    assert not Establishment.objects.exists()

    assert _start(home, approver, DAY(2015, 3, 2), beds=10).status == EstablishmentStatus.ACCEPTED


def test_the_minimum_is_data_a_bureau_corrects(home, approver):
    EstablishmentRuleSet.objects.filter(code="licence-2013").update(min_beds=20)

    with pytest.raises(DomainError) as refused:
        _start(home, approver, DAY(2015, 3, 2), beds=15)

    assert refused.value.code == "eldercare.too_few_beds"


def test_a_filing_needs_the_registration(home, approver):
    with pytest.raises(DomainError) as refused:
        _start(home, approver, DAY(2019, 3, 1), registration_authority="和平区市场监督管理局")

    assert (refused.value.code, refused.value.field) == ("eldercare.registration_required", "registration_number")
    with pytest.raises(DomainError) as later:
        _start(home, approver, DAY(2019, 3, 1), **{**REGISTRATION, "registered_on": DAY(2019, 3, 2)})
    assert later.value.code == "eldercare.filed_before_registration"
    assert not Establishment.objects.exists()


def test_the_licence_is_decided_after_the_on_site_inspection(home, approver):
    record = _start(home, approver, DAY(2015, 3, 2))
    state = row_state(record)

    with pytest.raises(DomainError) as refused:
        decide_licence(record, on=DAY(2015, 3, 20), granted=True, licence_number="津和养许字2015001", actor=approver)
    assert refused.value.code == "eldercare.inspection_required" and row_state(record) == state

    record_site_inspection(record, on=DAY(2015, 3, 16), passed=True, notes="消防验收合格", actor=approver)
    decide_licence(record, on=DAY(2015, 3, 20), granted=True, licence_number="津和养许字2015001", actor=approver)

    record.refresh_from_db()
    home.refresh_from_db()
    assert (record.status, record.decided_on, record.decided_late) == (EstablishmentStatus.GRANTED, DAY(2015, 3, 20),
                                                                        False)
    assert (home.status, home.opened_on) == (InstitutionStatus.OPERATING, DAY(2015, 3, 20))
    assert AuditEvent.objects.get(code=EldercareEvent.LICENCE_DECIDED).payload == {
        "granted": True, "on": "2015-03-20", "late": False}


def test_a_failed_inspection_cannot_be_granted_and_a_refusal_needs_its_reason(home, approver):
    record = _start(home, approver, DAY(2015, 3, 2))
    record_site_inspection(record, on=DAY(2015, 3, 16), passed=False, actor=approver)

    with pytest.raises(DomainError) as failed:
        decide_licence(record, on=DAY(2015, 3, 20), granted=True, licence_number="X1", actor=approver)
    with pytest.raises(DomainError) as unreasoned:
        decide_licence(record, on=DAY(2015, 3, 20), granted=False, actor=approver)
    assert (failed.value.code, unreasoned.value.code) == ("eldercare.inspection_failed", "eldercare.reason_required")

    decide_licence(record, on=DAY(2015, 4, 10), granted=False, reason="消防设施不符合要求", actor=approver)
    record.refresh_from_db()
    assert (record.status, record.decided_late) == (EstablishmentStatus.REFUSED, True)  # due 2015-03-30
    home.refresh_from_db()
    assert home.status == InstitutionStatus.PREPARING
    assert _start(home, approver, DAY(2015, 6, 1)).status == EstablishmentStatus.ACCEPTED  # it may apply again


def test_an_institution_is_established_once(home, approver):
    _start(home, approver, DAY(2015, 3, 2))

    with pytest.raises(DomainError) as refused:
        _start(home, approver, DAY(2015, 4, 2))

    assert refused.value.code == "eldercare.already_established" and Establishment.objects.count() == 1


def test_another_district_can_neither_apply_nor_decide(home, approver, make_user, tree):
    outsider = make_user("district_approver", tree.hexi, username="hx_approver2")
    since = last_change_seq()
    with pytest.raises(PermissionsViolation):
        _start(home, outsider, DAY(2015, 3, 2))
    assert not Establishment.objects.exists() and new_changes(since) == []

    record = _start(home, approver, DAY(2015, 3, 2))
    state, since = row_state(record), last_change_seq()
    with pytest.raises(PermissionsViolation):
        record_site_inspection(record, on=DAY(2015, 3, 16), passed=True, actor=outsider)
    assert row_state(record) == state and new_changes(since) == []


def test_the_page_receives_an_application_by_the_date(home, approver, login_as, make_user, tree):
    url = reverse("eldercare:establishment_add")
    data = {"institution": home.pk, "applicant": "福寿养老服务有限公司", "received_on": "2019-03-01",
            "beds_declared": "30", "registration_authority": REGISTRATION["registration_authority"],
            "registration_number": REGISTRATION["registration_number"], "registered_on": "2019-02-20"}

    refused = login_as(make_user("district_approver", tree.hexi, username="hx_page")).post(url, data)
    assert refused.status_code == 200 and "institution" in refused.context["form"].errors
    assert not Establishment.objects.exists()
    no_right = login_as(make_user("community_worker", tree.hp_community, username="hp_worker2")).post(url, data)
    assert no_right.status_code == 403 and not Establishment.objects.exists()

    response = login_as(approver).post(url, data)

    record = Establishment.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert (record.procedure, record.status) == (Procedure.REGISTRATION, EstablishmentStatus.FILED)
    page = login_as(approver).get(record.get_absolute_url()).content.decode()
    assert "和平区市场监督管理局" in page


def test_the_action_pages_inspect_and_decide(home, approver, login_as):
    record = _start(home, approver, DAY(2015, 3, 2))
    client = login_as(approver)
    detail = client.get(record.get_absolute_url()).content.decode()
    assert reverse("eldercare:establishment_inspect", args=[record.pk]) in detail

    client.post(reverse("eldercare:establishment_inspect", args=[record.pk]), {"on": "2015-03-16", "passed": "yes"})
    response = client.post(reverse("eldercare:establishment_decide", args=[record.pk]),
                           {"on": "2015-03-20", "granted": "grant", "licence_number": "津和养许字2015001"})

    record.refresh_from_db()
    assert response.status_code == 302 and record.status == EstablishmentStatus.GRANTED
    assert client.get(reverse("eldercare:establishment_decide", args=[record.pk])).status_code == 404
    assert datetime.date(2015, 3, 20) == record.decided_on
