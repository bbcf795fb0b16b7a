"""The application procedure (社会救助暂行办法 Art. 11, 16, 48): from the application to the decision.

A case goes through its program's flow (``flows.py``) in the approvals engine; these services
record what each step needs before the engine moves it on, in the same transaction:

- ``apply``: the household (at the street of its 户籍) or the community on its behalf files the
  application with its written application and signed authorisation; the members are checked
  against the close-relatives register (近亲属备案) and any match is kept on the case;
- ``accept`` (受理): the street accepts it; both documents must be on file;
- ``record_investigation`` / ``decide_step(INVESTIGATE)``: the 家庭经济状况调查 record by two
  investigators; a case with a close relative of staff needs a home visit (100%) and a 备案 filing
  for each relative before the step completes;
- ``record_evaluation`` / ``decide_step(EVALUATE)``: the 民主评议 meeting, agreed;
- ``decide_step(NOTICE)``: the 公示 ends after its period with no objection open (the engine);
  ``reinvestigate`` sends the case back to the investigation after an upheld objection;
- ``decide_step(APPROVE, amount=…)``: the district approves with the amount (default: the calculated
  one) and the first month, or rejects with a written reason (Art. 11 (3)).

On final approval ``grant`` puts a monthly case in payment (``benefits.start_benefit``) or marks a
one-off grant granted; on rejection ``refuse`` records the reason. Any member who is a declared
close relative of a user's caseworker record bars that user from every decision on the case
(``close_relative_reason``, registered for every assistance flow).
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals import services as approvals
from minzheng.approvals.choices import Decision
from minzheng.approvals.hooks import register_flow_callbacks, register_recusal_check, register_step_guard
from minzheng.approvals.models import ApprovalRequest
from minzheng.approvals.rules import ensure_may_decide
from minzheng.assistance import flows
from minzheng.assistance.benefits import next_review, start_benefit
from minzheng.assistance.calculation import Member
from minzheng.assistance.choices import CaseChannel, CaseStatus, EvaluationOutcome, InvestigationKind, ProgramKind
from minzheng.assistance.conflicts import find_conflicts, household_id_numbers, recusal_reason
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase, ConflictFiling, Evaluation, Investigation, Program
from minzheng.assistance.models.cases import (
    MONTHLY_KINDS,
    OPEN_STATUSES,
    RECURRING_KINDS,
    SUBSIDY_KINDS,
    first_of_month,
)
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, record_change, save_object, user_or_none, validated
from minzheng.registry.choices import DisabilityGrade, PersonStatus
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.search import age_on
from minzheng.registry.services import draw_numbers

__all__ = ["accept", "apply", "case_members", "case_request", "close_relative_reason", "decide_step", "grant",
           "lock_case", "open_request", "quote_case", "record_evaluation", "record_investigation", "refuse",
           "reinvestigate", "save_investigation", "step_guard", "update_case", "withdraw"]

#: The code of a record that fails its model validation.
INVALID = "assistance.invalid"
NUMBER_PREFIX = {ProgramKind.DIBAO: "DB", ProgramKind.TEKUN: "TK", ProgramKind.TEMPORARY: "LS",
                 ProgramKind.MEDICAL: "YL", ProgramKind.CARE_SUBSIDY: "ZH", ProgramKind.HOMECARE_SUBSIDY: "JJ",
                 ProgramKind.LONGEVITY: "GL"}


def lock_case(case: AssistanceCase) -> AssistanceCase:
    return (AssistanceCase.objects.select_for_update(no_key=True, of=("self",)).select_related("program", "division")
            .get(pk=case.pk))


def update_case(case: AssistanceCase, actor, **values) -> AssistanceCase:
    before = case.snapshot()
    for name, value in values.items():
        setattr(case, name, value)
    case.updated_by = user_or_none(actor)
    case.save(update_fields=[*values, "updated_by", "updated_at"])
    record_change(case, "update", actor=actor, before=before, after=case.snapshot())
    return case


# Reading


def case_request(case: AssistanceCase) -> ApprovalRequest | None:
    """The case's latest request in its program's flow (None before it started)."""
    return approvals.requests_of(case, flow=flows.flow_code(case.kind)).first()


def case_members(case_or_household, date: datetime.date) -> list[Person]:
    """The members of the household on ``date`` (living together, per the registry)."""
    household = getattr(case_or_household, "household", case_or_household)
    memberships = (Membership.objects.filter(household=household, start_date__lte=date).select_related("person")
                   .exclude(end_date__lte=date).order_by("pk"))
    return [m.person for m in memberships]


def _age(person: Person, date: datetime.date) -> int:
    born = person.birth_date
    if born is None:
        return 30
    return age_on(born, date)


def _calculation_members(members: list[Person], date: datetime.date, ill: set[int]) -> list[Member]:
    severe = {DisabilityGrade.GRADE_1, DisabilityGrade.GRADE_2}
    return [Member(age=_age(p, date), severe_disability=p.disability_grade in severe, serious_illness=p.pk in ill,
                   label=p.name) for p in members]


def quote_case(case: AssistanceCase, *, date: datetime.date | None = None, ill: set[int] = frozenset()):
    """The 低保 quote of the case's household as it stands (the members on ``date``, the case's income).

    Returns None for programs that are not 低保 (特困 pays its standard; one-off grants are set by hand).
    """
    from minzheng.assistance.services import quote_dibao, standard_for

    date = date or timezone.localdate()
    if case.kind == ProgramKind.TEKUN:
        return standard_for(case.program, urban=case.area_type == "urban", division=case.division, date=date)
    if case.kind != ProgramKind.DIBAO:
        return None
    members = _calculation_members(case_members(case, date), date, ill)
    return quote_dibao(case.program, urban=case.area_type == "urban", division=case.division, date=date,
                       household_income=case.household_income, members=members)


def _store_quote(case: AssistanceCase, date: datetime.date, ill: set[int]) -> dict:
    quote = quote_case(case, date=date, ill=ill)
    if quote is None:
        return {}
    if case.kind == ProgramKind.TEKUN:
        return {"standard": quote, "calculated_amount": quote.amount,
                "calculation": [{"label": _("Support standard per person per month"), "formula": str(quote.amount),
                                 "value": str(quote.amount)}]}
    lines = [{"label": line.label, "formula": line.formula, "value": str(line.value)}
             for line in quote.calculation.lines]
    return {"standard": quote.standard, "calculated_amount": quote.calculation.amount, "calculation": lines}


# Applying


def _check_application(program: Program, household: Household, applicant: Person, members: list[Person]) -> None:
    if not program.is_active:
        raise DomainError(_("The program %(program)s is not open for applications.") % {"program": program},
                          code="assistance.program_inactive", field="program")
    if household.dissolved_on is not None:
        raise DomainError(_("This household has been dissolved."), code="assistance.household_dissolved",
                          field="household")
    if applicant.pk not in {m.pk for m in members}:
        raise DomainError(_("The applicant must be a member of the household."), code="assistance.not_member",
                          field="applicant")
    if applicant.status != PersonStatus.ALIVE:
        raise DomainError(_("The applicant is not living."), code="assistance.applicant_deceased",
                          field="applicant")


def _open_case_exists(program: Program, household: Household, applicant: Person) -> bool:
    """A household has one open case of a household program; a person one of a personal subsidy."""
    opened = AssistanceCase.objects.filter(kind=program.kind, status__in=OPEN_STATUSES)
    if program.kind in RECURRING_KINDS:
        return opened.filter(household=household).exists()
    return program.kind in SUBSIDY_KINDS and opened.filter(applicant=applicant).exists()


def _number(kind: str, division, year: int) -> str:
    district = division.code[:6]
    value = draw_numbers(f"assistance.{kind}.{district}.{year}")[0]
    return f"{NUMBER_PREFIX[ProgramKind(kind)]}{district}{year}{value:06d}"


def _conflicts_payload(conflicts) -> list[dict]:
    return [{"caseworker": c.caseworker.pk, "caseworker_name": c.caseworker.name, "relative": c.relative.pk,
             "relative_name": c.relative.name, "relation": c.relative.relation} for c in conflicts]


def _case_open() -> DomainError:
    return DomainError(_("The household already has an open case of this kind of program."),
                       code="assistance.case_open", field="household")


@transaction.atomic
def apply(*, program: Program, household: Household, applicant: Person, actor, channel: str = CaseChannel.HOUSEHOLD,
          household_income: Decimal = Decimal(0), applied_on: datetime.date | None = None, reason: str = "",
          requested_amount: Decimal | None = None, application_document=None, authorisation_document=None,
          urgent: bool = False) -> AssistanceCase:
    """File an application of ``household`` to ``program`` in the household's division and start its flow.

    Raises:
        DomainError: the program is closed, the household dissolved, the applicant not a living member,
            the household already has an open case of this kind of program, or the flow is missing.
        PermissionsViolation: ``actor`` may not add cases in the household's division (nothing is written).
    """
    applied_on = applied_on or timezone.localdate()
    members = case_members(household, applied_on)
    _check_application(program, household, applicant, members)
    numbers = [p.id_number for p in members if p.id_number]
    case = AssistanceCase(
        program=program, kind=program.kind, household=household, applicant=applicant, division=household.division,
        area_type=household.kind, channel=channel, applied_on=applied_on, reason=reason.strip(),
        member_count=max(len(members), 1), household_income=household_income, requested_amount=requested_amount,
        urgent=urgent, conflicts=_conflicts_payload(find_conflicts(numbers, household.division, date=applied_on)),
        number=_number(program.kind, household.division, applied_on.year))
    if _open_case_exists(program, household, applicant):
        raise _case_open()
    validated(case, code=INVALID)
    case.application_document = application_document or ""
    case.authorisation_document = authorisation_document or ""
    try:
        with transaction.atomic():
            save_object(case, actor=actor)
    except IntegrityError:  # another application of the household won the race
        raise _case_open()
    approvals.start(case, flow=flows.flow_code(program.kind), division=case.division, actor=actor)
    record_event(AssistanceEvent.CASE_APPLIED, actor=user_or_none(actor), subject=case, payload={
        "program": program.code, "household": household.pk, "channel": channel, "conflicts": len(case.conflicts)})
    return case


# Steps


def open_request(case: AssistanceCase) -> ApprovalRequest:
    request = case_request(case)
    if request is None or not request.is_open:
        raise DomainError(_("This case has no procedure in progress."), code="assistance.not_in_procedure")
    return request


def _require_current(request: ApprovalRequest, step_code: str) -> None:
    if request.current_step.code != step_code:
        raise DomainError(_("Only the current step, %(step)s, can be done now.") % {"step": request.current_step.name},
                          code="approvals.not_current_step", field="step_code")


def _may_record(case: AssistanceCase, actor, step_code: str) -> ApprovalRequest:
    """The case's request, when ``step_code`` is current and ``actor`` may decide it (else refused)."""
    ensure_in_area(case, actor)
    request = open_request(case)
    _require_current(request, step_code)
    ensure_may_decide(request, actor)
    return request


