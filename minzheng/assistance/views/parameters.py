import json

from django.template.response import TemplateResponse
from django.views import View

from minzheng.assistance import filtersets, forms, services, tables
from minzheng.assistance.choices import UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.assistance.views.recalculation import ParameterDeleteMixin, ParameterEditMixin
from minzheng.framework.exceptions import DomainError
from minzheng.framework.htmx import htmx_partial
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectView,
)

PARAMETER_FIELDS = ("program", "division", "effective_from", "effective_until", "is_sample", "source_document",
                    "remarks")

# Program


@register_model_view(Program, "list")
class ProgramListView(ObjectListView):
    queryset = Program.objects.all()
    filterset = filtersets.ProgramFilterSet
    table = tables.ProgramTable


@register_model_view(Program)
class ProgramView(ObjectView):
    queryset = Program.objects.all()
    fields = ("code", "name", "kind", "legal_basis", "is_active")


@register_model_view(Program, "add")
@register_model_view(Program, "edit")
class ProgramEditView(ObjectEditView):
    queryset = Program.objects.all()
    form = forms.ProgramForm


@register_model_view(Program, "delete")
class ProgramDeleteView(ObjectDeleteView):
    queryset = Program.objects.all()


# Standard


@register_model_view(Standard, "list")
class StandardListView(ObjectListView):
    queryset = Standard.objects.select_related("program", "division")
    filterset = filtersets.StandardFilterSet
    table = tables.StandardTable


@register_model_view(Standard)
class StandardView(ObjectView):
    queryset = Standard.objects.select_related("program", "division")
    fields = ("program", "area_type", "division", "effective_from", "effective_until", "amount", "is_sample",
              "source_document", "remarks")


@register_model_view(Standard, "add")
@register_model_view(Standard, "edit")
class StandardEditView(ParameterEditMixin, ObjectEditView):
    queryset = Standard.objects.all()
    form = forms.StandardForm


@register_model_view(Standard, "delete")
class StandardDeleteView(ParameterDeleteMixin, ObjectDeleteView):
    queryset = Standard.objects.all()


@register_model_view(Standard, "calculator", route="calculator/", detail=False)
class StandardCalculatorView(ObjectPermissionMixin, View):
    """The 低保 calculator: the standard and rules in force for the entered household, and every step."""

    queryset = Standard.objects.all()
    template_name = "assistance/calculator.html"

    def get(self, request):
        data = request.GET if "program" in request.GET else None
        form = forms.CalculatorForm(data, user=request.user)
        members = forms.MemberFormSet(data, prefix="members")
        quote, error = None, None
        if data is not None and form.is_valid() and members.is_valid():
            values = form.cleaned_data
            try:
                quote = services.quote_dibao(values["program"], urban=values["area_type"] == UrbanRural.URBAN,
                                             division=values["division"], date=values["date"],
                                             household_income=values["household_income"], members=members.members())
            except DomainError as exc:
                error = exc.message
        context = {**self.base_context(), "form": form, "members": members, "quote": quote, "error": error}
        template = "assistance/partials/calculation.html" if htmx_partial(request) else self.template_name
        return TemplateResponse(request, template, context)


# CalculationRuleSet


@register_model_view(CalculationRuleSet, "list")
class CalculationRuleSetListView(ObjectListView):
    queryset = CalculationRuleSet.objects.select_related("program", "division")
    filterset = filtersets.CalculationRuleSetFilterSet
    table = tables.CalculationRuleSetTable


@register_model_view(CalculationRuleSet)
class CalculationRuleSetView(ObjectView):
    queryset = CalculationRuleSet.objects.select_related("program", "division")
    fields = PARAMETER_FIELDS

    def get_extra_context(self, request, instance=None):
        return {"rules_json": json.dumps(instance.rules, ensure_ascii=False, indent=2)}


@register_model_view(CalculationRuleSet, "add")
@register_model_view(CalculationRuleSet, "edit")
class CalculationRuleSetEditView(ParameterEditMixin, ObjectEditView):
    queryset = CalculationRuleSet.objects.all()
    form = forms.CalculationRuleSetForm


@register_model_view(CalculationRuleSet, "delete")
class CalculationRuleSetDeleteView(ParameterDeleteMixin, ObjectDeleteView):
    queryset = CalculationRuleSet.objects.all()


# CaseworkerRecord


@register_model_view(CaseworkerRecord, "list")
class CaseworkerRecordListView(ObjectListView):
    queryset = CaseworkerRecord.objects.select_related("division")
    filterset = filtersets.CaseworkerRecordFilterSet
    table = tables.CaseworkerRecordTable


@register_model_view(CaseworkerRecord)
class CaseworkerRecordView(ObjectView):
    queryset = CaseworkerRecord.objects.select_related("division", "user", "person")
    fields = ("name", "id_number", "person", "role", "position", "division", "user", "active_from", "active_until",
              "remarks")

    def get_extra_context(self, request, instance=None):
        relatives = instance.relatives.restrict(request.user, "view")
        return {"relatives": tables.DeclaredRelativeTable(relatives, user=request.user, exclude=("caseworker",),
                                                          orderable=False)}


@register_model_view(CaseworkerRecord, "add")
@register_model_view(CaseworkerRecord, "edit")
class CaseworkerRecordEditView(ObjectEditView):
    queryset = CaseworkerRecord.objects.all()
    form = forms.CaseworkerRecordForm


@register_model_view(CaseworkerRecord, "delete")
class CaseworkerRecordDeleteView(ObjectDeleteView):
    queryset = CaseworkerRecord.objects.all()


# DeclaredRelative


@register_model_view(DeclaredRelative, "list")
class DeclaredRelativeListView(ObjectListView):
    queryset = DeclaredRelative.objects.select_related("caseworker")
    filterset = filtersets.DeclaredRelativeFilterSet
    table = tables.DeclaredRelativeTable


@register_model_view(DeclaredRelative)
class DeclaredRelativeView(ObjectView):
    queryset = DeclaredRelative.objects.select_related("caseworker", "person")
    fields = ("caseworker", "relation", "name", "id_number", "person", "remarks")


@register_model_view(DeclaredRelative, "add")
@register_model_view(DeclaredRelative, "edit")
class DeclaredRelativeEditView(ObjectEditView):
    queryset = DeclaredRelative.objects.all()
    form = forms.DeclaredRelativeForm


@register_model_view(DeclaredRelative, "delete")
class DeclaredRelativeDeleteView(ObjectDeleteView):
    queryset = DeclaredRelative.objects.all()


# ConflictFiling


@register_model_view(ConflictFiling, "list")
class ConflictFilingListView(ObjectListView):
    queryset = ConflictFiling.objects.select_related("caseworker", "relative", "division")
    filterset = filtersets.ConflictFilingFilterSet
    table = tables.ConflictFilingTable


@register_model_view(ConflictFiling)
class ConflictFilingView(ObjectView):
    queryset = ConflictFiling.objects.select_related("caseworker", "relative", "division", "filed_by")
    fields = ("caseworker", "relative", "division", "case_reference", "filed_by", "filed_on", "home_visit_rate",
              "note", "remarks")


@register_model_view(ConflictFiling, "add")
@register_model_view(ConflictFiling, "edit")
class ConflictFilingEditView(ObjectEditView):
    queryset = ConflictFiling.objects.all()
    form = forms.ConflictFilingForm


@register_model_view(ConflictFiling, "delete")
class ConflictFilingDeleteView(ObjectDeleteView):
    queryset = ConflictFiling.objects.all()
