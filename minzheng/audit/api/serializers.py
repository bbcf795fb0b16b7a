from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.api.serializers import BaseModelSerializer

__all__ = ["AuditEventSerializer", "ObjectChangeSerializer"]

COMMON = ["id", "display", "seq", "time", "actor", "actor_name", "request_id", "content_type", "object_id",
          "object_repr", "hash", "prev_hash"]


class ObjectChangeSerializer(BaseModelSerializer):
    class Meta:
        model = ObjectChange
        fields = [*COMMON, "action", "before", "after"]


class AuditEventSerializer(BaseModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [*COMMON, "code", "payload"]
