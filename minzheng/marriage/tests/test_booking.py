"""Booking, cancelling, attendance and no-shows; the office's open days and slots."""

import datetime

import pytest

from minzheng.approvals.holidays import seed_holidays
from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.marriage.booking import (
    BookingParty,
    book_appointment,
    cancel_appointment,
    cancel_by_office,
    close_missed_appointments,
    record_attendance,
    record_no_show,
)
from minzheng.marriage.choices import AppointmentStatus, Service
from minzheng.marriage.models import ActiveBooking, Appointment, OfficeDay, Slot
from minzheng.marriage.schedule import OfficeCalendar, bookable_days, open_slots, set_slot_capacity
from minzheng.marriage.tests.factories import make_slot, person_id

D = datetime.date
TODAY = D(2026, 11, 16)  # a Monday
DAY = D(2026, 11, 20)  # the Friday after


def couple(a_name="张伟", b_name="李娜"):
    return BookingParty(a_name, person_id("1")), BookingParty(b_name, person_id("2"))


def book(slot, parties=None, **extra):
    a, b = parties or couple()
    return book_appointment(slot, party_a=a, party_b=b, phone=extra.pop("phone", "13912345678"), today=TODAY, **extra)


def test_booking_takes_a_place_and_confirms(office, outbox, django_capture_on_commit_callbacks):
    slot = make_slot(office, DAY)

    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(slot)

    slot.refresh_from_db()
    assert slot.booked == 1 and appointment.status == AppointmentStatus.BOOKED
    assert (appointment.office, appointment.service, appointment.date) == (office, Service.MARRIAGE, DAY)
    assert len(appointment.number) == 10 and set(appointment.number) <= set("ACDEFGHJKLMNPQRTUVWXY34679")
    assert set(ActiveBooking.objects.values_list("id_number", flat=True)) == set(appointment.id_numbers())
    assert [(m.phone, m.reference) for m in outbox] == [("13912345678", appointment.number)]
    assert appointment.formatted_number in outbox[0].text
    assert AuditEvent.objects.filter(code="marriage.appointment.booked", object_id=str(appointment.pk)).count() == 1


