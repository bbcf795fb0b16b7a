"""The public portal: booking without an account, seeing and cancelling it; the public API; the limits."""

import pytest
from django.urls import reverse

from minzheng.framework.privacy import mask_name
from minzheng.marriage.choices import AppointmentStatus
from minzheng.marriage.models import ActiveBooking, Appointment, Slot
from minzheng.marriage.schedule import bookable_days, open_slots
from minzheng.marriage.tests.factories import person_id

BOOK = reverse("marriage:public_book")


@pytest.fixture
def day(office):
    return bookable_days(office)[0]


def booking(office, day, slot, **changes):
    data = {"office": office.code, "service": "marriage", "date": day.isoformat(), "slot": slot.pk,
            "party_a_name": "张伟", "party_a_id_number": person_id("1"), "party_b_name": "李娜",
            "party_b_id_number": person_id("2"), "phone": "13912345678"}
    data.update(changes)
    return data


def test_anyone_books_in_three_steps(anon_client, office, day, outbox, django_capture_on_commit_callbacks):
    first = anon_client.get(BOOK)
    assert first.status_code == 200 and office.code in dict(first.context["choose"].fields["office"].choices)
    second = anon_client.get(BOOK, {"office": office.code, "service": "marriage"})
    assert day.isoformat() in dict(second.context["choose"].fields["date"].choices)
    third = anon_client.get(BOOK, {"office": office.code, "service": "marriage", "date": day.isoformat()})
    slots = third.context["slots"]
    assert [slot.starts_at.hour for slot in slots] == [9, 10] and third.context["booking"] is not None

    data = booking(office, day, slots[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post(BOOK, data)

    appointment = Appointment.objects.get()
    assert response.status_code == 302 and response.url == reverse("marriage:public_appointment",
                                                                   args=[appointment.number])
    assert appointment.channel == "portal" and Slot.objects.get(pk=slots[0].pk).booked == 1
    assert [message.reference for message in outbox] == [appointment.number]
    page = anon_client.get(response.url).content.decode()
    assert mask_name("张伟") in page and "张伟" not in page and data["party_a_id_number"] not in page
    assert appointment.formatted_number in page and "13912345678" not in page


def test_errors_come_back_on_their_fields(anon_client, office, day):
    slot = open_slots(office, day)[-1]
    response = anon_client.post(BOOK, booking(office, day, slot, party_b_id_number="120101199001011230",
                                              service=slot.service))
    assert response.status_code == 400 and "party_b_id_number" in response.context["booking"].errors
    assert not Appointment.objects.exists()


def test_a_full_day_says_so(anon_client, office, day):
    for slot in open_slots(office, day):
        Slot.objects.filter(pk=slot.pk).update(booked=slot.capacity)
    page = anon_client.get(BOOK, {"office": office.code, "service": "marriage", "date": day.isoformat()})
    assert page.context["full"] and 'id="no-slots"' in page.content.decode()


def test_a_person_with_an_appointment_cannot_book_another(anon_client, office, day):
    slots = [s for s in open_slots(office, day) if s.service == "marriage"]
    data = booking(office, day, slots[0])
    anon_client.post(BOOK, data)
    response = anon_client.post(BOOK, {**data, "slot": slots[1].pk, "party_b_id_number": person_id("2")})
    assert response.status_code == 400 and "party_a_id_number" in response.context["booking"].errors
    assert Appointment.objects.count() == 1


def test_bookings_per_address_are_limited(anon_client, office, day, settings):
    settings.MINZHENG_MARRIAGE_BOOKINGS_PER_HOUR = 2
    slot = [s for s in open_slots(office, day) if s.service == "marriage"][0]
    statuses = [anon_client.post(BOOK, booking(office, day, slot, party_a_id_number=person_id("1"),
                                               party_b_id_number=person_id("2"))).status_code for _try in range(3)]
    assert statuses == [302, 302, 429] and Appointment.objects.count() == 2


def test_cancelling_on_the_portal(anon_client, office, day):
    slot = [s for s in open_slots(office, day) if s.service == "marriage"][0]
    data = booking(office, day, slot)
    anon_client.post(BOOK, data)
    appointment = Appointment.objects.get()
    url = reverse("marriage:public_cancel")
    wrong = anon_client.post(url, {"number": appointment.number, "id_number": person_id("1")})
    assert wrong.status_code == 400 and "number" in wrong.context["form"].errors
    done = anon_client.post(url, {"number": appointment.formatted_number, "id_number": data["party_b_id_number"]})
    appointment.refresh_from_db()
    assert done.status_code == 302 and appointment.status == AppointmentStatus.CANCELLED
    assert Slot.objects.get(pk=slot.pk).booked == 0 and not ActiveBooking.objects.exists()


def test_an_unknown_number_is_not_found(anon_client, db):
    assert anon_client.get(reverse("marriage:public_appointment", args=["ACDEFGHJKL"])).status_code == 404


def test_the_public_api(anon_api, office, day, django_capture_on_commit_callbacks, outbox):
    offices = anon_api.get("/api/marriage/public/offices/").json()
    assert [row["code"] for row in offices] == [office.code]
    days = anon_api.get(f"/api/marriage/public/offices/{office.code}/days/").json()["days"]
    assert days[0] == day.isoformat()
    slots = anon_api.get(f"/api/marriage/public/offices/{office.code}/slots/",
                         {"date": day.isoformat(), "service": "marriage"}).json()
    assert [(row["starts_at"], row["remaining"]) for row in slots] == [("09:00:00", 2), ("10:00:00", 2)]

    data = {key: value for key, value in booking(office, day, Slot.objects.get(pk=slots[0]["id"])).items()
            if key not in ("office", "service", "date")}
    with django_capture_on_commit_callbacks(execute=True):
        made = anon_api.post("/api/marriage/public/appointments/", data, format="json")
    assert made.status_code == 201 and made.json()["party_a"] == mask_name("张伟") and len(outbox) == 1
    assert data["party_a_id_number"] not in made.content.decode()
    number = made.json()["number"]
    again = anon_api.post("/api/marriage/public/appointments/", data, format="json")
    assert again.status_code == 400 and again.json()["code"] == "marriage.already_booked"
    assert anon_api.get(f"/api/marriage/public/appointments/{number}/").json()["status"] == "booked"
    cancelled = anon_api.post("/api/marriage/public/appointments/cancel/",
                              {"number": number, "id_number": data["party_a_id_number"]}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_the_public_api_is_limited_and_refuses_full_slots(anon_api, office, day, settings):
    settings.MINZHENG_MARRIAGE_BOOKINGS_PER_HOUR = 3
    slot = Slot.objects.get(pk=[s for s in open_slots(office, day) if s.service == "marriage"][0].pk)
    answers = []
    for _try in range(4):
        data = {key: value for key, value in booking(office, day, slot).items()
                if key not in ("office", "service", "date")}
        response = anon_api.post("/api/marriage/public/appointments/", data, format="json")
        answers.append((response.status_code, response.json().get("code")))
    assert answers == [(201, None), (201, None), (400, "marriage.slot_full"), (429, "throttled")]
    assert Slot.objects.get(pk=slot.pk).booked == 2


def test_slots_of_a_closed_or_unknown_day_are_empty(anon_api, office):
    assert anon_api.get(f"/api/marriage/public/offices/{office.code}/slots/", {"date": "2020-01-01"}).json() == []
    assert anon_api.get("/api/marriage/public/offices/999999/days/").status_code == 404


def test_the_portal_links_the_booking_page(anon_client, db):
    page = anon_client.get(reverse("portal:home")).content.decode()
    assert page.count(f'href="{BOOK}"') == 2  # the menu and the card
