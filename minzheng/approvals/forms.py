from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.choices import Decision, ObjectionStatus
from minzheng.approvals.models import ApprovalFlow, ApprovalStep, Holiday, StepDelegation
from minzheng.framework.forms import BaseModelForm

__all__ = ["ApprovalFlowForm", "ApprovalStepForm", "DecisionForm", "HolidayForm", "ObjectionForm",
           "ResolveObjectionForm", "StepDelegationForm"]


class HolidayForm(BaseModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "kind", "name", "source", "remarks"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class ApprovalFlowForm(BaseModelForm):
    class Meta:
        model = ApprovalFlow
        fields = ["code", "name", "description", "is_active"]


class ApprovalStepForm(BaseModelForm):
    class Meta:
        model = ApprovalStep
        fields = ["flow", "code", "name", "order", "role", "level", "kind", "deadline_workdays", "notice_days",
                  "optional", "remarks"]


class StepDelegationForm(BaseModelForm):
    class Meta:
        model = StepDelegation
        fields = ["flow", "step", "division", "delegate_level", "role", "skip", "remarks"]


class DecisionForm(forms.Form):
    """The decision on the current step; ``step_code`` pins the step the page showed."""

    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text=_("Required to reject, return or comment."))
    step_code = forms.CharField(widget=forms.HiddenInput)


class ObjectionForm(forms.Form):
    objector = forms.CharField(label=_("Raised by"), max_length=200, required=False,
                               help_text=_("Leave empty for an anonymous objection."))
    content = forms.CharField(label=_("Objection text"), widget=forms.Textarea(attrs={"rows": 3}))
    received_at = forms.DateTimeField(label=_("Received at"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      help_text=_("Empty: now."))


class ResolveObjectionForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Finding"), choices=[(ObjectionStatus.UPHELD, ObjectionStatus.UPHELD.label),
                                                            (ObjectionStatus.DISMISSED,
                                                             ObjectionStatus.DISMISSED.label)])
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 2}))
