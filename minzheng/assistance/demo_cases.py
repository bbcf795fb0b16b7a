"""Demo assistance cases in every state, written through the services by the demo staff of 劝业场街道
(和平区): so ``make run`` shows each 低保 step, an objection, a close-relative flag, an overdue case, cases in
payment, a review, a refusal and a withdrawal; 临时救助 approved by the street, waiting for the district and
granted first (先行救助); 医疗救助 claims; and a new sample standard whose recalculation waits for approval —
with their audit trail.

The demo goes back in time where the procedure needs it (a notice that has run its seven days, a
benefit that started months ago) by passing ``now``/``benefit_from`` to the services, or, for the
overdue case only, by moving its step's start back. Idempotent: nothing is added once a case exists.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from minzheng.approvals import services as approvals
from minzheng.approvals.models import ApprovalRequest
from minzheng.approvals.rules import step_deadline
from minzheng.assistance import flows, medical, procedure, recalculation, reviews, temporary
from minzheng.assistance.benefits import add_months
from minzheng.assistance.choices import (
    CaseChannel,
    CaseworkerRole,
    EvaluationOutcome,
    Kinship,
    MedicalCategory,
    ReviewDecision,
)
from minzheng.assistance.conflicts import find_conflicts
from minzheng.assistance.models import AssistanceCase, CaseworkerRecord, DeclaredRelative, Program, Standard
from minzheng.assistance.services import file_conflict
from minzheng.registry.choices import PersonStatus
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.models import Household

__all__ = ["create_demo_assistance"]

NOTICE_PASSED = datetime.timedelta(days=12)


def _households(community, count: int) -> list[Household]:
    """Households of ``community`` whose members are all living and identified (oldest first)."""
    households = (Household.objects.filter(division=community, dissolved_on__isnull=True)
                  .exclude(memberships__person__status__in=[PersonStatus.DECEASED])
                  .exclude(memberships__person__id_number__isnull=True).order_by("number").distinct())
    return list(households[:count])


def _documents() -> dict:
    return {"application_document": ContentFile(b"%PDF-1.4 demo application", name="申请书.pdf"),
            "authorisation_document": ContentFile(b"%PDF-1.4 demo authorisation", name="授权书.pdf")}


class _Demo:
    """The demo staff acting on cases of one community."""

    def __init__(self, users: dict, program: Program):
        self.users, self.program = users, program

    def apply(self, household, *, income: str, channel=CaseChannel.COMMUNITY) -> AssistanceCase:
        return self.apply_to(self.program, household, income=income, channel=channel)

    def apply_to(self, program, household, *, income: str, channel=CaseChannel.COMMUNITY, requested=None,
                 reason: str = "家庭收入低于低保标准") -> AssistanceCase:
        head = household.memberships.filter(end_date__isnull=True).order_by("pk").first().person
        actor = self.users["worker"] if channel == CaseChannel.COMMUNITY else self.users["officer"]
        return procedure.apply(program=program, household=household, applicant=head, actor=actor, channel=channel,
                               household_income=Decimal(income), reason=reason,
                               requested_amount=Decimal(requested) if requested else None, **_documents())

    def investigate(self, case, *, income: str, eligible: bool = True, home_visit: bool = True) -> None:
        members = case.household.memberships.filter(end_date__isnull=True).count()
        procedure.record_investigation(
            case, actor=self.users["officer"], investigator_1=self.users["officer"],
            investigator_2=self.users["officer2"], visited_on=timezone.localdate(), member_count=members,
            household_income=Decimal(income), findings="入户核查：家中无大件资产，无机动车", eligible=eligible,
            home_visit=home_visit, neighbour_visits=2, neighbour_notes="邻居证实家庭收入情况属实",
            data_check="户籍、社保、公积金、车辆、不动产已核对")

    def decide(self, case, step: str, decision: str = "approve", *, by: str = "officer", reason: str = "",
               now=None, **extra) -> AssistanceCase:
        return procedure.decide_step(case, actor=self.users[by], step_code=step, decision=decision, reason=reason,
                                     now=now, **extra)

    def evaluate(self, case) -> None:
        procedure.record_evaluation(case, actor=self.users["officer"], held_on=timezone.localdate(), attendance=11,
                                    attendees="居民代表8人、居委会委员3人", votes_for=10, votes_against=0,
                                    abstentions=1, outcome=EvaluationOutcome.AGREED, venue="社区议事厅")

    def to_notice(self, case, *, income: str) -> ApprovalRequest:
        self.decide(case, flows.ACCEPT)
        self.investigate(case, income=income)
        self.decide(case, flows.INVESTIGATE, by="officer2")
        self.evaluate(case)
        self.decide(case, flows.EVALUATE)
        return procedure.case_request(case)

    def to_district(self, case, *, income: str) -> None:
        self.to_notice(case, income=income)
        self.decide(case, flows.NOTICE, now=timezone.now() + NOTICE_PASSED)

    def approve(self, case, *, income: str, months_ago: int = 3) -> AssistanceCase:
        self.to_district(case, income=income)
        first = add_months(timezone.localdate().replace(day=1), -months_ago)
        return self.decide(case, flows.APPROVE, by="approver", benefit_from=first,
                           now=timezone.now() + NOTICE_PASSED)


def _conflict_case(demo: _Demo, household) -> None:
    """A case whose member is the declared sibling of the second street officer: flagged, filed, visited."""
    member = household.memberships.filter(end_date__isnull=True).order_by("-pk").first().person
    officer2 = demo.users["officer2"]
    record = CaseworkerRecord.objects.create(
        name=officer2.full_name or officer2.username, id_number=_staff_number(member), role=CaseworkerRole.CASE_OFFICER,
        position="社会救助经办员", division=household.division.parent, user=officer2,
        active_from=datetime.date(2014, 1, 1))
    DeclaredRelative.objects.create(caseworker=record, relation=Kinship.SIBLING, person=member)
    case = demo.apply(household, income="600")
    demo.decide(case, flows.ACCEPT)
    for conflict in find_conflicts([member.id_number], case.division):
        file_conflict(conflict, actor=demo.users["officer"], division=case.division, case_reference=case.number,
                      note="经办人员近亲属申请，已备案，入户核查100%")


def _staff_number(member) -> str:
    """A valid identity number for the demo staff member, distinct from the residents'."""
    from minzheng.registry.idcard import generate_id_number

    return generate_id_number(member.id_number[:6], datetime.date(1979, 5, 4), "1", 451)


