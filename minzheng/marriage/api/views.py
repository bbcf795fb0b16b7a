"""The registry's API for staff: offices and their schedule (CRUD), and the operations of the pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.indicators.forms import division_or_404
from minzheng.marriage import filtersets
from minzheng.marriage.adoptions import (
    AdopterInput,
    ChildInput,
    decide_adoption,
    publish_notice,
    receive_adoption,
    record_assessment,
    withdraw_adoption,
)
from minzheng.marriage.api import serializers
from minzheng.marriage.booking import cancel_by_office, record_attendance, record_no_show
from minzheng.marriage.certificates import reissue_certificate
from minzheng.marriage.divorces import DivorcePartyInput, receive_divorce, register_divorce, withdraw_divorce
from minzheng.marriage.forms import StatisticsForm
from minzheng.marriage.models import (
    AdoptionApplication,
    AdoptionAssessment,
    Appointment,
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.registration import MarriageParty, preview_marriage, register_marriage
from minzheng.marriage.schedule import set_slot_capacity
from minzheng.marriage.statistics import marriage_statistics

__all__ = ["AdoptionApplicationViewSet", "AdoptionAssessmentViewSet", "AppointmentViewSet", "CertificateViewSet",
           "DivorceApplicationViewSet", "MarriageRegistrationViewSet", "MarriageStatisticsAPIView",
           "OfficeDayViewSet", "RegistryOfficeViewSet", "SlotTemplateViewSet", "SlotViewSet",
           "StandardCheckViewSet", "StandardItemViewSet"]


def _input(view, serializer_class) -> dict:
    data = serializer_class(data=view.request.data, context=view.get_serializer_context())
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _created(view, instance, serializer_class=None):
    serializer_class = serializer_class or view.get_serializer_class()
    return Response(serializer_class(instance, context=view.get_serializer_context()).data,
                    status=status.HTTP_201_CREATED)


class RegistryOfficeViewSet(BaseModelViewSet):
    queryset = RegistryOffice.objects.select_related("division")
    serializer_class = serializers.RegistryOfficeSerializer
    filterset_class = filtersets.RegistryOfficeFilterSet


class StandardItemViewSet(BaseModelViewSet):
    queryset = StandardItem.objects.all()
    serializer_class = serializers.StandardItemSerializer
    filterset_class = filtersets.StandardItemFilterSet


class StandardCheckViewSet(BaseModelViewSet):
    queryset = StandardCheck.objects.select_related("office", "item")
    serializer_class = serializers.StandardCheckSerializer
    filterset_class = filtersets.StandardCheckFilterSet


class SlotTemplateViewSet(BaseModelViewSet):
    queryset = SlotTemplate.objects.select_related("office")
    serializer_class = serializers.SlotTemplateSerializer
    filterset_class = filtersets.SlotTemplateFilterSet


class OfficeDayViewSet(BaseModelViewSet):
    queryset = OfficeDay.objects.select_related("office")
    serializer_class = serializers.OfficeDaySerializer
    filterset_class = filtersets.OfficeDayFilterSet


class SlotViewSet(ReadOnlyModelViewSet):
    """Slots with their bookings; ``POST <id>/capacity/`` changes the capacity (never below the bookings)."""

    queryset = Slot.objects.select_related("office")
    serializer_class = serializers.SlotSerializer
    filterset_class = filtersets.SlotFilterSet
    action_permissions = {"capacity": "change"}

    @extend_schema(request=serializers.CapacitySerializer, responses=serializers.SlotSerializer)
    @action(detail=True, methods=["post"])
    def capacity(self, request, pk=None):
        slot = set_slot_capacity(self.get_object(), _input(self, serializers.CapacitySerializer)["capacity"],
                                 actor=request.user)
        return Response(self.get_serializer(slot).data)


class AppointmentViewSet(ReadOnlyModelViewSet):
    """Appointments; record that the parties came or did not, or cancel one on the office's side."""

    queryset = Appointment.objects.select_related("office", "slot")
    serializer_class = serializers.AppointmentSerializer
    filterset_class = filtersets.AppointmentFilterSet
    action_permissions = {"attend": "change", "no_show": "change", "cancel": "change"}

    @extend_schema(request=None, responses=serializers.AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def attend(self, request, pk=None):
        return Response(self.get_serializer(record_attendance(self.get_object(), actor=request.user)).data)

    @extend_schema(request=None, responses=serializers.AppointmentSerializer)
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        return Response(self.get_serializer(record_no_show(self.get_object(), actor=request.user)).data)

    @extend_schema(request=serializers.CancelInputSerializer, responses=serializers.AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = _input(self, serializers.CancelInputSerializer)["reason"]
        return Response(self.get_serializer(cancel_by_office(self.get_object(), actor=request.user,
                                                             reason=reason)).data)


def _marriage_party(data: dict) -> MarriageParty:
    return MarriageParty(**{**data, "documents": frozenset(data["documents"])})


def _divorce_party(data: dict) -> DivorcePartyInput:
    return DivorcePartyInput(**{**data, "documents": frozenset(data["documents"])})


class MarriageRegistrationViewSet(ReadOnlyModelViewSet):
    """Registrations and refusals. ``POST`` registers (or refuses, with the reasons); ``POST check/`` only
    returns the refusal grounds the law in force would find, writing nothing."""

    queryset = MarriageRegistration.objects.select_related("office")
    serializer_class = serializers.MarriageRegistrationSerializer
    filterset_class = filtersets.MarriageRegistrationFilterSet
    action_permissions = {"check": "add"}

    @extend_schema(request=serializers.MarriageInputSerializer,
                   responses={201: serializers.MarriageRegistrationSerializer})
    def create(self, request):
        data = _input(self, serializers.MarriageInputSerializer)
        registration = register_marriage(data["office"], _marriage_party(data["party_a"]),
                                         _marriage_party(data["party_b"]), appointment=data["appointment"],
                                         note=data["note"], actor=request.user)
        return _created(self, registration)

    @extend_schema(request=serializers.MarriageInputSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"])
    def check(self, request):
        data = _input(self, serializers.MarriageInputSerializer)
        grounds = preview_marriage(_marriage_party(data["party_a"]), _marriage_party(data["party_b"]))
        return Response({"grounds": [ground.as_dict() for ground in grounds]})


class DivorceApplicationViewSet(ReadOnlyModelViewSet):
    """Applications for divorce by agreement: ``POST`` receives one; ``register/`` after the cooling-off;
    ``withdraw/`` during it."""

    queryset = DivorceApplication.objects.select_related("office", "marriage")
    serializer_class = serializers.DivorceApplicationSerializer
    filterset_class = filtersets.DivorceApplicationFilterSet
    action_permissions = {"register": "change", "withdraw": "change"}

    @extend_schema(request=serializers.DivorceInputSerializer,
                   responses={201: serializers.DivorceApplicationSerializer})
    def create(self, request):
        data = _input(self, serializers.DivorceInputSerializer)
        application = receive_divorce(
            data["office"], _divorce_party(data["party_a"]), _divorce_party(data["party_b"]),
            marriage_certificate_number=data["marriage_certificate_number"], agreement_signed=data["agreement_signed"],
            registered_in_mainland=data["registered_in_mainland"], appointment=data["appointment"],
            note=data["note"], actor=request.user)
        return _created(self, application)

    @extend_schema(request=serializers.DivorceRegistrationSerializer,
                   responses=serializers.DivorceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        data = _input(self, serializers.DivorceRegistrationSerializer)
        application = register_divorce(self.get_object(), _divorce_party(data["party_a"]),
                                       _divorce_party(data["party_b"]), appointment=data["appointment"],
                                       note=data["note"], actor=request.user)
        return Response(self.get_serializer(application).data)

    @extend_schema(request=serializers.WithdrawSerializer, responses=serializers.DivorceApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = _input(self, serializers.WithdrawSerializer)
        return Response(self.get_serializer(withdraw_divorce(self.get_object(), actor=request.user, **data)).data)


class CertificateViewSet(ReadOnlyModelViewSet):
    """Certificates; ``POST <id>/reissue/`` issues a replacement to one holder."""

    queryset = Certificate.objects.select_related("office")
    serializer_class = serializers.CertificateSerializer
    filterset_class = filtersets.CertificateFilterSet
    action_permissions = {"reissue": "add"}

    @extend_schema(request=serializers.ReissueSerializer, responses={201: serializers.CertificateSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        data = _input(self, serializers.ReissueSerializer)
        return _created(self, reissue_certificate(self.get_object(), actor=request.user, **data))


class AdoptionApplicationViewSet(ReadOnlyModelViewSet):
    """Adoption applications: ``POST`` receives one; ``assess/``, ``notice/``, ``decide/``, ``withdraw/``."""

    queryset = AdoptionApplication.objects.select_related("office", "assessment").prefetch_related("adopters",
                                                                                                   "children")
    serializer_class = serializers.AdoptionApplicationSerializer
    filterset_class = filtersets.AdoptionApplicationFilterSet
    action_permissions = {"assess": "change", "notice": "change", "decide": "change", "withdraw": "change"}

    @extend_schema(request=serializers.AdoptionInputSerializer,
                   responses={201: serializers.AdoptionApplicationSerializer})
    def create(self, request):
        data = _input(self, serializers.AdoptionInputSerializer)
        application = receive_adoption(data["office"], [AdopterInput(**a) for a in data["adopters"]],
                                       [ChildInput(**c) for c in data["children"]], note=data["note"],
                                       actor=request.user)
        return _created(self, application)

    def _answer(self, application):
        return Response(self.get_serializer(self.queryset.model.objects.get(pk=application.pk)).data)

    @extend_schema(request=serializers.AssessmentSerializer, responses=serializers.AdoptionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        data = _input(self, serializers.AssessmentSerializer)
        return self._answer(record_assessment(self.get_object(), actor=request.user, **data).application)

    @extend_schema(request=serializers.NoticeSerializer, responses=serializers.AdoptionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        application = self.get_object()
        data = _input(self, serializers.NoticeSerializer)
        if data["child"].application_id != application.pk:
            raise ValidationError({"child": [_("This child is not in the application.")]})
        publish_notice(data["child"], published_on=data["published_on"], medium=data["medium"], actor=request.user)
        return self._answer(application)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.AdoptionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = _input(self, serializers.NoteSerializer)
        return self._answer(decide_adoption(self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.AdoptionApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = _input(self, serializers.NoteSerializer)
        return self._answer(withdraw_adoption(self.get_object(), actor=request.user, **data))


class AdoptionAssessmentViewSet(ReadOnlyModelViewSet):
    queryset = AdoptionAssessment.objects.select_related("application")
    serializer_class = serializers.AdoptionAssessmentSerializer
    filterset_class = filtersets.AdoptionAssessmentFilterSet


class MarriageStatisticsAPIView(APIView):
    """The registry's figures per office and month, for the caller's area (the figures of the page)."""

    @extend_schema(parameters=[
        OpenApiParameter("division", OpenApiTypes.INT, description="A division of your area (id); default: all."),
        OpenApiParameter("from", OpenApiTypes.STR, description="First month, YYYY-MM; default: 11 months ago."),
        OpenApiParameter("to", OpenApiTypes.STR, description="Last month, YYYY-MM; default: this month."),
    ], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        if not request.user.has_perm("marriage.view_marriageregistration"):
            raise PermissionDenied
        form = StatisticsForm(request.query_params, user=request.user)
        division_or_404(form)
        if not form.is_valid():
            raise ValidationError(form.errors)
        report = marriage_statistics(request.user, **form.query())
        return Response({"months": [f"{month:%Y-%m}" for month in report.months],
                         "total": report.total().as_dict(), "rows": report.rows()})
