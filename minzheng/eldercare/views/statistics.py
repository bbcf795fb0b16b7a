"""The statistics page of elderly care: tables, SVG charts, and every row as CSV or XLSX."""

import django_tables2 as tables
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from minzheng.eldercare.models import Institution
from minzheng.eldercare.statistics import EldercareStatistics, eldercare_report
from minzheng.framework.export import FORMATS, export_table
from minzheng.framework.tables import BaseTable
from minzheng.framework.views import ObjectPermissionMixin
from minzheng.indicators.forms import IndicatorFilterForm, division_or_404
from minzheng.indicators.periods import resolve_period
from minzheng.statistics.charts import bar_chart

__all__ = ["EldercareStatisticsTable", "EldercareStatisticsView", "report_for"]


class EldercareStatisticsTable(BaseTable):
    """One row per division, for CSV and XLSX export."""

    division_code = tables.Column(gettext_lazy("Division code"), accessor="unit__code")
    division = tables.Column(gettext_lazy("Division"), accessor="unit__name")
    institutions = tables.Column(gettext_lazy("Institutions"), accessor="figures__institutions")
    beds = tables.Column(gettext_lazy("Beds"), accessor="figures__beds")
    beds_added = tables.Column(gettext_lazy("Beds added"), accessor="figures__beds_added")
    occupied = tables.Column(gettext_lazy("Beds occupied"), accessor="figures__occupied")
    occupancy = tables.Column(gettext_lazy("Occupancy (%)"), accessor="figures__occupancy")
    daycare = tables.Column(gettext_lazy("Day-care centres"), accessor="figures__daycare")
    daycare_added = tables.Column(gettext_lazy("Day-care centres opened"), accessor="figures__daycare_added")
    meal_centres = tables.Column(gettext_lazy("Meal centres"), accessor="figures__meal_centres")
    meal_centres_added = tables.Column(gettext_lazy("Meal centres opened"), accessor="figures__meal_centres_added")
    meal_points = tables.Column(gettext_lazy("Meal points"), accessor="figures__meal_points")
    meal_coverage = tables.Column(gettext_lazy("Communities with meal service (%)"),
                                  accessor="figures__meal_coverage")

    class Meta(BaseTable.Meta):
        orderable = False


def statistics_table(report: EldercareStatistics) -> EldercareStatisticsTable:
    rows = [{"unit": unit, "figures": figures} for unit, figures in report.by_unit()]
    levels = [(f"level_{index}", tables.Column(_("Assessed: %(level)s") % {"level": name},
                                               accessor=f"figures__assessments__{index}"))
              for index, name in enumerate(report.levels)]
    return EldercareStatisticsTable(rows, extra_columns=levels)


def report_for(user, form) -> EldercareStatistics:
    """The report of a valid (or unbound) filter form."""
    if form.is_bound:
        query = form.query()
        return eldercare_report(user, division=query["division"], start=query["period_start"],
                                end=query["period_end"])
    start, end = resolve_period(None, None)
    return eldercare_report(user, division=None, start=start, end=end)


def _charts(report: EldercareStatistics) -> list:
    by_unit = report.by_unit()
    return [
        bar_chart(_("Beds on %(date)s") % {"date": report.end.isoformat()},
                  [(unit.name, figures.beds) for unit, figures in by_unit]),
        bar_chart(_("Beds added"), [(unit.name, figures.beds_added) for unit, figures in by_unit]),
        bar_chart(_("Occupancy (%)"), [(unit.name, figures.occupancy) for unit, figures in by_unit]),
        bar_chart(_("Day-care centres"), [(unit.name, figures.daycare) for unit, figures in by_unit]),
        bar_chart(_("Assessments by level"), report.by_level()),
    ]


class EldercareStatisticsView(ObjectPermissionMixin, View):
    """Elderly care by division for a period (default: the year to date)."""

    queryset = Institution.objects.all()
    template_name = "eldercare/statistics.html"

    def get(self, request):
        form = IndicatorFilterForm(request.GET or None, user=request.user)
        division_or_404(form)
        context = {"form": form, "report": None}
        if not form.is_bound or form.is_valid():
            report = report_for(request.user, form)
            fmt = request.GET.get("export")
            if fmt in FORMATS:
                return export_table(statistics_table(report), fmt, "eldercare-statistics")
            context.update(report=report, total=report.total(), by_unit=report.by_unit(), by_level=report.by_level(),
                           charts=_charts(report))
        return TemplateResponse(request, self.template_name, context)
