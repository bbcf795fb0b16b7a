"""Payment rolls: generate, approve, lock, export the bank file; adjustments; recovery after a death.

Who may do what (``accounts/roles.py``): district approvers generate (``add``), approve and lock
(``change``) the rolls of their district and export their bank files (``change``); street officers
and the city leadership read them. Every entry point re-reads the roll through the actor's area:
a roll of another district is ``PermissionsViolation`` (404), and nothing is written.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance.models import AssistanceCase, first_of_month
from minzheng.audit.services import record_event
from minzheng.divisions.choices import Level
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.services import record_change, save_object, user_or_none
from minzheng.payments.bankfile import FORMATS, BankFile, bank_rows, render_bank_file
from minzheng.payments.choices import RollStatus
from minzheng.payments.events import PaymentEvent
from minzheng.payments.generation import RollInputs, fill_roll
from minzheng.payments.models import PaymentAdjustment, PaymentEntry, PaymentRoll
from minzheng.registry.choices import PersonStatus
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.models import Membership, Person

__all__ = ["add_adjustment", "approve_roll", "export_bank_file", "flag_payments_after_death", "generate_roll",
           "lock_roll"]


def _may(actor, action: str, division) -> bool:
    """Whether ``actor`` holds ``payments.<action>_paymentroll`` in ``division``."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    paths = actor.area_paths(get_permission_for_model(PaymentRoll, action))
    return any(division.path.startswith(path) for path in paths)


def _roll_for(actor, roll: PaymentRoll, action: str, *, lock: bool = False) -> PaymentRoll:
    """``roll`` re-read through ``actor``'s area for ``action`` (and locked for update)."""
    rolls = PaymentRoll.objects.restrict(actor, action).select_related("program", "division")
    if lock:
        rolls = rolls.select_for_update(no_key=True, of=("self",))
    found = rolls.filter(pk=roll.pk).first()
    if found is None:
        raise PermissionsViolation()
    return found


def _check_request(district, month: datetime.date, now: datetime.datetime) -> None:
    if district.level != Level.DISTRICT:
        raise DomainError(_("Rolls are made by a district or county."), code="payments.not_district", field="division")
    if month > first_day_of_next_month(timezone.localdate(now)):
        raise DomainError(_("A roll can be generated at the earliest in the month before it is paid."),
                          code="payments.month_in_future", field="month")


def _find_roll(program, district, month: datetime.date) -> PaymentRoll | None:
    return PaymentRoll.objects.filter(program=program, division=district, month=month).first()


def _insert_roll(program, district, month, *, actor, now) -> PaymentRoll | None:
    """The new empty roll, or None when another transaction created it first (the unique constraint)."""
    roll = PaymentRoll(program=program, division=district, month=month, generated_at=now, cutoff=now,
                       generated_by=user_or_none(actor), created_by=user_or_none(actor), updated_by=user_or_none(actor))
    try:
        with transaction.atomic():
            roll.save()
    except IntegrityError:
        return None
    return roll


def _fill(roll: PaymentRoll) -> None:
    inputs = RollInputs(roll.pk, roll.program_id, roll.division.path, roll.month, roll.cutoff)
    try:
        with transaction.atomic():
            fill_roll(inputs)
    except IntegrityError as exc:
        raise DomainError(_("The inputs of the roll changed while it was generated (a payment would be made twice); "
                            "generate it again."), code="payments.inputs_conflict") from exc
    roll.refresh_from_db()


