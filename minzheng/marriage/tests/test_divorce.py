"""Divorce by agreement through the services: same day before 2021, the cooling-off clock from 2021-01-01."""

import datetime

import pytest

from minzheng.approvals.holidays import seed_holidays
from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.marriage.booking import BookingParty, book_appointment
from minzheng.marriage.choices import AppointmentStatus, Dissolution, DivorceStatus
from minzheng.marriage.divorces import (
    DivorcePartyInput,
    lapse_divorce_applications,
    receive_divorce,
    register_divorce,
    stage,
    withdraw_divorce,
)
from minzheng.marriage.models import Certificate, DivorceApplication, MarriedPerson
from minzheng.marriage.registration import register_marriage
from minzheng.marriage.tests.factories import ALL_DOCUMENTS, make_slot, marriage_party, person_id
from minzheng.registry.choices import LifeEventKind, MaritalStatus
from minzheng.registry.models import LifeEvent, Person
from minzheng.registry.services import record_life_event

D = datetime.date
DOCUMENTS = frozenset({"household_register", "id_card", "marriage_certificate"})


@pytest.fixture(autouse=True)
def holidays(db):
    seed_holidays()


@pytest.fixture
def married(office, clerk, couple):
    """张伟 and 李娜, married at the office on 2019-05-20."""
    groom, bride = couple
    return register_marriage(office, marriage_party(groom.name, groom.id_number),
                             marriage_party(bride.name, bride.id_number), actor=clerk, on=D(2019, 5, 20))


def spouse(person, **extra) -> DivorcePartyInput:
    return DivorcePartyInput(name=person.name, id_number=person.id_number, **{"documents": DOCUMENTS, **extra})


def both_appear(**changes) -> tuple[DivorcePartyInput, DivorcePartyInput]:
    return (DivorcePartyInput(**{"documents": DOCUMENTS, **changes.get("a", {})}),
            DivorcePartyInput(**{"documents": DOCUMENTS, **changes.get("b", {})}))


def receive(office, clerk, couple, married, on, **extra):
    groom, bride = couple
    return receive_divorce(office, spouse(groom), spouse(bride), actor=clerk, on=on,
                           marriage_certificate_number=married.certificate_number,
                           agreement_signed=extra.pop("agreement_signed", True), **extra)


def test_before_2021_the_divorce_is_registered_on_the_day(office, clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2020, 12, 31))

    assert application.status == DivorceStatus.REGISTERED and application.closed_on == D(2020, 12, 31)
    assert application.cooling_off_last_day is None and application.first_day == application.last_day
    assert application.certificate_number == "L120101-2020-000001"
    married.refresh_from_db()
    assert (married.dissolved_on, married.dissolved_by) == (D(2020, 12, 31), Dissolution.DIVORCE)
    assert not MarriedPerson.objects.exists()
    assert set(Person.objects.values_list("marital_status", flat=True)) == {MaritalStatus.DIVORCED}
    assert LifeEvent.objects.filter(kind=LifeEventKind.DIVORCE, date=D(2020, 12, 31)).count() == 2


def test_from_2021_the_application_waits_out_the_cooling_off(office, clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2021, 1, 1))

    assert application.status == DivorceStatus.PENDING and not application.certificate_number
    # day 30 is Sunday 31 January: the period ends on the next working day, Monday 1 February
    assert (application.cooling_off_last_day, application.first_day, application.last_day) == (
        D(2021, 2, 1), D(2021, 2, 2), D(2021, 3, 3))
    assert stage(application, D(2021, 2, 1)) == "cooling_off" and stage(application, D(2021, 2, 2)) == "may_register"
    assert stage(application, D(2021, 3, 4)) == "lapsed"
    assert set(Person.objects.values_list("marital_status", flat=True)) == {MaritalStatus.MARRIED}
    assert AuditEvent.objects.filter(code="marriage.divorce.received").count() == 1


