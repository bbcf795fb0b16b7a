"""The operations through the staff API: the same services as the pages, the same refusals, the same scope."""

import datetime

from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.marriage.booking import BookingParty, book_appointment
from minzheng.marriage.choices import AdoptionStatus, DivorceStatus, RegistrationStatus
from minzheng.marriage.models import AdoptionApplication, DivorceApplication, MarriageRegistration
from minzheng.marriage.tests.factories import make_slot, person_id

D = datetime.date
DOCUMENTS = ["household_register", "id_card", "no_spouse_declaration"]


def marriage_data(office, couple, **party_a):
    groom, bride = couple
    return {"office": office.pk, "party_a": {"name": groom.name, "id_number": groom.id_number,
                                             "documents": DOCUMENTS, **party_a},
            "party_b": {"name": bride.name, "id_number": bride.id_number, "documents": DOCUMENTS}}


def test_register_and_check_through_the_api(api_as, clerk, office, couple):
    client = api_as(clerk)
    checked = client.post("/api/marriage/marriage-registrations/check/",
                          marriage_data(office, couple, voluntary=False), format="json")
    assert checked.status_code == 200 and [g["code"] for g in checked.json()["grounds"]] == ["marriage.not_voluntary"]
    assert not MarriageRegistration.objects.exists()
    made = client.post("/api/marriage/marriage-registrations/", marriage_data(office, couple), format="json")
    body = made.json()
    assert made.status_code == 201 and body["status"] == RegistrationStatus.REGISTERED
    assert body["certificate_number"].startswith("J120101-") and body["certificate_number"].endswith("-000001")
    assert couple[0].id_number not in made.content.decode()  # masked in the answer too


def test_a_forged_office_of_another_district_is_a_field_error(api_as, clerk, hexi_office, couple):
    since = last_change_seq()
    response = api_as(clerk).post("/api/marriage/marriage-registrations/", marriage_data(hexi_office, couple),
                                  format="json")
    assert response.status_code == 400 and "office" in response.json()["errors"]
    assert not MarriageRegistration.objects.exists() and new_changes(since) == []


def test_domain_errors_keep_their_code_and_field(api_as, clerk, office, couple):
    response = api_as(clerk).post("/api/marriage/marriage-registrations/",
                                  marriage_data(office, couple, id_number="120101199001011230"), format="json")
    body = response.json()
    assert response.status_code == 400 and body["code"] == "marriage.id_invalid"
    assert list(body["errors"]) == ["party_a_id_number"]


def test_divorce_through_the_api(api_as, clerk, office, couple, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 11, 2))
    groom, bride = couple
    client = api_as(clerk)
    spouses = {"party_a": {"name": groom.name, "id_number": groom.id_number,
                           "documents": ["household_register", "id_card", "marriage_certificate"]},
               "party_b": {"name": bride.name, "id_number": bride.id_number,
                           "documents": ["household_register", "id_card", "marriage_certificate"]}}
    made = client.post("/api/marriage/divorce-applications/", {
        "office": office.pk, **spouses, "marriage_certificate_number": "J120101-2015-000001",
        "agreement_signed": True}, format="json")
    assert made.status_code == 201 and made.json()["stage"] == "cooling_off"
    pk = made.json()["id"]
    early = client.post(f"/api/marriage/divorce-applications/{pk}/register/", spouses, format="json")
    assert early.status_code == 400 and early.json()["code"] == "marriage.cooling_off"
    withdrawn = client.post(f"/api/marriage/divorce-applications/{pk}/withdraw/", {"withdrawn_by": bride.name},
                            format="json")
    assert withdrawn.status_code == 200 and DivorceApplication.objects.get().status == DivorceStatus.WITHDRAWN


def test_appointments_and_slots_through_the_api(api_as, clerk, hexi_clerk, office):
    slot = make_slot(office, D(2026, 12, 1), capacity=2)
    appointment = book_appointment(slot, party_a=BookingParty("张伟", person_id("1")),
                                   party_b=BookingParty("李娜", person_id("2")), phone="13912345678",
                                   today=D(2026, 11, 20))
    hexi = api_as(hexi_clerk)
    assert hexi.post(f"/api/marriage/appointments/{appointment.pk}/cancel/", {"reason": "x"},
                     format="json").status_code == 404
    client = api_as(clerk)
    assert client.post(f"/api/marriage/slots/{slot.pk}/capacity/", {"capacity": 0},
                       format="json").status_code == 400
    assert client.post(f"/api/marriage/slots/{slot.pk}/capacity/", {"capacity": 4},
                       format="json").json()["capacity"] == 4
    cancelled = client.post(f"/api/marriage/appointments/{appointment.pk}/cancel/", {"reason": "停电"},
                            format="json")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


def test_adoption_through_the_api(api_as, clerk, office, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 10, 12))
    client = api_as(clerk)
    made = client.post("/api/marriage/adoption-applications/", {
        "office": office.pk,
        "adopters": [{"name": "王建国", "id_number": person_id("1", D(1980, 1, 1)), "married": True},
                     {"name": "李秀英", "id_number": person_id("2", D(1982, 1, 1)), "married": True}],
        "children": [{"name": "王小宝", "birth_date": "2019-01-01", "sex": "1", "parents_unknown": True,
                      "in_welfare_institution": True}]}, format="json")
    assert made.status_code == 201 and len(made.json()["children"]) == 1
    pk, child = made.json()["id"], made.json()["children"][0]["id"]
    noticed = client.post(f"/api/marriage/adoption-applications/{pk}/notice/",
                          {"child": child, "published_on": "2026-10-12", "medium": "天津日报"}, format="json")
    assert noticed.status_code == 200 and noticed.json()["review_last_day"] > "2026-12-11"
    assessed = client.post(f"/api/marriage/adoption-applications/{pk}/assess/", {
        "assessor": "评估中心", "assessed_on": "2026-10-12", "outcome": "suitable", "findings": "适合"},
        format="json")
    assert assessed.status_code == 200 and assessed.json()["assessment"]["outcome"] == "suitable"
    decided = client.post(f"/api/marriage/adoption-applications/{pk}/decide/", {}, format="json")
    assert decided.json()["status"] == AdoptionStatus.REFUSED  # the notice still runs
    assert [g["code"] for g in decided.json()["grounds"]] == ["adoption.notice_pending"]
    assert AdoptionApplication.objects.get().refusal_reason


def test_statistics_and_indicator_through_the_api(api_as, clerk, office, couple, make_user, tree):
    from minzheng.marriage.registration import register_marriage
    from minzheng.marriage.tests.factories import marriage_party

    groom, bride = couple
    register_marriage(office, marriage_party(groom.name, groom.id_number), marriage_party(bride.name, bride.id_number),
                      actor=clerk, on=D(2026, 5, 20))
    client = api_as(clerk)
    report = client.get("/api/marriage/statistics/", {"from": "2026-05", "to": "2026-05"}).json()
    assert report["total"]["marriages"] == 1 and report["rows"][0]["office_code"] == office.code
    value = client.get("/api/indicators/marriage.registrations/", {"from": "2026-01-01", "to": "2026-12-31"})
    assert value.status_code == 200 and value.json()["value"] == 1
    hexi_leader = make_user("marriage_clerk", tree.hexi)
    other = api_as(hexi_leader).get("/api/indicators/marriage.registrations/", {"from": "2026-01-01",
                                                                                "to": "2026-12-31"})
    assert other.json()["value"] == 0  # 河西区's clerk does not count 和平区's marriages
    worker = make_user("community_worker", tree.hp_community)
    assert api_as(worker).get("/api/marriage/statistics/").status_code == 403