@transaction.atomic
def generate_roll(program, district, month: datetime.date, *, actor, now: datetime.datetime | None = None
                  ) -> PaymentRoll:
    """The roll of ``program`` in ``district`` for ``month`` (any day of it), generated if it does not exist.

    Idempotent: an existing roll is returned unchanged, also when a concurrent call created it first.
    The entries are written by one ``INSERT … SELECT`` reading the inputs recorded up to now (the
    roll's ``cutoff``); the totals are computed from them in the same transaction.

    Raises:
        DomainError: ``payments.not_district``, ``payments.month_in_future``, ``payments.inputs_conflict``.
        PermissionsViolation: the actor may not generate rolls in ``district``.
    """
    now = now or timezone.now()
    month = first_of_month(month)
    _check_request(district, month, now)
    if not _may(actor, "add", district):
        raise PermissionsViolation()
    roll = _find_roll(program, district, month)
    if roll is not None:
        return roll
    roll = _insert_roll(program, district, month, actor=actor, now=now)
    if roll is None:
        return _find_roll(program, district, month)
    _fill(roll)
    record_change(roll, "create", actor=actor, before=None, after=roll.snapshot())
    record_event(PaymentEvent.ROLL_GENERATED, actor=user_or_none(actor), subject=roll, payload={
        "month": month.isoformat(), "entries": roll.entry_count, "total": str(roll.total_amount),
        "cutoff": now.isoformat()})
    return roll


def _check_totals(roll: PaymentRoll) -> None:
    stored = roll.entries.aggregate(count=Count("pk"), total=Sum("amount"))
    if stored["count"] != roll.entry_count or (stored["total"] or Decimal(0)) != roll.total_amount:
        raise DomainError(_("The roll's totals do not match its entries."), code="payments.totals_mismatch")


def _advance(roll: PaymentRoll, status: str, *, actor, now, event: str) -> PaymentRoll:
    before = roll.snapshot()
    stamp = "approved" if status == RollStatus.APPROVED else "locked"
    roll.status, roll.updated_by = status, user_or_none(actor)
    setattr(roll, f"{stamp}_at", now or timezone.now())
    setattr(roll, f"{stamp}_by", user_or_none(actor))
    roll.save(update_fields=["status", f"{stamp}_at", f"{stamp}_by", "updated_by", "updated_at"])
    record_change(roll, "update", actor=actor, before=before, after=roll.snapshot())
    record_event(event, actor=user_or_none(actor), subject=roll,
                 payload={"entries": roll.entry_count, "total": str(roll.total_amount)})
    return roll


@transaction.atomic
def approve_roll(roll: PaymentRoll, *, actor, now: datetime.datetime | None = None) -> PaymentRoll:
    """Approve a generated roll after checking that its entries still sum to its totals.

    Raises:
        DomainError: ``payments.not_draft``, ``payments.totals_mismatch``.
        PermissionsViolation: the roll lies outside the area where the actor may change rolls.
    """
    roll = _roll_for(actor, roll, "change", lock=True)
    if roll.status != RollStatus.DRAFT:
        raise DomainError(_("Only a generated roll can be approved."), code="payments.not_draft")
    _check_totals(roll)
    return _advance(roll, RollStatus.APPROVED, actor=actor, now=now, event=PaymentEvent.ROLL_APPROVED)


@transaction.atomic
def lock_roll(roll: PaymentRoll, *, actor, now: datetime.datetime | None = None) -> PaymentRoll:
    """Lock an approved roll once it is paid: from then on neither it nor its entries change.

    Raises:
        DomainError: ``payments.not_approved``.
        PermissionsViolation: the roll lies outside the area where the actor may change rolls.
    """
    roll = _roll_for(actor, roll, "change", lock=True)
    if roll.status != RollStatus.APPROVED:
        raise DomainError(_("Only an approved roll can be locked."), code="payments.not_approved")
    return _advance(roll, RollStatus.LOCKED, actor=actor, now=now, event=PaymentEvent.ROLL_LOCKED)


@transaction.atomic
def export_bank_file(roll: PaymentRoll, *, fmt: str, actor) -> BankFile:
    """The bank file of an approved or locked roll, as ``csv`` or ``xlsx``; the export is an audit event.

    Raises:
        DomainError: ``payments.format``, ``payments.not_approved``.
        PermissionsViolation: the roll lies outside the area where the actor may change rolls.
    """
    if fmt not in FORMATS:
        raise DomainError(_("Choose CSV or XLSX."), code="payments.format", field="format")
    roll = _roll_for(actor, roll, "change")
    if roll.status == RollStatus.DRAFT:
        raise DomainError(_("The bank file is made from an approved roll."), code="payments.not_approved")
    file = render_bank_file(roll, bank_rows(roll), fmt)
    record_event(PaymentEvent.BANK_FILE_EXPORTED, actor=user_or_none(actor), subject=roll,
                 payload={"format": fmt, "rows": file.rows, "total": str(file.total)})
    return file


