"""The office's pages of appointments: the day's list, and recording who came, who did not, cancellations."""

from django.utils.translation import gettext_lazy

from minzheng.framework.forms import ActionForm
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectView
from minzheng.marriage import filtersets, forms, tables
from minzheng.marriage.booking import cancel_by_office, record_attendance, record_no_show
from minzheng.marriage.choices import AppointmentStatus
from minzheng.marriage.models import Appointment

__all__ = ["AppointmentAttendView", "AppointmentCancelView", "AppointmentListView", "AppointmentNoShowView",
           "AppointmentView"]

APPOINTMENTS = Appointment.objects.select_related("office", "slot")
BOOKED = Appointment.objects.filter(status=AppointmentStatus.BOOKED)


@register_model_view(Appointment, "list")
class AppointmentListView(ObjectListView):
    queryset = APPOINTMENTS
    table = tables.AppointmentTable
    filterset = filtersets.AppointmentFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # booked by the public on the portal


@register_model_view(Appointment)
class AppointmentView(ObjectView):
    queryset = APPOINTMENTS
    fields = ("number", "office", "service", "date", "starts_at", "status", "party_a_name", "party_a_id_number",
              "party_b_name", "party_b_id_number", "phone", "channel", "created_at", "closed_at")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}


@register_model_view(Appointment, "attend", route="<int:pk>/attend/")
class AppointmentAttendView(ObjectActionView):
    queryset = BOOKED
    form = ActionForm
    action_label = gettext_lazy("The parties came")

    def perform(self, request, appointment, form):
        return record_attendance(appointment, actor=request.user)


@register_model_view(Appointment, "no_show", route="<int:pk>/no-show/")
class AppointmentNoShowView(ObjectActionView):
    queryset = BOOKED
    form = ActionForm
    action_label = gettext_lazy("Nobody came")

    def perform(self, request, appointment, form):
        return record_no_show(appointment, actor=request.user)


@register_model_view(Appointment, "cancel", route="<int:pk>/cancel/")
class AppointmentCancelView(ObjectActionView):
    queryset = BOOKED
    form = forms.CancelForm
    action_label = gettext_lazy("Cancel the appointment")

    def perform(self, request, appointment, form):
        return cancel_by_office(appointment, actor=request.user, reason=form.cleaned_data["reason"])