def _overdue(demo: _Demo, case) -> None:
    """Accepted long ago and never investigated: listed for supervision (督办)."""
    demo.decide(case, flows.ACCEPT)
    request = procedure.case_request(case)
    started = timezone.now() - datetime.timedelta(days=40)
    ApprovalRequest.objects.filter(pk=request.pk).update(step_started_at=started,
                                                         deadline=step_deadline(request.current_step, started))


def _reviews(demo: _Demo, active: list[AssistanceCase]) -> None:
    """One review waiting for the district (a decrease), one stop already decided."""
    first, second = active[0], active[1]
    reviews.propose_review(first, actor=demo.users["officer"], decision=ReviewDecision.DECREASE,
                           new_amount=(first.approved_amount - Decimal("100")).max(Decimal("20")),
                           reason="复核：家庭成员已就业，收入增加")
    review = reviews.propose_review(second, actor=demo.users["officer"], decision=ReviewDecision.STOP,
                                    reason="复核：家庭人均收入已超过低保标准")
    request = reviews.review_request(review)
    approvals.decide(request, actor=demo.users["officer2"], decision="approve", step_code=flows.INVESTIGATE)
    approvals.decide(request, actor=demo.users["approver"], decision="approve", step_code=flows.APPROVE)


def _temporary(demo: _Demo, households: list) -> None:
    """临时救助: one approved by the street (within its limit), one waiting for the district (above it), one
    granted first (先行救助) and being completed afterwards."""
    program = Program.objects.get(code="temporary")
    for household, amount in zip(households[:2], ("800", "3000"), strict=True):
        case = demo.apply_to(program, household, income="500", requested=amount, reason="家中失火，生活陷入困境")
        demo.decide(case, flows.ACCEPT)
        demo.investigate(case, income="500")
        temporary.set_grant_amount(case, amount=Decimal(amount), actor=demo.users["officer"])
        demo.decide(case, flows.INVESTIGATE, by="officer2")
        demo.decide(case, flows.NOTICE, now=timezone.now() + NOTICE_PASSED)
        demo.decide(case, flows.STREET_APPROVE, now=timezone.now() + NOTICE_PASSED)
    urgent = demo.apply_to(program, households[2], income="400", requested="600", reason="突发重病，急需救助")
    temporary.grant_urgently(urgent, amount=Decimal("600"), actor=demo.users["officer"], reason="突发重病，先行救助")


