"""Pages of recalculations: the list (pending first), a batch with its changed amounts, approve and reject.

Also the two mixins the standard and rule set pages use so that every save or delete requests a
recalculation (``recalculation.save_parameter`` / ``delete_parameter``).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from minzheng.assistance import filtersets, forms, recalculation, tables
from minzheng.assistance.choices import RecalculationStatus
from minzheng.assistance.models import Recalculation
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectView

__all__ = ["ParameterDeleteMixin", "ParameterEditMixin"]

_BATCHES = Recalculation.objects.select_related("program", "division", "decided_by")


@register_model_view(Recalculation, "list")
class RecalculationListView(ObjectListView):
    queryset = recalculation.pending_first(_BATCHES)
    filterset = filtersets.RecalculationFilterSet
    table = tables.RecalculationTable


@register_model_view(Recalculation)
class RecalculationView(ObjectView):
    queryset = _BATCHES
    template_name = "assistance/recalculation.html"
    fields = ("program", "division", "effective", "trigger", "status", "decided_by", "decided_at", "decision_reason")

    def get_extra_context(self, request, instance=None):
        items = instance.items.select_related("case")
        return {"can_change": False, "can_delete": False,
                "items": tables.RecalculationItemTable(items, user=request.user, orderable=False)}


class _DecisionView(ObjectActionView):
    queryset = Recalculation.objects.filter(status=RecalculationStatus.PENDING)

    @classmethod
    def is_available(cls, instance) -> bool:
        return instance.status == RecalculationStatus.PENDING


@register_model_view(Recalculation, "approve")
class RecalculationApproveView(_DecisionView):
    form = forms.RecalculationApprovalForm
    action_label = _("Approve the new amounts")

    def perform(self, request, batch, form):
        return recalculation.approve_recalculation(batch, actor=request.user)


@register_model_view(Recalculation, "reject")
class RecalculationRejectView(_DecisionView):
    form = forms.RecalculationRejectionForm
    action_label = _("Reject")

    def perform(self, request, batch, form):
        return recalculation.reject_recalculation(batch, actor=request.user, reason=form.cleaned_data["reason"])


# For the standard and rule set pages (views/parameters.py)


class ParameterEditMixin:
    """On an ``ObjectEditView`` of standards or rule sets: the save requests the recalculation."""

    def save(self, request, form, instance):
        return recalculation.save_parameter(instance, actor=request.user, save_m2m=form.save_m2m)


class ParameterDeleteMixin:
    """On an ``ObjectDeleteView`` of standards or rule sets: a delete that went through requests the
    recalculation of what the row covered, in the same transaction."""

    def post(self, request, **kwargs):
        instance = self.queryset.filter(**kwargs).first()
        with transaction.atomic():
            response = super().post(request, **kwargs)
            if instance is not None and not type(instance).objects.filter(pk=instance.pk).exists():
                recalculation.request_recalculation(instance, actor=request.user, action="delete")
        return response
