"""Test data of elderly care, saved directly (no service, no audit) unless the name says it goes through one."""

import datetime
from decimal import Decimal

from django.utils import timezone

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
    InstitutionStatus,
    OperatingModel,
    OrderChannel,
    Ownership,
    PremiumPayer,
    PriceUnit,
    ProviderKind,
    ServiceCategory,
)
from minzheng.eldercare.models import (
    Assessment,
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
from minzheng.eldercare.services.assessments import record_assessment, result_data, rule_table_on, score
from minzheng.eldercare.services.homecare import order_division
from minzheng.eldercare.tests.assessment_helpers import answers_for_grades
from minzheng.registry.tests.factories import make_person

__all__ = ["DAY", "assessed", "association", "award", "bed_block", "centre", "elder", "finding", "inspection",
           "institution", "occupancy", "order", "policy", "provider", "service", "stored_assessment"]

DAY = datetime.date


def institution(division, name: str = "和平区福寿养老院", **extra) -> Institution:
    extra.setdefault("ownership", Ownership.PRIVATE)
    extra.setdefault("status", InstitutionStatus.OPERATING)
    extra.setdefault("opened_on", DAY(2013, 1, 1))
    return Institution.objects.create(name=name, division=division, **extra)


def bed_block(of: Institution, beds: int, on=datetime.date(2014, 3, 1), kind=BedKind.NURSING,
              change=BedChange.ADDED) -> BedBlock:
    return BedBlock.objects.create(institution=of, beds=beds, on=on, kind=kind, change=change)


def occupancy(of: Institution, occupied: int, as_of=datetime.date(2014, 6, 30)) -> OccupancyReport:
    return OccupancyReport.objects.create(institution=of, occupied=occupied, as_of=as_of)


def inspection(of: Institution, on=datetime.date(2014, 5, 6), **extra) -> Inspection:
    extra.setdefault("kind", InspectionKind.ROUTINE)
    extra.setdefault("conclusion", InspectionConclusion.RECTIFY)
    return Inspection.objects.create(institution=of, inspected_on=on, inspectors="王检查、李检查", **extra)


def finding(of: Inspection, due=datetime.date(2014, 6, 6), description: str = "消防通道堆放杂物") -> InspectionFinding:
    return InspectionFinding.objects.create(inspection=of, category=FindingCategory.FIRE_SAFETY,
                                            description=description, rectification_due=due)


def centre(division, kind=CentreKind.DAYCARE, opened_on=datetime.date(2014, 4, 1), name: str | None = None, served=(),
           **extra) -> ServiceCentre:
    extra.setdefault("operating_model", OperatingModel.COMMUNITY)
    made = ServiceCentre.objects.create(kind=kind, name=name or f"{division.name}{CentreKind(kind).label[:6]}",
                                        division=division, opened_on=opened_on, **extra)
    made.served_communities.set(served)
    return made


def elder(division, name: str = "赵老伯", birth_date=datetime.date(1936, 3, 8), **extra):
    return make_person(division, name=name, birth_date=birth_date, **extra)


def assessed(person, actor, grades=(0, 0, 0, 0), on=datetime.date(2014, 9, 1), findings=(), **extra):
    """An assessment recorded through the service by ``actor``, with answers giving ``grades``."""
    return record_assessment(person=person, assessed_on=on, reason=extra.pop("reason", "initial"),
                             answers=answers_for_grades(*grades), findings=findings, actor=actor, **extra)


def stored_assessment(person, grades=(0, 0, 0, 0), on=datetime.date(2014, 9, 1), findings=(),
                      **extra) -> Assessment:
    """An assessment scored like the service does, saved directly (no assessor, no change-log row)."""
    table = rule_table_on(on)
    result = score(table, answers_for_grades(*grades), findings)
    return Assessment.objects.create(
        person=person, division=person.hukou_division, rule_table=table, assessed_on=on,
        reason=extra.pop("reason", "initial"), answers=answers_for_grades(*grades), findings=sorted(findings),
        results=result_data(result), level=result.level, level_name=result.level_name,
        due_on=add_months(on, table.rules.reassessment_months), **extra)


def order(person, hours: int = 0, category=ServiceCategory.MEALS, **extra) -> ServiceOrder:
    """A received order, saved directly (numbered by its pk)."""
    received = datetime.datetime(2014, 9, 1, 9, 30, tzinfo=timezone.get_current_timezone())
    division = order_division(person)
    return ServiceOrder.objects.create(
        person=person, division=division, category=category, channel=extra.pop("channel", OrderChannel.PHONE),
        request=extra.pop("request", f"{person.name}要求每日午餐送餐上门"), number=f"T{person.pk:08d}{hours:03d}",
        received_at=received + datetime.timedelta(hours=hours), **extra)


def provider(division, name: str = "金色年华居家养老服务中心", **extra) -> Provider:
    extra.setdefault("kind", ProviderKind.SOCIAL_ORGANISATION)
    return Provider.objects.create(name=name, division=division, registered_on=DAY(2013, 6, 1), **extra)


def service(of: Provider, name: str = "上门送餐", category=ServiceCategory.MEALS, price="12.00",
            unit=PriceUnit.MEAL) -> ProviderService:
    return ProviderService.objects.create(provider=of, name=name, category=category, price=Decimal(price), unit=unit)


def policy(person, year: int = 2014, number: str | None = None, **extra) -> InsurancePolicy:
    return InsurancePolicy.objects.create(
        person=person, year=year, insurer="人保财险天津分公司", policy_number=number or f"PICC{year}{person.pk:06d}",
        insured_from=DAY(year, 1, 1), insured_until=DAY(year, 12, 31), premium=Decimal("20.00"),
        paid_by=extra.pop("paid_by", PremiumPayer.GOVERNMENT), **extra)


def association(community, name: str | None = None, **extra) -> ElderlyAssociation:
    return ElderlyAssociation.objects.create(division=community, name=name or f"{community.name}老年人协会",
                                             founded_on=extra.pop("founded_on", DAY(2012, 5, 1)), members=120, **extra)


def award(division, awardee: str, year: int = 2014, **extra) -> HonourAward:
    return HonourAward.objects.create(awardee=awardee, awardee_kind=extra.pop("awardee_kind", AwardeeKind.UNIT),
                                      division=division, year=year, level=extra.pop("level", AwardLevel.CITY),
                                      awarded_by="天津市老龄工作委员会", **extra)
