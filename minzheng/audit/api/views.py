from minzheng.audit import filtersets
from minzheng.audit.api import serializers
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.api.viewsets import ReadOnlyModelViewSet


class ObjectChangeViewSet(ReadOnlyModelViewSet):
    queryset = ObjectChange.objects.all()
    serializer_class = serializers.ObjectChangeSerializer
    filterset_class = filtersets.ObjectChangeFilterSet


class AuditEventViewSet(ReadOnlyModelViewSet):
    queryset = AuditEvent.objects.all()
    serializer_class = serializers.AuditEventSerializer
    filterset_class = filtersets.AuditEventFilterSet
