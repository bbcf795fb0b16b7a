from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import AssistanceCase, Program, first_of_month
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.framework.forms import ActionForm, BaseModelForm, restrict_form_fields
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentRoll

__all__ = ["ConfirmForm", "GenerateRollForm", "MONTH_FORMATS", "MonthInput", "PayeeAccountForm",
           "PaymentAdjustmentForm"]

#: A month is typed as 2026-11 (the browser's month picker) or as any day of it.
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class GenerateRollForm(forms.Form):
    """Program, district and month of the roll to generate; an existing roll is opened instead (no uniqueness error,
    hence not a model form). ``save`` gives the unsaved roll the generic edit view hands to the service."""

    program = forms.ModelChoiceField(Program.objects.filter(is_active=True), label=_("program"))
    division = forms.ModelChoiceField(Division.objects.current().filter(level=Level.DISTRICT), label=_("district"))
    month = forms.DateField(label=_("month"), input_formats=MONTH_FORMATS, widget=MonthInput())

    def __init__(self, *args, instance=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance, self.user = instance, user
        restrict_form_fields(self, user)

    def clean_month(self):
        return first_of_month(self.cleaned_data["month"])

    def save(self, commit: bool = False) -> PaymentRoll:
        return PaymentRoll(**self.cleaned_data)

    def save_m2m(self) -> None:
        """No many-to-many fields."""


class PaymentAdjustmentForm(BaseModelForm):
    """A correction of a case's payment; the case is typed by its number, or taken from the corrected entry."""

    case = forms.ModelChoiceField(AssistanceCase.objects.all(), to_field_name="number", required=False,
                                  widget=forms.TextInput, label=_("case number"),
                                  help_text=_("Leave it empty when you choose the entry to correct."))

    class Meta:
        model = PaymentAdjustment
        fields = ["case", "adjusts", "amount", "reason"]

    def clean(self):
        cleaned = super().clean()
        entry, case = cleaned.get("adjusts"), cleaned.get("case")
        if entry is not None and case is None:
            cleaned["case"] = self.instance.case = entry.case
        elif entry is None and case is None and "case" not in self.errors:
            self.add_error("case", _("Give the case number or the entry to correct."))
        return cleaned


class PayeeAccountForm(BaseModelForm):
    class Meta:
        model = PayeeAccount
        fields = ["person", "bank_name", "account_number", "remarks"]


class ConfirmForm(ActionForm):
    """No input: the button confirms the operation."""
