"""Pages of registry offices: the office with its grade, checklist and schedule; the standard items; daily
slots, closures and special openings; the slots of each day with their bookings."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy

from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectView, register_crud
from minzheng.marriage import filtersets, forms, tables
from minzheng.marriage.models import OfficeDay, RegistryOffice, Slot, SlotTemplate, StandardCheck, StandardItem
from minzheng.marriage.schedule import OfficeCalendar, set_slot_capacity

__all__ = ["RegistryOfficeView", "SlotCapacityView", "SlotListView", "SlotView"]


OFFICES = RegistryOffice.objects.select_related("division")


@register_model_view(RegistryOffice)
class RegistryOfficeView(ObjectView):
    """The office with its service-standard checklist, its daily slots and the open days ahead."""

    queryset = OFFICES
    template_name = "marriage/registryoffice.html"
    fields = ("code", "name", "division", "address", "phone", "grade", "graded_on", "opens_at", "closes_at",
              "booking_days", "is_active", "remarks")

    def get_extra_context(self, request, instance=None):
        today = timezone.localdate()
        calendar = OfficeCalendar(instance)
        days = [(day, calendar.is_open(day)) for day in (today + datetime.timedelta(days=n) for n in range(14))]
        checks = instance.standard_checks.select_related("item").order_by("item__code")
        return {"checks": checks, "met": sum(check.met for check in checks),
                "templates": instance.slot_templates.order_by("service", "starts_at"), "days": days,
                "entries": instance.days.filter(date__gte=today).order_by("date")[:20]}


register_crud(RegistryOffice, queryset=OFFICES, table=tables.RegistryOfficeTable,
              filterset=filtersets.RegistryOfficeFilterSet, form=forms.RegistryOfficeForm,
              fields=RegistryOfficeView.fields, detail=RegistryOfficeView)
register_crud(StandardItem, queryset=StandardItem.objects.all(), table=tables.StandardItemTable,
              filterset=filtersets.StandardItemFilterSet, form=forms.StandardItemForm,
              fields=("code", "name", "description", "grade", "is_active"))
register_crud(StandardCheck, queryset=StandardCheck.objects.select_related("office", "item"),
              table=tables.StandardCheckTable, filterset=filtersets.StandardCheckFilterSet,
              form=forms.StandardCheckForm, fields=("office", "item", "met", "checked_on", "remarks"))
register_crud(SlotTemplate, queryset=SlotTemplate.objects.select_related("office"), table=tables.SlotTemplateTable,
              filterset=filtersets.SlotTemplateFilterSet, form=forms.SlotTemplateForm,
              fields=("office", "service", "starts_at", "ends_at", "capacity"))
register_crud(OfficeDay, queryset=OfficeDay.objects.select_related("office"), table=tables.OfficeDayTable,
              filterset=filtersets.OfficeDayFilterSet, form=forms.OfficeDayForm,
              fields=("office", "date", "is_open", "reason"))

SLOTS = Slot.objects.select_related("office")


@register_model_view(Slot, "list")
class SlotListView(ObjectListView):
    queryset = SLOTS
    table = tables.SlotTable
    filterset = filtersets.SlotFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # slots are made from the daily slots of open days


@register_model_view(Slot)
class SlotView(ObjectView):
    queryset = SLOTS
    template_name = "marriage/slot.html"
    fields = ("office", "service", "date", "starts_at", "ends_at", "capacity", "booked")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False,
                "appointments": instance.appointments.order_by("status", "pk")}


@register_model_view(Slot, "capacity", route="<int:pk>/capacity/")
class SlotCapacityView(ObjectActionView):
    queryset = Slot.objects.all()
    form = forms.CapacityForm
    action_label = gettext_lazy("Change the capacity")

    def perform(self, request, slot, form):
        return set_slot_capacity(slot, form.cleaned_data["capacity"], actor=request.user)
