import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minzheng.framework.filtersets import TrackedFilterSet
from minzheng.plans.choices import Binding, ItemStatus, TaskStatus, UnitKind
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.progress import overdue

__all__ = ["ItemFilterSet", "PlanFilterSet", "ProgressReportFilterSet", "TargetFilterSet", "TaskFilterSet",
           "UnitFilterSet"]


class UnitFilterSet(TrackedFilterSet):
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=pgettext_lazy("work plan", "Kind"))

    class Meta:
        model = Unit
        fields = []


class PlanFilterSet(TrackedFilterSet):
    class Meta:
        model = Plan
        fields = ["year"]


class ItemFilterSet(TrackedFilterSet):
    plan_id = django_filters.NumberFilter(field_name="plan", label=_("Plan id"))
    chapter_id = django_filters.NumberFilter(field_name="chapter", label=_("Chapter id"))
    unit_id = django_filters.NumberFilter(field_name="units", label=_("Unit id"))
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Item
        fields = ["due_on"]

    def filter_overdue(self, queryset, name, value):
        late = overdue(queryset, timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class TaskFilterSet(TrackedFilterSet):
    item_id = django_filters.NumberFilter(field_name="item", label=_("Item id"))
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices, label=_("Status"))

    class Meta:
        model = Task
        fields = []


class TargetFilterSet(TrackedFilterSet):
    plan_id = django_filters.NumberFilter(field_name="item__plan", label=_("Plan id"))
    item_id = django_filters.NumberFilter(field_name="item", label=_("Item id"))
    binding = django_filters.ChoiceFilter(choices=Binding.choices, label=_("Actual value from"))

    class Meta:
        model = Target
        fields = []


class ProgressReportFilterSet(TrackedFilterSet):
    target_id = django_filters.NumberFilter(field_name="target", label=_("Target id"))

    class Meta:
        model = ProgressReport
        fields = ["reported_on"]
