from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DayKind", "Decision", "ObjectionStatus", "RequestStatus", "StepKind"]


class DayKind(models.TextChoices):
    """What an entry of the holiday calendar says about its date."""

    HOLIDAY = "holiday", _("Public holiday (day off)")
    WORKDAY = "workday", _("Make-up working day (调休上班)")


class StepKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    PUBLIC_NOTICE = "public_notice", _("Public notice (公示)")


class RequestStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return to the previous step")
    COMMENT = "comment", _("Comment")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")
