from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")


class BreakReason(models.TextChoices):
    """Why a hash chain stops verifying at a row."""

    CONTENT = "content", _("content altered")
    LINK = "link", _("link broken")
    MISSING = "missing", _("row missing")
