"""A couple books a marriage registry appointment on the public portal without an account, then cancels it."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(tree):
    from minzheng.marriage.choices import Service
    from minzheng.marriage.tests.factories import make_office

    return make_office(tree.heping, templates=((Service.MARRIAGE, 2), (Service.DIVORCE, 1)))


def test_book_then_cancel_on_the_portal(page, live_server, office, screenshot_dir, settings):
    from minzheng.marriage.choices import AppointmentStatus
    from minzheng.marriage.models import Appointment, Slot
    from minzheng.marriage.schedule import bookable_days
    from minzheng.marriage.tests.factories import person_id

    settings.MINZHENG_MARRIAGE_NOTIFIER = "minzheng.marriage.notifications.MemoryNotifier"
    groom, bride = person_id("1"), person_id("2")
    day = bookable_days(office)[0]

    # step 1: office and service; step 2: the day; step 3: the time and the parties
    page.goto(f"{live_server.url}/marriage/book/")
    page.select_option("select[name=office]", office.code)
    page.select_option("select[name=service]", "marriage")
    page.click("#next")
    page.wait_for_selector("select[name=date]")
    page.select_option("select[name=date]", day.isoformat())
    page.click("#next")
    page.wait_for_selector("#book")
    assert page.locator("#book input[name=slot]").count() == 2
    page.check("#book input[name=slot] >> nth=0")
    page.fill("input[name=party_a_name]", "张伟")
    page.fill("input[name=party_a_id_number]", groom)
    page.fill("input[name=party_b_name]", "李娜")
    page.fill("input[name=party_b_id_number]", bride)
    page.fill("input[name=phone]", "13912345678")
    page.screenshot(path=str(screenshot_dir / "marriage-portal-book.png"), full_page=True)
    page.click("#submit-booking")

    page.wait_for_selector("#appointment")
    appointment = Appointment.objects.get()
    assert page.inner_text("#number") == appointment.formatted_number
    shown = page.inner_text("main")
    assert "张*" in shown and "李*" in shown and groom not in shown and bride not in shown
    assert appointment.status == AppointmentStatus.BOOKED and appointment.date == day
    assert Slot.objects.get(pk=appointment.slot_id).booked == 1
    page.screenshot(path=str(screenshot_dir / "marriage-portal-booked.png"), full_page=True)

    # cancelling with the number and either party's identity number
    page.click("#cancel-link")
    page.wait_for_selector("input[name=id_number]")
    assert page.input_value("input[name=number]") == appointment.formatted_number
    page.fill("input[name=id_number]", bride)
    page.click("form.edit-form button[type=submit]")
    page.wait_for_selector("#appointment")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert Slot.objects.get(pk=appointment.slot_id).booked == 0
