"""Choices of the verification app: the kinds of source data and the life of a snapshot."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SnapshotStatus", "SourceKind"]


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
