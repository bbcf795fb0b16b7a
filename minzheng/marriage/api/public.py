"""The public's API (no account, no cookie, hence no CSRF): offices, bookable days and slots, booking and
cancelling an appointment, looking one up by its number. Booking and cancelling are limited per address."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.marriage.api import serializers
from minzheng.marriage.booking import BookingParty, book_appointment, cancel_appointment
from minzheng.marriage.choices import Service
from minzheng.marriage.models import Appointment, Slot
from minzheng.marriage.public import client_address, public_appointment, public_offices, take_booking_quota
from minzheng.marriage.schedule import OfficeCalendar, bookable_days, open_slots

__all__ = ["PublicAppointmentAPIView", "PublicBookAPIView", "PublicCancelAPIView", "PublicDaysAPIView",
           "PublicOfficesAPIView", "PublicSlotsAPIView"]


class PublicAPIView(APIView):
    """Anonymous: no authentication (no session cookie read, hence no CSRF), no permission, no filter backend."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


def _office(code: str):
    office = public_offices().filter(code=code).first()
    if office is None:
        raise Http404
    return office


def _quota(request) -> None:
    if not take_booking_quota(client_address(request)):
        raise Throttled(detail=_("Too many attempts from your address in the last hour. Please try again later."))


class PublicOfficesAPIView(PublicAPIView):
    """The offices taking bookings."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        return Response([{"code": o.code, "name": o.name, "address": o.address, "phone": o.phone,
                          "grade": o.grade, "opens_at": o.opens_at, "closes_at": o.closes_at,
                          "booking_days": o.booking_days} for o in public_offices()])


class PublicDaysAPIView(PublicAPIView):
    """The days an office may be booked (from tomorrow, within its booking window, open days only)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, code: str):
        return Response({"days": [day.isoformat() for day in bookable_days(_office(code))]})


class PublicSlotsAPIView(PublicAPIView):
    """The times of one day of an office, with the places left (``?date=YYYY-MM-DD&service=marriage``)."""

    @extend_schema(parameters=[OpenApiParameter("date", OpenApiTypes.DATE, required=True),
                               OpenApiParameter("service", OpenApiTypes.STR, enum=Service.values)],
                   responses=serializers.PublicSlotSerializer(many=True))
    def get(self, request, code: str):
        office = _office(code)
        try:
            day = datetime.date.fromisoformat(request.query_params.get("date", ""))
        except ValueError:
            raise ValidationError({"date": [_("Give the day as YYYY-MM-DD.")]}) from None
        service = request.query_params.get("service")
        calendar = OfficeCalendar(office)
        if day not in bookable_days(office, calendar=calendar):
            return Response([])
        slots = [slot for slot in open_slots(office, day, calendar=calendar) if not service or slot.service == service]
        return Response(serializers.PublicSlotSerializer(slots, many=True).data)


class PublicBookAPIView(PublicAPIView):
    """Book a slot: 201 with the appointment (masked); 400 ``marriage.slot_full``, ``marriage.already_booked``,
    … ; 429 ``throttled`` past the hour's limit of the caller's address."""

    @extend_schema(request=serializers.PublicBookingSerializer,
                   responses={201: serializers.PublicAppointmentSerializer})
    def post(self, request):
        data = serializers.PublicBookingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _quota(request)
        values = data.validated_data
        slot = Slot.objects.select_related("office__division").filter(pk=values["slot"]).first()
        if slot is None:
            raise ValidationError({"slot": [_("There is no such time.")]})
        appointment = book_appointment(
            slot, party_a=BookingParty(values["party_a_name"], values["party_a_id_number"]),
            party_b=BookingParty(values["party_b_name"], values["party_b_id_number"]), phone=values["phone"],
            channel="api")
        return Response(public_appointment(appointment), status=status.HTTP_201_CREATED)


class PublicCancelAPIView(PublicAPIView):
    """Cancel with the number and either party's identity number; 400 ``marriage.appointment_not_found``."""

    @extend_schema(request=serializers.PublicCancelSerializer, responses=serializers.PublicAppointmentSerializer)
    def post(self, request):
        data = serializers.PublicCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _quota(request)
        appointment = cancel_appointment(data.validated_data["number"], data.validated_data["id_number"])
        return Response(public_appointment(appointment))


class PublicAppointmentAPIView(PublicAPIView):
    @extend_schema(responses=serializers.PublicAppointmentSerializer)
    def get(self, request, number: str):
        appointment = (Appointment.objects.select_related("office", "slot")
                       .filter(number=number.replace("-", "").upper()).first())
        if appointment is None:
            raise Http404
        return Response(public_appointment(appointment))
