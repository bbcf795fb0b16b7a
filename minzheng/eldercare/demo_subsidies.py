"""Demo elderly-care subsidies in every state, through the services: sample rules; a care subsidy in payment, one
at the district's step, one just filed; an old-age allowance refused; one stopped by the beneficiary's death. The
payments demo, which runs after, pays them in the shared rolls. The rules are marked as samples (Tianjin's
figures are not confirmed)."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from minzheng.assistance import flows, procedure
from minzheng.assistance.benefits import add_months
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.assistance.models.cases import SUBSIDY_KINDS
from minzheng.divisions.models import Division
from minzheng.eldercare.models import SubsidyRuleSet
from minzheng.eldercare.services.subsidies import apply_for_subsidy
from minzheng.registry.choices import HouseholdKind, LifeEventKind, Relation
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.services import record_life_event

__all__ = ["create_demo_subsidies"]

SAMPLE = "示例规则（天津市标准待确认）"


def _rules(city: Division) -> dict[str, Program]:
    programs = {code: Program.objects.get(code=code) for code in ("care_subsidy", "longevity", "homecare_subsidy")}
    start = datetime.date(2014, 1, 1)
    SubsidyRuleSet.objects.create(program=programs["care_subsidy"], division=city, effective_from=start,
                                  is_sample=True, source_document=SAMPLE, income_limit_multiple=Decimal("2"),
                                  level_amounts={"1": "100", "2": "200", "3": "300"})
    SubsidyRuleSet.objects.create(program=programs["longevity"], division=city, effective_from=start, min_age=80,
                                  is_sample=True, source_document=SAMPLE,
                                  age_amounts={"80": "50", "90": "100", "100": "300"})
    SubsidyRuleSet.objects.create(program=programs["homecare_subsidy"], division=city, effective_from=start,
                                  is_sample=True, source_document=SAMPLE, flat_amount=Decimal("150"),
                                  rural_only=True)
    return programs


def _household(person: Person) -> Household:
    membership = person.memberships.filter(end_date__isnull=True).select_related("household").first()
    if membership is not None:
        return membership.household
    household = Household.objects.create(number=f"YL{person.pk:010d}", kind=HouseholdKind.URBAN,
                                         division=person.hukou_division)
    Membership.objects.create(household=household, person=person, relation=Relation.HEAD,
                              start_date=person.birth_date)
    return household


def _documents() -> dict:
    return {"application_document": ContentFile(b"%PDF-1.4 demo", name="补贴申请.pdf"),
            "authorisation_document": ContentFile(b"%PDF-1.4 demo", name="授权书.pdf")}


def _apply(program: Program, person: Person, users: dict) -> AssistanceCase:
    return apply_for_subsidy(program=program, person=person, household=_household(person), actor=users["worker"],
                             household_income=Decimal("1200"), reason="本人申请", **_documents())


def _approve(case: AssistanceCase, users: dict, benefit_from: datetime.date) -> AssistanceCase:
    procedure.decide_step(case, actor=users["officer"], step_code=flows.ACCEPT, decision="approve")
    return procedure.decide_step(case, actor=users["approver"], step_code=flows.APPROVE, decision="approve",
                                 benefit_from=benefit_from)


def _oldest(community: Division, today: datetime.date, number: int) -> Person:
    """A demo elder of 92 who will have died last month (the stopped allowance)."""
    birth = datetime.date(today.year - 92, 3, 3)
    return Person.objects.create(name="冯寿山", sex="1", birth_date=birth, hukou_division=community,
                                 id_number=generate_id_number(community.code[:6], birth, "1", number),
                                 remarks="养老服务演示")


def create_demo_subsidies(users: dict, elders: list[Person], community: Division, today: datetime.date) -> int:
    """``users`` maps worker, officer, approver; ``elders[1..3]`` hold confirmed assessments of levels 1–3.
    Returns the number of subsidy cases."""
    city = Division.objects.filter(depth=0).order_by("pk").first()
    programs = _rules(city)
    this_month = today.replace(day=1)
    _approve(_apply(programs["care_subsidy"], elders[2], users), users, add_months(this_month, -2))
    at_district = _apply(programs["care_subsidy"], elders[3], users)
    procedure.decide_step(at_district, actor=users["officer"], step_code=flows.ACCEPT, decision="approve")
    _apply(programs["care_subsidy"], elders[1], users)                                        # 受理 waiting
    refused = _apply(programs["longevity"], elders[0], users) if elders[0].birth_date.year <= today.year - 80 \
        else None
    if refused is not None:
        procedure.decide_step(refused, actor=users["officer"], step_code=flows.ACCEPT, decision="approve")
        procedure.decide_step(refused, actor=users["approver"], step_code=flows.APPROVE, decision="reject",
                              reason="户籍地核实不符，不予发放")
    oldest = _oldest(community, today, 471)
    _approve(_apply(programs["longevity"], oldest, users), users, add_months(this_month, -3))
    record_life_event(oldest, LifeEventKind.DEATH, add_months(this_month, -1) + datetime.timedelta(days=9),
                      actor=users["officer"])
    return AssistanceCase.objects.filter(kind__in=SUBSIDY_KINDS).count()
