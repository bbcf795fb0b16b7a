import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable

__all__ = ["StatisticsTable"]


class StatisticsTable(BaseTable):
    """Every cell of an assistance report (``AssistanceStatistics.rows()``), for CSV and XLSX export."""

    division_code = tables.Column(_("Division code"), accessor="division__code")
    division = tables.Column(_("Division"), accessor="division__name")
    program = tables.Column(_("Program"), accessor="program__name")
    month = tables.Column(_("Month"))
    households = tables.Column(_("Households"), accessor="figures__households")
    recipients = tables.Column(_("Recipients"), accessor="figures__recipients")
    amount = tables.Column(_("Amount (yuan)"), accessor="figures__amount")

    class Meta(BaseTable.Meta):
        orderable = False

    def render_month(self, value):
        return f"{value:%Y-%m}"

    def value_month(self, value):
        return f"{value:%Y-%m}"
