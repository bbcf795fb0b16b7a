from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from minzheng.assistance.models import AssistanceCase
from minzheng.framework.export import FORMATS, export_table
from minzheng.framework.views import ObjectPermissionMixin
from minzheng.indicators.forms import division_or_404
from minzheng.statistics.assistance import AssistanceStatistics, assistance_report
from minzheng.statistics.charts import bar_chart
from minzheng.statistics.forms import StatisticsForm
from minzheng.statistics.tables import StatisticsTable

__all__ = ["AssistanceStatisticsView"]


def _charts(report: AssistanceStatistics) -> list:
    last = f"{report.months[-1]:%Y-%m}"
    return [
        bar_chart(_("Households in payment, %(month)s") % {"month": last},
                  [(unit.name, figures.households) for unit, figures in report.by_unit()]),
        bar_chart(_("Recipients by month"), [(f"{month:%Y-%m}", figures.recipients)
                                             for month, figures in report.by_month()]),
        bar_chart(_("Amount by month (yuan)"), [(f"{month:%Y-%m}", figures.amount)
                                                for month, figures in report.by_month()]),
    ]


class AssistanceStatisticsView(ObjectPermissionMixin, View):
    """Social assistance by division, program and month: tables, charts, and the cells as CSV or XLSX."""

    queryset = AssistanceCase.objects.all()
    template_name = "statistics/assistance.html"

    def get(self, request):
        form = StatisticsForm(request.GET or None, user=request.user)
        division_or_404(form)
        context = {"form": form, "report": None}
        if not form.is_bound or form.is_valid():
            report = assistance_report(request.user, **form.query())
            fmt = request.GET.get("export")
            if fmt in FORMATS:
                return export_table(StatisticsTable(report.rows()), fmt, "assistance-statistics")
            context.update(report=report, total=report.summary(), by_unit=report.by_unit(),
                           by_program=report.by_program(), by_month=report.by_month(), charts=_charts(report))
        return TemplateResponse(request, self.template_name, context)
