"""Pages of 医疗救助 claims: the list, a claim with its calculation, and filing one (its case is created with it)."""

from django.urls import NoReverseMatch

from minzheng.assistance import filtersets, forms, medical, procedure, tables
from minzheng.assistance.models import MedicalClaim
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectEditView, ObjectListView, ObjectView


def _url(obj) -> str:
    try:
        return obj.get_absolute_url() if obj is not None else ""
    except NoReverseMatch:
        return ""


@register_model_view(MedicalClaim, "list")
class MedicalClaimListView(ObjectListView):
    queryset = MedicalClaim.objects.select_related("case", "patient")
    filterset = filtersets.MedicalClaimFilterSet
    table = tables.MedicalClaimTable


@register_model_view(MedicalClaim)
class MedicalClaimView(ObjectView):
    """The bills, the amount with its steps once computed, and links to the case and its procedure."""

    queryset = MedicalClaim.objects.select_related("case__program", "case__division", "patient")
    template_name = "assistance/medicalclaim.html"
    fields = ("case", "patient", "category", "hospital", "treated_from", "treated_until", "settled_on", "total_cost",
              "insurance_paid", "other_paid", "ineligible_cost", "ratio", "paid_before", "amount", "remarks")

    def get_extra_context(self, request, instance=None):
        approval = procedure.case_request(instance.case)
        return {"can_change": False, "can_delete": False, "eligible_cost": instance.eligible_cost,
                "case_status": instance.case.get_status_display(), "calculation_lines": instance.case.calculation,
                "case_url": _url(instance.case), "approval": approval, "approval_url": _url(approval)}


@register_model_view(MedicalClaim, "add")
class MedicalClaimAddView(ObjectEditView):
    """File a claim: the case of the medical program is created with it, and its procedure starts at 受理."""

    queryset = MedicalClaim.objects.all()
    form = forms.MedicalClaimForm

    def save(self, request, form, instance):
        data = form.cleaned_data
        return medical.file_claim(
            program=data["program"], household=data["household"], patient=instance.patient, actor=request.user,
            category=instance.category, hospital=instance.hospital, treated_from=instance.treated_from,
            treated_until=instance.treated_until, settled_on=instance.settled_on, total_cost=instance.total_cost,
            insurance_paid=instance.insurance_paid, other_paid=instance.other_paid,
            ineligible_cost=instance.ineligible_cost, reason=data["reason"], remarks=instance.remarks,
            application_document=data["application_document"] or None,
            authorisation_document=data["authorisation_document"] or None)
