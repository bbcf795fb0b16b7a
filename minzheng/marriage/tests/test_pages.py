"""The officers' pages: registering (check first), divorce, adoption, appointments, slots, the office, statistics."""

import datetime

import pytest
from django.urls import reverse

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.testing.utils import export_rows, last_change_seq, new_changes
from minzheng.marriage.booking import BookingParty, book_appointment
from minzheng.marriage.choices import AdoptionStatus, AppointmentStatus, DivorceStatus, RegistrationStatus
from minzheng.marriage.models import AdoptionApplication, DivorceApplication, MarriageRegistration, Slot
from minzheng.marriage.tests.factories import make_slot, person_id
from minzheng.registry.choices import MaritalStatus

D = datetime.date
DOCUMENTS = ["household_register", "id_card", "no_spouse_declaration"]


def marriage_post(office, couple, **changes) -> dict:
    groom, bride = couple
    data = {"office": office.pk, "party_a_name": groom.name, "party_a_id_number": groom.id_number,
            "party_a_present": "on", "party_a_voluntary": "on", "party_a_documents": DOCUMENTS,
            "party_b_name": bride.name, "party_b_id_number": bride.id_number, "party_b_present": "on",
            "party_b_voluntary": "on", "party_b_documents": DOCUMENTS, "note": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_check_shows_the_grounds_then_registering_writes(login_as, clerk, office, couple):
    client, url = login_as(clerk), reverse("marriage:marriageregistration_add")
    assert client.get(url).status_code == 200

    since = last_change_seq()
    checked = client.post(url, {**marriage_post(office, couple, party_b_voluntary=None), "check": "1"})
    assert checked.status_code == 200 and new_changes(since) == []
    assert [str(g.code) for g in checked.context["grounds"]] == ["marriage.not_voluntary"]
    assert "check-result" in checked.content.decode()

    registered = client.post(url, {**marriage_post(office, couple), "register": "1"})
    registration = MarriageRegistration.objects.get()
    assert registered.status_code == 302 and registered.url == registration.get_absolute_url()
    assert registration.status == RegistrationStatus.REGISTERED
    page = client.get(registration.get_absolute_url()).content.decode()
    assert registration.certificate_number in page and couple[0].id_number not in page


def test_a_mistyped_identity_number_is_a_field_error(login_as, clerk, office, couple):
    response = login_as(clerk).post(reverse("marriage:marriageregistration_add"),
                                    marriage_post(office, couple, party_b_id_number="120101199001011230"))
    assert response.status_code == 200 and "party_b_id_number" in response.context["form"].errors
    assert not MarriageRegistration.objects.exists()


def test_a_refusal_page_shows_the_written_reason(login_as, clerk, office, couple):
    client = login_as(clerk)
    client.post(reverse("marriage:marriageregistration_add"),
                marriage_post(office, couple, party_a_present=None, note="请双方亲自到场。"))
    registration = MarriageRegistration.objects.get(status=RegistrationStatus.REFUSED)
    page = client.get(registration.get_absolute_url()).content.decode()
    assert 'id="grounds"' in page and "请双方亲自到场。" in page and "marriage.absent" in page


def test_the_office_choice_offers_only_the_users_offices(login_as, clerk, office, hexi_office, couple):
    form = login_as(clerk).get(reverse("marriage:marriageregistration_add")).context["form"]
    assert list(form.fields["office"].queryset) == [office]
    response = login_as(clerk).post(reverse("marriage:marriageregistration_add"), marriage_post(hexi_office, couple))
    assert response.status_code == 200 and "office" in response.context["form"].errors
    assert not MarriageRegistration.objects.exists()


def test_a_user_without_the_role_gets_403_and_nothing_is_written(login_as, make_user, tree, office, couple):
    worker = make_user("community_worker", tree.hp_community)
    since = last_change_seq()
    response = login_as(worker).post(reverse("marriage:marriageregistration_add"), marriage_post(office, couple))
    assert response.status_code == 403 and not MarriageRegistration.objects.exists() and new_changes(since) == []


def test_divorce_received_then_registered_on_the_pages(login_as, clerk, office, couple, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 11, 2))
    client = login_as(clerk)
    groom, bride = couple
    documents = ["household_register", "id_card", "marriage_certificate"]
    response = client.post(reverse("marriage:divorceapplication_add"), {
        "office": office.pk, "party_a_name": groom.name, "party_a_id_number": groom.id_number, "party_a_present": "on",
        "party_a_full_civil_capacity": "on", "party_a_documents": documents, "party_b_name": bride.name,
        "party_b_id_number": bride.id_number, "party_b_present": "on", "party_b_full_civil_capacity": "on",
        "party_b_documents": documents, "marriage_certificate_number": "J120101-2015-000007",
        "registered_in_mainland": "on", "agreement_signed": "on"})
    application = DivorceApplication.objects.get()
    assert response.status_code == 302 and application.status == DivorceStatus.PENDING
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'id="stage"' in page and "register/" in page and "withdraw/" in page

    register = reverse("marriage:divorceapplication_register", args=[application.pk])
    early = client.post(register, {"party_a_present": "on", "party_a_full_civil_capacity": "on",
                                   "party_a_documents": documents, "party_b_present": "on",
                                   "party_b_full_civil_capacity": "on", "party_b_documents": documents})
    assert early.status_code == 200 and "marriage.cooling_off" not in early.content.decode()
    assert early.context["form"].non_field_errors() and DivorceApplication.objects.get().status == "pending"

    monkeypatch.setattr(timezone, "localdate", lambda *args: application.first_day)
    done = client.post(register, {"party_a_present": "on", "party_a_full_civil_capacity": "on",
                                  "party_a_documents": documents, "party_b_present": "on",
                                  "party_b_full_civil_capacity": "on", "party_b_documents": documents})
    application.refresh_from_db()
    assert done.status_code == 302 and application.status == DivorceStatus.REGISTERED
    assert set(type(groom).objects.values_list("marital_status", flat=True)) == {MaritalStatus.DIVORCED}


