import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import (
    CaseStatus,
    CaseworkerRole,
    Kinship,
    MedicalCategory,
    ProgramKind,
    RecalculationStatus,
    UrbanRural,
)
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    MedicalClaim,
    Program,
    Recalculation,
    Standard,
)
from minzheng.framework.filtersets import TrackedFilterSet

__all__ = [
    "CalculationRuleSetFilterSet",
    "CaseworkerRecordFilterSet",
    "ConflictFilingFilterSet",
    "DeclaredRelativeFilterSet",
    "MedicalClaimFilterSet",
    "ProgramFilterSet",
    "RecalculationFilterSet",
    "StandardFilterSet",
]


class ProgramFilterSet(TrackedFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ProgramKind.choices, label=_("Kind"))
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Program
        fields = ["code"]


class _ParameterFilterSet(TrackedFilterSet):
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))
    in_force_on = django_filters.DateFilter(method="filter_in_force_on", label=_("In force on"))
    is_sample = django_filters.BooleanFilter(label=_("Sample value"))

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force(value)


class StandardFilterSet(_ParameterFilterSet):
    area_type = django_filters.ChoiceFilter(choices=UrbanRural.choices, label=_("Urban or rural"))

    class Meta:
        model = Standard
        fields = ["source_document"]


class CalculationRuleSetFilterSet(_ParameterFilterSet):
    class Meta:
        model = CalculationRuleSet
        fields = ["source_document"]


class CaseworkerRecordFilterSet(TrackedFilterSet):
    role = django_filters.MultipleChoiceFilter(choices=CaseworkerRole.choices, label=_("Office"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))
    user_id = django_filters.NumberFilter(field_name="user", label=_("User id"))
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("In office on"))

    class Meta:
        model = CaseworkerRecord
        fields = ["position"]

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class DeclaredRelativeFilterSet(TrackedFilterSet):
    caseworker_id = django_filters.NumberFilter(field_name="caseworker", label=_("Caseworker id"))
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    relation = django_filters.MultipleChoiceFilter(choices=Kinship.choices, label=_("Relation"))

    class Meta:
        model = DeclaredRelative
        fields = []


class ConflictFilingFilterSet(TrackedFilterSet):
    caseworker_id = django_filters.NumberFilter(field_name="caseworker", label=_("Caseworker id"))
    relative_id = django_filters.NumberFilter(field_name="relative", label=_("Relative id"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))
    filed_from = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte", label=_("Filed from"))
    filed_to = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte", label=_("Filed to"))

    class Meta:
        model = ConflictFiling
        fields = ["case_reference"]


# 医疗救助 claims and recalculations


class MedicalClaimFilterSet(TrackedFilterSet):
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    patient_id = django_filters.NumberFilter(field_name="patient", label=_("Patient id"))
    category = django_filters.MultipleChoiceFilter(choices=MedicalCategory.choices, label=_("Category"))
    status = django_filters.MultipleChoiceFilter(field_name="case__status", choices=CaseStatus.choices,
                                                 label=_("Status"))
    year = django_filters.NumberFilter(field_name="settled_on", lookup_expr="year", label=_("Year of settlement"))
    settled_from = django_filters.DateFilter(field_name="settled_on", lookup_expr="gte", label=_("Settled from"))
    settled_to = django_filters.DateFilter(field_name="settled_on", lookup_expr="lte", label=_("Settled to"))

    class Meta:
        model = MedicalClaim
        fields = ["hospital"]


class RecalculationFilterSet(TrackedFilterSet):
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("District id"))
    status = django_filters.MultipleChoiceFilter(choices=RecalculationStatus.choices, label=_("Status"))
    effective = django_filters.DateFilter(label=_("From month"))

    class Meta:
        model = Recalculation
        fields = []