@transaction.atomic
def accept(case: AssistanceCase, *, actor, reason: str = "") -> AssistanceCase:
    """受理: the street accepts the application (both documents must be on file)."""
    return decide_step(case, actor=actor, step_code=flows.ACCEPT, decision=Decision.APPROVE, reason=reason)


def _check_investigators(case: AssistanceCase, first, second) -> None:
    if first is None or second is None or first.pk == second.pk:
        raise DomainError(_("The investigation needs two different investigators."),
                          code="assistance.two_investigators", field="investigator_2")
    for field, user in (("investigator_1", first), ("investigator_2", second)):
        if not AssistanceCase.objects.restrict(user, "view").filter(pk=case.pk).exists():
            raise DomainError(_("%(user)s does not work in this case's area.") % {"user": user},
                              code="assistance.investigator_area", field=field)


def save_investigation(case: AssistanceCase, *, actor, investigator_1, investigator_2, seriously_ill=(),
                       **fields) -> Investigation:
    """Validate and save an investigation record of ``case`` by two investigators of its area (audited)."""
    _check_investigators(case, investigator_1, investigator_2)
    fields["findings"] = (fields.get("findings") or "").strip()
    investigation = Investigation(case=case, investigator_1=investigator_1, investigator_2=investigator_2, **fields)
    validated(investigation, code=INVALID)
    save_object(investigation, actor=actor)
    investigation.seriously_ill.set(list(seriously_ill))
    record_event(AssistanceEvent.INVESTIGATION_RECORDED, actor=actor, subject=case, payload={
        "investigation": investigation.pk, "kind": investigation.kind, "home_visit": investigation.home_visit,
        "eligible": investigation.eligible})
    return investigation


