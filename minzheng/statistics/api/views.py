from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.assistance.indicators import CASE_PERMISSION
from minzheng.indicators.forms import division_or_404
from minzheng.statistics.api.serializers import AssistanceStatisticsSerializer
from minzheng.statistics.assistance import assistance_report
from minzheng.statistics.forms import StatisticsForm

__all__ = ["AssistanceStatisticsAPIView"]


class AssistanceStatisticsAPIView(APIView):
    """Social assistance by division, program and month, for the caller's area (the figures of the page)."""

    @extend_schema(parameters=[
        OpenApiParameter("division", OpenApiTypes.INT, description="A division of your area (id); default: its top."),
        OpenApiParameter("program", OpenApiTypes.INT, description="Only this program (id)."),
        OpenApiParameter("from", OpenApiTypes.STR, description="First month, YYYY-MM; default: 11 months ago."),
        OpenApiParameter("to", OpenApiTypes.STR, description="Last month, YYYY-MM; default: this month."),
    ], responses=AssistanceStatisticsSerializer)
    def get(self, request):
        if not request.user.has_perm(CASE_PERMISSION):
            raise PermissionDenied
        form = StatisticsForm(request.query_params, user=request.user)
        division_or_404(form)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return Response(AssistanceStatisticsSerializer(assistance_report(request.user, **form.query())).data)
