"""The elderly-care API: every model, the operations as ``@action`` endpoints calling the same services as the
pages, and the statistics."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.eldercare import filtersets
from minzheng.eldercare.api import serializers
from minzheng.eldercare.assessment_forms import ITEM_PREFIX, preview
from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    BedBlock,
    ElderlyAssociation,
    Establishment,
    EstablishmentRuleSet,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
    SubsidyRuleSet,
)
from minzheng.eldercare.services import assessments, establishment, homecare, inspections
from minzheng.eldercare.statistics import PERMISSION
from minzheng.eldercare.views.statistics import report_for
from minzheng.framework.api.viewsets import BaseModelViewSet
from minzheng.indicators.forms import IndicatorFilterForm, division_or_404

__all__ = ["AssessmentRuleTableViewSet", "AssessmentViewSet", "BedBlockViewSet", "EldercareStatisticsAPIView",
           "ElderlyAssociationViewSet", "EstablishmentRuleSetViewSet", "EstablishmentViewSet", "HonourAwardViewSet",
           "InspectionFindingViewSet", "InspectionViewSet", "InstitutionViewSet", "InsurancePolicyViewSet",
           "OccupancyReportViewSet", "ProviderServiceViewSet", "ProviderViewSet", "ServiceCentreViewSet",
           "ServiceOrderViewSet", "SubsidyRuleSetViewSet"]

NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


def _input(view, serializer_class) -> dict:
    data = serializer_class(data=view.request.data, context=view.get_serializer_context())
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _viewset(model, serializer, filterset, queryset=None) -> type[BaseModelViewSet]:
    return type(f"{model.__name__}ViewSet", (BaseModelViewSet,), {
        "queryset": queryset if queryset is not None else model.objects.all(), "serializer_class": serializer,
        "filterset_class": filterset})


EstablishmentRuleSetViewSet = _viewset(EstablishmentRuleSet, serializers.EstablishmentRuleSetSerializer,
                                       filtersets.EstablishmentRuleSetFilterSet)
AssessmentRuleTableViewSet = _viewset(AssessmentRuleTable, serializers.AssessmentRuleTableSerializer,
                                      filtersets.AssessmentRuleTableFilterSet)
InstitutionViewSet = _viewset(Institution, serializers.InstitutionSerializer, filtersets.InstitutionFilterSet)
BedBlockViewSet = _viewset(BedBlock, serializers.BedBlockSerializer, filtersets.BedBlockFilterSet)
OccupancyReportViewSet = _viewset(OccupancyReport, serializers.OccupancyReportSerializer,
                                  filtersets.OccupancyReportFilterSet, OccupancyReport.objects.select_related(
                                      "institution").with_capacity())
InspectionViewSet = _viewset(Inspection, serializers.InspectionSerializer, filtersets.InspectionFilterSet)
ServiceCentreViewSet = _viewset(ServiceCentre, serializers.ServiceCentreSerializer, filtersets.ServiceCentreFilterSet,
                                ServiceCentre.objects.prefetch_related("served_communities"))
ProviderViewSet = _viewset(Provider, serializers.ProviderSerializer, filtersets.ProviderFilterSet)
ProviderServiceViewSet = _viewset(ProviderService, serializers.ProviderServiceSerializer,
                                  filtersets.ProviderServiceFilterSet)
InsurancePolicyViewSet = _viewset(InsurancePolicy, serializers.InsurancePolicySerializer,
                                  filtersets.InsurancePolicyFilterSet)
ElderlyAssociationViewSet = _viewset(ElderlyAssociation, serializers.ElderlyAssociationSerializer,
                                     filtersets.ElderlyAssociationFilterSet)
HonourAwardViewSet = _viewset(HonourAward, serializers.HonourAwardSerializer, filtersets.HonourAwardFilterSet)


class EstablishmentViewSet(BaseModelViewSet):
    """Establishments: ``POST`` receives an application or a filing (the date decides the procedure);
    ``inspect`` and ``decide`` for a licence application."""

    queryset = Establishment.objects.select_related("institution", "rule_set")
    serializer_class = serializers.EstablishmentSerializer
    filterset_class = filtersets.EstablishmentFilterSet
    http_method_names = NO_DELETE
    action_permissions = {"inspect": "change", "decide": "change"}

    @extend_schema(request=serializers.EstablishmentInputSerializer,
                   responses={201: serializers.EstablishmentSerializer})
    def create(self, request, *args, **kwargs):
        record = establishment.start_establishment(actor=request.user,
                                                   **_input(self, serializers.EstablishmentInputSerializer))
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.SiteInspectionSerializer, responses=serializers.EstablishmentSerializer)
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        record = establishment.record_site_inspection(self.get_object(), actor=request.user,
                                                      **_input(self, serializers.SiteInspectionSerializer))
        return Response(self.get_serializer(record).data)

    @extend_schema(request=serializers.DecisionSerializer, responses=serializers.EstablishmentSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        record = establishment.decide_licence(self.get_object(), actor=request.user,
                                              **_input(self, serializers.DecisionSerializer))
        return Response(self.get_serializer(record).data)


class InspectionFindingViewSet(BaseModelViewSet):
    """Findings; ``?overdue=true`` lists the overdue rectifications; ``rectify`` records one."""

    queryset = InspectionFinding.objects.select_related("inspection__institution")
    serializer_class = serializers.InspectionFindingSerializer
    filterset_class = filtersets.InspectionFindingFilterSet
    action_permissions = {"rectify": "change"}

    @extend_schema(request=serializers.RectifySerializer, responses=serializers.InspectionFindingSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        finding = inspections.rectify_finding(self.get_object(), actor=request.user,
                                              **_input(self, serializers.RectifySerializer))
        return Response(self.get_serializer(finding).data)


class AssessmentViewSet(BaseModelViewSet):
    """Ability assessments. ``POST`` records one (scored by the rule table in force on its date); ``preview``
    scores answers without recording; ``confirm`` (the second assessor), ``condition`` and ``cancel``.
    ``answers``, ``findings`` and ``results`` are masked; ``?reveal=answers`` shows them (logged)."""

    queryset = Assessment.objects.select_related("person", "rule_table")
    serializer_class = serializers.AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    http_method_names = ["get", "post", "head", "options"]
    action_permissions = {"preview": "add", "confirm": "confirm", "condition": "change", "cancel": "change"}

    @extend_schema(request=serializers.AssessmentInputSerializer, responses={201: serializers.AssessmentSerializer})
    def create(self, request, *args, **kwargs):
        assessment = assessments.record_assessment(actor=request.user,
                                                   **_input(self, serializers.AssessmentInputSerializer))
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.AssessmentPreviewSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"])
    def preview(self, request):
        data = _input(self, serializers.AssessmentPreviewSerializer)
        table = assessments.rule_table_on(data.get("assessed_on") or timezone.localdate())
        raw = {ITEM_PREFIX + code: score for code, score in data["answers"].items()}
        result = preview(table.rules, raw, data["findings"])
        return Response({"table": table.code, "answered": result.answered, "items": result.items,
                         "dimensions": [vars(dimension) for dimension in result.dimensions], "level": result.level,
                         "level_name": result.level_name})

    @extend_schema(request=None, responses=serializers.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return Response(self.get_serializer(assessments.confirm_assessment(self.get_object(), actor=request.user)).data)

    @extend_schema(request=serializers.ConditionSerializer, responses=serializers.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def condition(self, request, pk=None):
        assessment = assessments.report_condition_change(self.get_object(), actor=request.user,
                                                         **_input(self, serializers.ConditionSerializer))
        return Response(self.get_serializer(assessment).data)

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        assessment = assessments.cancel_assessment(self.get_object(), actor=request.user,
                                                   **_input(self, serializers.ReasonSerializer))
        return Response(self.get_serializer(assessment).data)


class ServiceOrderViewSet(BaseModelViewSet):
    """Home-care orders: ``POST`` takes one; ``dispatch``, ``visit``, ``complete``, ``rate`` and ``cancel`` move it
    on; ``PATCH`` corrects the request's text and phone."""

    queryset = ServiceOrder.objects.select_related("person", "provider", "service")
    serializer_class = serializers.ServiceOrderSerializer
    filterset_class = filtersets.ServiceOrderFilterSet
    http_method_names = NO_DELETE
    action_permissions = {name: "change" for name in ("dispatch_order", "visit", "complete", "rate", "cancel")}

    @extend_schema(request=serializers.ServiceOrderInputSerializer, responses={201: serializers.ServiceOrderSerializer})
    def create(self, request, *args, **kwargs):
        order = ServiceOrder(**_input(self, serializers.ServiceOrderInputSerializer))
        order = homecare.take_order(order, actor=request.user)
        return Response(self.get_serializer(order).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.DispatchSerializer, responses=serializers.ServiceOrderSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_order(self, request, pk=None):
        order = homecare.dispatch_order(self.get_object(), actor=request.user,
                                        **_input(self, serializers.DispatchSerializer))
        return Response(self.get_serializer(order).data)

    @extend_schema(request=serializers.VisitSerializer, responses=serializers.ServiceOrderSerializer)
    @action(detail=True, methods=["post"])
    def visit(self, request, pk=None):
        order = homecare.record_visit(self.get_object(), actor=request.user,
                                      **_input(self, serializers.VisitSerializer))
        return Response(self.get_serializer(order).data)

    @extend_schema(request=serializers.CompleteSerializer, responses=serializers.ServiceOrderSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        order = homecare.complete_order(self.get_object(), actor=request.user,
                                        **_input(self, serializers.CompleteSerializer))
        return Response(self.get_serializer(order).data)

    @extend_schema(request=serializers.SatisfactionSerializer, responses=serializers.ServiceOrderSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        order = homecare.record_satisfaction(self.get_object(), actor=request.user,
                                             **_input(self, serializers.SatisfactionSerializer))
        return Response(self.get_serializer(order).data)

    @extend_schema(request=serializers.ReasonSerializer, responses=serializers.ServiceOrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        order = homecare.cancel_order(self.get_object(), actor=request.user,
                                      **_input(self, serializers.ReasonSerializer))
        return Response(self.get_serializer(order).data)


class EldercareStatisticsAPIView(APIView):
    """Elderly care by division for a period, for the caller's area (the figures of the statistics page)."""

    @extend_schema(parameters=[
        OpenApiParameter("division", OpenApiTypes.INT, description="A division of your area (id); default: its top."),
        OpenApiParameter("from", OpenApiTypes.DATE, description="First day; default: 1 January."),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last day; default: today."),
    ], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        form = IndicatorFilterForm(request.query_params, user=request.user)
        division_or_404(form)
        if not form.is_valid():
            raise ValidationError(form.errors)
        report = report_for(request.user, form)
        rows = [{"division": {"id": unit.pk, "code": unit.code, "name": unit.name}, **_figures(figures)}
                for unit, figures in report.by_unit()]
        return Response({"division": report.division.pk if report.division else None, "from": report.start,
                         "to": report.end, "levels": report.levels, "total": _figures(report.total()),
                         "divisions": rows})


def _figures(figures) -> dict:
    return {"institutions": figures.institutions, "beds": figures.beds, "beds_added": figures.beds_added,
            "occupied": figures.occupied, "occupancy": str(figures.occupancy), "daycare": figures.daycare,
            "daycare_added": figures.daycare_added, "meal_centres": figures.meal_centres,
            "meal_centres_added": figures.meal_centres_added, "meal_points": figures.meal_points,
            "communities": figures.communities, "communities_served": figures.communities_served,
            "meal_coverage": str(figures.meal_coverage), "assessments_by_level": figures.assessments}

SubsidyRuleSetViewSet = _viewset(SubsidyRuleSet, serializers.SubsidyRuleSetSerializer,
                                 filtersets.SubsidyRuleSetFilterSet,
                                 SubsidyRuleSet.objects.select_related("program", "division"))
