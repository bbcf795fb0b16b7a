"""Marriage registrations (and refusals), applications for divorce by agreement, and certificates.

A registration or an application keeps what the officer saw (both parties' identity, presence, consent,
declarations and documents) and the outcome: registered with its certificate, or refused with the grounds
found by ``checks`` and a written reason (婚姻登记条例 第七条). The parties are linked to their records in
the population register when they have one; their marital status there changes through a registry life
event.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel, RecordModel
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.marriage.choices import CertificateKind, Dissolution, DivorceStatus, RegistrationStatus
from minzheng.marriage.models.appointments import Appointment
from minzheng.marriage.models.offices import RegistryOffice

__all__ = ["Certificate", "DivorceApplication", "MarriageRegistration", "MarriedPerson"]

_ID = SensitiveField(mask_id_number, reveal="id")


def _person(label):
    return models.ForeignKey("registry.Person", verbose_name=label, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+", editable=False)


class MarriageRegistration(RecordModel):
    """Two people asking to marry at an office on a day: registered, or refused with the reasons."""

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="marriages")
    appointment = models.ForeignKey(Appointment, verbose_name=_("appointment"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    registered_on = models.DateField(_("date"), editable=False)
    status = models.CharField(_("outcome"), max_length=10, choices=RegistrationStatus.choices, editable=False)
    party_a_name = models.CharField(_("party A"), max_length=50)
    party_a_id_number = models.CharField(_("party A's identity number"), max_length=18)
    party_a_person = _person(_("party A in the population register"))
    party_b_name = models.CharField(_("party B"), max_length=50)
    party_b_id_number = models.CharField(_("party B's identity number"), max_length=18)
    party_b_person = _person(_("party B in the population register"))
    inputs = models.JSONField(_("what the officer recorded"), default=dict, editable=False,
                              help_text=_("Per party: present, voluntary, declarations and documents."))
    grounds = models.JSONField(_("refusal grounds"), default=list, editable=False)
    refusal_reason = models.TextField(_("written reason for the refusal"), blank=True, editable=False)
    rules_basis = models.CharField(_("law applied"), max_length=200, editable=False)
    certificate_number = models.CharField(_("certificate number"), max_length=30, blank=True, editable=False)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True, editable=False)
    dissolved_by = models.CharField(_("dissolved by"), max_length=10, choices=Dissolution.choices, blank=True,
                                    editable=False)
    status_pending = models.JSONField(
        _("marital status still to be recorded"), default=list, editable=False,
        help_text=_("Parties whose record lies outside the officer's area of the population register."))

    area_lookup = "office__division"
    search_fields = ("party_a_name", "party_b_name", "certificate_number")
    sensitive_fields = {"party_a_id_number": _ID, "party_b_id_number": _ID}

    class Meta:
        verbose_name = _("marriage registration")
        verbose_name_plural = _("marriage registrations")
        ordering = ["-registered_on", "-pk"]
        permissions = [("view_full_id_marriageregistration", _("Can see full identity numbers of couples"))]
        indexes = [models.Index(fields=["party_a_id_number"], name="marriage_reg_party_a"),
                   models.Index(fields=["party_b_id_number"], name="marriage_reg_party_b")]
        constraints = [models.CheckConstraint(
            condition=Q(status=RegistrationStatus.REGISTERED) | ~Q(refusal_reason=""),
            name="%(app_label)s_%(class)s_refusal_reason",
            violation_error_message=_("A refusal states its reason."))]

    def __str__(self):
        return f"{self.party_a_name} · {self.party_b_name} · {self.registered_on:%Y-%m-%d}"


class MarriedPerson(BaseModel):
    """A spouse of a marriage registered here and not dissolved since, keyed by identity number.

    The identity number is unique, so two registrations of the same person cannot both succeed, even when
    two offices register them at the same moment; the row goes when the marriage is dissolved.
    """

    id_number = models.CharField(_("identity number"), max_length=18, unique=True)
    marriage = models.ForeignKey(MarriageRegistration, verbose_name=_("marriage"), on_delete=models.CASCADE,
                                 related_name="spouses")

    area_lookup = "marriage__office__division"
    sensitive_fields = {"id_number": _ID}

    class Meta:
        verbose_name = _("married person")
        verbose_name_plural = _("married persons")
        ordering = ["pk"]

    def __str__(self):
        return mask_id_number(self.id_number)


class DivorceApplication(RecordModel):
    """An application for divorce by agreement and its clock (民法典 第一千零七十七条 from 2021-01-01).

    ``cooling_off_last_day``, ``first_day`` and ``last_day`` are computed when the application is received
    (``checks.divorce_schedule`` on the office's working-day calendar) and never change.
    """

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="divorces")
    appointment = models.ForeignKey(Appointment, verbose_name=_("appointment"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    applied_on = models.DateField(_("received on"), editable=False)
    cooling_off_last_day = models.DateField(_("last day of the cooling-off"), null=True, blank=True, editable=False)
    first_day = models.DateField(_("may register from"), editable=False)
    last_day = models.DateField(_("may register until"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=DivorceStatus.choices,
                              default=DivorceStatus.PENDING, editable=False)
    party_a_name = models.CharField(_("party A"), max_length=50)
    party_a_id_number = models.CharField(_("party A's identity number"), max_length=18)
    party_a_person = _person(_("party A in the population register"))
    party_b_name = models.CharField(_("party B"), max_length=50)
    party_b_id_number = models.CharField(_("party B's identity number"), max_length=18)
    party_b_person = _person(_("party B in the population register"))
    marriage = models.ForeignKey(MarriageRegistration, verbose_name=_("marriage"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="divorces", editable=False)
    marriage_certificate_number = models.CharField(_("marriage certificate number"), max_length=30)
    registered_in_mainland = models.BooleanField(_("marriage registered in mainland China"), default=True)
    agreement_signed = models.BooleanField(_("divorce agreement signed by both"), default=False)
    inputs = models.JSONField(_("what the officer recorded"), default=dict, editable=False)
    grounds = models.JSONField(_("refusal grounds"), default=list, editable=False)
    refusal_reason = models.TextField(_("written reason for the refusal"), blank=True, editable=False)
    rules_basis = models.CharField(_("law applied"), max_length=200, editable=False)
    certificate_number = models.CharField(_("divorce certificate number"), max_length=30, blank=True,
                                          editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False,
                                 help_text=_("Registered, refused, withdrawn or lapsed on."))
    withdrawn_by = models.CharField(_("withdrawn by"), max_length=50, blank=True, editable=False)
    status_pending = models.JSONField(_("marital status still to be recorded"), default=list, editable=False)

    area_lookup = "office__division"
    search_fields = ("party_a_name", "party_b_name", "marriage_certificate_number")
    sensitive_fields = {"party_a_id_number": _ID, "party_b_id_number": _ID}

    class Meta:
        verbose_name = _("divorce application")
        verbose_name_plural = _("divorce applications")
        ordering = ["-applied_on", "-pk"]
        permissions = [("view_full_id_divorceapplication", _("Can see full identity numbers of divorcing couples"))]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")),
                                   name="%(app_label)s_%(class)s_window",
                                   violation_error_message=_("The window to register cannot end before it starts.")),
            models.CheckConstraint(condition=~Q(status=DivorceStatus.REFUSED) | ~Q(refusal_reason=""),
                                   name="%(app_label)s_%(class)s_refusal_reason",
                                   violation_error_message=_("A refusal states its reason.")),
        ]

    def __str__(self):
        return f"{self.party_a_name} · {self.party_b_name} · {self.applied_on:%Y-%m-%d}"


class Certificate(RecordModel):
    """A certificate issued at an office, numbered per kind, office and year without gaps (REFERENCE.md §5.3).

    It belongs to the marriage, the divorce or the adoption it certifies; a replacement (补领) also names
    the certificate it replaces and the holder it was issued to.
    """

    number = models.CharField(_("certificate number"), max_length=30, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=2, choices=CertificateKind.choices, editable=False)
    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="certificates", editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(_("serial number"), editable=False)
    issued_on = models.DateField(_("issued on"), editable=False)
    holders = models.CharField(_("holders"), max_length=200, editable=False)
    marriage = models.ForeignKey(MarriageRegistration, verbose_name=_("marriage"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="certificates", editable=False)
    divorce = models.ForeignKey(DivorceApplication, verbose_name=_("divorce"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="certificates", editable=False)
    adoption = models.ForeignKey("marriage.AdoptionApplication", verbose_name=_("adoption"),
                                 on_delete=models.PROTECT, null=True, blank=True, related_name="certificates",
                                 editable=False)
    replaces = models.ForeignKey("self", verbose_name=_("replaces"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="replacements", editable=False)
    holder_id_number = models.CharField(_("issued to (identity number)"), max_length=18, blank=True, editable=False)

    area_lookup = "office__division"
    search_fields = ("number", "holders")
    sensitive_fields = {"holder_id_number": _ID}

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-number"]
        permissions = [("print_certificate", _("Can print certificates")),
                       ("view_full_id_certificate", _("Can see full identity numbers of certificate holders"))]
        constraints = [
            models.UniqueConstraint(fields=["kind", "office", "year", "serial"],
                                    name="%(app_label)s_%(class)s_serial"),
            models.CheckConstraint(
                condition=(Q(marriage__isnull=False, divorce__isnull=True, adoption__isnull=True)
                           | Q(marriage__isnull=True, divorce__isnull=False, adoption__isnull=True)
                           | Q(marriage__isnull=True, divorce__isnull=True, adoption__isnull=False)),
                name="%(app_label)s_%(class)s_one_subject",
                violation_error_message=_("A certificate certifies one marriage, divorce or adoption.")),
        ]

    def __str__(self):
        return self.number
