"""Choices of the verification app: the kinds of source data and the life of a snapshot."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["INCOME_KINDS", "BatchStatus", "BusinessOutcome", "FindingKind", "Outcome", "SnapshotStatus", "SourceKind"]


class SourceKind(models.TextChoices):
    """Another department's data set; ``amount`` means a monthly income or an asset value as the kind says."""

    WAGES = "wages", _("Wages and social-insurance base (monthly)")
    PENSION = "pension", _("Pensions (monthly)")
    PROVIDENT_FUND = "provident_fund", _("Housing provident fund")
    REAL_ESTATE = "real_estate", _("Real estate")
    VEHICLE = "vehicle", _("Vehicles")
    BUSINESS = "business", _("Business registrations")
    DEPOSIT = "deposit", _("Bank deposits")
    TAX = "tax", _("Tax")


class SnapshotStatus(models.TextChoices):
    LOADING = "loading", _("Loading")
    CURRENT = "current", _("Current")
    SUPERSEDED = "superseded", _("Superseded")


class Outcome(models.TextChoices):
    """What a verification concludes for a household (核对结论)."""

    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    REVIEW = "review", _("Needs manual review")


class BusinessOutcome(models.TextChoices):
    """What a business registration of a member means for the household."""

    IGNORE = "ignore", _("Nothing")
    REVIEW = "review", _("Needs manual review")
    INELIGIBLE = "ineligible", _("Not eligible")


class BatchStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class FindingKind(models.TextChoices):
    """Why a batch review lists a household."""

    INELIGIBLE = "ineligible", _("Not eligible any more")
    REVIEW = "review", _("Needs manual review")
    AMOUNT = "amount", _("Amount would change")


#: Monthly sources (a ``period`` per row) that can count as income.
INCOME_KINDS = (SourceKind.WAGES.value, SourceKind.PENSION.value, SourceKind.PROVIDENT_FUND.value,
                SourceKind.TAX.value)