@transaction.atomic
def record_investigation(case: AssistanceCase, *, actor, investigator_1, investigator_2,
                         visited_on: datetime.date, member_count: int, household_income: Decimal, findings: str,
                         eligible: bool, home_visit: bool = True, neighbour_visits: int = 0,
                         neighbour_notes: str = "", data_check: str = "", seriously_ill=(),
                         kind: str = InvestigationKind.APPLICATION) -> Investigation:
    """Record the 家庭经济状况调查 of ``case`` (current step: the investigation) and recalculate its amount.

    Raises:
        DomainError: the step is not current, the investigators are not two different users of the
            case's area, a field is invalid.
        PermissionsViolation: ``actor`` may not decide the investigation step.
    """
    case = lock_case(case)
    _may_record(case, actor, flows.INVESTIGATE)
    investigation = save_investigation(
        case, actor=actor, investigator_1=investigator_1, investigator_2=investigator_2, seriously_ill=seriously_ill,
        kind=kind, visited_on=visited_on, home_visit=home_visit, neighbour_visits=neighbour_visits,
        neighbour_notes=neighbour_notes, data_check=data_check, member_count=member_count,
        household_income=household_income, findings=findings, eligible=eligible)
    update_case(case, actor, member_count=member_count, household_income=household_income)
    update_case(case, actor, **_store_quote(case, visited_on, {p.pk for p in seriously_ill}))
    return investigation


