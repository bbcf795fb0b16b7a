"""临时救助 on the case page: set the grant amount (it decides who approves), and 先行救助."""

from django.utils.translation import gettext_lazy as _

from minzheng.assistance import forms, temporary
from minzheng.assistance.choices import CaseStatus, ProgramKind
from minzheng.assistance.models import AssistanceCase
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView

_OPEN_TEMPORARY = AssistanceCase.objects.filter(kind=ProgramKind.TEMPORARY, status=CaseStatus.IN_PROCEDURE)


class _TemporaryCaseView(ObjectActionView):
    """Open to whoever sees the case; the service checks the step, the role, the level and the area."""

    queryset = _OPEN_TEMPORARY
    action = "view"

    @classmethod
    def is_available(cls, instance) -> bool:
        return instance.kind == ProgramKind.TEMPORARY and instance.status == CaseStatus.IN_PROCEDURE


@register_model_view(AssistanceCase, "set_amount", route="<int:pk>/set-amount/")
class AssistanceCaseSetAmountView(_TemporaryCaseView):
    form = forms.GrantAmountForm
    action_label = _("Set the grant amount")

    def perform(self, request, case, form):
        return temporary.set_grant_amount(case, amount=form.cleaned_data["amount"], actor=request.user)


@register_model_view(AssistanceCase, "grant_urgently", route="<int:pk>/grant-urgently/")
class AssistanceCaseGrantUrgentlyView(_TemporaryCaseView):
    form = forms.UrgentGrantForm
    action_label = _("Grant urgent help first (先行救助)")

    def perform(self, request, case, form):
        data = form.cleaned_data
        return temporary.grant_urgently(case, amount=data["amount"], reason=data["reason"], actor=request.user)
