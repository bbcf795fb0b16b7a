"""Filters of the registry's list pages and API; people are searched through ``registry.search``."""

import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.framework.filtersets import TrackedFilterSet
from minzheng.registry import search
from minzheng.registry.choices import (
    DisabilityCategory,
    DuplicateStatus,
    HouseholdKind,
    LifeEventKind,
    PersonStatus,
    Relation,
    Sex,
)
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person

__all__ = [
    "DuplicateCandidateFilterSet",
    "HouseholdFilterSet",
    "LifeEventFilterSet",
    "MembershipFilterSet",
    "PersonFilterSet",
]


class PersonFilterSet(TrackedFilterSet):
    """The person search: each search parameter is one criterion of ``registry.search.CRITERIA``."""

    q = django_filters.CharFilter(method="criterion", label=_("Name, pinyin, identity number or name + last 4"))
    id_number = django_filters.CharFilter(method="criterion", label=_("Identity number"))
    registry_number = django_filters.CharFilter(method="criterion", label=_("Registry number"))
    name = django_filters.CharFilter(method="criterion", label=_("Name starts with"))
    last4 = django_filters.CharFilter(method="criterion", max_length=4, min_length=4,
                                      label=_("Last 4 characters of the identity number"))
    pinyin = django_filters.CharFilter(method="criterion", label=_("Pinyin or initials"))
    area = django_filters.CharFilter(method="criterion", label=_("Division code (with subdivisions)"))
    age_min = django_filters.NumberFilter(method="criterion", min_value=0, max_value=150, label=_("Age from"))
    age_max = django_filters.NumberFilter(method="criterion", min_value=0, max_value=150, label=_("Age to"))
    status = django_filters.MultipleChoiceFilter(method="criterion", choices=PersonStatus.choices, label=_("Status"))
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex"))
    disability_category = django_filters.MultipleChoiceFilter(choices=DisabilityCategory.choices,
                                                              label=_("Disability category"))
    hukou_division_id = django_filters.NumberFilter(field_name="hukou_division", label=_("Registration division id"))
    residence_division_id = django_filters.NumberFilter(field_name="residence_division",
                                                        label=_("Residence division id"))

    class Meta:
        model = Person
        fields = ["ethnicity", "marital_status"]

    def criterion(self, queryset, name, value):
        return search.CRITERIA[name](queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if PersonStatus.MERGED not in (self.form.cleaned_data.get("status") or []):
            queryset = search.without_merged(queryset)
        return queryset


class _ByPersonFilterSet(TrackedFilterSet):
    """``q`` finds the records of the people the person search box finds (name, pinyin, number)."""

    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))

    def search(self, queryset, name, value):
        return queryset.filter(person__in=search.by_query(Person.objects.all(), value).values("pk"))


class HouseholdFilterSet(TrackedFilterSet):
    kind = django_filters.ChoiceFilter(choices=HouseholdKind.choices, label=_("Urban or rural"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))
    dissolved = django_filters.BooleanFilter(field_name="dissolved_on", lookup_expr="isnull", exclude=True,
                                             label=_("Dissolved"))

    class Meta:
        model = Household
        fields = ["number"]


class MembershipFilterSet(_ByPersonFilterSet):
    household_id = django_filters.NumberFilter(field_name="household", label=_("Household id"))
    relation = django_filters.MultipleChoiceFilter(choices=Relation.choices, label=_("Relation to the head"))
    current = django_filters.BooleanFilter(field_name="end_date", lookup_expr="isnull", label=_("Current members"))

    class Meta:
        model = Membership
        fields = ["start_date", "end_date"]


class LifeEventFilterSet(_ByPersonFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=LifeEventKind.choices, label=_("Event"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = LifeEvent
        fields = []


class DuplicateCandidateFilterSet(_ByPersonFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=DuplicateStatus.choices, label=_("Status"))
    other_id = django_filters.NumberFilter(field_name="other", label=_("Possible duplicate id"))

    class Meta:
        model = DuplicateCandidate
        fields = []