@pytest.mark.parametrize(("_case", "on", "code"), [
    ("last day of the cooling-off", D(2021, 2, 3), "marriage.cooling_off"),
    ("the day after the window", D(2021, 3, 6), "marriage.divorce_lapsed"),
])
def test_registering_outside_the_window_is_refused(office, clerk, couple, married, _case, on, code):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))  # a Monday: no day moves
    assert (application.cooling_off_last_day, application.first_day, application.last_day) == (
        D(2021, 2, 3), D(2021, 2, 4), D(2021, 3, 5))
    since = last_change_seq()
    with pytest.raises(DomainError) as raised:
        register_divorce(application, *both_appear(), actor=clerk, on=on)
    application.refresh_from_db()
    assert raised.value.code == code and application.status == DivorceStatus.PENDING and new_changes(since) == []


@pytest.mark.parametrize("on", [D(2021, 2, 4), D(2021, 3, 5)])
def test_both_appearing_within_the_window_are_divorced(office, clerk, couple, married, on):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))
    application = register_divorce(application, *both_appear(), actor=clerk, on=on)
    assert application.status == DivorceStatus.REGISTERED and application.closed_on == on
    assert Certificate.objects.get(divorce=application).number == f"L120101-{on.year}-000001"
    married.refresh_from_db()
    assert married.dissolved_on == on and not MarriedPerson.objects.exists()
    assert set(Person.objects.values_list("marital_status", flat=True)) == {MaritalStatus.DIVORCED}


def test_one_spouse_absent_at_registration_is_a_refusal(office, clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))
    application = register_divorce(application, *both_appear(b={"present": False}), actor=clerk, on=D(2021, 2, 10))
    assert application.status == DivorceStatus.REFUSED
    assert [ground["code"] for ground in application.grounds] == ["divorce.absent"]
    assert application.refusal_reason.startswith("1. ") and married.dissolved_on is None


def test_withdrawal_during_the_cooling_off_only(office, clerk, couple, married):
    groom, bride = couple
    first = receive(office, clerk, couple, married, D(2021, 1, 4))
    with pytest.raises(DomainError) as raised:
        withdraw_divorce(first, withdrawn_by="陌生人", actor=clerk, on=D(2021, 1, 10))
    assert raised.value.code == "marriage.withdrawn_by"
    withdrawn = withdraw_divorce(first, withdrawn_by=bride.name, actor=clerk, on=D(2021, 2, 3))
    assert (withdrawn.status, withdrawn.closed_on, withdrawn.withdrawn_by) == (DivorceStatus.WITHDRAWN,
                                                                              D(2021, 2, 3), bride.name)
    second = receive(office, clerk, couple, married, D(2021, 6, 7))
    with pytest.raises(DomainError) as raised:
        withdraw_divorce(second, withdrawn_by=groom.name, actor=clerk, on=second.first_day)
    assert raised.value.code == "marriage.withdrawal_over"


def test_applications_lapse_the_day_after_their_window(office, clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))
    assert lapse_divorce_applications(today=D(2021, 3, 5)) == 0
    assert lapse_divorce_applications(today=D(2021, 3, 6)) == 1
    application.refresh_from_db()
    assert (application.status, application.closed_on) == (DivorceStatus.LAPSED, D(2021, 3, 6))
    assert AuditEvent.objects.filter(code="marriage.divorce.lapsed").count() == 1
    with pytest.raises(DomainError) as raised:
        register_divorce(application, *both_appear(), actor=clerk, on=D(2021, 3, 5))
    assert raised.value.code == "marriage.divorce_closed"


@pytest.mark.parametrize(("_case", "change", "expected"), [
    ("no agreement", {"agreement_signed": False}, ["divorce.no_agreement"]),
    ("married abroad", {"registered_in_mainland": False}, ["divorce.not_registered_in_mainland"]),
])
def test_an_application_is_not_accepted_on_a_ground(office, clerk, couple, married, _case, change, expected):
    application = receive(office, clerk, couple, married, D(2021, 1, 4), **change)
    assert application.status == DivorceStatus.REFUSED and application.closed_on == D(2021, 1, 4)
    assert [ground["code"] for ground in application.grounds] == expected


