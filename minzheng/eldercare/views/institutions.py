"""Pages of institutions: the institution with its beds, occupancy, establishment and inspections; establishing
it (licence or registration by date); bed blocks; occupancy reports; inspections and their findings, with the
list of overdue rectifications."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.choices import BedKind, EstablishmentStatus, FindingStatus, Procedure
from minzheng.eldercare.models import (
    BedBlock,
    Establishment,
    Inspection,
    InspectionFinding,
    Institution,
    OccupancyReport,
)
from minzheng.eldercare.services.establishment import decide_licence, record_site_inspection, start_establishment
from minzheng.eldercare.services.inspections import rectify_finding
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectEditView, ObjectListView, ObjectView, register_crud

INSTITUTIONS = Institution.objects.select_related("division")
ESTABLISHMENTS = Establishment.objects.select_related("institution", "rule_set")
FINDINGS = InspectionFinding.objects.select_related("inspection__institution")


class InstitutionView(ObjectView):
    """The institution: its beds by kind today, the latest occupancy, establishment, inspections and findings."""

    queryset = INSTITUTIONS
    template_name = "eldercare/institution.html"
    fields = ("name", "division", "address", "ownership", "operator", "credit_code", "contact", "phone", "status",
              "opened_on", "closed_on", "remarks")

    def get_extra_context(self, request, instance=None):
        today = timezone.localdate()
        beds = instance.beds_on(today)
        occupancy = instance.occupancy_reports.order_by("-as_of").first()
        return {"beds": [(BedKind(kind).label, count) for kind, count in beds.items()],
                "capacity": sum(beds.values()), "occupancy": occupancy,
                "blocks": instance.bed_blocks.order_by("-on", "-pk")[:20],
                "establishments": instance.establishments.select_related("rule_set"),
                "inspections": instance.inspections.order_by("-inspected_on")[:10],
                "open_findings": FINDINGS.filter(inspection__institution=instance, status=FindingStatus.OPEN),
                "today": today}


register_crud(Institution, queryset=INSTITUTIONS, table=tables.InstitutionTable,
              filterset=filtersets.InstitutionFilterSet, form=forms.InstitutionForm, detail=InstitutionView)


@register_model_view(Establishment, "list")
class EstablishmentListView(ObjectListView):
    queryset = ESTABLISHMENTS
    table = tables.EstablishmentTable
    filterset = filtersets.EstablishmentFilterSet


@register_model_view(Establishment)
class EstablishmentView(ObjectView):
    queryset = ESTABLISHMENTS
    fields = ("institution", "procedure", "rule_set", "applicant", "received_on", "beds_declared", "status",
              "decision_due", "inspected_on", "inspection_passed", "inspection_notes", "decided_on", "licence_number",
              "refusal_reason", "registration_authority", "registration_number", "registered_on", "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_delete": False}


@register_model_view(Establishment, "add")
class EstablishmentAddView(ObjectEditView):
    """Receive a licence application or a registration filing; the date decides which."""

    queryset = Establishment.objects.all()
    form = forms.EstablishmentForm

    def save(self, request, form, instance):
        data = form.cleaned_data
        return start_establishment(data["institution"], received_on=data["received_on"], applicant=data["applicant"],
                                   beds_declared=data["beds_declared"],
                                   registration_authority=data["registration_authority"],
                                   registration_number=data["registration_number"],
                                   registered_on=data["registered_on"], remarks=data["remarks"], actor=request.user)


@register_model_view(Establishment, "edit")
class EstablishmentEditView(ObjectEditView):
    queryset = Establishment.objects.all()
    form = forms.EstablishmentEditForm


AWAITING = Establishment.objects.filter(procedure=Procedure.LICENCE, status=EstablishmentStatus.ACCEPTED)


@register_model_view(Establishment, "inspect", route="<int:pk>/inspect/")
class SiteInspectionView(ObjectActionView):
    queryset = AWAITING
    form = forms.SiteInspectionForm
    action_label = _("Record the on-site inspection")

    def perform(self, request, establishment, form):
        data = form.cleaned_data
        return record_site_inspection(establishment, on=data["on"], passed=data["passed"], notes=data["notes"],
                                      actor=request.user)


@register_model_view(Establishment, "decide", route="<int:pk>/decide/")
class LicenceDecisionView(ObjectActionView):
    queryset = AWAITING
    form = forms.LicenceDecisionForm
    action_label = _("Decide on the licence")

    def perform(self, request, establishment, form):
        data = form.cleaned_data
        return decide_licence(establishment, on=data["on"], granted=data["granted"],
                              licence_number=data["licence_number"], reason=data["reason"], actor=request.user)


register_crud(BedBlock, queryset=BedBlock.objects.select_related("institution__division"),
              table=tables.BedBlockTable, filterset=filtersets.BedBlockFilterSet, form=forms.BedBlockForm,
              fields=("institution", "kind", "change", "beds", "on", "remarks"))

register_crud(OccupancyReport, queryset=OccupancyReport.objects.select_related("institution").with_capacity(),
              table=tables.OccupancyReportTable, filterset=filtersets.OccupancyReportFilterSet,
              form=forms.OccupancyReportForm, fields=("institution", "as_of", "occupied", "remarks"),
              extra_context=lambda view, request, instance: {"rate": instance.rate, "capacity": instance.capacity})


register_crud(Inspection, queryset=Inspection.objects.select_related("institution"), table=tables.InspectionTable,
              filterset=filtersets.InspectionFilterSet, form=forms.InspectionForm,
              fields=("institution", "inspected_on", "kind", "inspectors", "conclusion", "summary", "remarks"),
              extra_context=lambda view, request, instance: {"findings": instance.findings.all(),
                                                             "today": timezone.localdate()})

register_crud(InspectionFinding, queryset=FINDINGS, table=tables.InspectionFindingTable,
              filterset=filtersets.InspectionFindingFilterSet, form=forms.FindingForm,
              fields=("inspection", "category", "description", "rectification_due", "status", "rectified_on",
                      "rectification", "checked_by", "remarks"))


@register_model_view(InspectionFinding, "overdue", route="overdue/", detail=False)
class OverdueFindingListView(ObjectListView):
    """Findings still open after their deadline, the longest overdue first (the supervision list)."""

    queryset = FINDINGS
    table = tables.InspectionFindingTable
    filterset = filtersets.InspectionFindingFilterSet
    template_name = "eldercare/overdue_findings.html"

    def get(self, request):
        self.queryset = self.queryset.overdue(timezone.localdate()).order_by("rectification_due", "pk")
        return super().get(request)

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(InspectionFinding, "rectify", route="<int:pk>/rectify/")
class RectifyFindingView(ObjectActionView):
    queryset = InspectionFinding.objects.filter(status=FindingStatus.OPEN)
    form = forms.RectifyForm
    action_label = _("Record the rectification")

    def perform(self, request, finding, form):
        return rectify_finding(finding, on=form.cleaned_data["on"], note=form.cleaned_data["note"],
                               actor=request.user)
