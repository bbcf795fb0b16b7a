"""Recalculation when a standard or a calculation rule set changes: nothing changes silently.

1. Saving or deleting a ``Standard`` or ``CalculationRuleSet`` through ``save_parameter`` /
   ``delete_parameter`` (the pages and the API use them) enqueues the job ``assistance.recalculate``
   after commit, for what the row covers: the program, the urban/rural type (standards), the division
   and the date it takes effect. An edit that moves the row (another date, division, type or program)
   enqueues the old coverage too, since the row no longer applies there.
2. The job (``recalculate``) takes the first day of the month on or after ``effective_from`` as the
   effective month and finds the districts concerned: a district row concerns its district; a city
   row concerns every district of the city except those where a row of their own applies on that
   date (the override shields them). In each district it takes the program's monthly cases in payment
   (a running benefit period) of the urban/rural type, quotes each with ``procedure.quote_case`` on
   the effective date (the members living together on that date per the registry, the case's income,
   the seriously ill members of its latest investigation) and writes one ``Recalculation`` per
   district with a ``RecalculationItem`` for each case whose amount changes. Districts without a
   change get no batch; a batch identical to one already pending is not written twice.
3. A district approver of that district approves the batch (``approve_recalculation``): every item
   becomes a ``benefits.change_benefit`` of kind ``recalculation`` from the effective month, in one
   transaction. An item is skipped, with a note on it, when its case is no longer in payment, when its
   running amount starts on or after the effective month (it was decided later, by its own
   procedure), when the amount changed since the batch was computed, or when the new amount is zero
   (not eligible any more: the case is put up for review, since stopping a benefit needs its own
   decision). ``reject_recalculation`` closes a batch with a reason and changes no benefit.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance import procedure
from minzheng.assistance.benefits import change_benefit, running_period
from minzheng.assistance.choices import (
    BenefitChangeKind,
    CaseStatus,
    ProgramKind,
    RecalculationStatus,
    ReviewTaskSource,
)
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import (
    AssistanceCase,
    CalculationRuleSet,
    Program,
    Recalculation,
    RecalculationItem,
    Standard,
)
from minzheng.assistance.models.cases import RECURRING_KINDS
from minzheng.assistance.tasks import TaskItem, open_review_tasks
from minzheng.audit.services import record_event
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.services import delete_object, record_change, save_object, user_or_none
from minzheng.jobs.services import enqueue_job

__all__ = ["RECALCULATE_JOB", "approve_recalculation", "coverage", "delete_parameter", "effective_month",
           "pending_first", "quote", "recalculate", "reject_recalculation", "request_recalculation",
           "save_parameter"]

RECALCULATE_JOB = "assistance.recalculate"
#: The parameter models, by the name the job's parameters use.
PARAMETERS = {"standard": Standard, "rules": CalculationRuleSet}


# Requesting


def coverage(row: Standard | CalculationRuleSet) -> dict:
    """What a parameter row covers, as the job's JSON parameters."""
    return {"parameter": "standard" if isinstance(row, Standard) else "rules", "program": row.program_id,
            "division": row.division_id, "area_type": getattr(row, "area_type", ""),
            "effective_from": row.effective_from.isoformat()}


def _trigger(row, action: str) -> str:
    text = {"create": _("New: %(row)s"), "update": _("Changed: %(row)s"), "delete": _("Deleted: %(row)s")}[action]
    return (text % {"row": f"{row._meta.verbose_name} {row}"})[:200]


def request_recalculation(row, *, actor, action: str, before: dict | None = None) -> list:
    """Enqueue the recalculation of what ``row`` covers (and of ``before``, what it covered before an edit).

    The jobs start after commit; a rolled-back save starts none.
    """
    scopes = [coverage(row)]
    if before is not None and before != scopes[0]:
        scopes.append(before)
    stamp = timezone.now().isoformat()
    trigger = _trigger(row, action)
    jobs = [enqueue_job(RECALCULATE_JOB, actor=actor, params={**scope, "trigger": trigger},
                        division=Division.objects.get(pk=scope["division"]),
                        key=":".join([RECALCULATE_JOB, *map(str, scope.values()), stamp]))
            for scope in scopes]
    record_event(AssistanceEvent.RECALCULATION_REQUESTED, actor=user_or_none(actor),
                 subject=row if row.pk else None,
                 payload={"action": action, "row": str(row), "jobs": [job.pk for job in jobs], "coverage": scopes})
    return jobs


@transaction.atomic
def save_parameter(instance: Standard | CalculationRuleSet, *, actor, save_m2m=None):
    """``framework.services.save_object`` for a standard or rule set, then its recalculation is requested."""
    stored = type(instance).objects.filter(pk=instance.pk).first() if instance.pk else None
    save_object(instance, actor=actor, save_m2m=save_m2m)
    request_recalculation(instance, actor=actor, action="update" if stored else "create",
                          before=coverage(stored) if stored else None)
    return instance


