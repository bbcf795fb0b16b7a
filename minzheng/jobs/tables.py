import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.jobs.models import Job

__all__ = ["JobTable"]


class JobTable(BaseTable):
    id = LinkColumn(verbose_name="#")
    requested_by = tables.Column(verbose_name=_("requested by"), accessor="requested_by__username")
    percent = tables.Column(verbose_name=_("progress"), orderable=False)

    class Meta(BaseTable.Meta):
        model = Job
        fields = ("id", "name", "status", "percent", "requested_by", "created_at", "finished_at")

    def render_percent(self, value):
        return f"{value}%"
