"""Registering a marriage at the office: every refusal ground, the certificate, the population register."""

import datetime

import pytest

from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.marriage.choices import AppointmentStatus, RegistrationStatus
from minzheng.marriage.models import Certificate, MarriageRegistration, MarriedPerson
from minzheng.marriage.registration import preview_marriage, register_marriage
from minzheng.marriage.rules import Document
from minzheng.marriage.tests.factories import ALL_DOCUMENTS, id_number, make_slot, marriage_party, person_id
from minzheng.registry.choices import LifeEventKind, MaritalStatus
from minzheng.registry.models import LifeEvent, Person
from minzheng.registry.tests.factories import make_person

D = datetime.date
ON = D(2026, 11, 20)


def parties(couple, **changes):
    groom, bride = couple
    a = {"name": groom.name, "id_number": groom.id_number, **changes.get("a", {})}
    b = {"name": bride.name, "id_number": bride.id_number, **changes.get("b", {})}
    return (marriage_party(a.pop("name"), a.pop("id_number"), **a),
            marriage_party(b.pop("name"), b.pop("id_number"), **b))


def test_a_marriage_is_registered_with_its_certificate_and_the_register_updated(office, clerk, couple):
    groom, bride = couple

    registration = register_marriage(office, *parties(couple), actor=clerk, on=ON)

    assert registration.status == RegistrationStatus.REGISTERED and registration.grounds == []
    certificate = Certificate.objects.get(marriage=registration)
    assert certificate.number == registration.certificate_number == "J120101-2026-000001"
    assert (certificate.kind, certificate.year, certificate.serial, certificate.holders) == ("J", 2026, 1,
                                                                                            "张伟 · 李娜")
    assert set(MarriedPerson.objects.values_list("id_number", flat=True)) == {groom.id_number, bride.id_number}
    assert set(Person.objects.values_list("marital_status", flat=True)) == {MaritalStatus.MARRIED}
    events = LifeEvent.objects.filter(kind=LifeEventKind.MARRIAGE, date=ON)
    assert {event.person_id for event in events} == {groom.pk, bride.pk}
    assert registration.status_pending == [] and registration.rules_basis.startswith("民法典")
    assert AuditEvent.objects.filter(code="marriage.marriage.registered", object_id=str(registration.pk)).count() == 1


def test_numbers_count_per_office_and_year(office, hexi_office, clerk, make_user, tree):
    hexi_admin = make_user("city_admin", tree.hexi)
    numbers = []
    for actor, at, year in [(clerk, office, 2025), (clerk, office, 2026), (clerk, office, 2026),
                            (hexi_admin, hexi_office, 2026)]:
        a, b = marriage_party("王强", person_id("1")), marriage_party("赵敏", person_id("2"))
        numbers.append(register_marriage(at, a, b, actor=actor, on=D(year, 6, 1)).certificate_number)
    assert numbers == ["J120101-2025-000001", "J120101-2026-000001", "J120101-2026-000002", "J120103-2026-000001"]


def grounds_of(registration) -> list[str]:
    return [ground["code"] for ground in registration.grounds]


@pytest.mark.parametrize(("_case", "changes", "on", "expected"), [
    ("party A absent", {"a": {"present": False}}, ON, ["marriage.absent"]),
    ("party B not voluntary", {"b": {"voluntary": False}}, ON, ["marriage.not_voluntary"]),
    ("prohibited kinship declared", {"a": {"declares_prohibited_kinship": True}}, ON,
     ["marriage.prohibited_kinship"]),
    ("documents missing", {"b": {"documents": frozenset({str(Document.ID_CARD)})}}, ON,
     ["marriage.missing_documents"]),
    ("barring disease before 2021", {"a": {"barring_disease": True}}, D(2020, 12, 31), ["marriage.barring_disease"]),
    ("no barring disease ground from 2021", {"a": {"barring_disease": True}}, D(2021, 1, 1), []),
])
def test_each_declared_ground_refuses(office, clerk, couple, _case, changes, on, expected):
    registration = register_marriage(office, *parties(couple, **changes), actor=clerk, on=on)
    assert grounds_of(registration) == expected
    assert registration.status == (RegistrationStatus.REFUSED if expected else RegistrationStatus.REGISTERED)


