"""Assistance cases and the records their procedure produces.

A case (``AssistanceCase``) is one household's application to one program, handled in the
division of the household (its community). It goes through the program's approval flow
(``approvals``): 受理 → 家庭经济状况调查 → 民主评议 → 公示 → 区县审批. The flow holds the current
step and its deadline; the case holds what the steps produced: the investigation records
(``Investigation``), the 民主评议 meeting (``Evaluation``), the amount approved and, once in payment,
the benefit in monthly periods (``BenefitPeriod``), changed only by recorded decisions
(``BenefitChange``: a review's 增发/减发/停发, a recalculation, a death).

Every model here is scoped by the case's division; only the services in ``procedure.py`` and
``benefits.py`` write them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import (
    BenefitChangeKind,
    CaseChannel,
    CaseStatus,
    EvaluationOutcome,
    InvestigationKind,
    ProgramKind,
    ReviewDecision,
    ReviewStatus,
    UrbanRural,
)
from minzheng.framework.models import RecordModel, ScopedQuerySet
from minzheng.framework.privacy import SensitiveField

__all__ = ["MONTHLY_KINDS", "OPEN_STATUSES", "RECURRING_KINDS", "SUBSIDY_KINDS", "AssistanceCase", "BenefitChange",
           "BenefitPeriod", "BenefitReview", "CaseQuerySet", "CaseRecord", "Evaluation", "Investigation",
           "first_of_month", "mask_amount"]

MONEY = {"max_digits": 12, "decimal_places": 2}


def mask_amount(value) -> str:
    """An income shown by default: nothing of the figure (its size alone says much about a household)."""
    return "****" if value not in (None, "") else ""


#: A household's income is personal sensitive information: shown in full with ``view_full_income_<model>``.
INCOME = {"household_income": SensitiveField(mask_amount, reveal="income")}


#: Monthly programs of the household: it has at most one open case of each kind (a database constraint).
RECURRING_KINDS = (ProgramKind.DIBAO, ProgramKind.TEKUN)
#: Monthly subsidies of one person (elderly care): a person has at most one open case of each kind.
SUBSIDY_KINDS = (ProgramKind.CARE_SUBSIDY, ProgramKind.HOMECARE_SUBSIDY, ProgramKind.LONGEVITY)
#: Every program paid month by month through benefit periods (and the payment rolls).
MONTHLY_KINDS = RECURRING_KINDS + SUBSIDY_KINDS
#: Statuses of a case that is still open: in procedure, in payment, or suspended.
OPEN_STATUSES = (CaseStatus.IN_PROCEDURE, CaseStatus.ACTIVE, CaseStatus.SUSPENDED)


def first_of_month(date: datetime.date) -> datetime.date:
    return date.replace(day=1)


def _attachment_path(instance, filename: str) -> str:
    return f"assistance/cases/{instance.number or 'new'}/{filename}"


class CaseQuerySet(ScopedQuerySet):
    def recurring_in_payment(self, month: datetime.date) -> "CaseQuerySet":
        """Cases with a benefit period covering ``month`` (the first day of a month)."""
        return self.filter(Q(benefitperiods__starts__lte=month)
                           & (Q(benefitperiods__ends__isnull=True) | Q(benefitperiods__ends__gt=month))).distinct()


class AssistanceCase(RecordModel):
    """One household's application to one program, and, once approved, its benefit."""

    number = models.CharField(_("case number"), max_length=30, unique=True, editable=False)
    program = models.ForeignKey("assistance.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="cases")
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices, editable=False,
                            help_text=_("The program's kind, kept on the case for the one-open-case rule."))
    household = models.ForeignKey("registry.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="assistance_cases")
    applicant = models.ForeignKey("registry.Person", verbose_name=_("applicant"), on_delete=models.PROTECT,
                                  related_name="assistance_applications")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The community of the household's registration."))
    area_type = models.CharField(_("urban or rural"), max_length=10, choices=UrbanRural.choices)
    channel = models.CharField(_("submitted"), max_length=12, choices=CaseChannel.choices)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.IN_PROCEDURE)
    applied_on = models.DateField(_("applied on"))
    reason = models.TextField(_("reason for applying"), blank=True)
    application_document = models.FileField(_("written application"), upload_to=_attachment_path, blank=True)
    authorisation_document = models.FileField(_("signed authorisation for economic checks"),
                                              upload_to=_attachment_path, blank=True)
    member_count = models.PositiveSmallIntegerField(_("members"), default=1)
    household_income = models.DecimalField(_("household monthly income"), **MONEY, default=0)
    requested_amount = models.DecimalField(_("amount requested"), **MONEY, null=True, blank=True,
                                           help_text=_("For a one-off grant."))
    calculated_amount = models.DecimalField(_("calculated amount"), **MONEY, null=True, blank=True)
    calculation = models.JSONField(_("calculation"), default=list, blank=True, editable=False)
    standard = models.ForeignKey("assistance.Standard", verbose_name=_("standard applied"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+", editable=False)
    approved_amount = models.DecimalField(_("approved amount"), **MONEY, null=True, blank=True, editable=False)
    approved_on = models.DateField(_("approved on"), null=True, blank=True, editable=False)
    benefit_from = models.DateField(_("benefit from"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("reason of the decision"), blank=True, editable=False)
    conflicts = models.JSONField(_("close relatives of staff"), default=list, blank=True, editable=False,
                                 help_text=_("The declared close relatives of case-handling staff among the members."))
    urgent = models.BooleanField(_("urgent help given first (先行救助)"), default=False)
    review_interval_months = models.PositiveSmallIntegerField(_("review every (months)"), null=True, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True, editable=False)

    area_lookup = "division"
    search_fields = ("number", "household__number", "applicant__name")
    sensitive_fields = INCOME

    objects = models.Manager.from_queryset(CaseQuerySet)()

    class Meta:
        verbose_name = _("assistance case")
        verbose_name_plural = _("assistance cases")
        ordering = ["-applied_on", "-pk"]
        permissions = [("view_full_income_assistancecase", _("Can see household incomes"))]
        indexes = [models.Index(fields=["program", "status"], name="assistance_case_program_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "kind"], condition=Q(kind__in=RECURRING_KINDS, status__in=OPEN_STATUSES),
                name="%(app_label)s_%(class)s_one_open_recurring",
                violation_error_message=_("The household already has an open case of this kind of program.")),
            models.UniqueConstraint(
                fields=["applicant", "kind"], condition=Q(kind__in=SUBSIDY_KINDS, status__in=OPEN_STATUSES),
                name="%(app_label)s_%(class)s_one_open_subsidy",
                violation_error_message=_("This person already has an open case of this subsidy.")),
            models.CheckConstraint(condition=Q(status__in=CaseStatus.values), name="%(app_label)s_%(class)s_status",
                                   violation_error_message=_("Unknown status.")),
            models.CheckConstraint(condition=Q(member_count__gte=1), name="%(app_label)s_%(class)s_members",
                                   violation_error_message=_("A household has at least one member.")),
            models.CheckConstraint(condition=Q(household_income__gte=0), name="%(app_label)s_%(class)s_income",
                                   violation_error_message=_("The income cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.number} · {self.program.name}"

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.IN_PROCEDURE


class CaseRecord(RecordModel):
    """What every record of a case shares: the case, and the area through it."""

    case = models.ForeignKey(AssistanceCase, verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="%(class)ss")

    area_lookup = "case__division"
    search_fields = ("case__number",)

    class Meta:
        abstract = True


class Investigation(CaseRecord):
    """The record of a household economic-status investigation (家庭经济状况调查): the home visit by two
    investigators, the neighbours asked, the data checked, what was found."""

    kind = models.CharField(_("kind"), max_length=16, choices=InvestigationKind.choices,
                            default=InvestigationKind.APPLICATION)
    visited_on = models.DateField(_("visited on"))
    home_visit = models.BooleanField(_("home visit made"), default=True)
    investigator_1 = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("first investigator"),
                                       on_delete=models.PROTECT, related_name="+")
    investigator_2 = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("second investigator"),
                                       on_delete=models.PROTECT, related_name="+")
    neighbour_visits = models.PositiveSmallIntegerField(_("neighbours asked"), default=0)
    neighbour_notes = models.TextField(_("what the neighbours said"), blank=True)
    seriously_ill = models.ManyToManyField("registry.Person", verbose_name=_("members with a serious illness"),
                                           blank=True, related_name="+")
    data_check = models.TextField(_("data checked"), blank=True,
                                  help_text=_("Income, property and registrations checked, and the verification "
                                              "report number when there is one."))
    member_count = models.PositiveSmallIntegerField(_("members living together"))
    household_income = models.DecimalField(_("verified household monthly income"), **MONEY)
    findings = models.TextField(_("findings"))
    eligible = models.BooleanField(_("found eligible"))

    search_fields = ("case__number", "findings")
    sensitive_fields = INCOME

    class Meta:
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")
        ordering = ["case", "-visited_on", "-pk"]
        permissions = [("view_full_income_investigation", _("Can see household incomes"))]
        constraints = [
            models.CheckConstraint(condition=~Q(investigator_1=F("investigator_2")),
                                   name="%(app_label)s_%(class)s_two_investigators",
                                   violation_error_message=_("The investigation needs two different investigators.")),
            models.CheckConstraint(condition=Q(member_count__gte=1), name="%(app_label)s_%(class)s_members",
                                   violation_error_message=_("A household has at least one member.")),
            models.CheckConstraint(condition=Q(household_income__gte=0), name="%(app_label)s_%(class)s_income",
                                   violation_error_message=_("The income cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.visited_on:%Y-%m-%d}"


class Evaluation(CaseRecord):
    """The 民主评议 meeting on a case: who attended, the votes, the outcome."""

    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    attendance = models.PositiveSmallIntegerField(_("attendance"))
    attendees = models.TextField(_("attendees"), help_text=_("Names and capacity (residents' representatives, "
                                                              "committee members, street staff)."))
    votes_for = models.PositiveSmallIntegerField(_("votes for"))
    votes_against = models.PositiveSmallIntegerField(_("votes against"))
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=EvaluationOutcome.choices)
    minutes = models.TextField(_("minutes"), blank=True)

    search_fields = ("case__number", "venue")

    class Meta:
        verbose_name = _("democratic evaluation")
        verbose_name_plural = _("democratic evaluations")
        ordering = ["case", "-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance__gte=F("votes_for") + F("votes_against") + F("abstentions")),
                name="%(app_label)s_%(class)s_votes",
                violation_error_message=_("More votes than people attending.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.held_on:%Y-%m-%d}"


class BenefitChange(CaseRecord):
    """A decided change of a case's monthly benefit: the grant, 增发/减发/停发 after a review, a
    recalculation after a new standard, the stop after a death. Insert-only, like a ledger."""

    kind = models.CharField(_("kind"), max_length=16, choices=BenefitChangeKind.choices)
    effective = models.DateField(_("from"), help_text=_("The first month it applies to."))
    old_amount = models.DecimalField(_("previous amount"), **MONEY, null=True, blank=True)
    new_amount = models.DecimalField(_("new amount"), **MONEY, null=True, blank=True,
                                     help_text=_("Empty when the benefit stops."))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("benefit change")
        verbose_name_plural = _("benefit changes")
        ordering = ["case", "-effective", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(effective__day=1), name="%(app_label)s_%(class)s_month",
                                   violation_error_message=_("A change takes effect on the first day of a month.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.get_kind_display()} · {self.effective:%Y-%m}"


class BenefitPeriod(CaseRecord):
    """A stretch of months in which a case receives one monthly amount: from ``starts`` until ``ends``
    (both first days of months; ``ends`` exclusive, empty while it runs). Payment rolls read these."""

    starts = models.DateField(_("from month"))
    ends = models.DateField(_("until month"), null=True, blank=True, help_text=_("First month no longer paid."))
    monthly_amount = models.DecimalField(_("monthly amount"), **MONEY)
    change = models.ForeignKey(BenefitChange, verbose_name=_("decided by change"), on_delete=models.PROTECT,
                               related_name="periods")

    class Meta:
        verbose_name = _("benefit period")
        verbose_name_plural = _("benefit periods")
        ordering = ["case", "starts"]
        indexes = [models.Index(fields=["starts", "ends"], name="assistance_period_months")]
        constraints = [
            models.UniqueConstraint(fields=["case", "starts"], name="%(app_label)s_%(class)s_unique_start",
                                    violation_error_message=_("The case already has a period from this month.")),
            models.CheckConstraint(condition=Q(starts__day=1) & (Q(ends__isnull=True) | Q(ends__day=1)),
                                   name="%(app_label)s_%(class)s_months",
                                   violation_error_message=_("Periods run in whole months.")),
            models.CheckConstraint(condition=Q(ends__isnull=True) | Q(ends__gt=F("starts")),
                                   name="%(app_label)s_%(class)s_order",
                                   violation_error_message=_("The end must be after the start.")),
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="%(app_label)s_%(class)s_amount",
                                   violation_error_message=_("The monthly amount must be more than zero.")),
        ]

    def __str__(self):
        until = f"{self.ends:%Y-%m}" if self.ends else "…"
        return f"{self.case.number} · {self.starts:%Y-%m}–{until} · {self.monthly_amount}"

    def clean(self):
        super().clean()
        if self.ends and self.starts and self.ends <= self.starts:
            raise ValidationError({"ends": _("The end must be after the start.")})


class BenefitReview(CaseRecord):
    """A periodic review (定期复核) of a case in payment, with its proposal: keep, 增发, 减发 or 停发.

    The proposal goes through the review flow; on approval the change is applied from ``effective``.
    """

    due_on = models.DateField(_("due on"))
    started_on = models.DateField(_("started on"))
    investigation = models.ForeignKey(Investigation, verbose_name=_("investigation"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+")
    decision = models.CharField(_("proposal"), max_length=10, choices=ReviewDecision.choices)
    new_amount = models.DecimalField(_("new monthly amount"), **MONEY, null=True, blank=True)
    effective = models.DateField(_("from"))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=12, choices=ReviewStatus.choices,
                              default=ReviewStatus.IN_PROCEDURE, editable=False)

    search_fields = ("case__number", "reason")

    class Meta:
        verbose_name = _("benefit review")
        verbose_name_plural = _("benefit reviews")
        ordering = ["case", "-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(effective__day=1), name="%(app_label)s_%(class)s_month",
                                   violation_error_message=_("A change takes effect on the first day of a month.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.started_on:%Y-%m-%d}"