def _adjustment_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        value = Decimal(0)
    if not value.is_finite() or value == 0 or value != value.quantize(Decimal("0.01")):
        raise DomainError(_("Give an amount other than zero, to the fen."), code="payments.amount_invalid",
                          field="amount")
    return value


@transaction.atomic
def add_adjustment(target: PaymentEntry | AssistanceCase, *, amount, reason: str, actor) -> PaymentAdjustment:
    """Record a correction of a case's payment, or of one entry of it, to be paid by the next roll generated for
    the case's program and district. A paid entry itself is never edited.

    Raises:
        DomainError: ``payments.amount_invalid``, ``payments.reason_required``.
        PermissionsViolation: the case or entry lies outside the actor's area.
    """
    entry = target if isinstance(target, PaymentEntry) else None
    amount, reason = _adjustment_amount(amount), (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), code="payments.reason_required", field="reason")
    if entry is not None and not PaymentEntry.objects.restrict(actor, "view").filter(pk=entry.pk).exists():
        raise PermissionsViolation()
    case = entry.case if entry is not None else target
    adjustment = save_object(PaymentAdjustment(case=case, adjusts=entry, amount=amount, reason=reason), actor=actor)
    record_event(PaymentEvent.ADJUSTMENT_ADDED, actor=user_or_none(actor), subject=adjustment,
                 payload={"case": case.number, "amount": str(amount), "adjusts": entry.pk if entry else None})
    return adjustment


def _households(person: Person, died: datetime.date) -> tuple[list[int], list[int]]:
    """The households ``person`` ever belonged to, and those of them the death left without a living member."""
    memberships = Membership.objects.filter(person=person)
    households = list(memberships.values_list("household_id", flat=True))
    at_death = memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=died)).values_list("household_id",
                                                                                                flat=True)
    living = set(Membership.objects.filter(household_id__in=households, end_date__isnull=True,
                                           person__status=PersonStatus.ALIVE).values_list("household_id", flat=True))
    return households, [household for household in at_death if household not in living]


@transaction.atomic
def flag_payments_after_death(person: Person, *, actor=None) -> int:
    """Flag for recovery every payment made for a month after the month of ``person``'s death: to the person as
    payee, or to a household the death left without living members. Returns how many entries were flagged.

    Locked rolls included: the flag records that money must come back and changes nothing that was paid.
    """
    died = Person.objects.filter(pk=person.pk).values_list("death_date", flat=True).first()
    if died is None:
        return 0
    households, emptied = _households(person, died)
    cases = AssistanceCase.objects.filter(Q(applicant=person) | Q(household_id__in=households)).values("pk")
    entries = (PaymentEntry.objects.filter(case__in=cases, roll__month__gte=first_day_of_next_month(died),
                                           recovery=False, amount__gt=0)
               .filter(Q(payee_id=person.pk) | Q(household_id__in=emptied)))
    found = list(entries.values_list("pk", "roll_id", "amount"))
    if not found:
        return 0
    reason = _("%(name)s died on %(date)s.") % {"name": person.name, "date": died.isoformat()}
    PaymentEntry.objects.filter(pk__in=[pk for pk, _roll, _amount in found]).update(recovery=True,
                                                                                    recovery_reason=reason[:200])
    for roll in PaymentRoll.objects.filter(pk__in={roll_id for _pk, roll_id, _amount in found}):
        flagged = [(pk, amount) for pk, roll_id, amount in found if roll_id == roll.pk]
        record_event(PaymentEvent.RECOVERY_FLAGGED, actor=user_or_none(actor), subject=roll, payload={
            "person": person.pk, "entries": [pk for pk, _amount in flagged],
            "amount": str(sum(amount for _pk, amount in flagged))})
    return len(found)