def test_a_spouse_without_capacity_or_documents_is_not_accepted(office, clerk, couple, married):
    groom, bride = couple
    application = receive_divorce(office, spouse(groom, full_civil_capacity=False),
                                  spouse(bride, documents=frozenset({"id_card"})), actor=clerk, on=D(2021, 1, 4),
                                  marriage_certificate_number=married.certificate_number, agreement_signed=True)
    assert [g["code"] for g in application.grounds] == ["divorce.incapacity", "divorce.missing_documents"]


def test_a_certificate_of_other_people_or_a_second_application_is_refused(office, clerk, couple, married):
    groom, _bride = couple
    other = marriage_party("陌生女", person_id("2"))
    with pytest.raises(DomainError) as raised:
        receive_divorce(office, spouse(groom), DivorcePartyInput(name=other.name, id_number=other.id_number),
                        actor=clerk, on=D(2021, 1, 4), marriage_certificate_number=married.certificate_number,
                        agreement_signed=True)
    assert raised.value.code == "marriage.certificate_mismatch"
    receive(office, clerk, couple, married, D(2021, 1, 4))
    with pytest.raises(DomainError) as raised:
        receive(office, clerk, couple, married, D(2021, 1, 5))
    assert raised.value.code == "marriage.divorce_pending" and DivorceApplication.objects.count() == 1


def test_a_marriage_registered_elsewhere_is_accepted_by_its_number(office, clerk):
    a, b = spouse_input("王强", "1"), spouse_input("赵敏", "2")
    application = receive_divorce(office, a, b, actor=clerk, on=D(2021, 1, 4), agreement_signed=True,
                                  marriage_certificate_number="J110101-2010-000123")
    assert application.status == DivorceStatus.PENDING and application.marriage is None


def spouse_input(name, sex):
    return DivorcePartyInput(name=name, id_number=person_id(sex), documents=DOCUMENTS)


def test_another_districts_clerk_cannot_receive_or_register(office, clerk, hexi_clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))
    since = last_change_seq()
    with pytest.raises(PermissionsViolation):
        receive(office, hexi_clerk, couple, married, D(2021, 6, 7))
    with pytest.raises(PermissionsViolation):
        register_divorce(application, *both_appear(), actor=hexi_clerk, on=D(2021, 2, 10))
    application.refresh_from_db()
    assert application.status == DivorceStatus.PENDING and new_changes(since) == []


def test_a_spouses_death_ends_the_marriage_the_application_and_the_appointments(office, clerk, couple, married,
                                                                              hp_admin):
    groom, bride = couple
    application = receive(office, clerk, couple, married, D(2026, 11, 2))
    slot = make_slot(office, D(2026, 12, 4), service="divorce")
    appointment = book_appointment(slot, party_a=BookingParty(groom.name, groom.id_number),
                                   party_b=BookingParty(bride.name, bride.id_number), phone="13900000000",
                                   today=D(2026, 11, 20))

    record_life_event(groom, LifeEventKind.DEATH, D(2026, 11, 25), actor=hp_admin)

    married.refresh_from_db(), application.refresh_from_db(), appointment.refresh_from_db(), slot.refresh_from_db()
    assert (married.dissolved_on, married.dissolved_by) == (D(2026, 11, 25), Dissolution.DEATH)
    assert (application.status, application.closed_on) == (DivorceStatus.ENDED, D(2026, 11, 25))
    assert appointment.status == AppointmentStatus.CANCELLED and slot.booked == 0
    assert not MarriedPerson.objects.exists()  # the survivor may marry again


def test_the_documents_checklist_of_a_registration_applies(office, clerk, couple, married):
    application = receive(office, clerk, couple, married, D(2021, 1, 4))
    missing = both_appear(a={"documents": ALL_DOCUMENTS})  # no marriage certificate presented
    application = register_divorce(application, *missing, actor=clerk, on=D(2021, 2, 10))
    assert [g["code"] for g in application.grounds] == ["divorce.missing_documents"]
