from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.payments import filtersets, services
from minzheng.payments.api import serializers
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll


class FileNegotiation(DefaultContentNegotiation):
    """``?format=`` names the file, not the API's renderer: errors stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PaymentRollViewSet(ReadOnlyModelViewSet):
    """Rolls are read here and made and moved only through the actions, which call the payments services."""

    queryset = PaymentRoll.objects.select_related("program", "division")
    serializer_class = serializers.PaymentRollSerializer
    filterset_class = filtersets.PaymentRollFilterSet
    action_permissions = {"generate": "add", "approve": "change", "lock": "change", "bank_file": "change"}

    def _answer(self, roll, status_code=status.HTTP_200_OK):
        return Response(self.get_serializer(roll).data, status=status_code)

    @extend_schema(request=serializers.GenerateRollSerializer, responses=serializers.PaymentRollSerializer)
    @action(detail=False, methods=["post"])
    def generate(self, request):
        """Generate the roll of a program, district and month: 201 with the new roll, 200 with the existing one."""
        data = serializers.GenerateRollSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        existed = PaymentRoll.objects.filter(program=values["program"], division=values["division"],
                                             month=values["month"].replace(day=1)).exists()
        roll = services.generate_roll(values["program"], values["division"], values["month"], actor=request.user)
        return self._answer(roll, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.PaymentRollSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a generated roll."""
        return self._answer(services.approve_roll(self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=serializers.PaymentRollSerializer)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        """Lock an approved roll once it is paid."""
        return self._answer(services.lock_roll(self.get_object(), actor=request.user))

    @extend_schema(parameters=[OpenApiParameter("format", enum=["csv", "xlsx"], default="csv")],
                   responses={(200, "text/csv"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="bank-file", content_negotiation_class=FileNegotiation)
    def bank_file(self, request, pk=None):
        """The bank file of an approved or locked roll (account, name, masked identity number, amount)."""
        file = services.export_bank_file(self.get_object(), fmt=request.query_params.get("format", "csv"),
                                         actor=request.user)
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response


class PaymentEntryViewSet(ReadOnlyModelViewSet):
    queryset = PaymentEntry.objects.select_related("roll")
    serializer_class = serializers.PaymentEntrySerializer
    filterset_class = filtersets.PaymentEntryFilterSet


class PaymentAdjustmentViewSet(ReadOnlyModelViewSet):
    """Adjustments are recorded (``POST``) through ``services.add_adjustment`` and never edited."""

    queryset = PaymentAdjustment.objects.select_related("case").with_payment()
    serializer_class = serializers.PaymentAdjustmentSerializer
    filterset_class = filtersets.PaymentAdjustmentFilterSet

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        adjustment = services.add_adjustment(data.get("adjusts") or data["case"], amount=data["amount"],
                                             reason=data["reason"], actor=request.user)
        return Response(self.get_serializer(adjustment).data, status=status.HTTP_201_CREATED)


class PayeeAccountViewSet(BaseModelViewSet):
    queryset = PayeeAccount.objects.select_related("person")
    serializer_class = serializers.PayeeAccountSerializer
    filterset_class = filtersets.PayeeAccountFilterSet