def test_appointment_actions_on_the_pages(login_as, clerk, office):
    slot = make_slot(office, D(2026, 11, 30))
    appointment = book_appointment(slot, party_a=BookingParty("张伟", person_id("1")),
                                   party_b=BookingParty("李娜", person_id("2")), phone="13912345678",
                                   today=D(2026, 11, 20))
    client = login_as(clerk)
    page = client.get(appointment.get_absolute_url())
    labels = {action["name"] for action in page.context["actions"]}
    assert labels == {"attend", "no_show", "cancel"} and appointment.party_a_id_number not in page.content.decode()
    early = client.post(reverse("marriage:appointment_attend", args=[appointment.pk]))
    assert early.status_code == 200 and early.context["form"].non_field_errors()
    cancelled = client.post(reverse("marriage:appointment_cancel", args=[appointment.pk]), {"reason": "停电"})
    appointment.refresh_from_db(), slot.refresh_from_db()
    assert cancelled.status_code == 302 and appointment.status == AppointmentStatus.CANCELLED and slot.booked == 0
    assert client.get(reverse("marriage:appointment_attend", args=[appointment.pk])).status_code == 404


def test_slot_capacity_on_the_page(login_as, clerk, hexi_clerk, office):
    slot = make_slot(office, D(2026, 11, 30), capacity=2, booked=2)
    url = reverse("marriage:slot_capacity", args=[slot.pk])
    refused = login_as(clerk).post(url, {"capacity": 1})
    assert refused.status_code == 200 and "capacity" in refused.context["form"].errors
    assert login_as(hexi_clerk).post(url, {"capacity": 5}).status_code == 404
    assert login_as(clerk).post(url, {"capacity": 5}).status_code == 302 and Slot.objects.get().capacity == 5