@transaction.atomic
def record_evaluation(case: AssistanceCase, *, actor, held_on: datetime.date, attendance: int, attendees: str,
                      votes_for: int, votes_against: int, abstentions: int = 0, outcome: str, venue: str = "",
                      minutes: str = "") -> Evaluation:
    """Record the 民主评议 meeting of ``case`` (current step: the evaluation)."""
    case = lock_case(case)
    _may_record(case, actor, flows.EVALUATE)
    evaluation = Evaluation(case=case, held_on=held_on, venue=venue, attendance=attendance, attendees=attendees,
                            votes_for=votes_for, votes_against=votes_against, abstentions=abstentions,
                            outcome=outcome, minutes=minutes)
    validated(evaluation, code=INVALID)
    save_object(evaluation, actor=actor)
    record_event(AssistanceEvent.EVALUATION_RECORDED, actor=actor, subject=case,
                 payload={"evaluation": evaluation.pk, "outcome": outcome})
    return evaluation




# What each step needs before it is approved


def _since(request: ApprovalRequest):
    return request.step_started_at


def _check_accept(case, request, **_context) -> None:
    if not case.application_document or not case.authorisation_document:
        raise DomainError(_("The written application and the signed authorisation must be on file."),
                          code="assistance.documents_missing", field="authorisation_document")


def _check_investigation(case, request, **_context) -> None:
    investigation = case.investigations.filter(created_at__gte=_since(request)).order_by("-pk").first()
    if investigation is None:
        raise DomainError(_("Record the investigation first."), code="assistance.investigation_missing")
    if not investigation.eligible:
        raise DomainError(_("The investigation found the household not eligible: reject the application with the "
                            "reason."), code="assistance.not_eligible")
    if case.has_conflict:
        _check_conflict_rules(case, investigation)


def _check_conflict_rules(case, investigation) -> None:
    if not investigation.home_visit:
        raise DomainError(_("A household with a close relative of staff needs a home visit."),
                          code="assistance.home_visit_required")
    filed = set(ConflictFiling.objects.filter(case_reference=case.number).values_list("relative_id", flat=True))
    missing = [c["relative_name"] for c in case.conflicts if c["relative"] not in filed]
    if missing:
        raise DomainError(_("File the close-relative record (备案) first for: %(names)s.")
                          % {"names": "、".join(missing)}, code="assistance.filing_missing")


