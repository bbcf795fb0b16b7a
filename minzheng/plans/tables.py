"""Tables of the work-plan pages."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.progress import target_state

__all__ = ["ItemTable", "LedgerTable", "PlanTable", "ProgressReportTable", "TargetTable", "TaskTable", "UnitTable"]


class UnitTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = Unit
        fields = ("name", "code", "kind", "division", "is_active")


class PlanTable(BaseTable):
    title = LinkColumn(verbose_name=_("title"))

    class Meta(BaseTable.Meta):
        model = Plan
        fields = ("title", "year", "issuer", "doc_number", "published")


class ItemTable(BaseTable):
    title = LinkColumn(verbose_name=_("work item"))
    units = tables.ManyToManyColumn(verbose_name=_("responsible units"), transform=lambda unit: unit.name,
                                    separator="、")

    class Meta(BaseTable.Meta):
        model = Item
        fields = ("number", "title", "plan", "units", "lead", "due_on", "status")


class TaskTable(BaseTable):
    text = LinkColumn(verbose_name=_("task"))

    class Meta(BaseTable.Meta):
        model = Task
        fields = ("text", "item", "number", "status")


class TargetTable(BaseTable):
    subject = LinkColumn(verbose_name=pgettext_lazy("work plan", "subject"))
    actual = tables.Column(verbose_name=_("actual"), empty_values=(), orderable=False)
    light = tables.Column(verbose_name=_("progress"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Target
        fields = ("subject", "item", "comparator", "value", "unit", "actual", "light", "binding", "indicator")

    def _state(self, record):
        cache = self.__dict__.setdefault("_states", {})
        if record.pk not in cache:
            cache[record.pk] = target_state(record, user=self.user)
        return cache[record.pk]

    def render_actual(self, record):
        actual = self._state(record).actual
        return "—" if actual is None else f"{actual:g}"

    def render_light(self, record):
        state = self._state(record)
        return format_html('<span class="light light-{}">{}</span>', state.light, state.get_light_display())

    def value_light(self, record):
        return self._state(record).get_light_display()


class ProgressReportTable(BaseTable):
    reported_on = LinkColumn(verbose_name=_("as of"))

    class Meta(BaseTable.Meta):
        model = ProgressReport
        fields = ("reported_on", "target", "value", "unit", "reporter", "evidence")


class LedgerTable(BaseTable):
    """The 督办台账 (one row per target), exported as xlsx."""

    item = tables.Column(verbose_name=_("work item"))
    task = tables.Column(verbose_name=_("task"))
    units = tables.Column(verbose_name=_("responsible units"))
    lead = tables.Column(verbose_name=_("lead unit"))
    target = tables.Column(verbose_name=_("target"))
    actual = tables.Column(verbose_name=_("actual"))
    light = tables.Column(verbose_name=_("progress"))
    status = tables.Column(verbose_name=_("status"))
    due_on = tables.Column(verbose_name=pgettext_lazy("work plan", "due on"))
    last_report = tables.Column(verbose_name=_("last report"))
