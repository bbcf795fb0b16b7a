"""Choices of the work-plan app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = ["Binding", "Comparator", "ItemStatus", "Light", "TaskStatus", "UnitKind"]


class UnitKind(models.TextChoices):
    BUREAU_DIVISION = "division", _("Division of the bureau (处室)")
    DISTRICT_BUREAU = "district", _("District or county bureau")
    OTHER = "other", _("Other unit")


class ItemStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("work plan", "In progress")
    DONE = "done", _("Done")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("work plan", "In progress")
    DONE = "done", _("Done")


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("at least")
    MORE_THAN = ">", _("more than")
    EQUAL = "=", _("exactly")
    ABOUT = "~", _("about")
    AT_MOST = "<=", _("at most")
    LESS_THAN = "<", _("less than")


class Binding(models.TextChoices):
    """How a target's actual value is known."""

    NONE = "none", _("Progress reports")
    SUGGESTED = "suggested", _("Indicator suggested")
    CONFIRMED = "confirmed", _("Indicator (live)")


class Light(models.TextChoices):
    """A target's traffic light: actual against target against the share of the year elapsed."""

    DONE = "done", _("Reached")
    GREEN = "green", _("On track")
    YELLOW = "yellow", _("Slightly behind")
    RED = "red", _("Behind")
    NONE = "none", _("No data")