def _check_evaluation(case, request, **_context) -> None:
    evaluation = case.evaluations.filter(created_at__gte=_since(request)).order_by("-pk").first()
    if evaluation is None:
        raise DomainError(_("Record the democratic evaluation first."), code="assistance.evaluation_missing")
    if evaluation.outcome != EvaluationOutcome.AGREED:
        raise DomainError(_("The democratic evaluation did not agree: reject the application with the reason or "
                          "return it."), code="assistance.evaluation_not_agreed")


def _check_approval(case, request, *, actor=None, **_context) -> None:
    amount = case.approved_amount or case.calculated_amount or case.requested_amount
    if amount is None or amount <= 0:
        raise DomainError(_("Enter the approved amount."), code="assistance.amount_required", field="amount")
    if case.approved_amount is None or case.benefit_from is None:
        update_case(case, actor, approved_amount=amount,
                benefit_from=case.benefit_from or first_day_of_next_month(timezone.localdate()))


def _set_decision(case, actor, amount: Decimal | None, benefit_from: datetime.date | None) -> None:
    """The amount and first month the approver decided (checked by ``_check_approval`` afterwards)."""
    if amount is not None and amount <= 0:
        raise DomainError(_("The monthly amount must be more than zero."), code="assistance.amount_invalid",
                          field="amount")
    if benefit_from is not None and benefit_from.day != 1:
        raise DomainError(_("A benefit starts on the first day of a month."), code="assistance.not_month_start",
                          field="benefit_from")
    values = {name: value for name, value in (("approved_amount", amount), ("benefit_from", benefit_from))
              if value is not None}
    if values:
        update_case(case, actor, **values)


STEP_CHECKS = {
    flows.ACCEPT: _check_accept,
    flows.INVESTIGATE: _check_investigation,
    flows.EVALUATE: _check_evaluation,
    flows.APPROVE: _check_approval,
    flows.STREET_APPROVE: _check_approval,
    flows.DISTRICT_APPROVE: _check_approval,
}


@transaction.atomic
def decide_step(case: AssistanceCase, *, actor, step_code: str, decision: str, reason: str = "",
                amount: Decimal | None = None, benefit_from: datetime.date | None = None,
                now: datetime.datetime | None = None) -> AssistanceCase:
    """Decide the current step ``step_code`` of ``case``: approve (after its checks), reject, return, comment.

    Approving an approval step sets the approved amount (default: the calculated one) and the first
    month of the benefit (default: the month after today); the last approval grants the case.

    Raises:
        DomainError: the step is not current or its record is missing, a reason is missing, the actor
            is not of the step's role and level, or is recused (a declared close relative).
        PermissionsViolation: ``actor`` cannot see the case (nothing is written).
    """
    case = lock_case(case)
    ensure_in_area(case, actor)
    request = open_request(case)
    _require_current(request, step_code)
    if decision == Decision.APPROVE and (amount is not None or benefit_from is not None):
        ensure_may_decide(request, actor)
        _set_decision(case, actor, amount, benefit_from)
    approvals.decide(request, actor=actor, decision=decision, reason=reason, step_code=step_code, now=now)
    case.refresh_from_db()
    return case


def step_guard(request: ApprovalRequest, *, actor, decision, step_code: str) -> None:
    """What an assistance step needs before it is approved, on every path (registered with the engine)."""
    if decision != Decision.APPROVE or step_code not in STEP_CHECKS:
        return
    if request.content_type_id != ContentType.objects.get_for_model(AssistanceCase).pk:
        return
    case = AssistanceCase.objects.select_related("program", "division").get(pk=request.object_id)
    STEP_CHECKS[step_code](case, request, actor=actor)


