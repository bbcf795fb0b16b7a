"""The registry's statistics per office and month, with charts and the cells as CSV or XLSX."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from minzheng.framework.export import FORMATS, export_table
from minzheng.framework.views import ObjectPermissionMixin
from minzheng.indicators.forms import division_or_404
from minzheng.marriage.forms import StatisticsForm
from minzheng.marriage.models import MarriageRegistration
from minzheng.marriage.statistics import MarriageStatistics, marriage_statistics
from minzheng.marriage.tables import StatisticsTable
from minzheng.statistics.charts import bar_chart

__all__ = ["MarriageStatisticsView"]


def charts(report: MarriageStatistics) -> list:
    by_month = report.by_month()
    return [
        bar_chart(_("Marriages registered by month"), [(f"{m:%Y-%m}", f.marriages) for m, f in by_month]),
        bar_chart(_("Divorces registered by month"), [(f"{m:%Y-%m}", f.divorces) for m, f in by_month]),
        bar_chart(_("Marriages registered by office"), [(o.name, f.marriages) for o, f in report.by_office()]),
        bar_chart(_("No-shows by office"), [(o.name, f.no_shows) for o, f in report.by_office()]),
    ]


class MarriageStatisticsView(ObjectPermissionMixin, View):
    """Marriages, refusals, divorces, appointments, no-shows and adoptions per office and month."""

    queryset = MarriageRegistration.objects.all()
    template_name = "marriage/statistics.html"

    def get(self, request):
        form = StatisticsForm(request.GET or None, user=request.user)
        division_or_404(form)
        context = {"form": form, "report": None}
        if not form.is_bound or form.is_valid():
            report = marriage_statistics(request.user, **form.query())
            fmt = request.GET.get("export")
            if fmt in FORMATS:
                return export_table(StatisticsTable(report.rows()), fmt, "marriage-statistics")
            context.update(report=report, total=report.total(), by_office=report.by_office(),
                           by_month=report.by_month(), charts=charts(report))
        return TemplateResponse(request, self.template_name, context)
