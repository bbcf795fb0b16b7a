"""The demo marriage registry: an office in every district, graded, with its checklist and daily slots; a popular
date almost fully booked; appointments, registrations, refusals, divorces and adoptions in every state.

Everything goes through the services, dated relative to today, as the clerks of 和平区 and 河西区
(``heping_clerk`` and ``hexi_clerk`` when the demo users include them, else the city administrator).
Couples are the demo residents of the district when there are enough unmarried adults (their marital
status then changes in the population register), else synthetic people.
Idempotent: nothing happens once an office exists.
"""

import datetime
import itertools

from django.db import transaction
from django.utils import timezone

from minzheng.accounts.models import User
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.marriage import adoptions, booking, divorces, registration
from minzheng.marriage.certificates import reissue_certificate
from minzheng.marriage.choices import OfficeGrade, Service
from minzheng.marriage.models import (
    Certificate,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.schedule import OfficeCalendar, bookable_days, open_slots, open_slots_ahead
from minzheng.registry.choices import MaritalStatus, PersonStatus, Sex
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import Person

__all__ = ["CLERKS", "STANDARD", "create_demo_marriage"]

ONE_DAY = datetime.timedelta(days=1)
YEAR = datetime.timedelta(days=366)
#: The demo clerks looked for in ``users``: (username, full name, district code).
CLERKS = (("heping_clerk", "和平区婚姻登记员（演示）", "120101"), ("hexi_clerk", "河西区婚姻登记员（演示）", "120103"))
#: The service standard (demo wording after the ministry's grading criteria): code, name, from grade.
STANDARD = (("S01", "独立的结婚登记区和离婚登记区", ""), ("S02", "颁证厅", ""), ("S03", "候登区与便民设施", ""),
            ("S04", "婚姻家庭辅导室", OfficeGrade.NATIONAL_3A),
            ("S05", "网上预约与电子显示屏", OfficeGrade.NATIONAL_4A),
            ("S06", "档案电子化与补领当场查档", OfficeGrade.NATIONAL_4A),
            ("S07", "特色颁证服务", OfficeGrade.NATIONAL_5A))
MARRIAGE_DOCS = frozenset({"household_register", "id_card", "no_spouse_declaration"})
DIVORCE_DOCS = frozenset({"household_register", "id_card", "marriage_certificate"})
SURNAMES, GIVEN = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


class People:
    """Couples for the demo: unmarried adults of the district's register first, then synthetic identities."""

    def __init__(self, district: Division, today: datetime.date):
        self.today, self.district = today, district
        adults = (Person.objects.filter(hukou_division__path__startswith=district.path, status=PersonStatus.ALIVE,
                                        id_number__isnull=False, birth_date__lte=today - YEAR * 23,
                                        birth_date__gte=today - YEAR * 45)
                  .exclude(marital_status=MaritalStatus.MARRIED).order_by("pk"))
        self.men = list(adults.filter(sex=Sex.MALE)[:40])
        self.women = list(adults.filter(sex=Sex.FEMALE)[:40])
        self.sequence = itertools.count(1)

    def synthetic(self, sex: str, born: datetime.date) -> tuple[str, str]:
        n = next(self.sequence)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + GIVEN[(n * 3 + 1) % len(GIVEN)]
        return name, generate_id_number(self.district.code[:6], born, sex, 300 + n % 190)

    def pair(self) -> tuple[tuple[str, str], tuple[str, str]]:
        n = next(self.sequence)
        man = self.men.pop() if self.men else None
        woman = self.women.pop() if self.women else None
        a = (man.name, man.id_number) if man else self.synthetic(Sex.MALE, datetime.date(1988 + n % 8, 1 + n % 12, 3))
        b = (woman.name, woman.id_number) if woman else self.synthetic(Sex.FEMALE,
                                                                       datetime.date(1990 + n % 8, 1 + n % 12, 9))
        return a, b


def _clerks(users: dict) -> dict[str, User]:
    """Who works the demo offices: the demo clerks when ``core.demo`` has them, else the city administrator."""
    return {code: users.get(username) or users["city_admin"] for username, _name, code in CLERKS}


def _offices(today: datetime.date) -> dict[str, RegistryOffice]:
    city = Division.objects.current().filter(depth=0).order_by("pk").first()
    districts = Division.objects.current().filter(parent=city, level=Level.DISTRICT).order_by("code")
    items = [StandardItem.objects.create(code=code, name=name, grade=grade) for code, name, grade in STANDARD]
    offices = {}
    grades = [OfficeGrade.NATIONAL_5A, OfficeGrade.NATIONAL_4A, OfficeGrade.NATIONAL_3A, OfficeGrade.PROVINCIAL]
    for index, district in enumerate(districts):
        grade = grades[min(index, len(grades) - 1)]
        office = RegistryOffice.objects.create(
            code=district.code[:6], name=f"{district.name}婚姻登记处", division=district, grade=grade,
            graded_on=datetime.date(today.year - 1, 6, 1), address=f"{district.name}民政局一楼",
            phone=f"022-2345678{index % 10}", booking_days=30 if index else 45)
        met = {"": 3, OfficeGrade.NATIONAL_3A: 4, OfficeGrade.NATIONAL_4A: 6, OfficeGrade.NATIONAL_5A: 7}.get(grade, 3)
        StandardCheck.objects.bulk_create([StandardCheck(office=office, item=item, met=n < met, checked_on=today)
                                           for n, item in enumerate(items)])
        hours = [(9, 0), (9, 30), (10, 0), (10, 30), (11, 0), (14, 0), (14, 30), (15, 0)]
        SlotTemplate.objects.bulk_create(
            [SlotTemplate(office=office, service=Service.MARRIAGE, starts_at=datetime.time(h, m),
                          ends_at=datetime.time(h, m + 29), capacity=6) for h, m in hours]
            + [SlotTemplate(office=office, service=service, starts_at=datetime.time(h, m),
                            ends_at=datetime.time(h, m + 29), capacity=2)
               for service in (Service.DIVORCE, Service.REISSUE) for h, m in hours[::2]])
        offices[office.code] = office
    return offices


def _special_days(office: RegistryOffice, today: datetime.date) -> datetime.date:
    """A closure next week and a special opening on a Saturday: the popular date (returned)."""
    calendar = OfficeCalendar(office)
    closed = next(day for day in (today + ONE_DAY * n for n in range(3, 15)) if calendar.is_open(day))
    OfficeDay.objects.create(office=office, date=closed, is_open=False, reason="系统升级，暂停办理")
    saturday = next(day for day in (today + ONE_DAY * n for n in range(7, 30)) if day.weekday() == 5)
    OfficeDay.objects.create(office=office, date=saturday, is_open=True, reason="热门日期，周六加开")
    return saturday


def _book(slot: Slot, people: People, today: datetime.date):
    (a_name, a_id), (b_name, b_id) = people.pair()
    return booking.book_appointment(slot, party_a=booking.BookingParty(a_name, a_id),
                                    party_b=booking.BookingParty(b_name, b_id), phone="13800000000", today=today,
                                    notify=False)


def _appointments(office: RegistryOffice, popular: datetime.date, clerk, today: datetime.date) -> int:
    """The popular date nearly full (its morning full), and appointments booked, cancelled, attended, missed."""
    people = People(office.division, today)
    made = 0
    for slot in [s for s in open_slots(office, popular) if s.service == Service.MARRIAGE]:
        for _place in range(slot.capacity if slot.starts_at.hour < 12 else slot.capacity - 2):
            _book(slot, people, today)
            made += 1
    upcoming = bookable_days(office, today=today)
    future = [s for s in open_slots(office, upcoming[2]) if s.service == Service.MARRIAGE]
    for slot in future[:3]:
        _book(slot, people, today)
    cancelled = _book(future[3], people, today)
    booking.cancel_appointment(cancelled.number, cancelled.party_a_id_number, today=today, notify=False)
    past_day = next(day for day in (today - ONE_DAY * n for n in range(3, 20)) if OfficeCalendar(office).is_open(day))
    past = [s for s in open_slots(office, past_day) if s.service == Service.MARRIAGE]
    came = _book(past[0], people, past_day - ONE_DAY * 2)
    booking.record_attendance(came, actor=clerk, today=past_day)
    _book(past[1], people, past_day - ONE_DAY * 2)  # nobody came: the daily job marks it
    booking.close_missed_appointments(today=today)
    return made + 6


def _registrations(office: RegistryOffice, clerk, today: datetime.date) -> list:
    """Marriages over the last months, and refusals: under age, documents missing, already married."""
    people, made = People(office.division, today), []
    for months_ago in range(11, -1, -1):
        on = today - datetime.timedelta(days=30 * months_ago + 3)
        for _n in range(1 + (months_ago % 3)):
            (a_name, a_id), (b_name, b_id) = people.pair()
            made.append(registration.register_marriage(
                office, registration.MarriageParty(name=a_name, id_number=a_id, documents=MARRIAGE_DOCS),
                registration.MarriageParty(name=b_name, id_number=b_id, documents=MARRIAGE_DOCS), actor=clerk, on=on))
    refusals = (  # (party A, party B, party A's documents, note)
        (people.synthetic(Sex.MALE, datetime.date(today.year - 21, 6, 1)),
         people.synthetic(Sex.FEMALE, datetime.date(1996, 4, 1)), MARRIAGE_DOCS, "男方未达法定婚龄。"),
        (people.synthetic(Sex.MALE, datetime.date(1990, 4, 1)), people.synthetic(Sex.FEMALE, datetime.date(1992, 4, 1)),
         frozenset({"id_card"}), "请携带户口簿和声明书再来办理。"),
        ((made[0].party_a_name, made[0].party_a_id_number), people.synthetic(Sex.FEMALE, datetime.date(1991, 2, 2)),
         MARRIAGE_DOCS, ""),
    )
    for (a_name, a_id), (b_name, b_id), documents, note in refusals:
        registration.register_marriage(
            office, registration.MarriageParty(name=a_name, id_number=a_id, documents=documents),
            registration.MarriageParty(name=b_name, id_number=b_id, documents=MARRIAGE_DOCS), actor=clerk,
            on=today - ONE_DAY * 5, note=note)
    return made


def _divorce(office, marriage, clerk, on):
    party = {"documents": DIVORCE_DOCS}
    return divorces.receive_divorce(
        office, divorces.DivorcePartyInput(name=marriage.party_a_name, id_number=marriage.party_a_id_number, **party),
        divorces.DivorcePartyInput(name=marriage.party_b_name, id_number=marriage.party_b_id_number, **party),
        marriage_certificate_number=marriage.certificate_number, agreement_signed=True, actor=clerk, on=on)


def _divorces(office, marriages: list, clerk, today: datetime.date) -> None:
    """In cooling-off, within the window, lapsed, withdrawn, registered after the cooling-off; and a replacement."""
    oldest = marriages[:6]
    _divorce(office, oldest[0], clerk, today - ONE_DAY * 10)  # cooling-off
    _divorce(office, oldest[1], clerk, today - ONE_DAY * 40)  # may register now
    _divorce(office, oldest[2], clerk, today - ONE_DAY * 75)  # lapsed (by the daily job)
    divorces.lapse_divorce_applications(today=today)
    withdrawn = _divorce(office, oldest[3], clerk, today - ONE_DAY * 20)
    divorces.withdraw_divorce(withdrawn, withdrawn_by=withdrawn.party_b_name, actor=clerk, on=today - ONE_DAY * 5)
    registered = _divorce(office, oldest[4], clerk, today - ONE_DAY * 70)
    both = divorces.DivorcePartyInput(documents=DIVORCE_DOCS)
    divorces.register_divorce(registered, both, both, actor=clerk, on=registered.first_day)
    original = Certificate.objects.get(marriage=oldest[5])
    reissue_certificate(original, office=office, holder_id_number=oldest[5].party_b_id_number, actor=clerk,
                        on=today - ONE_DAY * 2)


def _adoptions(office, clerk, today: datetime.date) -> None:
    """Received, assessed, a foundling under notice, registered, refused, withdrawn."""
    district = office.division.code[:6]

    def adopters(n: int):
        return [adoptions.AdopterInput(name=f"{SURNAMES[n]}建国", married=True,
                                       id_number=generate_id_number(district, datetime.date(1978 + n, 3, 1), Sex.MALE,
                                                                    400 + n)),
                adoptions.AdopterInput(name=f"{SURNAMES[n + 1]}秀英", married=True,
                                       id_number=generate_id_number(district, datetime.date(1980 + n, 5, 1),
                                                                    Sex.FEMALE, 400 + n))]

    def child(n: int, **situation):
        return [adoptions.ChildInput(name=f"{SURNAMES[n]}小宝", birth_date=datetime.date(2019 + n % 4, 6, 1),
                                     sex=Sex.FEMALE if n % 2 else Sex.MALE, **(situation or {"orphan": True}))]

    def assess(application, outcome="suitable"):
        adoptions.record_assessment(application, assessor="和平区收养评估中心（演示）", actor=clerk,
                                    assessed_on=application.received_on + ONE_DAY * 7, outcome=outcome,
                                    findings="家庭关系和睦，住房、收入稳定，具备抚养教育能力。")

    adoptions.receive_adoption(office, adopters(0), child(0), actor=clerk, on=today - ONE_DAY * 3)
    assess(adoptions.receive_adoption(office, adopters(1), child(1), actor=clerk, on=today - ONE_DAY * 12))
    foundling = adoptions.receive_adoption(office, adopters(2), child(2, parents_unknown=True,
                                                                      in_welfare_institution=True),
                                           actor=clerk, on=today - ONE_DAY * 20)
    adoptions.publish_notice(foundling.children.get(), published_on=today - ONE_DAY * 18, medium="天津日报",
                             actor=clerk)
    registered = adoptions.receive_adoption(office, adopters(3), child(3), actor=clerk, on=today - ONE_DAY * 40)
    assess(registered)
    adoptions.decide_adoption(registered, actor=clerk, on=today - ONE_DAY * 20)
    refused = adoptions.receive_adoption(office, adopters(4), child(4), actor=clerk, on=today - ONE_DAY * 35)
    assess(refused, outcome="unsuitable")
    adoptions.decide_adoption(refused, actor=clerk, on=today - ONE_DAY * 15, note="建议完善家庭条件后再申请。")
    adoptions.withdraw_adoption(adoptions.receive_adoption(office, adopters(5), child(5), actor=clerk,
                                                           on=today - ONE_DAY * 30), actor=clerk,
                                on=today - ONE_DAY * 25, note="申请人撤回。")


def create_demo_marriage(users: dict) -> dict | None:
    """Make the demo registry (see the module's docstring); None when an office exists. Returns counts."""
    if RegistryOffice.objects.exists():
        return None
    today = timezone.localdate()
    with transaction.atomic():
        offices = _offices(today)
        clerks = _clerks(users)
    heping, hexi = offices["120101"], offices["120103"]
    popular = _special_days(heping, today)
    booked = _appointments(heping, popular, clerks["120101"], today)
    marriages = _registrations(heping, clerks["120101"], today)
    _registrations(hexi, clerks["120103"], today)
    _divorces(heping, marriages, clerks["120101"], today)
    _adoptions(heping, clerks["120101"], today)
    slots = sum(open_slots_ahead(office, today=today) for office in offices.values())
    return {"offices": len(offices), "appointments": booked, "marriages": len(marriages), "slots": slots,
            "popular_date": popular.isoformat()}
