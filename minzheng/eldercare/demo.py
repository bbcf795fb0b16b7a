"""The demo of elderly care (``minzheng setup --demo``): institutions established under both rule sets, with
beds, occupancy and inspections; day-care centres, meal centres and meal points; assessments in every level
and state; home-care providers and orders in every state; accident insurance; associations and awards.

Run as the demo users (``users``: username → user): the street officers of 劝业场街道 assess (two of them, one
records and the other confirms), the community worker takes home-care orders, the district approvers keep the
institutions, the city administrator the rest. Idempotent: nothing once an institution exists.
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from minzheng.assistance.models import Program
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.eldercare.assessment.examples import answers_for_grades
from minzheng.eldercare.assessment.scoring import add_months
from minzheng.eldercare.choices import (
    AwardeeKind,
    AwardLevel,
    BedChange,
    BedKind,
    CentreKind,
    FindingCategory,
    InspectionConclusion,
    InspectionKind,
    OperatingModel,
    OrderChannel,
    Ownership,
    PremiumPayer,
    PriceUnit,
    ProviderKind,
    ServiceCategory,
)
from minzheng.eldercare.constants import born_by
from minzheng.eldercare.demo_subsidies import create_demo_subsidies
from minzheng.eldercare.models import (
    BedBlock,
    ElderlyAssociation,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
)
from minzheng.eldercare.services import assessments, establishment, homecare, inspections
from minzheng.eldercare.services.reference import seed_reference
from minzheng.registry.choices import PersonStatus
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import Person

__all__ = ["DemoEldercare", "create_demo_eldercare"]

DAY = datetime.date
ELDERS = (("赵德顺", "1", DAY(1938, 2, 11)), ("钱秀英", "2", DAY(1941, 7, 23)), ("孙长福", "1", DAY(1935, 11, 2)),
          ("李桂兰", "2", DAY(1944, 4, 18)), ("周永年", "1", DAY(1949, 9, 9)), ("吴淑珍", "2", DAY(1932, 1, 30)),
          ("郑国强", "1", DAY(1951, 5, 5)), ("王玉梅", "2", DAY(1946, 12, 12)))


class DemoEldercare(dict):
    """What the demo made, by kind (counts are ``len`` of each list)."""


def _user(users: dict, *names):
    return next(users[name] for name in (*names, "city_admin") if users.get(name) is not None)


def _elders(community: Division, count: int, today: datetime.date) -> list[Person]:
    """``count`` living elderly people registered in ``community``: the registry's first, then new ones."""
    found = list(Person.objects.filter(hukou_division=community, status=PersonStatus.ALIVE,
                                       birth_date__lte=born_by(today, 62)).order_by("pk")[:count])
    sequence = itertools.count(400)
    for name, sex, birth in ELDERS[len(found):count]:
        number = generate_id_number(community.code[:6], birth, sex, next(sequence))
        while Person.objects.filter(id_number=number).exists():
            number = generate_id_number(community.code[:6], birth, sex, next(sequence))
        person = Person(name=name, sex=sex, birth_date=birth, id_number=number, hukou_division=community,
                        remarks="养老服务演示")
        person.save()
        found.append(person)
    return found


def _institutions(heping: Division, hexi: Division | None, users: dict, today: datetime.date) -> list[Institution]:
    """Five institutions: licensed in 2014, public since 2000, refused then filed in 2019, pending, filed."""
    approver = _user(users, "heping_approver")
    street = heping.children.order_by("code").first() or heping
    fushou = Institution.objects.create(name="和平区福寿养老院", division=street, ownership=Ownership.PRIVATE,
                                        operator="天津福寿养老服务有限公司", address="和平区南京路118号",
                                        phone="022-27110001")
    record = establishment.start_establishment(fushou, received_on=DAY(2014, 3, 3), applicant=fushou.operator,
                                               beds_declared=120, actor=approver)
    establishment.record_site_inspection(record, on=DAY(2014, 3, 20), passed=True, notes="消防、卫生合格",
                                         actor=approver)
    establishment.decide_licence(record, on=DAY(2014, 3, 28), granted=True, licence_number="津和民养许〔2014〕001号",
                                 actor=approver)
    welfare = Institution.objects.create(name="和平区社会福利院", division=street, ownership=Ownership.PUBLIC,
                                         status="operating", opened_on=DAY(2000, 10, 1), address="和平区西康路6号")
    yiyang = Institution.objects.create(name="劝业场颐养中心", division=street, ownership=Ownership.PUBLIC_PRIVATE,
                                        operator="天津颐养健康管理有限公司")
    refused = establishment.start_establishment(yiyang, received_on=DAY(2017, 5, 8), applicant=yiyang.operator,
                                                beds_declared=80, actor=approver)
    establishment.record_site_inspection(refused, on=DAY(2017, 5, 25), passed=False, notes="疏散通道宽度不足",
                                         actor=approver)
    establishment.decide_licence(refused, on=DAY(2017, 6, 2), granted=False, reason="消防设施不符合要求",
                                 actor=approver)
    establishment.start_establishment(yiyang, received_on=DAY(2019, 4, 1), applicant=yiyang.operator,
                                      beds_declared=80, registration_authority="和平区行政审批局",
                                      registration_number="52120101MJ0000001X", registered_on=DAY(2019, 3, 15),
                                      actor=approver)
    homes = [fushou, welfare, yiyang]
    if hexi is not None:
        hx_approver = _user(users, "hexi_approver")
        hx_street = hexi.children.order_by("code").first() or hexi
        kangle = Institution.objects.create(name="河西区康乐养老院", division=hx_street, ownership=Ownership.PRIVATE,
                                            operator="康乐养老服务中心")
        establishment.start_establishment(kangle, received_on=DAY(2018, 12, 10), applicant=kangle.operator,
                                          beds_declared=60, actor=hx_approver)
        jinse = Institution.objects.create(name="河西区金色晚年公寓", division=hx_street, ownership=Ownership.PRIVATE,
                                           operator="金色晚年（天津）养老有限公司")
        establishment.start_establishment(jinse, received_on=today.replace(month=1, day=5) if today.month > 1 else
                                          today, applicant=jinse.operator, beds_declared=200,
                                          registration_authority="河西区市场监督管理局",
                                          registration_number="91120103MA07000002", registered_on=DAY(2019, 1, 2),
                                          actor=hx_approver)
        homes += [kangle, jinse]
    return homes


