"""The public's pages (no account): book an appointment, see it, cancel it. In the portal's layout.

Booking takes three plain GET steps (office and service, then a day, then a time with the parties' names and
identity numbers) and one POST; no script is needed. What is shown back is masked (``public_appointment``).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from minzheng.framework.exceptions import DomainError
from minzheng.marriage.booking import BookingParty, book_appointment, cancel_appointment
from minzheng.marriage.choices import AppointmentStatus
from minzheng.marriage.models import Appointment, Slot
from minzheng.marriage.public import client_address, public_appointment, public_offices, take_booking_quota
from minzheng.marriage.public_forms import BookingForm, CancelForm, ChooseForm
from minzheng.marriage.schedule import OfficeCalendar, bookable_days, open_slots
from minzheng.marriage.views.common import add_domain_error

__all__ = ["PublicAppointmentView", "PublicBookingView", "PublicCancelView"]



def _too_many(form) -> None:
    form.add_error(None, _("Too many attempts from your address in the last hour. Please try again later."))


@method_decorator(login_not_required, name="dispatch")
class PublicBookingView(View):
    """Choose an office, a service and a day; then a time and the parties."""

    template_name = "marriage/public/book.html"

    def choices(self, request, data):
        offices = list(public_offices())
        office = next((o for o in offices if o.code == data.get("office")), None)
        calendar = OfficeCalendar(office) if office else None
        days = bookable_days(office, calendar=calendar) if office else []
        choose = ChooseForm(data or None, offices=offices, days=days)
        day = None
        if office and choose.is_valid() and choose.cleaned_data["date"]:
            day = datetime.date.fromisoformat(choose.cleaned_data["date"])
        slots = []
        if day is not None:
            service = choose.cleaned_data["service"]
            slots = [slot for slot in open_slots(office, day, calendar=calendar) if slot.service == service]
        return choose, office, day, slots

    def render(self, request, choose, office, day, slots, booking=None, status=200):
        service = choose.cleaned_data.get("service", "") if choose.is_bound and choose.is_valid() else ""
        if booking is None and day is not None:
            booking = BookingForm(slots=[s for s in slots if s.remaining], service=service)
        context = {"choose": choose, "office": office, "day": day, "slots": slots, "booking": booking,
                   "full": bool(slots) and not any(slot.remaining for slot in slots)}
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render(request, *self.choices(request, request.GET))

    def post(self, request):
        choose, office, day, slots = self.choices(request, request.POST)
        if day is None:
            return self.render(request, choose, office, day, slots, status=400)
        service = choose.cleaned_data["service"]
        booking = BookingForm(request.POST, slots=slots, service=service)
        if not booking.is_valid():
            return self.render(request, choose, office, day, slots, booking, status=400)
        if not take_booking_quota(client_address(request)):
            _too_many(booking)
            return self.render(request, choose, office, day, slots, booking, status=429)
        data = booking.cleaned_data
        slot = Slot.objects.select_related("office__division").get(pk=data["slot"])
        try:
            appointment = book_appointment(
                slot, party_a=BookingParty(data["party_a_name"], data["party_a_id_number"]),
                party_b=BookingParty(data["party_b_name"], data["party_b_id_number"]), phone=data["phone"])
        except DomainError as exc:
            add_domain_error(booking, exc)
            return self.render(request, choose, office, day, slots, booking, status=400)
        messages.success(request, _("Your appointment is booked. A confirmation is sent to your phone."))
        return redirect(reverse("marriage:public_appointment", args=[appointment.number]))


@method_decorator(login_not_required, name="dispatch")
class PublicAppointmentView(View):
    """An appointment by its number: what, where, when, and the masked names."""

    def get(self, request, number):
        appointment = (Appointment.objects.select_related("office", "slot")
                       .filter(number=number.replace("-", "").upper()).first())
        if appointment is None:
            raise Http404
        return TemplateResponse(request, "marriage/public/appointment.html",
                                {"appointment": public_appointment(appointment),
                                 "booked": appointment.status == AppointmentStatus.BOOKED})


@method_decorator(login_not_required, name="dispatch")
class PublicCancelView(View):
    """Cancel with the appointment number and the identity number of either party."""

    template_name = "marriage/public/cancel.html"

    def get(self, request):
        return TemplateResponse(request, self.template_name, {"form": CancelForm(initial=request.GET.dict())})

    def post(self, request):
        form = CancelForm(request.POST)
        status = 400
        if form.is_valid():
            if not take_booking_quota(client_address(request)):
                _too_many(form)
                status = 429
            else:
                try:
                    appointment = cancel_appointment(form.cleaned_data["number"], form.cleaned_data["id_number"])
                except DomainError as exc:
                    add_domain_error(form, exc)
                else:
                    messages.success(request, _("Your appointment has been cancelled."))
                    return redirect(reverse("marriage:public_appointment", args=[appointment.number]))
        return TemplateResponse(request, self.template_name, {"form": form}, status=status)