def test_under_age_party_is_refused_with_the_day_the_age_is_reached(office, clerk):
    young = marriage_party("周小", person_id("1", D(2005, 3, 1)))  # 22 on 2027-03-01
    registration = register_marriage(office, young, marriage_party("吴丽", person_id("2")), actor=clerk, on=ON)
    assert registration.status == RegistrationStatus.REFUSED and grounds_of(registration) == ["marriage.under_age"]
    assert "2027-03-01" in registration.refusal_reason
    assert not Certificate.objects.exists() and not MarriedPerson.objects.exists()


def test_legal_ages_differ_for_men_and_women(office, clerk):
    woman_of_20 = marriage_party("吴丽", person_id("2", D(2006, 11, 20)))
    man_of_22 = marriage_party("周强", person_id("1", D(2004, 11, 20)))
    assert register_marriage(office, man_of_22, woman_of_20, actor=clerk, on=ON).status == RegistrationStatus.REGISTERED


def test_same_sex_is_refused(office, clerk):
    man, other_man = marriage_party("周强", person_id("1")), marriage_party("吴刚", person_id("1"))
    registration = register_marriage(office, man, other_man, actor=clerk, on=ON)
    assert grounds_of(registration) == ["marriage.same_sex"]


def test_married_in_the_population_register_is_refused(office, clerk, tree):
    married = make_person(tree.hp_community, name="陈已婚", id_number=person_id("1"),
                          marital_status=MaritalStatus.MARRIED)
    registration = register_marriage(office, marriage_party(married.name, married.id_number),
                                     marriage_party("吴丽", person_id("2")), actor=clerk, on=ON)
    assert grounds_of(registration) == ["marriage.already_married"]
    assert married.name in registration.refusal_reason


def test_married_here_before_is_refused_until_divorced(office, clerk, couple):
    register_marriage(office, *parties(couple), actor=clerk, on=ON)
    groom, _bride = couple
    again = register_marriage(office, marriage_party(groom.name, groom.id_number),
                              marriage_party("吴丽", person_id("2")), actor=clerk, on=ON)
    assert grounds_of(again) == ["marriage.already_married"]


def test_every_ground_found_is_written_with_the_note(office, clerk, couple):
    registration = register_marriage(office, *parties(couple, a={"present": False}, b={"documents": frozenset()}),
                                     actor=clerk, on=ON, note="请补齐材料后再来。")
    assert grounds_of(registration) == ["marriage.absent", "marriage.missing_documents"]
    lines = registration.refusal_reason.splitlines()
    assert lines[0].startswith("1. ") and lines[1].startswith("2. ") and lines[2] == "请补齐材料后再来。"
    assert AuditEvent.objects.filter(code="marriage.marriage.refused").count() == 1


@pytest.mark.parametrize(("_case", "a", "b", "code", "field"), [
    ("name", {"name": "x"}, {}, "marriage.name_invalid", "party_a_name"),
    ("identity number", {}, {"id_number": "120101199001011234"}, "marriage.id_invalid", "party_b_id_number"),
    ("same person twice", {}, {"id_number": "same"}, "marriage.same_person", "party_b_id_number"),
])
def test_input_errors_write_nothing(office, clerk, couple, _case, a, b, code, field):
    groom, _bride = couple
    if b.get("id_number") == "same":
        b = {"id_number": groom.id_number}
    since = last_change_seq()
    with pytest.raises(DomainError) as raised:
        register_marriage(office, *parties(couple, a=a, b=b), actor=clerk, on=ON)
    assert (raised.value.code, raised.value.field) == (code, field)
    assert not MarriageRegistration.objects.exists() and new_changes(since) == []


def test_a_future_date_is_refused(office, clerk, couple):
    with pytest.raises(DomainError) as raised:
        register_marriage(office, *parties(couple), actor=clerk, on=D(2099, 1, 1))
    assert raised.value.code == "marriage.date_future" and not MarriageRegistration.objects.exists()