@transaction.atomic
def delete_parameter(instance: Standard | CalculationRuleSet, *, actor) -> None:
    """``framework.services.delete_object`` for a standard or rule set, then what it covered is recalculated."""
    delete_object(instance, actor=actor)
    request_recalculation(instance, actor=actor, action="delete")


# Computing (the job)


def effective_month(date: datetime.date) -> datetime.date:
    """The first day of the month on or after ``date``."""
    if date.day == 1:
        return date
    return (date.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _rows(parameter: str, program: Program, area_type: str):
    rows = PARAMETERS[parameter].objects.filter(program=program)
    return rows.filter(area_type=area_type) if parameter == "standard" else rows


def _districts(parameter: str, program: Program, division: Division, area_type: str,
               effective: datetime.date) -> list[Division]:
    """The districts whose cases the row may change: its district, or the city's districts not shielded."""
    if division.depth > 0:
        return [Division.objects.get(path=division.ancestor_paths()[1])]
    districts = Division.objects.filter(path__startswith=division.path, depth=division.depth + 1).order_by("path")
    rows = _rows(parameter, program, area_type)
    shielded = set()
    for district in districts:
        applicable = rows.applicable(district, effective)
        if applicable is not None and applicable.division_id == district.pk:
            shielded.add(district.pk)
    return [district for district in districts if district.pk not in shielded]


def _cases(program: Program, district: Division, area_type: str):
    cases = AssistanceCase.objects.filter(program=program, kind__in=RECURRING_KINDS, status=CaseStatus.ACTIVE,
                                          division__path__startswith=district.path,
                                          benefitperiods__ends__isnull=True)
    if area_type:
        cases = cases.filter(area_type=area_type)
    return cases.select_related("program", "division", "household").distinct().order_by("pk")


def _ill(case: AssistanceCase) -> set[int]:
    investigation = case.investigations.order_by("-visited_on", "-pk").first()
    return set(investigation.seriously_ill.values_list("pk", flat=True)) if investigation else set()


def quote(case: AssistanceCase, effective: datetime.date) -> tuple[Decimal, list[dict]]:
    """The monthly amount of ``case`` from ``effective`` under the rows in force then, with its steps.

    Raises:
        DomainError: no standard or rules in force (``assistance.no_standard`` …).
    """
    result = procedure.quote_case(case, date=effective, ill=_ill(case))
    if case.kind == ProgramKind.TEKUN:
        return result.amount, [{"label": _("Support standard per person per month"), "formula": str(result),
                                "value": str(result.amount)}]
    lines = [{"label": line.label, "formula": line.formula, "value": str(line.value)}
             for line in result.calculation.lines]
    return result.calculation.amount, lines


def _changes(program, district, area_type, effective, log) -> list[RecalculationItem]:
    items = []
    for case in _cases(program, district, area_type):
        old = running_period(case).monthly_amount
        try:
            new, lines = quote(case, effective)
        except DomainError as exc:
            log(_("%(case)s: not recalculated: %(error)s") % {"case": case.number, "error": exc.message})
            continue
        if new != old:
            items.append(RecalculationItem(case=case, old_amount=old, new_amount=new, calculation=lines))
    return items


def _record(instance, actor) -> None:
    instance.created_by = instance.updated_by = user_or_none(actor)
    instance.save()
    record_change(instance, "create", actor=actor, before=None, after=instance.snapshot())


def _same_pending(program, district, effective, items) -> Recalculation | None:
    wanted = {(item.case.pk, item.new_amount) for item in items}
    pending = Recalculation.objects.filter(program=program, division=district, effective=effective,
                                           status=RecalculationStatus.PENDING)
    for batch in pending:
        if set(batch.items.values_list("case_id", "new_amount")) == wanted:
            return batch
    return None


def recalculate(*, parameter: str, program: int, division: int, effective_from: str, trigger: str,
                area_type: str = "", actor=None, log=lambda message: None) -> dict:
    """Compute the recalculation of what a parameter row covered or covers, and write the batches.

    Everything is computed first and written in one transaction, so a retried job starts afresh.

    Returns:
        ``{"effective", "batches": [ids], "items", "districts", "unchanged_districts"}``.
    """
    program = Program.objects.get(pk=program)
    division = Division.objects.get(pk=division)
    effective = effective_month(datetime.date.fromisoformat(effective_from))
    districts = _districts(parameter, program, division, area_type, effective)
    changes = {district: _changes(program, district, area_type, effective, log) for district in districts}
    batches = []
    with transaction.atomic():
        for district, items in changes.items():
            if not items:
                continue
            existing = _same_pending(program, district, effective, items)
            if existing is not None:
                log(_("%(district)s: the same changes wait for approval in %(batch)s.")
                    % {"district": district.name, "batch": existing.pk})
                continue
            batches.append(_write(program, district, effective, trigger, items, actor))
    return {"effective": effective.isoformat(), "batches": [batch.pk for batch in batches],
            "items": sum(len(items) for items in changes.values()), "districts": len(districts),
            "unchanged_districts": sum(1 for items in changes.values() if not items)}


def _write(program, district, effective, trigger, items, actor) -> Recalculation:
    batch = Recalculation(program=program, division=district, effective=effective, trigger=trigger)
    _record(batch, actor)
    for item in items:
        item.recalculation = batch
        _record(item, actor)
    record_event(AssistanceEvent.RECALCULATION_CREATED, actor=user_or_none(actor), subject=batch,
                 payload={"items": len(items), "effective": effective.isoformat(), "trigger": trigger})
    return batch


# Deciding


def _lock(recalc: Recalculation, actor) -> Recalculation:
    """The batch, locked; refused unless ``actor`` may change it (its district) and it is still pending."""
    if not Recalculation.objects.restrict(actor, "change").filter(pk=recalc.pk).exists():
        raise PermissionsViolation()
    recalc = Recalculation.objects.select_for_update(no_key=True).select_related("program", "division").get(
        pk=recalc.pk)
    if recalc.status != RecalculationStatus.PENDING:
        raise DomainError(_("This recalculation has already been decided (%(status)s).")
                          % {"status": recalc.get_status_display()}, code="assistance.recalculation_decided")
    return recalc


def _skip_reason(recalc: Recalculation, item: RecalculationItem, case: AssistanceCase) -> str | None:
    period = running_period(case)
    if case.status != CaseStatus.ACTIVE or period is None:
        return _("Not in payment any more: nothing changed.")
    if period.starts >= recalc.effective:
        return _("The current amount runs from %(month)s, not before %(effective)s: nothing changed; "
                 "its own decision set it.") % {"month": f"{period.starts:%Y-%m}",
                                                "effective": f"{recalc.effective:%Y-%m}"}
    if period.monthly_amount != item.old_amount:
        return _("The amount changed to %(amount)s since the recalculation: nothing changed; recalculate again.") % {
            "amount": period.monthly_amount}
    return None


def _apply(recalc: Recalculation, item: RecalculationItem, *, actor, today: datetime.date) -> bool:
    """Apply one item; a skipped item gets the reason as its remark. True when the benefit changed."""
    case = AssistanceCase.objects.select_for_update(no_key=True).get(pk=item.case_id)
    note = _skip_reason(recalc, item, case)
    if note is None and item.new_amount <= 0:
        note = _("Not eligible at the new amounts: put up for review (stopping the benefit needs its own "
                 "decision).")
        open_review_tasks([TaskItem(case.pk, note, {"recalculation": recalc.pk})],
                          source=ReviewTaskSource.RECALCULATION, actor=actor, today=today)
    if note is not None:
        procedure.update_case(item, actor, remarks=note)
        return False
    change_benefit(case, kind=BenefitChangeKind.RECALCULATION, effective=recalc.effective,
                   new_amount=item.new_amount, actor=actor, today=today,
                   reason=_("Recalculation %(batch)s: %(trigger)s") % {"batch": recalc.pk, "trigger": recalc.trigger})
    return True


@transaction.atomic
def approve_recalculation(recalc: Recalculation, *, actor, today: datetime.date | None = None) -> Recalculation:
    """Apply every item of a pending batch from its effective month, in one transaction.

    Raises:
        DomainError: the batch is already decided.
        PermissionsViolation: ``actor`` may not change recalculations of the batch's district
            (nothing is written).
    """
    recalc = _lock(recalc, actor)
    today = today or timezone.localdate()
    applied = skipped = 0
    for item in recalc.items.order_by("case_id"):  # cases locked in pk order
        if _apply(recalc, item, actor=actor, today=today):
            applied += 1
        else:
            skipped += 1
    procedure.update_case(recalc, actor, status=RecalculationStatus.APPROVED, decided_by=actor,
                      decided_at=timezone.now())
    record_event(AssistanceEvent.RECALCULATION_APPROVED, actor=actor, subject=recalc,
                 payload={"applied": applied, "skipped": skipped, "effective": recalc.effective.isoformat()})
    return recalc


@transaction.atomic
def reject_recalculation(recalc: Recalculation, *, actor, reason: str) -> Recalculation:
    """Close a pending batch without changing any benefit, with the reason.

    Raises:
        DomainError: no reason, or the batch is already decided.
        PermissionsViolation: ``actor`` may not change recalculations of the batch's district.
    """
    recalc = _lock(recalc, actor)
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="assistance.reason_required", field="reason")
    procedure.update_case(recalc, actor, status=RecalculationStatus.REJECTED, decided_by=actor,
                      decided_at=timezone.now(), decision_reason=reason.strip())
    record_event(AssistanceEvent.RECALCULATION_REJECTED, actor=actor, subject=recalc,
                 payload={"reason": reason.strip(), "items": recalc.items.count()})
    return recalc


def pending_first(queryset):
    """Batches waiting for approval first, then the newest."""
    return queryset.order_by(Case(When(status=RecalculationStatus.PENDING, then=Value(0)), default=Value(1),
                                  output_field=IntegerField()), "-created_at", "-pk")

