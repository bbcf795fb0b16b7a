"""Base filtersets shared by list pages and the API (house style A4)."""

import django_filters
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.forms import restrict_form_fields

__all__ = ["BaseFilterSet", "TrackedFilterSet"]


class BaseFilterSet(django_filters.FilterSet):
    """Adds ``q`` (search over the model's ``search_fields``), ``area`` (a division code: its
    subtree) for area-scoped models, and scopes every choice to the user."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    area = django_filters.CharFilter(method="filter_area", label=_("Division code (with subdivisions)"))

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.user = getattr(request, "user", None)
        if self._meta.model.area_path_field() is None:
            self.filters.pop("area", None)

    def filter_area(self, queryset, name, value):
        """Rows inside the division with code ``value``; an unknown or hidden code matches nothing."""
        division_model = apps.get_model("divisions", "Division")
        divisions = division_model.objects.filter(code=value.strip())
        if self.user is not None:
            divisions = divisions.restrict(self.user, "view")
        division = divisions.order_by("-valid_from").first()
        return queryset.in_division(division) if division is not None else queryset.none()

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_restricted", False):
            restrict_form_fields(form, self.user)
            form._restricted = True
        return form

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self._meta.model.search_fields:
            lookup = "startswith" if field in getattr(self._meta.model, "search_prefix_fields", ()) else "icontains"
            condition |= Q(**{f"{field}__{lookup}": value})
        return queryset.filter(condition)


class TrackedFilterSet(BaseFilterSet):
    """For TrackedModel: creation and update time ranges."""

    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label=_("Created from"))
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label=_("Created to"))