def _beds(homes: list[Institution], today: datetime.date) -> None:
    this_year = today.replace(month=1, day=2)
    plan = {0: [(BedKind.NURSING, 80, DAY(2014, 3, 28)), (BedKind.SELF_CARE, 40, DAY(2014, 3, 28)),
                (BedKind.NURSING, 30, this_year)],
            1: [(BedKind.SELF_CARE, 150, DAY(2000, 10, 1)), (BedKind.NURSING, 50, DAY(2014, 9, 1))],
            2: [(BedKind.NURSING, 80, DAY(2019, 3, 15))],
            3: [(BedKind.NURSING, 60, DAY(2018, 12, 10))],
            4: [(BedKind.SELF_CARE, 120, DAY(2019, 1, 2)), (BedKind.NURSING, 80, this_year)]}
    for index, blocks in plan.items():
        if index < len(homes):
            for kind, beds, on in blocks:
                BedBlock.objects.create(institution=homes[index], kind=kind, beds=beds, on=on)
    BedBlock.objects.create(institution=homes[1], kind=BedKind.SELF_CARE, change=BedChange.REMOVED, beds=20,
                            on=DAY(2016, 6, 30), remarks="改建为护理床位")
    for home, occupied in zip(homes, (118, 160, 52, 0, 150), strict=False):
        if home.capacity_on(today):
            OccupancyReport.objects.create(institution=home, as_of=today.replace(day=1), occupied=occupied)
            OccupancyReport.objects.create(institution=home, as_of=DAY(2019, 12, 31),
                                           occupied=min(occupied, home.capacity_on(DAY(2019, 12, 31))))


def _inspections(homes: list[Institution], users: dict, today: datetime.date) -> None:
    """An overdue finding, one still within its deadline, one rectified."""
    check = Inspection.objects.create(institution=homes[0], inspected_on=today - datetime.timedelta(days=60),
                                      kind=InspectionKind.FIRE_SAFETY, inspectors="和平区民政局、消防支队",
                                      conclusion=InspectionConclusion.RECTIFY, summary="消防安全专项检查")
    InspectionFinding.objects.create(inspection=check, category=FindingCategory.FIRE_SAFETY,
                                     description="三楼疏散通道堆放杂物",
                                     rectification_due=today - datetime.timedelta(days=30))
    InspectionFinding.objects.create(inspection=check, category=FindingCategory.CARE, description="夜间护理员配备不足",
                                     rectification_due=today + datetime.timedelta(days=30))
    kitchen = InspectionFinding.objects.create(inspection=check, category=FindingCategory.FOOD_HYGIENE,
                                               description="厨房未按规定留样", rectification_due=today)
    inspections.rectify_finding(kitchen, on=today - datetime.timedelta(days=50), note="已配备留样冰箱并建立台账",
                                actor=_user(users, "heping_approver"))
    Inspection.objects.create(institution=homes[1], inspected_on=DAY(2014, 11, 12), kind=InspectionKind.ANNUAL,
                              inspectors="和平区民政局", conclusion=InspectionConclusion.PASSED)


