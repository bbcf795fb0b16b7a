"""Base serializers: ``url`` and ``display`` on every object, scoped foreign keys (house style A5)."""

from rest_framework import serializers

from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField

__all__ = ["BaseModelSerializer", "BriefSerializer"]


class BaseModelSerializer(serializers.ModelSerializer):
    """Model serializer whose foreign keys accept only ids inside the requester's area."""

    serializer_related_field = ScopedPrimaryKeyRelatedField
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return str(obj)


class BriefSerializer(BaseModelSerializer):
    """Short representation used wherever another object refers to this one."""
