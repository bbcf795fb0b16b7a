"""Booking and cancelling appointments; attendance and no-shows.

Capacity is kept by the database, never by reading and then writing in Python: a place is taken by one
conditional ``UPDATE … SET booked = booked + 1 WHERE id = … AND booked < capacity``. Concurrent bookings of
the same slot queue on its row lock; when the row is full the statement changes no row and the booking is
refused, and a check constraint (``booked <= capacity``) backs it up. The one-active-appointment rule is
the unique identity number of ``ActiveBooking``. Both hold under any number of web workers.

The booking transaction is kept short: everything that can be checked without writing (names, identity
numbers, the office's day) is checked before it begins; in it come only the UPDATE, the inserts and the audit
event, then the commit releases the row. A party who already holds an appointment is found by the unique
insert, not by a read beforehand. The confirmation is sent after commit.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, record_change, user_or_none
from minzheng.marriage import notifications
from minzheng.marriage.choices import AppointmentStatus, Service
from minzheng.marriage.dates import date_reaching_age
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import ActiveBooking, Appointment, Slot
from minzheng.marriage.parties import check_id_number, check_name
from minzheng.marriage.rules import rules_on
from minzheng.marriage.schedule import OfficeCalendar
from minzheng.registry.choices import Sex

__all__ = ["NUMBER_ALPHABET", "BookingParty", "book_appointment", "cancel_appointment", "cancel_by_office",
           "close_appointment", "close_missed_appointments", "record_attendance", "record_no_show", "use_appointment"]

#: Characters of appointment numbers: no 0/O, 1/I, 2/Z, 5/S, 8/B to read out or type by mistake.
NUMBER_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
NUMBER_LENGTH = 10
NOT_FOUND = "marriage.appointment_not_found"


@dataclass(frozen=True)
class BookingParty:
    name: str
    id_number: str


def _new_number() -> str:
    return "".join(secrets.choice(NUMBER_ALPHABET) for _position in range(NUMBER_LENGTH))


def _checked_parties(service: str, party_a: BookingParty, party_b: BookingParty | None, on: datetime.date
                     ) -> list[tuple[str, str]]:
    """``[(name, normalized id number), …]``: one party for a replacement certificate, two otherwise."""
    parties = [party_a] if service == Service.REISSUE and not (party_b and (party_b.name or party_b.id_number)) \
        else [party_a, party_b or BookingParty("", "")]
    checked = []
    for key, party in zip(("party_a", "party_b"), parties, strict=False):
        name = check_name(party.name, f"{key}_name")
        info = check_id_number(party.id_number, f"{key}_id_number", on=on)
        if service == Service.MARRIAGE:
            _check_marriage_age(info, key, on)
        checked.append((name, info.normalized))
    if len(checked) == 2 and checked[0][1] == checked[1][1]:
        raise DomainError(_("The two parties must be different people."), code="marriage.same_person",
                          field="party_b_id_number")
    return checked


def _check_marriage_age(info, key: str, on: datetime.date) -> None:
    """A party who will be under the legal marriage age on the day of the appointment cannot book it."""
    rules = rules_on(on)
    minimum = rules.marriage.min_age_male if info.sex == Sex.MALE else rules.marriage.min_age_female
    reached_on = date_reaching_age(info.birth_date, minimum, rules.age_counting)
    if reached_on > on:
        raise DomainError(_("This party reaches the legal marriage age of %(minimum)s on %(date)s; book a day from "
                            "then.") % {"minimum": minimum, "date": f"{reached_on:%Y-%m-%d}"},
                          code="marriage.under_age", field=f"{key}_id_number")


def _check_day(slot: Slot, today: datetime.date) -> None:
    office = slot.office
    last = today + datetime.timedelta(days=office.booking_days)
    if not office.is_active or not today < slot.date <= last:
        raise DomainError(_("This day cannot be booked: choose a day from tomorrow to %(last)s.")
                          % {"last": f"{last:%Y-%m-%d}"}, code="marriage.day_not_bookable", field="slot")
    if not OfficeCalendar(office).is_open(slot.date):
        raise DomainError(_("The office is closed on this day."), code="marriage.office_closed", field="slot")


def _already_booked(field: str) -> DomainError:
    return DomainError(_("This person already has a booked appointment; cancel it before booking another."),
                       code="marriage.already_booked", field=field)


def _holding(ids: list[str]) -> str:
    """The field of the first party who holds an active appointment ("" when neither does)."""
    taken = set(ActiveBooking.objects.filter(id_number__in=ids).values_list("id_number", flat=True))
    return next((f"{key}_id_number" for key, number in zip(("party_a", "party_b"), ids, strict=False)
                 if number in taken), "")


def _take_place(slot: Slot) -> None:
    """Count one booking in ``slot`` if it has room: one conditional UPDATE, the row locked until commit."""
    if not Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(booked=F("booked") + 1):
        raise DomainError(_("This time is fully booked; please choose another."), code="marriage.slot_full",
                          field="slot")


@transaction.atomic
def _book(slot: Slot, parties: list[tuple[str, str]], phone: str, channel: str, actor, notify: bool) -> Appointment:
    """The booking's one short transaction: the place, the appointment, its holders, the audit event."""
    _take_place(slot)
    (a_name, a_id), (b_name, b_id) = parties[0], (parties[1] if len(parties) > 1 else ("", ""))
    appointment = Appointment.objects.create(
        number=_new_number(), slot=slot, office=slot.office, service=slot.service, date=slot.date,
        starts_at=slot.starts_at, party_a_name=a_name, party_a_id_number=a_id, party_b_name=b_name,
        party_b_id_number=b_id, phone=phone, channel=channel, created_by=user_or_none(actor),
        updated_by=user_or_none(actor))
    ActiveBooking.objects.bulk_create([ActiveBooking(id_number=number, appointment=appointment, date=slot.date)
                                       for _name, number in parties])
    record_event(MarriageEvent.APPOINTMENT_BOOKED, actor=user_or_none(actor), subject=appointment,
                 payload={"slot": slot.pk, "date": slot.date, "service": slot.service, "channel": channel})
    if notify:
        message = notifications.Message(phone, notifications.booked_text(appointment), appointment.number)
        transaction.on_commit(lambda: notifications.send(message))
    return appointment


