"""Monthly payment rolls (发放) of social assistance.

A ``PaymentRoll`` is what one district pays under one program for one month (社会救助暂行办法 Art. 12:
paid monthly by the county-level civil-affairs department). Its ``PaymentEntry`` rows are written in
one set-based statement from the benefit periods, one-off grants and pending adjustments
(``generation.py``) and are a snapshot: the payee's name, identity number and account as they were.
Once the roll is locked (paid), its entries never change; the only thing still written to an entry
is the recovery flag, which records that money already paid must come back after a death.

A ``PaymentAdjustment`` corrects a household's payment (back pay, over-payment) through the next
generated roll of its program and district, never by editing a paid entry. A ``PayeeAccount`` is the
bank account a person is paid into.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.choices import Level
from minzheng.framework.exceptions import DomainError
from minzheng.framework.models import BaseModel, RecordModel, ScopedQuerySet
from minzheng.framework.privacy import SensitiveField, mask_id_number, mask_middle
from minzheng.payments.choices import EntryKind, RollStatus

__all__ = ["RECOVERY_FIELDS", "AdjustmentQuerySet", "EntryQuerySet", "PayeeAccount", "PaymentAdjustment",
           "PaymentEntry", "PaymentRoll", "RollQuerySet", "mask_account"]

MONEY = {"max_digits": 12, "decimal_places": 2}
#: What may still be written to an entry of a locked roll: the recovery flag (it changes nothing that was paid).
RECOVERY_FIELDS = frozenset({"recovery", "recovery_reason"})
ACCOUNT_PATTERN = re.compile(r"^\d{8,30}$")


def mask_account(value: str) -> str:
    """A bank account number as shown by default: only the last four digits, e.g. ``***************1234``."""
    return mask_middle(str(value).strip(), head=0, tail=4)


ACCOUNT = SensitiveField(mask_account, reveal="account")


def _digits(value: str | None) -> str:
    """An account number as typed, without its spaces."""
    return re.sub(r"\s+", "", value or "")


def _locked_error() -> DomainError:
    return DomainError(_("The roll is locked: its entries can no longer change."), code="payments.roll_locked")


class PayeeAccount(RecordModel):
    """The bank account (代发账户) a person's assistance is paid into; one per person."""

    person = models.OneToOneField("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="payee_account")
    bank_name = models.CharField(_("bank"), max_length=100)
    account_number = models.CharField(_("account number"), max_length=30,
                                      help_text=_("Digits only; spaces are removed."))

    area_lookup = "person__hukou_division"
    search_fields = ("person__name", "bank_name")
    sensitive_fields = {"account_number": ACCOUNT}

    class Meta:
        verbose_name = _("payee account")
        verbose_name_plural = _("payee accounts")
        ordering = ["person__name", "pk"]
        permissions = [("view_full_account_payeeaccount", _("Can see full bank account numbers"))]

    def __str__(self):
        return f"{self.person} · {self.bank_name} {mask_account(self.account_number)}"

    def clean(self):
        super().clean()
        self.account_number = _digits(self.account_number)
        if not ACCOUNT_PATTERN.match(self.account_number):
            raise ValidationError({"account_number": _("An account number has 8 to 30 digits.")})

    def save(self, *args, **kwargs):
        self.account_number = _digits(self.account_number)
        super().save(*args, **kwargs)


class RollQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        if self.filter(status=RollStatus.LOCKED).exists():
            raise _locked_error()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=RollStatus.LOCKED).exists():
            raise _locked_error()
        return super().delete()


