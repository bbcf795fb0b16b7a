from minzheng.framework.api.viewsets import ReadOnlyModelViewSet
from minzheng.jobs import filtersets
from minzheng.jobs.api import serializers
from minzheng.jobs.models import Job


class JobViewSet(ReadOnlyModelViewSet):
    queryset = Job.objects.select_related("requested_by")
    serializer_class = serializers.JobSerializer
    filterset_class = filtersets.JobFilterSet