def _medical(demo: _Demo, patient_case: AssistanceCase) -> None:
    """医疗救助 for a member of a 低保 household in payment: one claim approved, one waiting for the district."""
    program = Program.objects.get(code="medical")
    household = patient_case.household
    patient = household.memberships.filter(end_date__isnull=True).order_by("pk").first().person
    for days_ago, total in ((40, "18600"), (5, "7400")):
        settled = timezone.localdate() - datetime.timedelta(days=days_ago)
        claim = medical.file_claim(
            program=program, household=household, patient=patient, actor=demo.users["officer"],
            category=MedicalCategory.DIBAO, hospital="天津医科大学总医院",
            treated_from=settled - datetime.timedelta(days=9), treated_until=settled - datetime.timedelta(days=1),
            settled_on=settled, total_cost=Decimal(total), insurance_paid=Decimal(total) * Decimal("0.6"),
            ineligible_cost=Decimal("300"), reason="住院治疗自付费用较高")
        demo.decide(claim.case, flows.ACCEPT)
        if days_ago > 30:
            demo.decide(claim.case, flows.APPROVE, by="approver")


def _recalculation(demo: _Demo) -> None:
    """A new sample 低保 standard for the city from next month: the districts' lists of changed amounts wait for
    approval (nothing changes until then)."""
    program = demo.program
    current = Standard.objects.filter(program=program, division__level="city", area_type="urban").order_by(
        "-effective_from").first()
    starts = first_day_of_next_month(timezone.localdate())
    if current is None or Standard.objects.filter(program=program, effective_from=starts).exists():
        return
    standard = Standard(program=program, division=current.division, area_type=current.area_type,
                        effective_from=starts, amount=current.amount + Decimal("40"), is_sample=True,
                        remarks=current.remarks, source_document="示例：调整城乡低保标准的通知")
    recalculation.save_parameter(standard, actor=demo.users["city_admin"])


@transaction.atomic
def create_demo_assistance(users: dict, *, community) -> int:
    """Demo cases of ``community`` in every state; ``users`` maps worker, officer, officer2, approver to the
    demo accounts. Returns how many cases were created (0 when cases exist or households are missing)."""
    if AssistanceCase.objects.exists():
        return 0
    households = _households(community, 17)
    if len(households) < 17:
        return 0
    demo = _Demo(users, Program.objects.get(code="dibao_urban"))
    it = iter(households)
    demo.apply(next(it), income="300")                                             # 受理 waiting
    demo.decide(demo.apply(next(it), income="350", channel=CaseChannel.HOUSEHOLD), flows.ACCEPT)  # investigation
    case = demo.apply(next(it), income="400")
    demo.decide(case, flows.ACCEPT)
    demo.investigate(case, income="420")
    demo.decide(case, flows.INVESTIGATE, by="officer2")                             # 民主评议
    demo.to_notice(demo.apply(next(it), income="300"), income="320")                 # 公示 running
    request = demo.to_notice(demo.apply(next(it), income="500"), income="520")
    approvals.receive_objection(request, actor=None, content="该户子女在外地工作，收入未申报",
                                objector="")                                         # 公示 with an objection
    demo.to_district(demo.apply(next(it), income="200"), income="260")               # 区县审批 waiting
    active = [demo.approve(demo.apply(next(it), income=income), income=income) for income in ("150", "300", "450",
                                                                                                "380")]
    _reviews(demo, active)
    refused = demo.apply(next(it), income="3000")
    demo.decide(refused, flows.ACCEPT)
    demo.investigate(refused, income="3200", eligible=False)
    demo.decide(refused, flows.INVESTIGATE, "reject", by="officer2", reason="家庭人均收入高于当地低保标准，不符合条件")
    procedure.withdraw(demo.apply(next(it), income="300"), actor=demo.users["officer"], reason="申请人主动撤回申请")
    _conflict_case(demo, next(it))
    _overdue(demo, demo.apply(next(it), income="280"))
    _temporary(demo, [next(it), next(it), next(it)])
    _medical(demo, active[2])
    if "city_admin" in demo.users:
        _recalculation(demo)
    return AssistanceCase.objects.count()
