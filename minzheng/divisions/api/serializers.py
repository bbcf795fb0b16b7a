from rest_framework import serializers

from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.api.serializers import BaseModelSerializer

__all__ = ["DivisionChangeSerializer", "DivisionSerializer"]


class DivisionSerializer(BaseModelSerializer):
    path = serializers.CharField(read_only=True)

    class Meta:
        model = Division
        fields = ["id", "display", "code", "name", "level", "kind", "parent", "path", "depth", "urban_rural_class",
                  "valid_from", "valid_to", "is_demo", "remarks", "created_at", "updated_at"]
        read_only_fields = ["depth"]


class DivisionChangeSerializer(BaseModelSerializer):
    class Meta:
        model = DivisionChange
        fields = ["id", "display", "date", "date_confirmed", "kind", "description", "document", "sources", "targets",
                  "remarks", "created_at", "updated_at"]
