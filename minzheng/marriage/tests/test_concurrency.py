"""Many bookings and registrations at the same moment, from threads with their own database connections.

On PostgreSQL (CI runs it) the threads really run side by side: the slot's capacity holds by the conditional
UPDATE and its row lock, the one-appointment rule by the unique identity number, the certificate counter by
its locked row, a person's one marriage by ``MarriedPerson``'s unique identity number. On SQLite the test runs
against a file copy of the database (``file_database``), where writers queue for the database lock.
"""

import datetime
import random
import threading
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, F

from minzheng.framework.exceptions import DomainError
from minzheng.marriage.booking import BookingParty, book_appointment
from minzheng.marriage.choices import RegistrationStatus, Service
from minzheng.marriage.models import ActiveBooking, Appointment, Certificate, MarriageRegistration, MarriedPerson, Slot
from minzheng.marriage.registration import register_marriage
from minzheng.marriage.tests.factories import make_office, make_slot, marriage_party, person_id

TODAY = datetime.date(2026, 11, 16)
POPULAR = datetime.date(2026, 11, 20)
THREADS = 16


def name(surname: str, k: int) -> str:
    """A distinct Chinese name for each ``k`` (two given-name characters from the common block)."""
    return surname + chr(0x4E00 + 200 + k // 100) + chr(0x4E00 + 400 + k % 100)


def run_together(count: int, work) -> list:
    """Run ``work(n)`` in ``count`` threads released at once; returns what each returned or raised."""
    results, barrier = [None] * count, threading.Barrier(count)

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work(n)
        except Exception as exc:  # collected and asserted by the test
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _office():
    from minzheng.framework.testing.utils import build_tree

    return make_office(build_tree().heping, templates=())


def test_no_slot_is_overbooked_and_no_booking_is_lost(file_database):
    # given: four slots of a popular date, 40 places, and 16 threads each trying 6 bookings (96 tries)
    office = _office()
    slots = [make_slot(office, POPULAR, capacity=10, hour=9 + n) for n in range(4)]
    couples = [[(BookingParty(name("张", n * 10 + i), person_id("1")),
                 BookingParty(name("李", n * 10 + i), person_id("2"))) for i in range(6)] for n in range(THREADS)]

    def book_many(n: int) -> list:
        outcomes = []
        chooser = random.Random(n)
        for party_a, party_b in couples[n]:
            slot = Slot.objects.select_related("office").get(pk=chooser.choice(slots).pk)
            try:
                appointment = book_appointment(slot, party_a=party_a, party_b=party_b, phone="13900000000",
                                               today=TODAY)
            except DomainError as exc:
                outcomes.append(exc.code)
            else:
                outcomes.append(appointment.pk)
        return outcomes

    # when
    results = run_together(THREADS, book_many)

    # then: every try answered, no error but "full"; every success is stored; no slot over its capacity
    assert [r for r in results if isinstance(r, Exception)] == []
    outcomes = [outcome for result in results for outcome in result]
    booked = [outcome for outcome in outcomes if isinstance(outcome, int)]
    assert len(outcomes) == THREADS * 6
    assert set(outcomes) - set(booked) <= {"marriage.slot_full"}
    assert len(booked) == 40 == len(set(booked))
    assert sorted(Appointment.objects.values_list("pk", flat=True)) == sorted(booked)
    assert not Slot.objects.filter(booked__gt=F("capacity")).exists()
    per_slot = dict(Appointment.objects.values_list("slot").annotate(n=Count("pk")))
    assert {slot.pk: slot.booked for slot in Slot.objects.all()} == per_slot == {slot.pk: 10 for slot in slots}
    assert ActiveBooking.objects.count() == 80


def test_one_person_racing_for_two_slots_gets_one(file_database):
    office = _office()
    slots = [make_slot(office, POPULAR, capacity=5, hour=9 + n) for n in range(THREADS // 2)]
    groom = BookingParty("张伟", person_id("1"))

    def book_one(n: int):
        slot = Slot.objects.select_related("office").get(pk=slots[n % len(slots)].pk)
        try:
            return book_appointment(slot, party_a=groom, party_b=BookingParty(name("李", n), person_id("2")),
                                    phone="13900000000", today=TODAY).pk
        except DomainError as exc:
            return exc.code

    results = run_together(THREADS // 2, book_one)

    assert Counter(type(r).__name__ if isinstance(r, Exception) else ("booked" if isinstance(r, int) else r)
                   for r in results) == {"booked": 1, "marriage.already_booked": THREADS // 2 - 1}
    assert Appointment.objects.count() == 1 and sum(Slot.objects.values_list("booked", flat=True)) == 1


def test_certificate_numbers_have_no_gaps_or_repeats(file_database):
    # given: one office, 12 couples registering at once, and two more whose transactions roll back
    from minzheng.accounts.services import seed_roles
    from minzheng.framework.testing.utils import create_user

    seed_roles()
    office = _office()
    clerk = create_user("marriage_clerk", office.division, username="clerk")
    couples = [(marriage_party(name("王", n), person_id("1")), marriage_party(name("赵", n), person_id("2")))
               for n in range(14)]

    class Undo(Exception):
        pass

    def register(n: int):
        try:
            with transaction.atomic():
                registration = register_marriage(office, *couples[n], actor=clerk, on=POPULAR)
                if n >= 12:
                    raise Undo  # drew a number, then rolled back: the number goes back to the counter
        except Undo:
            return "undone"
        return registration.certificate_number

    results = run_together(14, register)

    assert [r for r in results if isinstance(r, Exception)] == [] and results.count("undone") == 2
    numbers = sorted(r for r in results if r != "undone")
    assert numbers == [f"J{office.code}-2026-{serial:06d}" for serial in range(1, 13)]
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == list(range(1, 13))
    assert MarriageRegistration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 12


def test_one_person_cannot_marry_twice_at_once(file_database):
    from minzheng.accounts.services import seed_roles
    from minzheng.framework.testing.utils import create_user

    seed_roles()
    office = _office()
    clerk = create_user("marriage_clerk", office.division, username="clerk")
    groom = marriage_party("张伟", person_id("1"))
    brides = [marriage_party(name("刘", n), person_id("2")) for n in range(6)]

    results = run_together(6, lambda n: register_marriage(office, groom, brides[n], actor=clerk, on=POPULAR).status)

    assert sorted(results) == [RegistrationStatus.REFUSED] * 5 + [RegistrationStatus.REGISTERED]
    assert MarriedPerson.objects.filter(id_number=groom.id_number).count() == 1
    refused = MarriageRegistration.objects.filter(status=RegistrationStatus.REFUSED)
    assert {ground["code"] for r in refused for ground in r.grounds} == {"marriage.already_married"}
    assert Certificate.objects.count() == 1


def test_the_service_of_a_slot_is_kept(file_database):
    """A divorce slot counts divorce appointments only (the booking copies the slot's service)."""
    office = _office()
    slot = make_slot(office, POPULAR, service=Service.DIVORCE, capacity=1)
    appointment = book_appointment(Slot.objects.select_related("office").get(pk=slot.pk),
                                   party_a=BookingParty("张伟", person_id("1")),
                                   party_b=BookingParty("李娜", person_id("2")), phone="13900000000", today=TODAY)
    assert appointment.service == Service.DIVORCE
