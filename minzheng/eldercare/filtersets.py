"""Filtersets shared by the list pages and the API."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.choices import (
    AssessmentReason,
    AssessmentStatus,
    AwardLevel,
    BedChange,
    BedKind,
    CentreKind,
    Confirmation,
    EstablishmentStatus,
    FindingCategory,
    FindingStatus,
    InspectionConclusion,
    InspectionKind,
    InstitutionStatus,
    OperatingModel,
    OrderStatus,
    Ownership,
    Procedure,
    ProviderStatus,
    ServiceCategory,
)
from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    BedBlock,
    ElderlyAssociation,
    Establishment,
    EstablishmentRuleSet,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
    SubsidyRuleSet,
)
from minzheng.framework.filtersets import TrackedFilterSet

__all__ = ["AssessmentFilterSet", "AssessmentRuleTableFilterSet", "BedBlockFilterSet", "ElderlyAssociationFilterSet",
           "EstablishmentFilterSet", "EstablishmentRuleSetFilterSet", "HonourAwardFilterSet", "InspectionFilterSet",
           "InspectionFindingFilterSet", "InstitutionFilterSet", "InsurancePolicyFilterSet", "OccupancyReportFilterSet",
           "ProviderFilterSet", "ProviderServiceFilterSet", "ServiceCentreFilterSet", "ServiceOrderFilterSet",
           "SubsidyRuleSetFilterSet"]

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _date_range(field: str, label_from, label_to) -> tuple:
    return (django_filters.DateFilter(field_name=field, lookup_expr="gte", label=label_from, **DATE),
            django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label_to, **DATE))


class EstablishmentRuleSetFilterSet(TrackedFilterSet):
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label=_("Procedure"))
    confirmation = django_filters.ChoiceFilter(choices=Confirmation.choices, label=_("Confirmation"))

    class Meta:
        model = EstablishmentRuleSet
        fields = []


class AssessmentRuleTableFilterSet(TrackedFilterSet):
    class Meta:
        model = AssessmentRuleTable
        fields = ["code"]


class InstitutionFilterSet(TrackedFilterSet):
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices, label=_("Ownership"))
    status = django_filters.ChoiceFilter(choices=InstitutionStatus.choices, label=_("Status"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))

    class Meta:
        model = Institution
        fields = []


class EstablishmentFilterSet(TrackedFilterSet):
    institution_id = django_filters.NumberFilter(field_name="institution", label=_("Institution id"))
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label=_("Procedure"))
    status = django_filters.ChoiceFilter(choices=EstablishmentStatus.choices, label=_("Status"))
    received_from, received_to = _date_range("received_on", _("Received from"), _("Received to"))

    class Meta:
        model = Establishment
        fields = []


class BedBlockFilterSet(TrackedFilterSet):
    institution_id = django_filters.NumberFilter(field_name="institution", label=_("Institution id"))
    kind = django_filters.ChoiceFilter(choices=BedKind.choices, label=_("Kind of bed"))
    change = django_filters.ChoiceFilter(choices=BedChange.choices, label=_("Added or removed"))
    on_from, on_to = _date_range("on", _("From"), _("To"))

    class Meta:
        model = BedBlock
        fields = []


class OccupancyReportFilterSet(TrackedFilterSet):
    institution_id = django_filters.NumberFilter(field_name="institution", label=_("Institution id"))
    as_of_from, as_of_to = _date_range("as_of", _("From"), _("To"))

    class Meta:
        model = OccupancyReport
        fields = []


class InspectionFilterSet(TrackedFilterSet):
    institution_id = django_filters.NumberFilter(field_name="institution", label=_("Institution id"))
    kind = django_filters.ChoiceFilter(choices=InspectionKind.choices, label=_("Kind of inspection"))
    conclusion = django_filters.ChoiceFilter(choices=InspectionConclusion.choices, label=_("Conclusion"))
    inspected_from, inspected_to = _date_range("inspected_on", _("Inspected from"), _("Inspected to"))

    class Meta:
        model = Inspection
        fields = []


class InspectionFindingFilterSet(TrackedFilterSet):
    inspection_id = django_filters.NumberFilter(field_name="inspection", label=_("Inspection id"))
    institution_id = django_filters.NumberFilter(field_name="inspection__institution", label=_("Institution id"))
    category = django_filters.ChoiceFilter(choices=FindingCategory.choices, label=_("Category"))
    status = django_filters.ChoiceFilter(choices=FindingStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Rectification overdue"))

    class Meta:
        model = InspectionFinding
        fields = []

    def filter_overdue(self, queryset, name, value):
        late = queryset.overdue(timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class ServiceCentreFilterSet(TrackedFilterSet):
    kind = django_filters.ChoiceFilter(choices=CentreKind.choices, label=_("Kind of centre"))
    operating_model = django_filters.ChoiceFilter(choices=OperatingModel.choices, label=_("Operating model"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("Open today"))
    opened_from, opened_to = _date_range("opened_on", _("Opened from"), _("Opened to"))

    class Meta:
        model = ServiceCentre
        fields = []

    def filter_open(self, queryset, name, value):
        open_now = queryset.open_on(timezone.localdate())
        return open_now if value else queryset.exclude(pk__in=open_now.values("pk"))


class AssessmentFilterSet(TrackedFilterSet):
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    level = django_filters.NumberFilter(label=_("Level (0–3)"))
    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices, label=_("Status"))
    reason = django_filters.ChoiceFilter(choices=AssessmentReason.choices, label=_("Reason"))
    due = django_filters.BooleanFilter(method="filter_due", label=_("Reassessment due"))
    assessed_from, assessed_to = _date_range("assessed_on", _("Assessed from"), _("Assessed to"))

    class Meta:
        model = Assessment
        fields = []

    def filter_due(self, queryset, name, value):
        due = queryset.due_for_reassessment(timezone.localdate())
        return due if value else queryset.exclude(pk__in=due.values("pk"))


class ProviderFilterSet(TrackedFilterSet):
    status = django_filters.ChoiceFilter(choices=ProviderStatus.choices, label=_("Status"))

    class Meta:
        model = Provider
        fields = []


class ProviderServiceFilterSet(TrackedFilterSet):
    provider_id = django_filters.NumberFilter(field_name="provider", label=_("Provider id"))
    category = django_filters.ChoiceFilter(choices=ServiceCategory.choices, label=_("Category"))

    class Meta:
        model = ProviderService
        fields = ["is_active"]


class ServiceOrderFilterSet(TrackedFilterSet):
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    provider_id = django_filters.NumberFilter(field_name="provider", label=_("Provider id"))
    status = django_filters.ChoiceFilter(choices=OrderStatus.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=ServiceCategory.choices, label=_("Service requested"))
    received_from = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte",
                                              label=_("Received from"), **DATE)
    received_to = django_filters.DateFilter(field_name="received_at", lookup_expr="date__lte",
                                            label=_("Received to"), **DATE)

    class Meta:
        model = ServiceOrder
        fields = []


class InsurancePolicyFilterSet(TrackedFilterSet):
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))

    class Meta:
        model = InsurancePolicy
        fields = ["year"]


class ElderlyAssociationFilterSet(TrackedFilterSet):
    active = django_filters.BooleanFilter(field_name="dissolved_on", lookup_expr="isnull", label=_("Active"))

    class Meta:
        model = ElderlyAssociation
        fields = []


class HonourAwardFilterSet(TrackedFilterSet):
    level = django_filters.ChoiceFilter(choices=AwardLevel.choices, label=_("Level"))

    class Meta:
        model = HonourAward
        fields = ["year"]


class SubsidyRuleSetFilterSet(TrackedFilterSet):
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))

    class Meta:
        model = SubsidyRuleSet
        fields = ["effective_from"]