def _centres(heping: Division, hexi: Division | None, today: datetime.date) -> list[ServiceCentre]:
    communities = list(Division.objects.filter(path__startswith=heping.path, level=Level.COMMUNITY,
                                               valid_to__isnull=True).order_by("code")[:4])
    made = [ServiceCentre.objects.create(kind=CentreKind.MEAL_CENTRE, name="和平区老年配餐中心", division=heping,
                                         opened_on=DAY(2014, 6, 18), operating_model=OperatingModel.PURCHASED,
                                         contractor="天津市爱心餐饮管理有限公司", contract_number="HPMZ-2014-012",
                                         contract_start=DAY(2014, 6, 1), contract_end=DAY(2015, 5, 31),
                                         contract_amount=Decimal("360000.00"), places=800)]
    for index, community in enumerate(communities):
        made.append(ServiceCentre.objects.create(
            kind=CentreKind.DAYCARE, name=f"{community.name}老年日间照料服务中心", division=community,
            opened_on=DAY(2014, 3 + index, 15) if index < 2 else today.replace(day=1),
            operating_model=(OperatingModel.COMMUNITY, OperatingModel.SOCIAL_ORGANISATION)[index % 2],
            operator="" if index % 2 == 0 else "和平区夕阳红养老服务社", places=30))
    for index, community in enumerate(communities[:2]):
        point = ServiceCentre.objects.create(kind=CentreKind.MEAL_POINT, name=f"{community.name}老年助餐点",
                                             division=community, opened_on=DAY(2014, 9, 1),
                                             operating_model=OperatingModel.COMMUNITY, places=60)
        if index == 0 and len(communities) > 2:
            point.served_communities.set(communities[2:3])
        made.append(point)
    if hexi is not None:
        made.append(ServiceCentre.objects.create(kind=CentreKind.MEAL_CENTRE, name="河西区老年配餐中心",
                                                 division=hexi, opened_on=DAY(2014, 10, 8),
                                                 operating_model=OperatingModel.SOCIAL_ORGANISATION,
                                                 operator="河西区助老餐饮服务中心"))
    return made


def _answers(today: datetime.date, *grades: int) -> dict[str, int]:
    rules = assessments.rule_table_on(today).rules
    return answers_for_grades(rules, dict(zip((d.code for d in rules.dimensions), grades, strict=False)))


def _assessments(elders: list[Person], first, second, today: datetime.date) -> list:
    """Every level confirmed (one superseded, one flagged), one awaiting confirmation, one cancelled."""
    recent = today - datetime.timedelta(days=40)
    made = []
    for person, grades in zip(elders[:4], ((0, 0, 0, 0), (1, 0, 0, 0), (2, 1, 0, 1), (3, 0, 0, 0)), strict=False):
        if person is elders[2]:
            earlier = assessments.record_assessment(
                person=person, assessed_on=add_months(recent, -5), reason="initial",
                answers=_answers(today, 1, 0, 0, 0), actor=first, organisation="和平区养老服务评估中心")
            assessments.confirm_assessment(earlier, actor=second)
        assessment = assessments.record_assessment(
            person=person, assessed_on=recent, reason="regular" if person is elders[2] else "initial",
            answers=_answers(today, *grades), findings=("dementia",) if person is elders[3] else (), actor=first,
            organisation="和平区养老服务评估中心")
        made.append(assessments.confirm_assessment(assessment, actor=second))
    assessments.report_condition_change(made[1], on=today - datetime.timedelta(days=3), note="近日跌倒，行走困难",
                                        actor=first)
    if len(elders) > 4:
        made.append(assessments.record_assessment(person=elders[4], assessed_on=today, reason="initial",
                                                  answers=_answers(today, 1, 1, 0, 0), actor=first))
    if len(elders) > 5:
        wrong = assessments.record_assessment(person=elders[5], assessed_on=recent, reason="initial",
                                              answers=_answers(today, 0, 0, 0, 0), actor=first)
        made.append(assessments.cancel_assessment(wrong, reason="评估对象身份核对有误", actor=second))
    return made


