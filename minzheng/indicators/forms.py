"""The filter of the indicator page and API: a division of the user's area and a period."""

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.framework.forms import restrict_form_fields, use_lazy_pickers
from minzheng.indicators.periods import resolve_period

__all__ = ["IndicatorFilterForm", "division_or_404"]

DATE_FORMATS = ["%Y-%m-%d"]


class IndicatorFilterForm(forms.Form):
    """``division`` (an id, the user's area only), ``from`` and ``to`` (ISO dates; default: the year to date)."""

    division = forms.ModelChoiceField(Division.objects.all(), required=False, label=_("Division"),
                                      help_text=_("Empty: your whole area."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS,
                                              widget=forms.DateInput(attrs={"type": "date"}))
        self.fields["to"] = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS,
                                            widget=forms.DateInput(attrs={"type": "date"}),
                                            help_text=_("Empty: today; the period starts on 1 January by default."))
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors:
            try:
                cleaned_data["from"], cleaned_data["to"] = resolve_period(cleaned_data.get("from"),
                                                                          cleaned_data.get("to"))
            except DomainError as exc:
                self.add_error("from", exc.message)
        return cleaned_data

    def query(self) -> dict:
        """The keyword arguments of ``services.indicator_values`` (the form must be valid)."""
        data = self.cleaned_data
        return {"division": data.get("division"), "period_start": data["from"], "period_end": data["to"]}


def division_or_404(form: forms.Form) -> None:
    """A division outside the user's area (or no division at all) reads as not found, like any hidden record.

    Raises:
        Http404: the form's ``division`` did not validate.
    """
    if form.is_bound and not form.is_valid() and "division" in form.errors:
        raise Http404
