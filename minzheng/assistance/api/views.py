from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.assistance import filtersets, services
from minzheng.assistance.api import serializers
from minzheng.assistance.api.recalculation import ParameterViewSetMixin
from minzheng.assistance.calculation import Member
from minzheng.assistance.choices import UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.framework.api.viewsets import BaseModelViewSet


class ProgramViewSet(BaseModelViewSet):
    queryset = Program.objects.all()
    serializer_class = serializers.ProgramSerializer
    filterset_class = filtersets.ProgramFilterSet


class StandardViewSet(ParameterViewSetMixin, BaseModelViewSet):
    queryset = Standard.objects.select_related("program", "division")
    serializer_class = serializers.StandardSerializer
    filterset_class = filtersets.StandardFilterSet
    action_permissions = {"calculate": "view"}

    @extend_schema(request=serializers.DibaoQuoteRequestSerializer, responses=serializers.DibaoQuoteSerializer)
    @action(detail=False, methods=["post"])
    def calculate(self, request):
        """The monthly 低保 amount of a household, step by step, with the standard and rules in force (nothing is
        saved)."""
        data = serializers.DibaoQuoteRequestSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        quote = services.quote_dibao(values["program"], urban=values["area_type"] == UrbanRural.URBAN,
                                     division=values["division"], date=values["date"],
                                     household_income=values["household_income"],
                                     members=[Member(**member) for member in values["members"]])
        return Response(serializers.DibaoQuoteSerializer(quote).data)


class CalculationRuleSetViewSet(ParameterViewSetMixin, BaseModelViewSet):
    queryset = CalculationRuleSet.objects.select_related("program", "division")
    serializer_class = serializers.CalculationRuleSetSerializer
    filterset_class = filtersets.CalculationRuleSetFilterSet


class CaseworkerRecordViewSet(BaseModelViewSet):
    queryset = CaseworkerRecord.objects.select_related("division")
    serializer_class = serializers.CaseworkerRecordSerializer
    filterset_class = filtersets.CaseworkerRecordFilterSet


class DeclaredRelativeViewSet(BaseModelViewSet):
    queryset = DeclaredRelative.objects.select_related("caseworker")
    serializer_class = serializers.DeclaredRelativeSerializer
    filterset_class = filtersets.DeclaredRelativeFilterSet


class ConflictFilingViewSet(BaseModelViewSet):
    queryset = ConflictFiling.objects.select_related("caseworker", "relative", "division")
    serializer_class = serializers.ConflictFilingSerializer
    filterset_class = filtersets.ConflictFilingFilterSet
