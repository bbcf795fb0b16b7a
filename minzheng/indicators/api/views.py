from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.indicators.api.serializers import IndicatorValueSerializer
from minzheng.indicators.forms import IndicatorFilterForm, division_or_404
from minzheng.indicators.registry import get_indicator
from minzheng.indicators.services import evaluate, indicator_values

__all__ = ["IndicatorAPIView", "IndicatorListAPIView"]

PARAMETERS = [
    OpenApiParameter("division", OpenApiTypes.INT, description="A division of your area (id); default: all of it."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Start of the period; default: 1 January."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="End of the period; default: today."),
]


def _query(request) -> dict:
    """The validated division and period of the query string; a division outside the area is a 404."""
    form = IndicatorFilterForm(request.query_params, user=request.user)
    division_or_404(form)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form.query()


class IndicatorListAPIView(APIView):
    """Every indicator the caller may read, with its value for the caller's area."""

    @extend_schema(parameters=PARAMETERS, responses=IndicatorValueSerializer(many=True))
    def get(self, request):
        values = indicator_values(request.user, **_query(request))
        return Response(IndicatorValueSerializer(values, many=True).data)


class IndicatorAPIView(APIView):
    """One indicator's value; an unknown code, or one the caller may not read, is not found."""

    @extend_schema(parameters=PARAMETERS, responses=IndicatorValueSerializer)
    def get(self, request, code: str):
        try:
            indicator = get_indicator(code)
        except KeyError:
            raise Http404
        if not indicator.visible_to(request.user):
            raise Http404
        value = evaluate(indicator, user=request.user, **_query(request))
        return Response(IndicatorValueSerializer(value).data)