def test_another_districts_clerk_cannot_register_here(office, hexi_clerk, couple):
    since, events = last_change_seq(), AuditEvent.objects.count()
    with pytest.raises(PermissionsViolation):
        register_marriage(office, *parties(couple), actor=hexi_clerk, on=ON)
    assert not MarriageRegistration.objects.exists() and new_changes(since) == []
    assert AuditEvent.objects.count() == events and Person.objects.filter(marital_status="married").count() == 0


def test_a_party_registered_in_another_district_is_recorded_on_the_registrations_authority(office, clerk, tree):
    """The clerk of 和平区 cannot change 河西区 records, but the registration is the authority (条例 Art. 4)."""
    from minzheng.registry.models import LifeEvent

    local = make_person(tree.hp_community, name="张伟", id_number=person_id("1"))
    elsewhere = make_person(tree.hx_community, name="刘芳", sex="2", id_number=person_id("2", district="120103"))

    registration = register_marriage(office, marriage_party(local.name, local.id_number),
                                     marriage_party(elsewhere.name, elsewhere.id_number), actor=clerk, on=ON)

    assert registration.status == RegistrationStatus.REGISTERED and registration.status_pending == []
    local.refresh_from_db(), elsewhere.refresh_from_db()
    assert (local.marital_status, elsewhere.marital_status) == (MaritalStatus.MARRIED, MaritalStatus.MARRIED)
    event = LifeEvent.objects.get(person=elsewhere)
    assert event.created_by == clerk
    recorded = AuditEvent.objects.filter(code="registry.life_event.recorded", object_id=str(event.pk)).get()
    assert recorded.payload["authority"]["id"] == registration.pk
    assert not AuditEvent.objects.filter(code="marriage.marital_status.pending").exists()


def test_another_service_may_not_record_a_death_on_its_authority(office, clerk, tree):
    from minzheng.registry.choices import LifeEventKind
    from minzheng.registry.services import record_life_event

    elsewhere = make_person(tree.hx_community, name="刘芳", sex="2", id_number=person_id("2", district="120103"))
    with pytest.raises(ValueError):
        record_life_event(elsewhere, LifeEventKind.DEATH, ON, actor=clerk, authority=office)
    elsewhere.refresh_from_db()
    assert elsewhere.status == "alive"


def test_people_without_a_register_record_are_registered(office, clerk):
    registration = register_marriage(office, marriage_party("外地甲", id_number(district="110101")),
                                     marriage_party("外地乙", id_number(sex="2", district="310101")), actor=clerk,
                                     on=ON)
    assert registration.status == RegistrationStatus.REGISTERED
    assert (registration.party_a_person, registration.party_b_person, registration.status_pending) == (None, None, [])


def test_the_appointment_they_came_with_is_attended(office, clerk, couple):
    from minzheng.marriage.booking import BookingParty, book_appointment

    groom, bride = couple
    slot = make_slot(office, D(2026, 11, 30))
    appointment = book_appointment(slot, party_a=BookingParty(groom.name, groom.id_number),
                                   party_b=BookingParty(bride.name, bride.id_number), phone="13900000000",
                                   today=D(2026, 11, 20))
    registration = register_marriage(office, *parties(couple), actor=clerk, appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.ATTENDED and registration.appointment == appointment


def test_an_appointment_of_other_people_is_refused(office, clerk, couple):
    from minzheng.marriage.booking import BookingParty, book_appointment

    slot = make_slot(office, D(2026, 11, 30))
    other = book_appointment(slot, party_a=BookingParty("王强", person_id("1")),
                             party_b=BookingParty("赵敏", person_id("2")), phone="13900000000", today=D(2026, 11, 20))
    with pytest.raises(DomainError) as raised:
        register_marriage(office, *parties(couple), actor=clerk, appointment=other)
    assert raised.value.code == "marriage.appointment_mismatch" and not MarriageRegistration.objects.exists()


def test_the_check_finds_the_grounds_and_writes_nothing(office, clerk, couple):
    since = last_change_seq()
    grounds = preview_marriage(*parties(couple, a={"documents": ALL_DOCUMENTS - {str(Document.ID_CARD)}}), on=ON)
    assert [str(ground.code) for ground in grounds] == ["marriage.missing_documents"]
    assert not MarriageRegistration.objects.exists() and new_changes(since) == []