def test_a_full_slot_is_refused_and_nothing_is_written(office, outbox, django_capture_on_commit_callbacks):
    slot = make_slot(office, DAY, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        book(slot)
    before = (Appointment.objects.count(), ActiveBooking.objects.count(), AuditEvent.objects.count())

    with pytest.raises(DomainError) as raised, django_capture_on_commit_callbacks(execute=True):
        book(slot)

    slot.refresh_from_db()
    assert raised.value.code == "marriage.slot_full" and slot.booked == 1
    assert (Appointment.objects.count(), ActiveBooking.objects.count(), AuditEvent.objects.count()) == before
    assert len(outbox) == 1


def test_one_active_appointment_per_person(office):
    first, second = make_slot(office, DAY), make_slot(office, DAY + datetime.timedelta(days=3))
    a, b = couple()
    book(first, (a, b))
    with pytest.raises(DomainError) as raised:
        book(second, (BookingParty("王芳", person_id("2")), BookingParty(a.name, a.id_number)))
    assert (raised.value.code, raised.value.field) == ("marriage.already_booked", "party_b_id_number")
    second.refresh_from_db()
    assert second.booked == 0 and Appointment.objects.count() == 1


def test_after_cancelling_the_person_may_book_again(office, outbox, django_capture_on_commit_callbacks):
    slot = make_slot(office, DAY, capacity=1)
    a, b = couple()
    appointment = book(slot, (a, b))

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = cancel_appointment(appointment.formatted_number.lower(), b.id_number, today=TODAY)

    slot.refresh_from_db()
    assert cancelled.status == AppointmentStatus.CANCELLED and slot.booked == 0
    assert not ActiveBooking.objects.exists() and [m.reference for m in outbox] == [appointment.number]
    assert book(slot, (a, b)).status == AppointmentStatus.BOOKED


@pytest.mark.parametrize("_case", ["wrong number", "wrong identity number", "already cancelled"])
def test_cancelling_needs_the_number_and_a_partys_identity_number(office, _case):
    slot = make_slot(office, DAY)
    a, b = couple()
    appointment = book(slot, (a, b))
    number, id_number = appointment.number, a.id_number
    if _case == "wrong number":
        number = "ACDEFGHJKL"
    elif _case == "wrong identity number":
        id_number = person_id("1")
    else:
        cancel_appointment(number, id_number, today=TODAY)
    state = (Slot.objects.get().booked, ActiveBooking.objects.count(), AuditEvent.objects.count())
    with pytest.raises(DomainError) as raised:
        cancel_appointment(number, id_number, today=TODAY)
    assert raised.value.code == "marriage.appointment_not_found"
    assert (Slot.objects.get().booked, ActiveBooking.objects.count(), AuditEvent.objects.count()) == state


@pytest.mark.parametrize(("_case", "party_a", "code", "field"), [
    ("bad name", BookingParty("1", "x"), "marriage.name_invalid", "party_a_name"),
    ("bad identity number", BookingParty("张伟", "120101199001011230"), "marriage.id_invalid", "party_a_id_number"),
    ("under the marriage age on the day", BookingParty("张小", person_id("1", D(2005, 1, 1))), "marriage.under_age",
     "party_a_id_number"),
])
def test_parties_are_validated_before_any_place_is_taken(office, _case, party_a, code, field):
    slot = make_slot(office, DAY)
    with pytest.raises(DomainError) as raised:
        book(slot, (party_a, BookingParty("李娜", person_id("2"))))
    assert (raised.value.code, raised.value.field) == (code, field)
    slot.refresh_from_db()
    assert slot.booked == 0 and not Appointment.objects.exists()


def test_the_same_person_cannot_be_both_parties(office):
    a = BookingParty("张伟", person_id("1"))
    with pytest.raises(DomainError) as raised:
        book(make_slot(office, DAY), (a, a))
    assert raised.value.code == "marriage.same_person"


def test_a_replacement_certificate_is_booked_by_one_person(office):
    slot = make_slot(office, DAY, service=Service.REISSUE)
    appointment = book_appointment(slot, party_a=BookingParty("张伟", person_id("1")), party_b=None,
                                   phone="13912345678", today=TODAY)
    assert (appointment.party_b_name, appointment.party_b_id_number) == ("", "")


@pytest.mark.parametrize(("_case", "day", "code"), [
    ("today", TODAY, "marriage.day_not_bookable"),
    ("past", TODAY - datetime.timedelta(days=3), "marriage.day_not_bookable"),
    ("beyond the window", TODAY + datetime.timedelta(days=31), "marriage.day_not_bookable"),
    ("a closure", DAY, "marriage.office_closed"),
])
def test_days_that_cannot_be_booked(office, _case, day, code):
    if _case == "a closure":
        OfficeDay.objects.create(office=office, date=day, is_open=False, reason="设备检修")
    slot = make_slot(office, day)
    with pytest.raises(DomainError) as raised:
        book(slot)
    assert raised.value.code == code and Slot.objects.get().booked == 0


def test_open_days_follow_the_holiday_calendar_and_the_office(office):
    seed_holidays()
    OfficeDay.objects.create(office=office, date=D(2026, 11, 21), is_open=True, reason="周六加开")
    OfficeDay.objects.create(office=office, date=D(2026, 11, 18), is_open=False, reason="设备检修")
    calendar = OfficeCalendar(office)
    assert [calendar.is_open(D(2026, 11, day)) for day in (17, 18, 21, 22)] == [True, False, True, False]
    assert not calendar.is_open(D(2026, 10, 1)) and calendar.is_open(D(2026, 9, 28))  # 国庆; Monday 28th
    assert calendar.reason_closed(D(2026, 11, 18)) == "设备检修"
    days = bookable_days(office, today=TODAY)
    assert D(2026, 11, 21) in days and D(2026, 11, 18) not in days and D(2026, 11, 22) not in days
    assert days[0] == D(2026, 11, 17) and days[-1] <= TODAY + datetime.timedelta(days=30)


def test_slots_are_made_once_from_the_daily_slots(office):
    first = open_slots(office, DAY)
    assert [(s.service, s.starts_at.hour, s.capacity) for s in first] == [
        ("divorce", 9, 1), ("divorce", 10, 1), ("marriage", 9, 2), ("marriage", 10, 2), ("reissue", 9, 1),
        ("reissue", 10, 1)]
    assert [s.pk for s in open_slots(office, DAY)] == [s.pk for s in first]
    assert open_slots(office, D(2026, 11, 22)) == []  # a Sunday
    assert Slot.objects.count() == 6


def test_capacity_never_drops_below_the_bookings(office, clerk):
    slot = make_slot(office, DAY, capacity=3)
    book(slot), book(slot, couple("王强", "赵敏"))
    with pytest.raises(DomainError) as raised:
        set_slot_capacity(slot, 1, actor=clerk)
    assert raised.value.code == "marriage.capacity_below_bookings" and Slot.objects.get().capacity == 3
    assert set_slot_capacity(slot, 2, actor=clerk).capacity == 2


def test_the_database_refuses_more_bookings_than_capacity(office):
    from django.db import IntegrityError, transaction

    slot = make_slot(office, DAY, capacity=1, booked=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=2)


def test_the_office_records_attendance_and_no_shows(office, clerk):
    came, missed = book(make_slot(office, DAY)), book(make_slot(office, DAY, hour=10), couple("王强", "赵敏"))
    for record in (record_attendance, record_no_show):
        with pytest.raises(DomainError) as raised:
            record(came, actor=clerk, today=TODAY)
        assert raised.value.code == "marriage.appointment_future"
    assert record_attendance(came, actor=clerk, today=DAY).status == AppointmentStatus.ATTENDED
    assert record_no_show(missed, actor=clerk, today=DAY).status == AppointmentStatus.NO_SHOW
    assert Slot.objects.filter(booked=1).count() == 2  # the places stay counted
    assert not ActiveBooking.objects.exists()
    with pytest.raises(DomainError) as raised:
        record_no_show(came, actor=clerk, today=DAY)
    assert raised.value.code == "marriage.appointment_closed"


def test_the_daily_job_marks_past_appointments_missed(office):
    appointment = book(make_slot(office, DAY))
    assert close_missed_appointments(today=DAY) == 0
    assert close_missed_appointments(today=DAY + datetime.timedelta(days=1)) == 1
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW and not ActiveBooking.objects.exists()


def test_a_past_appointment_no_longer_blocks_its_parties(office):
    a, b = couple()
    book(make_slot(office, DAY), (a, b))
    later = make_slot(office, D(2026, 12, 1))
    appointment = book_appointment(later, party_a=a, party_b=b, phone="13912345678", today=D(2026, 11, 25))
    assert appointment.status == AppointmentStatus.BOOKED


def test_the_office_cancels_with_a_reason(office, clerk, outbox, django_capture_on_commit_callbacks):
    appointment = book(make_slot(office, DAY))
    with pytest.raises(DomainError) as raised:
        cancel_by_office(appointment, actor=clerk, reason=" ")
    assert raised.value.code == "marriage.reason_required"
    with django_capture_on_commit_callbacks(execute=True):
        cancel_by_office(appointment, actor=clerk, reason="临时停电")
    assert Slot.objects.get().booked == 0 and [m.reference for m in outbox] == [appointment.number]


def test_another_districts_clerk_cannot_touch_the_appointment(office, hexi_clerk):
    appointment = book(make_slot(office, DAY))
    since = last_change_seq()
    with pytest.raises(PermissionsViolation):
        cancel_by_office(appointment, actor=hexi_clerk, reason="x")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED and new_changes(since) == []


def test_a_failing_notifier_never_undoes_the_booking(office, settings, django_capture_on_commit_callbacks, caplog):
    settings.MINZHENG_MARRIAGE_NOTIFIER = "minzheng.marriage.notifications.SmsGatewayNotifier"
    settings.MINZHENG_SMS_GATEWAY_URL = ""  # not configured: sending raises, which is logged
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(make_slot(office, DAY))
    assert Appointment.objects.get().pk == appointment.pk
    assert "could not send the message about" in caplog.text