def test_the_office_page_shows_checklist_slots_and_days(login_as, clerk, office):
    page = login_as(clerk).get(office.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and 'id="checklist"' in html and 'id="templates"' in html
    assert len(page.context["days"]) == 14 and "09:00–09:59" in html


def adoption_post(office, **changes):
    data = {"office": office.pk, "adopter1-name": "王建国", "adopter1-id_number": person_id("1", D(1980, 1, 1)),
            "adopter1-married": "on", "adopter1-children": "0", "adopter1-able_to_raise": "on",
            "adopter2-name": "李秀英", "adopter2-id_number": person_id("2", D(1982, 1, 1)), "adopter2-married": "on",
            "adopter2-children": "0", "adopter2-able_to_raise": "on", "child1-name": "王小宝",
            "child1-birth_date": "2019-01-01", "child1-sex": "1", "child1-orphan": "on", "child1-consents": "unknown",
            "child2-children": "", "child2-consents": "unknown", "adopter2-overseas_chinese": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value}


def test_adoption_received_assessed_and_decided_on_the_pages(login_as, clerk, office):
    client = login_as(clerk)
    assert client.get(reverse("marriage:adoptionapplication_add")).status_code == 200
    response = client.post(reverse("marriage:adoptionapplication_add"), adoption_post(office))
    application = AdoptionApplication.objects.get()
    assert response.status_code == 302 and application.children.count() == 1 and application.adopters.count() == 2
    assessed = client.post(reverse("marriage:adoptionapplication_assess", args=[application.pk]), {
        "assessor": "评估中心", "assessed_on": application.received_on.isoformat(), "outcome": "suitable",
        "findings": "适合"})
    assert assessed.status_code == 302
    decided = client.post(reverse("marriage:adoptionapplication_decide", args=[application.pk]), {"note": ""})
    application.refresh_from_db()
    assert decided.status_code == 302 and application.status == AdoptionStatus.REGISTERED
    page = client.get(application.get_absolute_url()).content.decode()
    assert application.certificate_number in page and 'id="assessment"' in page


def test_adoption_errors_land_on_their_sub_form(login_as, clerk, office):
    response = login_as(clerk).post(reverse("marriage:adoptionapplication_add"),
                                    adoption_post(office, **{"adopter2-id_number": "120101198201011230"}))
    assert response.status_code == 200 and "id_number" in response.context["subforms"]["adopter2"].errors
    assert not AdoptionApplication.objects.exists()


def test_the_changelog_tab_shows_the_creation(login_as, clerk, office, couple):
    client = login_as(clerk)
    client.post(reverse("marriage:marriageregistration_add"), marriage_post(office, couple))
    registration = MarriageRegistration.objects.get()
    url = reverse("marriage:marriageregistration_changelog", args=[registration.pk])
    changes = client.get(url).context["changes"]
    assert [change.action for change in changes] == ["create"]
    assert ObjectChange.objects.filter(object_id=str(registration.pk), action="create",
                                       content_type__model="marriageregistration").count() == 1


@pytest.fixture
def history(office, hexi_office, clerk, make_user, tree):
    """Two marriages and a refusal in 和平区 in May and June 2026, one marriage in 河西区."""
    from minzheng.marriage.registration import register_marriage
    from minzheng.marriage.tests.factories import marriage_party

    hexi_admin = make_user("city_admin", tree.hexi)
    for at, actor, on, present in ((office, clerk, D(2026, 5, 20), True), (office, clerk, D(2026, 6, 1), True),
                                   (office, clerk, D(2026, 6, 2), False), (hexi_office, hexi_admin, D(2026, 5, 20),
                                                                           True)):
        register_marriage(at, marriage_party("张伟", person_id("1"), present=present),
                          marriage_party("李娜", person_id("2")), actor=actor, on=on)


def test_statistics_per_office_and_month_with_charts_and_export(login_as, clerk, history, office):
    client = login_as(clerk)
    page = client.get(reverse("marriage:statistics"), {"from": "2026-05", "to": "2026-06"})
    assert page.status_code == 200 and len(page.context["charts"]) == 4 and "<svg" in page.content.decode()
    report = page.context["report"]
    assert [office.code for office in report.offices] == [office.code]  # 河西区 is not the clerk's
    assert [(f"{m:%m}", f.marriages, f.refusals) for m, f in report.by_month()] == [("05", 1, 0), ("06", 1, 1)]
    rows = export_rows(client.get(reverse("marriage:statistics"), {"from": "2026-05", "to": "2026-06",
                                                                   "export": "csv"}))
    assert len(rows) == 3 and rows[1][:4] == ["和平区婚姻登记处", "2026-05", "1", "0"]


def test_statistics_of_a_division_outside_the_area_are_not_found(login_as, clerk, tree):
    assert login_as(clerk).get(reverse("marriage:statistics"), {"division": tree.hexi.pk}).status_code == 404


def test_audit_events_name_the_clerk(login_as, clerk, office, couple):
    login_as(clerk).post(reverse("marriage:marriageregistration_add"), marriage_post(office, couple))
    assert AuditEvent.objects.filter(code="marriage.marriage.registered", actor=clerk).count() == 1


def test_identity_numbers_are_revealed_with_the_permission_and_logged(login_as, clerk, office, couple, make_user,
                                                                      tree):
    login_as(clerk).post(reverse("marriage:marriageregistration_add"), marriage_post(office, couple))
    registration = MarriageRegistration.objects.get()
    url = reverse("marriage:marriageregistration_reveal", args=[registration.pk])
    leader = make_user("city_leader", tree.city)
    assert login_as(leader).post(url, {"field": "party_a_id_number"}).status_code == 403
    assert login_as(make_user("marriage_clerk", tree.hexi)).post(url, {"field": "party_a_id_number"}).status_code \
        == 404
    assert AuditEvent.objects.filter(code="privacy.marriageregistration.id_revealed").count() == 0
    shown = login_as(clerk).post(url, {"field": "party_a_id_number"})
    assert shown.status_code == 200 and couple[0].id_number in shown.content.decode()
    assert AuditEvent.objects.filter(code="privacy.marriageregistration.id_revealed", actor=clerk).count() == 1
