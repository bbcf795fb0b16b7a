"""Adoption registration (收养登记): the application with its adopters and children, the adoption assessment
(收养评估), the notice seeking a foundling's parents, and the decision.

中国公民收养子女登记办法 第七条: the office reviews an application within 30 days from the day after it is
received; for a foundling it first publishes a notice seeking the parents, which runs 60 days and is not
counted in the 30. ``review_last_day`` is computed from these (``checks.adoption_review_last_day``) and
recomputed when a notice is published.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import RecordModel
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.marriage.choices import AdoptionStatus, AssessmentOutcome
from minzheng.marriage.models.offices import RegistryOffice
from minzheng.registry.choices import Sex

__all__ = ["AdoptedChild", "Adopter", "AdoptionApplication", "AdoptionAssessment"]

_ID = SensitiveField(mask_id_number, reveal="id")


class AdoptionApplication(RecordModel):
    """One application to adopt: one person or a married couple, one or two children."""

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="adoptions")
    received_on = models.DateField(_("received on"), editable=False)
    review_last_day = models.DateField(_("review due by"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=AdoptionStatus.choices,
                              default=AdoptionStatus.RECEIVED, editable=False)
    summary = models.CharField(_("adopters and children"), max_length=200, editable=False)
    grounds = models.JSONField(_("refusal grounds"), default=list, editable=False)
    refusal_reason = models.TextField(_("written reason for the refusal"), blank=True, editable=False)
    rules_basis = models.CharField(_("law applied"), max_length=200, blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    certificate_number = models.CharField(_("certificate number"), max_length=30, blank=True, editable=False)

    area_lookup = "office__division"
    search_fields = ("summary", "certificate_number")

    class Meta:
        verbose_name = _("adoption application")
        verbose_name_plural = _("adoption applications")
        ordering = ["-received_on", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(status=AdoptionStatus.REFUSED) | ~Q(refusal_reason=""),
                                              name="%(app_label)s_%(class)s_refusal_reason",
                                              violation_error_message=_("A refusal states its reason."))]

    def __str__(self):
        return self.summary


class Adopter(RecordModel):
    """A person asking to adopt, with the conditions the law sets for adopters."""

    application = models.ForeignKey(AdoptionApplication, verbose_name=_("adoption application"),
                                    on_delete=models.CASCADE, related_name="adopters")
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("identity number"), max_length=18)
    person = models.ForeignKey("registry.Person", verbose_name=_("in the population register"),
                               on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False)
    married = models.BooleanField(_("married"), default=False)
    children = models.PositiveSmallIntegerField(_("children already had"), default=0)
    able_to_raise = models.BooleanField(_("able to raise, educate and protect the child"), default=True)
    barring_disease = models.BooleanField(_("has a disease barring adoption"), default=False)
    harmful_criminal_record = models.BooleanField(_("has a criminal record harmful to minors"), default=False)
    overseas_chinese = models.BooleanField(_("overseas Chinese"), default=False)

    area_lookup = "application__office__division"
    search_fields = ("name",)
    sensitive_fields = {"id_number": _ID}

    class Meta:
        verbose_name = _("adopter")
        verbose_name_plural = _("adopters")
        ordering = ["application", "pk"]
        permissions = [("view_full_id_adopter", _("Can see full identity numbers of adopters"))]

    def __str__(self):
        return self.name


class AdoptedChild(RecordModel):
    """A child to be adopted, the child's situation and, for a foundling, the notice seeking the parents."""

    application = models.ForeignKey(AdoptionApplication, verbose_name=_("adoption application"),
                                    on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("identity number"), max_length=18, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True,
                                  help_text=_("Taken from the identity number when left empty."))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    orphan = models.BooleanField(_("orphan"), default=False)
    parents_unknown = models.BooleanField(_("parents cannot be found"), default=False)
    parents_in_hardship = models.BooleanField(_("parents cannot raise the child"), default=False)
    disabled = models.BooleanField(_("disabled"), default=False)
    in_welfare_institution = models.BooleanField(_("raised by a welfare institution"), default=False)
    relative = models.BooleanField(_("child of a relative of the same generation"), default=False)
    consents = models.BooleanField(_("the child consents"), null=True, blank=True)
    notice_published_on = models.DateField(_("notice seeking the parents published on"), null=True, blank=True,
                                           editable=False)
    notice_medium = models.CharField(_("published in"), max_length=100, blank=True, editable=False)

    area_lookup = "application__office__division"
    search_fields = ("name",)
    sensitive_fields = {"id_number": _ID}

    class Meta:
        verbose_name = _("child to be adopted")
        verbose_name_plural = _("children to be adopted")
        ordering = ["application", "pk"]
        permissions = [("view_full_id_adoptedchild", _("Can see full identity numbers of children to be adopted"))]

    def __str__(self):
        return self.name


class AdoptionAssessment(RecordModel):
    """The adoption assessment (收养评估, 民法典 第一千一百零五条) of an application, and its outcome."""

    application = models.OneToOneField(AdoptionApplication, verbose_name=_("adoption application"),
                                       on_delete=models.CASCADE, related_name="assessment")
    assessor = models.CharField(_("assessed by"), max_length=100,
                                help_text=_("The office's own staff or the agency it commissioned."))
    assessed_on = models.DateField(_("completed on"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=AssessmentOutcome.choices)
    findings = models.TextField(_("findings"))

    area_lookup = "application__office__division"
    search_fields = ("assessor", "application__summary")

    class Meta:
        verbose_name = _("adoption assessment")
        verbose_name_plural = _("adoption assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.application} · {self.get_outcome_display()}"
