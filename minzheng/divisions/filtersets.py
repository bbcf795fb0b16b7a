import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.choices import ChangeKind, Level
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.filtersets import TrackedFilterSet

__all__ = ["DivisionChangeFilterSet", "DivisionFilterSet"]


class DivisionFilterSet(TrackedFilterSet):
    level = django_filters.MultipleChoiceFilter(choices=Level.choices, label=_("Level"))
    code = django_filters.CharFilter(lookup_expr="startswith", label=_("Code starts with"))
    parent_id = django_filters.NumberFilter(field_name="parent", label=_("Parent id"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on date"))
    current = django_filters.BooleanFilter(field_name="valid_to", lookup_expr="isnull", label=_("Current"))
    is_demo = django_filters.BooleanFilter(label=_("Demo data"))

    class Meta:
        model = Division
        fields = ["urban_rural_class"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class DivisionChangeFilterSet(TrackedFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ChangeKind.choices, label=_("Kind"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = DivisionChange
        fields = ["document"]