def _homecare(heping: Division, elders: list[Person], taker, today: datetime.date) -> list[ServiceOrder]:
    """Two providers with their catalogues; an order in every state."""
    jinse = Provider.objects.create(name="金色年华居家养老服务中心", kind=ProviderKind.SOCIAL_ORGANISATION,
                                    division=heping, registered_on=DAY(2013, 6, 1), phone="022-27200001")
    leling = Provider.objects.create(name="乐龄家政服务有限公司", kind=ProviderKind.ENTERPRISE, division=heping,
                                     registered_on=DAY(2014, 2, 1), phone="022-27200002")
    meals = ProviderService.objects.create(provider=jinse, category=ServiceCategory.MEALS, name="上门送餐",
                                           unit=PriceUnit.MEAL, price=Decimal("12.00"))
    ProviderService.objects.create(provider=jinse, category=ServiceCategory.BATHING, name="上门助浴",
                                   unit=PriceUnit.VISIT, price=Decimal("60.00"))
    cleaning = ProviderService.objects.create(provider=leling, category=ServiceCategory.CLEANING, name="居家保洁",
                                              unit=PriceUnit.HOUR, price=Decimal("30.00"))
    now = timezone.now()
    orders = []
    steps = ("received", "dispatched", "visited", "completed", "closed", "cancelled")
    for index, step in enumerate(steps):
        person = elders[index % len(elders)]
        service = meals if index % 2 == 0 else cleaning
        start = now - datetime.timedelta(days=6 - index, hours=5)
        request = ServiceOrder(person=person, category=service.category, channel=OrderChannel.PHONE,
                               request=f"{person.name}申请{service.name}", contact_phone="13800000000")
        order = homecare.take_order(request, actor=taker, received_at=start)
        if step != "received":
            if step == "cancelled":
                order = homecare.cancel_order(order, reason="老人住院，暂停服务",
                                              at=start + datetime.timedelta(hours=1), actor=taker)
            else:
                order = homecare.dispatch_order(order, provider=service.provider, service=service,
                                                at=start + datetime.timedelta(hours=1), actor=taker)
        if step in ("visited", "completed", "closed"):
            order = homecare.record_visit(order, note="服务人员按时上门", at=start + datetime.timedelta(hours=3),
                                          actor=taker)
        if step in ("completed", "closed"):
            order = homecare.complete_order(order, quantity=Decimal("2"), at=start + datetime.timedelta(hours=4),
                                            actor=taker)
        if step == "closed":
            order = homecare.record_satisfaction(order, satisfaction=5, feedback="服务周到",
                                                 at=start + datetime.timedelta(hours=5), actor=taker)
        orders.append(order)
    return orders


def _registries(heping: Division, elders: list[Person], homes: list[Institution], today: datetime.date) -> None:
    for index, person in enumerate(elders):
        for year in (2014, today.year):
            if person.birth_date <= born_by(DAY(year, 12, 31)):
                InsurancePolicy.objects.get_or_create(person=person, year=year, defaults={
                    "insurer": "中国人民财产保险天津市分公司", "policy_number": f"PICC{year}{person.pk:08d}",
                    "insured_from": DAY(year, 1, 1), "insured_until": DAY(year, 12, 31),
                    "premium": Decimal("20.00"), "sum_insured": Decimal("30000.00"),
                    "paid_by": PremiumPayer.GOVERNMENT if index % 3 else PremiumPayer.SHARED})
    for community in Division.objects.filter(path__startswith=heping.path, level=Level.COMMUNITY,
                                             valid_to__isnull=True).order_by("code")[:3]:
        ElderlyAssociation.objects.create(division=community, name=f"{community.name}老年人协会",
                                          founded_on=DAY(2012, 9, 9), chair="张会长", members=150)
    HonourAward.objects.create(awardee=homes[0].name, awardee_kind=AwardeeKind.INSTITUTION, division=heping,
                               institution=homes[0], year=2014, level=AwardLevel.CITY,
                               awarded_by="天津市老龄工作委员会", document_number="津老龄委〔2014〕8号")
    HonourAward.objects.create(awardee="和平区老年配餐中心", awardee_kind=AwardeeKind.CENTRE, division=heping,
                               year=2015, level=AwardLevel.DISTRICT, awarded_by="和平区老龄工作委员会")


@transaction.atomic
def create_demo_eldercare(users: dict) -> DemoEldercare | None:
    """Create the elderly-care demo; None when an institution exists already (run once)."""
    if Institution.objects.exists():
        return None
    seed_reference()
    today = timezone.localdate()
    heping = Division.objects.current().filter(code="120101").first()
    hexi = Division.objects.current().filter(code="120103").first()
    worker = users.get("heping_worker")
    community = worker.role_assignments.get().division if worker is not None else Division.objects.filter(
        path__startswith=heping.path, level=Level.COMMUNITY).order_by("code").first()
    elders = _elders(community, 6, today)
    homes = _institutions(heping, hexi, users, today)
    _beds(homes, today)
    _inspections(homes, users, today)
    centres = _centres(heping, hexi, today)
    made = _assessments(elders, _user(users, "heping_officer"), _user(users, "heping_officer2", "heping_approver"),
                        today)
    orders = _homecare(heping, elders, _user(users, "heping_worker", "heping_officer"), today)
    staff = {"worker": users.get("heping_worker"), "officer": users.get("heping_officer"),
             "approver": users.get("heping_approver")}
    if all(staff.values()) and Program.objects.filter(code="care_subsidy").exists():
        create_demo_subsidies(staff, elders, community, today)
    _registries(heping, elders, homes, today)
    return DemoEldercare(institutions=homes, centres=centres, assessments=made, orders=orders)
