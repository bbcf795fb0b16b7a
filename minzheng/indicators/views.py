from django.views.generic import TemplateView

from minzheng.indicators.forms import IndicatorFilterForm, division_or_404
from minzheng.indicators.services import indicator_values

__all__ = ["IndicatorListView"]


class IndicatorListView(TemplateView):
    """Every indicator the user may read, with its value for the user's area (or a division in it)."""

    template_name = "indicators/indicator_list.html"

    def get_context_data(self, **kwargs):
        form = IndicatorFilterForm(self.request.GET or None, user=self.request.user)
        division_or_404(form)
        values = []
        if not form.is_bound:
            values = indicator_values(self.request.user)
        elif form.is_valid():
            values = indicator_values(self.request.user, **form.query())
        return {**super().get_context_data(**kwargs), "form": form, "values": values}
