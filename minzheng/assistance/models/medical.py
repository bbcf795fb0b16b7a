"""Medical assistance claims (医疗救助): the costs left after basic, critical-illness and supplementary
insurance, reimbursed by a ratio per category up to an annual cap per person (社会救助暂行办法 Art. 28–29).

A claim is an ``AssistanceCase`` of a medical program (the household, the patient as applicant, the
procedure) with this record of the bills. The amount is computed when the claim is approved, from
what the person was already paid in the claim's calendar year, under a lock on the person's claims.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import MedicalCategory
from minzheng.assistance.models.cases import MONEY, CaseRecord

__all__ = ["MedicalClaim"]


class MedicalClaim(CaseRecord):
    """The bills of one medical-assistance claim and what was paid for them."""

    case = models.OneToOneField("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="medical_claim")
    patient = models.ForeignKey("registry.Person", verbose_name=_("patient"), on_delete=models.PROTECT,
                                related_name="medical_claims")
    category = models.CharField(_("category"), max_length=12, choices=MedicalCategory.choices)
    hospital = models.CharField(_("hospital"), max_length=200)
    treated_from = models.DateField(_("treated from"))
    treated_until = models.DateField(_("treated until"))
    settled_on = models.DateField(_("settled on"), help_text=_("The insurance settlement date; its year counts "
                                                               "towards the annual cap."))
    total_cost = models.DecimalField(_("total cost"), **MONEY)
    insurance_paid = models.DecimalField(_("paid by insurance"), **MONEY,
                                         help_text=_("Basic, critical-illness and supplementary insurance."))
    other_paid = models.DecimalField(_("paid by others"), **MONEY, default=0)
    ineligible_cost = models.DecimalField(_("costs outside the eligible list"), **MONEY, default=0)
    ratio = models.DecimalField(_("reimbursement ratio"), max_digits=4, decimal_places=3, null=True, blank=True,
                                editable=False)
    paid_before = models.DecimalField(_("paid earlier this year"), **MONEY, null=True, blank=True, editable=False)
    amount = models.DecimalField(_("amount granted"), **MONEY, null=True, blank=True, editable=False)

    area_lookup = "case__division"
    search_fields = ("case__number", "patient__name", "hospital")

    class Meta:
        verbose_name = _("medical assistance claim")
        verbose_name_plural = _("medical assistance claims")
        ordering = ["-settled_on", "-pk"]
        indexes = [models.Index(fields=["patient", "settled_on"], name="assistance_claim_patient_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cost__gte=F("insurance_paid") + F("other_paid") + F("ineligible_cost")),
                name="%(app_label)s_%(class)s_costs",
                violation_error_message=_("Insurance, other payments and ineligible costs exceed the total cost.")),
            models.CheckConstraint(condition=Q(treated_until__gte=F("treated_from")),
                                   name="%(app_label)s_%(class)s_treatment",
                                   violation_error_message=_("The treatment ends before it starts.")),
        ]

    def __str__(self):
        return f"{self.case.number} · {self.hospital}"

    @property
    def eligible_cost(self):
        """What is left to the patient within the eligible list (the base of the reimbursement)."""
        return self.total_cost - self.insurance_paid - self.other_paid - self.ineligible_cost
