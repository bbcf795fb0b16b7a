"""The choices of a statistics report: a division of the user's area, a program, a range of months."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import Program
from minzheng.divisions.models import Division
from minzheng.framework.forms import restrict_form_fields, use_lazy_pickers
from minzheng.indicators.periods import add_months, first_of_month, months_between

__all__ = ["MAX_MONTHS", "MonthField", "StatisticsForm"]

#: The longest range of months one report covers.
MAX_MONTHS = 36
#: Months shown when no range is chosen: the last twelve, this one included.
DEFAULT_MONTHS = 12


class MonthField(forms.DateField):
    """A month as ``YYYY-MM`` (the browser's month input), cleaned to its first day."""

    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class StatisticsForm(forms.Form):
    """``division`` (an id of the user's area; default: its top), ``program``, ``from`` and ``to`` (months)."""

    division = forms.ModelChoiceField(Division.objects.all(), required=False, label=_("Division"),
                                      help_text=_("Empty: the top of your area. The rows are its subdivisions."))
    program = forms.ModelChoiceField(Program.objects.all(), required=False, label=_("Program"),
                                     empty_label=_("All programs"))

    def __init__(self, *args, user, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        last = first_of_month(today or timezone.localdate())
        self.default_months = (add_months(last, 1 - DEFAULT_MONTHS), last)
        self.fields["from"] = MonthField(label=_("From month"), required=False, initial=self.default_months[0])
        self.fields["to"] = MonthField(label=_("To month"), required=False, initial=self.default_months[1])
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("from") or self.default_months[0]
        end = cleaned_data.get("to") or self.default_months[1]
        if start > end:
            self.add_error("from", _("The first month is after the last one."))
        elif len(months_between(start, end)) > MAX_MONTHS:
            self.add_error("to", _("A report covers at most %(count)d months.") % {"count": MAX_MONTHS})
        cleaned_data["months"] = months_between(start, end)
        return cleaned_data

    def query(self) -> dict:
        """The chosen division, program and months; the defaults for an unbound form."""
        if not self.is_bound:
            return {"division": None, "program": None, "months": months_between(*self.default_months)}
        data = self.cleaned_data
        return {"division": data.get("division"), "program": data.get("program"), "months": data["months"]}
