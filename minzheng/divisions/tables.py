import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["DivisionChangeTable", "DivisionTable"]


class DivisionTable(BaseTable):
    code = LinkColumn(verbose_name=_("code"))
    name = tables.Column(verbose_name=_("name"))
    parent = tables.Column(verbose_name=_("parent"), accessor="parent__name", order_by=("parent__path",))

    class Meta(BaseTable.Meta):
        model = Division
        fields = ("code", "name", "level", "kind", "parent", "urban_rural_class", "valid_from", "valid_to")
        order_by = ("code",)


class DivisionChangeTable(BaseTable):
    date = LinkColumn(verbose_name=_("effective date"))

    class Meta(BaseTable.Meta):
        model = DivisionChange
        fields = ("date", "kind", "description", "document", "date_confirmed")
