"""Choices of the marriage and adoption registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minzheng.marriage.rules import Document

__all__ = ["AdoptionStatus", "AppointmentStatus", "AssessmentOutcome", "CertificateKind", "Dissolution",
           "DivorceStatus", "OfficeGrade", "RegistrationStatus", "Service", "document_choices"]


class OfficeGrade(models.TextChoices):
    """The grade of a registry office in the ministry's grading (婚姻登记机关等级评定)."""

    NONE = "", _("Not graded")
    PROVINCIAL = "provincial", _("Provincial grade")
    NATIONAL_3A = "3a", _("National 3A")
    NATIONAL_4A = "4a", _("National 4A")
    NATIONAL_5A = "5a", _("National 5A")


class Service(models.TextChoices):
    """What an appointment is for."""

    MARRIAGE = "marriage", _("Marriage registration")
    DIVORCE = "divorce", _("Divorce registration")
    REISSUE = "reissue", _("Replacement certificate")


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    REFUSED = "refused", _("Refused")


class DivorceStatus(models.TextChoices):
    """The stored state of an application for divorce by agreement; "in cooling-off" and "may register" are
    read from its dates (``DivorceApplication.stage``)."""

    PENDING = "pending", _("Received")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed (nobody appeared in time)")
    REGISTERED = "registered", _("Divorce registered")
    REFUSED = "refused", _("Refused")
    ENDED = "ended", _("Ended by a party's death")


class Dissolution(models.TextChoices):
    """How a registered marriage ended."""

    DIVORCE = "divorce", _("Divorce")
    DEATH = "death", _("Death of a spouse")


class CertificateKind(models.TextChoices):
    """The certificate's kind is also the letter prefix of its number (REFERENCE.md §5.3)."""

    MARRIAGE = "J", _("Marriage certificate")
    DIVORCE = "L", _("Divorce certificate")
    MARRIAGE_REISSUE = "BJ", _("Replacement marriage certificate")
    DIVORCE_REISSUE = "BL", _("Replacement divorce certificate")
    ADOPTION = "SY", _("Adoption registration certificate")


class AdoptionStatus(models.TextChoices):
    RECEIVED = "received", _("Received, awaiting the assessment")
    ASSESSED = "assessed", _("Assessed, awaiting the decision")
    REGISTERED = "registered", pgettext_lazy("adoption", "Registered")
    REFUSED = "refused", pgettext_lazy("adoption", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("adoption", "Withdrawn")


class AssessmentOutcome(models.TextChoices):
    SUITABLE = "suitable", _("Suitable to adopt")
    UNSUITABLE = "unsuitable", _("Not suitable to adopt")


def document_choices() -> list[tuple[str, str]]:
    """The documents a party may present (``rules.Document``), for checkboxes."""
    return [(str(document), document.label) for document in Document]