class PaymentRoll(RecordModel):
    """What one district pays under one program for one month; generated, approved, then locked."""

    program = models.ForeignKey("assistance.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="payment_rolls")
    division = models.ForeignKey("divisions.Division", verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The district or county that pays."))
    month = models.DateField(_("month"), help_text=_("The first day of the month paid."))
    status = models.CharField(_("status"), max_length=10, choices=RollStatus.choices, default=RollStatus.DRAFT,
                              editable=False)
    entry_count = models.PositiveIntegerField(_("entries"), default=0, editable=False)
    total_amount = models.DecimalField(_("total amount"), max_digits=16, decimal_places=2, default=0, editable=False)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True, editable=False)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("generated by"),
                                     on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+")
    cutoff = models.DateTimeField(_("inputs as of"), null=True, blank=True, editable=False,
                                  help_text=_("The roll reads benefit periods, grants and adjustments recorded up to "
                                              "this time."))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT,
                                    null=True, blank=True, editable=False, related_name="+")
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("locked by"), on_delete=models.PROTECT,
                                  null=True, blank=True, editable=False, related_name="+")

    area_lookup = "division"
    search_fields = ("program__name", "division__name")

    objects = models.Manager.from_queryset(RollQuerySet)()

    class Meta:
        verbose_name = _("payment roll")
        verbose_name_plural = _("payment rolls")
        ordering = ["-month", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "division", "month"], name="%(app_label)s_%(class)s_one_per_month",
                violation_error_message=_("This district already has a roll of this program for this month.")),
            models.CheckConstraint(condition=Q(month__day=1), name="%(app_label)s_%(class)s_month",
                                   violation_error_message=_("A roll is for a month: its first day.")),
            models.CheckConstraint(condition=Q(status__in=RollStatus.values), name="%(app_label)s_%(class)s_status",
                                   violation_error_message=_("Unknown status.")),
        ]

    def __str__(self):
        return f"{self.program.name} · {self.division.name} · {self.month:%Y-%m}"

    def clean(self):
        super().clean()
        if self.division_id and self.division.level != Level.DISTRICT:
            raise ValidationError({"division": _("Rolls are made by a district or county.")})

    def _stored_status(self) -> str | None:
        return PaymentRoll._base_manager.filter(pk=self.pk).values_list("status", flat=True).first()

    def save(self, *args, **kwargs):
        if self.pk and self._stored_status() == RollStatus.LOCKED:
            raise _locked_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == RollStatus.LOCKED:
            raise _locked_error()
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        return self.status == RollStatus.LOCKED


class AdjustmentQuerySet(ScopedQuerySet):
    def with_payment(self) -> "AdjustmentQuerySet":
        """Annotate ``paid`` (picked up by a roll) and ``paid_entry_id`` (the entry that paid it)."""
        entries = PaymentEntry._base_manager.filter(adjustment=models.OuterRef("pk"))
        return self.annotate(paid=models.Exists(entries), paid_entry_id=models.Subquery(entries.values("pk")[:1]))