@transaction.atomic
def reinvestigate(case: AssistanceCase, *, actor, reason: str) -> AssistanceCase:
    """Send the case back to the investigation (after an upheld objection): each step between is returned."""
    case = lock_case(case)
    ensure_in_area(case, actor)
    request = open_request(case)
    steps = list(request.flow.steps.order_by("order").values_list("code", flat=True))
    if flows.INVESTIGATE not in steps or steps.index(request.current_step.code) <= steps.index(flows.INVESTIGATE):
        raise DomainError(_("The case is not past its investigation."), code="assistance.not_past_investigation")
    while request.current_step.code != flows.INVESTIGATE:
        request = approvals.decide(request, actor=actor, decision=Decision.RETURN, reason=reason,
                                   step_code=request.current_step.code)
    record_event(AssistanceEvent.CASE_REINVESTIGATED, actor=actor, subject=case, payload={"reason": reason})
    return case


@transaction.atomic
def withdraw(case: AssistanceCase, *, actor, reason: str) -> AssistanceCase:
    """The applicant withdraws: the procedure ends without a decision."""
    case = lock_case(case)
    ensure_in_area(case, actor, "change")
    approvals.withdraw(open_request(case), actor=actor, reason=reason)
    update_case(case, actor, status=CaseStatus.WITHDRAWN, decision_reason=reason.strip())
    record_event(AssistanceEvent.CASE_WITHDRAWN, actor=user_or_none(actor), subject=case, payload={"reason": reason})
    return case


# Callbacks of the engine (module-level: the request stores their paths)


def _subject(request: ApprovalRequest) -> AssistanceCase:
    return AssistanceCase.objects.select_related("program", "division").get(pk=request.object_id)


def grant(request: ApprovalRequest, *, actor) -> None:
    """The last approval: a monthly case goes into payment from its first month; a one-off grant is granted."""
    case = _subject(request)
    today = timezone.localdate()
    if case.kind in MONTHLY_KINDS:
        update_case(case, actor, status=CaseStatus.ACTIVE, approved_on=today,
                next_review_on=next_review(case, first_of_month(case.benefit_from)))
        start_benefit(case, amount=case.approved_amount, starts=first_of_month(case.benefit_from), actor=actor,
                      reason=_("Approved in %(number)s.") % {"number": case.number}, today=today)
    else:  # a one-off grant; one given first (先行救助) keeps the day it was given
        update_case(case, actor, status=CaseStatus.GRANTED, approved_on=case.approved_on if case.urgent else today)
    record_event(AssistanceEvent.CASE_APPROVED, actor=user_or_none(actor), subject=case,
                 payload={"amount": str(case.approved_amount), "from": str(case.benefit_from or "")})


def refuse(request: ApprovalRequest, *, actor) -> None:
    """A rejection: the case is closed with the written reason (Art. 11 (3))."""
    case = _subject(request)
    reason = request.decisions.order_by("-pk").values_list("reason", flat=True).first() or ""
    if case.urgent:  # paid first (先行救助): the refusal flags the grant for recovery
        from minzheng.assistance.temporary import flag_urgent_rejected

        flag_urgent_rejected(case, actor=actor)
    update_case(case, actor, status=CaseStatus.REJECTED, decision_reason=reason)
    record_event(AssistanceEvent.CASE_REJECTED, actor=user_or_none(actor), subject=case, payload={"reason": reason})


def _case_of(request: ApprovalRequest) -> AssistanceCase | None:
    """The case a request is about: the case itself, or the case of a review."""
    from minzheng.assistance.models import BenefitReview

    model = ContentType.objects.get_for_id(request.content_type_id).model_class()
    if model is AssistanceCase:
        return _subject(request)
    if model is BenefitReview:
        return BenefitReview.objects.select_related("case__division", "case__household").get(pk=request.object_id).case
    return None


def close_relative_reason(request: ApprovalRequest, actor) -> str | None:
    """Why ``actor`` may not decide ``request`` of a case (or its review): a declared close relative of a
    member (近亲属)."""
    case = _case_of(request)
    if case is None:
        return None
    numbers = household_id_numbers(case.household, date=case.applied_on)
    return recusal_reason(actor, numbers, case.division)


for _code in flows.FLOWS:
    if _code != flows.REVIEW_FLOW:
        register_flow_callbacks(_code, on_approved=grant, on_rejected=refuse)
    register_recusal_check(_code, close_relative_reason)
    register_step_guard(_code, step_guard)
