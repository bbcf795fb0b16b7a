"""The public portal's API: anonymous, without cookies (so no CSRF token), objections limited per address."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from minzheng.divisions.models import Division
from minzheng.portal.api.serializers import (
    ObjectionReceiptSerializer,
    PublicNoticeSerializer,
    PublicObjectionSerializer,
)
from minzheng.portal.notices import current_notices
from minzheng.portal.services import client_address, submit_objection, take_objection_quota

__all__ = ["NoticeListAPIView", "ObjectionAPIView"]


class PublicAPIMixin:
    """Anonymous: no authentication (no session cookie read, hence no CSRF), no permission, no filter backend."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    filter_backends: list = []


def _unit(code: str | None) -> Division | None:
    if not code:
        return None
    division = Division.objects.filter(code=code, valid_to__isnull=True).first()
    if division is None:
        raise Http404
    return division


@extend_schema(parameters=[
    OpenApiParameter("community", OpenApiTypes.STR, description="A community's code: only its notices."),
    OpenApiParameter("area", OpenApiTypes.STR, description="A district's or street's code: the notices below it."),
])
class NoticeListAPIView(PublicAPIMixin, generics.ListAPIView):
    """The cases under public notice now, masked; an unknown division code is not found."""

    serializer_class = PublicNoticeSerializer

    def get_queryset(self):
        params = self.request.query_params
        return current_notices(area=_unit(params.get("community")) or _unit(params.get("area")))


class ObjectionAPIView(PublicAPIMixin, APIView):
    """Object to a case under notice; 400 ``portal.not_under_notice`` when it is not (or no longer) under notice,
    429 ``throttled`` past the hour's limit of the caller's address."""

    @extend_schema(request=PublicObjectionSerializer, responses={201: ObjectionReceiptSerializer})
    def post(self, request, pk: int):
        data = PublicObjectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not take_objection_quota(client_address(request)):
            raise Throttled(detail=_("You have sent too many objections in the last hour. Please try again later."))
        objection = submit_objection(pk, **data.validated_data)
        return Response(ObjectionReceiptSerializer(objection).data, status=201)
