from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.framework.exceptions import DomainError
from minzheng.plans import filtersets, services
from minzheng.plans.api import serializers
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.parsing import decode_plan_bytes, parse_plan

__all__ = ["ItemViewSet", "PlanViewSet", "ProgressReportViewSet", "TargetViewSet", "TaskViewSet", "UnitViewSet"]


def _input(view, serializer_class) -> dict:
    data = serializer_class(data=view.request.data, context=view.get_serializer_context())
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class UnitViewSet(BaseModelViewSet):
    queryset = Unit.objects.select_related("division").prefetch_related("members")
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet


class PlanViewSet(ReadOnlyModelViewSet):
    """Plans; ``POST import/`` (multipart ``file``, optional ``dry_run``) reads a notice and imports it."""

    queryset = Plan.objects.prefetch_related("chapters")
    serializer_class = serializers.PlanSerializer
    filterset_class = filtersets.PlanFilterSet
    action_permissions = {"import_plan": "add"}

    @extend_schema(request=None, responses={201: serializers.PlanSerializer})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_plan(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError(_("Choose the notice's file."), code="plans.file_required", field="file")
        text = decode_plan_bytes(upload.read())
        document = parse_plan(text)
        if str(request.data.get("dry_run", "")).lower() in ("1", "true", "yes"):
            return Response(document.as_dict())
        plan = services.import_plan(document, text=text, actor=request.user, file_name=upload.name)
        return Response(self.get_serializer(plan).data, status=status.HTTP_201_CREATED)


class ItemViewSet(ReadOnlyModelViewSet):
    queryset = Item.objects.prefetch_related("units")
    serializer_class = serializers.ItemSerializer
    filterset_class = filtersets.ItemFilterSet
    action_permissions = {"assign": "change", "status": "report"}

    @extend_schema(request=serializers.AssignSerializer, responses=serializers.ItemSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        item = services.assign_item(self.get_object(), actor=request.user, **_input(self, serializers.AssignSerializer))
        return Response(self.get_serializer(item).data)

    @extend_schema(request=serializers.StatusSerializer, responses=serializers.ItemSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        item = services.set_item_status(self.get_object(), actor=request.user,
                                        **_input(self, serializers.StatusSerializer))
        return Response(self.get_serializer(item).data)


class TaskViewSet(ReadOnlyModelViewSet):
    queryset = Task.objects.all()
    serializer_class = serializers.TaskSerializer
    filterset_class = filtersets.TaskFilterSet
    action_permissions = {"status": "report"}

    @extend_schema(request=serializers.StatusSerializer, responses=serializers.TaskSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        task = services.set_task_status(self.get_object(), actor=request.user,
                                        **_input(self, serializers.StatusSerializer))
        return Response(self.get_serializer(task).data)


class TargetViewSet(ReadOnlyModelViewSet):
    """Targets with their live ``actual`` and ``light``; bind to an indicator, unbind, report progress."""

    queryset = Target.objects.select_related("item__plan", "indicator_division")
    serializer_class = serializers.TargetSerializer
    filterset_class = filtersets.TargetFilterSet
    action_permissions = {"bind": "change", "unbind": "change", "report": "report"}

    @extend_schema(request=serializers.BindingSerializer, responses=serializers.TargetSerializer)
    @action(detail=True, methods=["post"])
    def bind(self, request, pk=None):
        target = services.confirm_binding(self.get_object(), actor=request.user,
                                          **_input(self, serializers.BindingSerializer))
        return Response(self.get_serializer(target).data)

    @extend_schema(request=None, responses=serializers.TargetSerializer)
    @action(detail=True, methods=["post"])
    def unbind(self, request, pk=None):
        return Response(self.get_serializer(services.remove_binding(self.get_object(), actor=request.user)).data)

    @extend_schema(request=serializers.ProgressInputSerializer, responses={201: serializers.ProgressReportSerializer})
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, MultiPartParser, FormParser])
    def report(self, request, pk=None):
        report = services.report_progress(self.get_object(), actor=request.user,
                                          **_input(self, serializers.ProgressInputSerializer))
        data = serializers.ProgressReportSerializer(report, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


class ProgressReportViewSet(ReadOnlyModelViewSet):
    queryset = ProgressReport.objects.select_related("target", "reporter", "unit")
    serializer_class = serializers.ProgressReportSerializer
    filterset_class = filtersets.ProgressReportFilterSet
