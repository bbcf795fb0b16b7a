import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["AuditEventTable", "ObjectChangeTable"]


class ObjectChangeTable(BaseTable):
    seq = LinkColumn(verbose_name="#")
    content_type = tables.Column(verbose_name=_("object type"), orderable=False)

    class Meta(BaseTable.Meta):
        model = ObjectChange
        fields = ("seq", "time", "actor_name", "action", "content_type", "object_repr")


class AuditEventTable(BaseTable):
    seq = LinkColumn(verbose_name="#")

    class Meta(BaseTable.Meta):
        model = AuditEvent
        fields = ("seq", "time", "actor_name", "code", "object_repr")