def book_appointment(slot: Slot, *, party_a: BookingParty, party_b: BookingParty | None, phone: str,
                     channel: str = "portal", actor=None, today: datetime.date | None = None,
                     notify: bool = True) -> Appointment:
    """Book ``slot`` for the parties: one place taken in the database, the appointment and its holders written.

    The inputs and the day are checked first, without a transaction; then one short transaction takes the
    place and writes (``_book``). A party who already holds an appointment makes the holders' insert fail
    on their unique identity number, which rolls it all back: the booking is refused, unless the holder
    is stale (an appointment of a past day), which is then dropped and the booking tried again. A clash of
    random appointment numbers (about one in 10¹⁴) is tried again with a fresh number.

    Args:
        slot: read with its office (``select_related("office__division")``).
        party_a, party_b: names and identity numbers (party B may be left out for a replacement certificate).
        phone: where the confirmation goes.
        channel: ``portal``, ``api`` or ``office``.
        actor: the office's user booking for the public; ``None`` for the public portal.
        notify: send the confirmation (off for demonstration data, whose phones are made up).

    Raises:
        DomainError: ``marriage.name_invalid``, ``marriage.id_invalid``, ``marriage.same_person``,
            ``marriage.under_age``, ``marriage.day_not_bookable``, ``marriage.office_closed``,
            ``marriage.already_booked``, ``marriage.slot_full``; nothing is written.
    """
    today = today or timezone.localdate()
    if user_or_none(actor) is not None:
        ensure_in_area(slot, actor, "view")
    parties = _checked_parties(slot.service, party_a, party_b, slot.date)
    phone = "".join(str(phone or "").split())
    _check_day(slot, today)
    ids = [number for _name, number in parties]
    for _attempt in range(3):
        try:
            return _book(slot, parties, phone, channel, actor, notify)
        except IntegrityError as exc:
            if "marriage_activebooking" in str(exc):
                if ActiveBooking.objects.filter(id_number__in=ids, date__lt=today).delete()[0]:
                    continue  # a past day's appointment no longer holds anyone
                raise _already_booked(_holding(ids) or "party_a_id_number") from None
            if "marriage_appointment" not in str(exc):
                raise
    raise IntegrityError("the booking failed three times on its unique keys")


def _release(appointment: Appointment) -> None:
    """Give the appointment's place back to its slot and free its parties to book again."""
    Slot.objects.filter(pk=appointment.slot_id, booked__gt=0).update(booked=F("booked") - 1)
    ActiveBooking.objects.filter(appointment=appointment).delete()


def close_appointment(appointment: Appointment, status: str, event: MarriageEvent, *, actor, release: bool,
                      payload: dict | None = None) -> Appointment:
    """Close a booked appointment (locked by the caller) as ``status``; ``release`` gives its place back."""
    before = appointment.snapshot()
    if release:
        _release(appointment)
    else:
        ActiveBooking.objects.filter(appointment=appointment).delete()
    appointment.status, appointment.closed_at = status, timezone.now()
    appointment.updated_by = user_or_none(actor)
    appointment.save(update_fields=["status", "closed_at", "updated_by", "updated_at"])
    record_change(appointment, "update", actor=user_or_none(actor), before=before, after=appointment.snapshot())
    record_event(event, actor=user_or_none(actor), subject=appointment, payload=payload or {})
    return appointment


def _cancel(appointment: Appointment, *, actor, payload: dict, notify: bool = True) -> Appointment:
    appointment = close_appointment(appointment, AppointmentStatus.CANCELLED, MarriageEvent.APPOINTMENT_CANCELLED,
                                    actor=actor, release=True, payload=payload)
    if not notify:
        return appointment
    message = notifications.Message(appointment.phone, notifications.cancelled_text(appointment), appointment.number)
    transaction.on_commit(lambda: notifications.send(message))
    return appointment


