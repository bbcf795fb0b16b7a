from rest_framework import serializers

from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.jobs.models import Job

__all__ = ["JobSerializer"]


class JobSerializer(BaseModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = ["id", "display", "name", "params", "status", "progress", "total", "percent", "log", "result", "error",
                  "attempts", "requested_by", "division", "created_at", "started_at", "finished_at"]