class PaymentAdjustment(RecordModel):
    """A correction of a household's payment (+ back pay, − over-payment), paid once by the next roll generated
    for its case's program and district. Pending until a roll picks it up (``applied_entries``: at most one)."""

    case = models.ForeignKey("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="payment_adjustments")
    adjusts = models.ForeignKey("payments.PaymentEntry", verbose_name=_("corrects entry"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="corrections")
    amount = models.DecimalField(_("amount"), **MONEY, help_text=_("Positive to pay more, negative to deduct."))
    reason = models.TextField(_("reason"))

    area_lookup = "case__division"
    search_fields = ("case__number", "reason")

    objects = models.Manager.from_queryset(AdjustmentQuerySet)()

    class Meta:
        verbose_name = _("payment adjustment")
        verbose_name_plural = _("payment adjustments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="%(app_label)s_%(class)s_amount",
                                   violation_error_message=_("An adjustment needs an amount other than zero.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.amount:+}"

    def clean(self):
        super().clean()
        if self.adjusts_id and self.case_id and self.adjusts.case_id != self.case_id:
            raise ValidationError({"adjusts": _("The entry belongs to another case.")})

    @property
    def is_pending(self) -> bool:
        return not self.applied_entries.exists()


class EntryQuerySet(ScopedQuerySet):
    """Entries of a locked roll are refused any write but the recovery flag, also in bulk."""

    def update(self, **kwargs):
        if set(kwargs) - RECOVERY_FIELDS and self.filter(roll__status=RollStatus.LOCKED).exists():
            raise _locked_error()
        return super().update(**kwargs)

    def delete(self):
        if self.filter(roll__status=RollStatus.LOCKED).exists():
            raise _locked_error()
        return super().delete()


class PaymentEntry(BaseModel):
    """One payment of a roll to one household: the payee and account as they were at generation, the amount
    and why (monthly benefit, one-off grant, adjustment). Written only by the roll's generation."""

    roll = models.ForeignKey(PaymentRoll, verbose_name=_("roll"), on_delete=models.PROTECT, related_name="entries")
    # The case, household and payee are written by the generating statement from the rows it joins, in one
    # snapshot, and the ORM protects them (PROTECT); a database foreign key on each would cost a row lock per entry
    # at commit, a third of the time of a 200,000-household roll (docs/benchmarks.md). Only the roll keeps one.
    case = models.ForeignKey("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="payment_entries", db_constraint=False)
    household = models.ForeignKey("registry.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="+", db_constraint=False, db_index=False)
    payee = models.ForeignKey("registry.Person", verbose_name=_("payee"), on_delete=models.PROTECT, related_name="+",
                              db_constraint=False, db_index=False)
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("identity number"), max_length=18, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    account = models.CharField(_("account number"), max_length=30, blank=True)
    amount = models.DecimalField(_("amount"), **MONEY)
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    adjusts = models.ForeignKey("self", verbose_name=_("corrects entry"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+", db_index=False)
    adjustment = models.ForeignKey(PaymentAdjustment, verbose_name=_("adjustment"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="applied_entries", db_index=False)
    recovery = models.BooleanField(_("to recover"), default=False,
                                   help_text=_("Paid for a month after the payee's death: the money must come back."))
    recovery_reason = models.CharField(_("reason for recovery"), max_length=200, blank=True)

    area_lookup = "case__division"  # a street officer sees the payments of the street's households
    search_fields = ("name", "case__number")
    lazy_choices = True  # hundreds of thousands a month: forms pick one with a search box
    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id"), "account": ACCOUNT}

    objects = models.Manager.from_queryset(EntryQuerySet)()

    class Meta:
        verbose_name = _("payment entry")
        verbose_name_plural = _("payment entries")
        ordering = ["roll", "pk"]
        permissions = [("view_full_id_paymententry", _("Can see full identity numbers")),
                       ("view_full_account_paymententry", _("Can see full bank account numbers"))]
        # Partial: only adjustment entries have one (it serves the foreign-key check when an entry is deleted).
        indexes = [models.Index(fields=["adjusts"], condition=Q(adjusts__isnull=False), name="payments_entry_adjusts")]
        constraints = [
            models.UniqueConstraint(
                fields=["roll", "case"], condition=Q(kind=EntryKind.REGULAR),
                name="%(app_label)s_%(class)s_one_regular",
                violation_error_message=_("A case is paid its monthly benefit once per roll.")),
            models.UniqueConstraint(
                fields=["case"], condition=Q(kind=EntryKind.ONE_OFF), name="%(app_label)s_%(class)s_one_off_once",
                violation_error_message=_("A one-off grant is paid once.")),
            models.UniqueConstraint(
                fields=["adjustment"], condition=Q(adjustment__isnull=False),
                name="%(app_label)s_%(class)s_adjustment_once",
                violation_error_message=_("An adjustment is paid once.")),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.ADJUSTMENT, adjustment__isnull=False)
                | (~Q(kind=EntryKind.ADJUSTMENT) & Q(adjustment__isnull=True)),
                name="%(app_label)s_%(class)s_adjustment",
                violation_error_message=_("An adjustment entry comes from exactly one adjustment.")),
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="%(app_label)s_%(class)s_kind",
                                   violation_error_message=_("Unknown kind of entry.")),
        ]

    def __str__(self):
        return f"{self.name} · {self.roll.month:%Y-%m} · {self.amount}"

    def _roll_locked(self) -> bool:
        return PaymentRoll._base_manager.filter(pk=self.roll_id, status=RollStatus.LOCKED).exists()

    def save(self, *args, update_fields=None, **kwargs):
        recovery_only = update_fields is not None and set(update_fields) <= RECOVERY_FIELDS
        if not recovery_only and self._roll_locked():
            raise _locked_error()
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        if self._roll_locked():
            raise _locked_error()
        return super().delete(*args, **kwargs)