def _attend(appointment: Appointment, *, actor) -> Appointment:
    return close_appointment(appointment, AppointmentStatus.ATTENDED, MarriageEvent.APPOINTMENT_ATTENDED, actor=actor,
                             release=False)


def _miss(appointment: Appointment, *, actor, payload: dict) -> Appointment:
    return close_appointment(appointment, AppointmentStatus.NO_SHOW, MarriageEvent.APPOINTMENT_MISSED, actor=actor,
                             release=False, payload=payload)


def _normalize_number(number: str) -> str:
    return "".join(str(number or "").split()).replace("-", "").upper()


@transaction.atomic
def cancel_appointment(number: str, id_number: str, *, today: datetime.date | None = None,
                       notify: bool = True) -> Appointment:
    """The public cancels a booked appointment with its number and the identity number of one of its parties.

    Up to the day of the appointment; the place returns to the slot and the confirmation is sent.

    Raises:
        DomainError: ``marriage.appointment_not_found`` (the same answer for a wrong number, a wrong identity
            number and an appointment no longer booked, so neither can be guessed from it).
    """
    today = today or timezone.localdate()
    not_found = DomainError(_("No booked appointment has this number and identity number."), code=NOT_FOUND,
                            field="number")
    appointment = (Appointment.objects.select_for_update(no_key=True, of=("self",)).select_related("office")
                   .filter(number=_normalize_number(number), status=AppointmentStatus.BOOKED, date__gte=today)
                   .first())
    if appointment is None or str(id_number or "").strip().upper() not in appointment.id_numbers():
        raise not_found
    return _cancel(appointment, actor=None, payload={"by": "public"}, notify=notify)


def _locked_booked(appointment: Appointment, actor, action: str = "change") -> Appointment:
    ensure_in_area(appointment, actor, action)
    appointment = Appointment.objects.select_for_update(no_key=True, of=("self",)).get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.BOOKED:
        raise DomainError(_("This appointment is no longer booked (%(status)s).")
                          % {"status": appointment.get_status_display()}, code="marriage.appointment_closed")
    return appointment


@transaction.atomic
def cancel_by_office(appointment: Appointment, *, actor, reason: str) -> Appointment:
    """The office cancels a booked appointment (e.g. an unplanned closure); the public is told.

    Raises:
        DomainError: ``marriage.appointment_closed``, ``marriage.reason_required``.
        PermissionsViolation: outside the actor's area.
    """
    appointment = _locked_booked(appointment, actor)
    if not reason.strip():
        raise DomainError(_("Give the reason the public will be told."), code="marriage.reason_required",
                          field="reason")
    return _cancel(appointment, actor=actor, payload={"by": "office", "reason": reason.strip()})


@transaction.atomic
def record_attendance(appointment: Appointment, *, actor, today: datetime.date | None = None) -> Appointment:
    """The parties came (on the day or later the same day's record); their place stays counted.

    Raises:
        DomainError: ``marriage.appointment_closed``, ``marriage.appointment_future`` (before its day).
    """
    appointment = _locked_booked(appointment, actor)
    if appointment.date > (today or timezone.localdate()):
        raise DomainError(_("The appointment's day has not come yet."), code="marriage.appointment_future")
    return _attend(appointment, actor=actor)


@transaction.atomic
def record_no_show(appointment: Appointment, *, actor, today: datetime.date | None = None) -> Appointment:
    """Nobody came. Only once the appointment's day has come.

    Raises:
        DomainError: ``marriage.appointment_closed``, ``marriage.appointment_future``.
    """
    appointment = _locked_booked(appointment, actor)
    if appointment.date > (today or timezone.localdate()):
        raise DomainError(_("The appointment's day has not come yet."), code="marriage.appointment_future")
    return _miss(appointment, actor=actor, payload={"by": "office"})


def close_missed_appointments(*, today: datetime.date | None = None) -> int:
    """Mark the booked appointments of past days as missed (the daily job); returns how many.

    Each in its own short transaction, as the system.
    """
    today = today or timezone.localdate()
    closed = 0
    for pk in Appointment.objects.filter(status=AppointmentStatus.BOOKED, date__lt=today).values_list("pk",
                                                                                                       flat=True):
        with transaction.atomic():
            appointment = (Appointment.objects.select_for_update(no_key=True, of=("self",))
                           .filter(pk=pk, status=AppointmentStatus.BOOKED).first())
            if appointment is not None:
                _miss(appointment, actor=None, payload={"by": "system"})
                closed += 1
    return closed


def use_appointment(appointment: Appointment, *, office, service: str, id_numbers: list[str], actor) -> None:
    """Mark the appointment the parties came with as attended, in the caller's transaction.

    Raises:
        DomainError: ``marriage.appointment_closed``; ``marriage.appointment_mismatch`` when it is for
            another office, service or person.
    """
    appointment = _locked_booked(appointment, actor)
    if (appointment.office_id != office.pk or appointment.service != service
            or not set(appointment.id_numbers()) <= set(id_numbers)):
        raise DomainError(_("This appointment is for another office, service or person."),
                          code="marriage.appointment_mismatch", field="appointment")
    _attend(appointment, actor=actor)
