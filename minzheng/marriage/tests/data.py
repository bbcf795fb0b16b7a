"""Three records of every model for the generated suites: two in 和平区, the last in 河西区."""

import datetime

from minzheng.marriage.adoptions import AdopterInput, ChildInput, receive_adoption, record_assessment
from minzheng.marriage.booking import BookingParty, book_appointment
from minzheng.marriage.choices import OfficeGrade, Service
from minzheng.marriage.divorces import DivorcePartyInput, receive_divorce
from minzheng.marriage.models import (
    Certificate,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.registration import register_marriage
from minzheng.marriage.tests.factories import make_office, make_slot, marriage_party, person_id

D = datetime.date
DAY = D(2026, 11, 20)
DIVORCE_DOCUMENTS = frozenset({"household_register", "id_card", "marriage_certificate"})


def offices(tree) -> list[RegistryOffice]:
    return [make_office(tree.heping, code="120101", name="和平区婚姻登记处", templates=()),
            make_office(tree.hp_street, code="120102", name="劝业场婚姻登记点", templates=(),
                        grade=OfficeGrade.NATIONAL_4A),
            make_office(tree.hexi, code="120103", name="河西区婚姻登记处", templates=())]


def office_form(tree) -> dict:
    return {"code": "120109", "name": "和平区婚姻登记服务中心", "division": tree.heping, "address": "南京路1号",
            "phone": "022-12345678", "grade": OfficeGrade.NATIONAL_5A, "graded_on": D(2025, 6, 1),
            "opens_at": "08:30:00", "closes_at": "17:30:00", "booking_days": 60, "is_active": True}


def standard_items(tree) -> list[StandardItem]:
    items = (("A01", "颁证厅", ""), ("A02", "婚姻家庭辅导室", "4a"), ("A03", "网上预约", "5a"))
    return [StandardItem.objects.create(code=code, name=name, grade=grade) for code, name, grade in items]


def standard_item_form(tree) -> dict:
    return {"code": "A09", "name": "候登区", "description": "座位不少于20个", "grade": OfficeGrade.NATIONAL_3A,
            "is_active": True}


def standard_checks(tree) -> list[StandardCheck]:
    items, places = standard_items(tree), offices(tree)
    return [StandardCheck.objects.create(office=office, item=item, met=met, checked_on=D(2026, 3, 1))
            for office, item, met in ((places[0], items[0], True), (places[1], items[1], False),
                                      (places[2], items[2], True))]


def standard_check_form(tree) -> dict:
    office = RegistryOffice.objects.get(code="120101")
    return {"office": office, "item": StandardItem.objects.get(code="A03"), "met": True, "checked_on": D(2026, 9, 1),
            "remarks": "已上线"}


def slot_templates(tree) -> list[SlotTemplate]:
    places = offices(tree)
    return [SlotTemplate.objects.create(office=office, service=service, starts_at=datetime.time(hour),
                                        ends_at=datetime.time(hour, 30), capacity=capacity)
            for office, service, hour, capacity in ((places[0], Service.MARRIAGE, 9, 10),
                                                    (places[1], Service.DIVORCE, 10, 3),
                                                    (places[2], Service.MARRIAGE, 9, 8))]


def slot_template_form(tree) -> dict:
    return {"office": RegistryOffice.objects.get(code="120101"), "service": Service.REISSUE, "starts_at": "14:00:00",
            "ends_at": "14:30:00", "capacity": 4}


def office_days(tree) -> list[OfficeDay]:
    places = offices(tree)
    return [OfficeDay.objects.create(office=places[0], date=D(2026, 12, 12), is_open=True, reason="周六加开"),
            OfficeDay.objects.create(office=places[1], date=D(2026, 12, 1), is_open=False, reason="装修闭馆"),
            OfficeDay.objects.create(office=places[2], date=D(2026, 12, 2), is_open=False, reason="系统升级")]


def office_day_form(tree) -> dict:
    return {"office": RegistryOffice.objects.get(code="120101"), "date": D(2027, 2, 14), "is_open": True,
            "reason": "情人节加开"}


def slots(tree) -> list[Slot]:
    places = offices(tree)
    return [make_slot(places[0], DAY, capacity=10, booked=3), make_slot(places[1], D(2026, 11, 23), capacity=6),
            make_slot(places[2], DAY, capacity=8)]


def appointments(tree):
    made = []
    for slot, (a, b) in zip(slots(tree), (("张伟", "李娜"), ("王强", "赵敏"), ("刘洋", "陈静")), strict=True):
        made.append(book_appointment(Slot.objects.select_related("office").get(pk=slot.pk),
                                     party_a=BookingParty(a, person_id("1")), party_b=BookingParty(b, person_id("2")),
                                     phone="13912345678", today=D(2026, 11, 16)))
    return made


def registrations(tree):
    places = offices(tree)
    return [register_marriage(office, marriage_party(a, person_id("1")), marriage_party(b, person_id("2")), actor=None,
                              on=on)
            for office, a, b, on in ((places[0], "张伟", "李娜", D(2026, 5, 20)),
                                     (places[1], "王强", "赵敏", D(2026, 8, 19)),
                                     (places[2], "刘洋", "陈静", D(2026, 5, 20)))]


def divorces(tree):
    places = offices(tree)
    made = []
    for office, a, b, on in ((places[0], "张伟", "李娜", D(2026, 11, 2)), (places[1], "王强", "赵敏", D(2026, 10, 8)),
                             (places[2], "刘洋", "陈静", D(2026, 11, 3))):
        made.append(receive_divorce(
            office, DivorcePartyInput(name=a, id_number=person_id("1"), documents=DIVORCE_DOCUMENTS),
            DivorcePartyInput(name=b, id_number=person_id("2"), documents=DIVORCE_DOCUMENTS), actor=None, on=on,
            marriage_certificate_number=f"J110101-2015-{len(made) + 1:06d}", agreement_signed=True))
    return made


def certificates(tree) -> list[Certificate]:
    return [Certificate.objects.get(marriage=registration) for registration in registrations(tree)]


def adoptions(tree):
    places = offices(tree)
    made = []
    for office, name, on in ((places[0], "王建国", D(2026, 10, 12)), (places[1], "孙立军", D(2026, 9, 7)),
                             (places[2], "周海涛", D(2026, 10, 13))):
        adopter = AdopterInput(name=name, id_number=person_id("1", D(1980, 1, 1)))
        made.append(receive_adoption(office, [adopter], [ChildInput(name=name[0] + "小宝", birth_date=D(2019, 1, 1),
                                                                    sex="1", orphan=True)], actor=None, on=on))
    return made


def assessments(tree):
    return [record_assessment(application, assessor="评估中心", assessed_on=application.received_on,
                              outcome="suitable", findings=f"{application.summary}：适合收养", actor=None)
            for application in adoptions(tree)]
