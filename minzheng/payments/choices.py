from django.db import models
from django.utils.translation import gettext_lazy as _


class RollStatus(models.TextChoices):
    """Where a payment roll stands: generated (a draft to check), approved (the bank file may be made), locked
    (paid: nothing in it changes any more)."""

    DRAFT = "draft", _("Generated (draft)")
    APPROVED = "approved", _("Approved")
    LOCKED = "locked", _("Locked (paid)")


class EntryKind(models.TextChoices):
    """Why a household is in a roll."""

    REGULAR = "regular", _("Monthly benefit")
    ONE_OFF = "one_off", _("One-off grant")
    ADJUSTMENT = "adjustment", _("Adjustment")
