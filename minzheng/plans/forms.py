"""Forms of the work-plan pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division
from minzheng.framework.forms import ActionForm, BaseModelForm
from minzheng.indicators.registry import all_indicators
from minzheng.plans.choices import ItemStatus, TaskStatus
from minzheng.plans.models import Item, Plan, Unit

__all__ = ["AssignForm", "BindingForm", "ImportForm", "ItemStatusForm", "PlanForm", "ProgressForm", "TaskStatusForm",
           "UnitForm"]

DATE = forms.DateInput(attrs={"type": "date"})


class UnitForm(BaseModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "division", "members", "is_active"]


class PlanForm(BaseModelForm):
    """The header fields, corrected by hand after an import."""

    class Meta:
        model = Plan
        fields = ["title", "notice_title", "issuer", "doc_number", "published", "effective", "level", "validity",
                  "topic", "year", "remarks"]
        widgets = {"published": DATE, "effective": DATE}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Work-plan notice (plain text, UTF-8 or GB18030)"))
    dry_run = forms.BooleanField(label=_("Only show what is read"), required=False)


class AssignForm(BaseModelForm):
    """The responsible units, the lead unit and the due date of an item."""

    class Meta:
        model = Item
        fields = ["units", "lead", "due_on"]
        widgets = {"due_on": DATE, "units": forms.CheckboxSelectMultiple}


class BindingForm(ActionForm):
    indicator = forms.ChoiceField(label=_("Indicator"))
    division = forms.ModelChoiceField(Division.objects.all(), label=_("Division"), required=False,
                                      help_text=_("Empty: the whole city."))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def limit_choices(self) -> None:
        self.fields["indicator"].choices = [(i.code, f"{i.name}（{i.code}）") for i in all_indicators()]
        self.fields["indicator"].initial = self.instance.indicator
        self.fields["division"].initial = self.instance.indicator_division_id
        self.fields["year"].initial = self.instance.indicator_year or self.instance.item.plan.year


class ProgressForm(ActionForm):
    value = forms.DecimalField(label=_("Value reached"), max_digits=16, decimal_places=2, min_value=0)
    reported_on = forms.DateField(label=_("As of"), widget=DATE)
    evidence = forms.FileField(label=_("Evidence"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TaskStatusForm(ActionForm):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)


class ItemStatusForm(ActionForm):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
