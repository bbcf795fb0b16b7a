"""Pages of the batch annual review: the runs, starting one, and the findings (scoped by division)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectListView, ObjectPermissionMixin, ObjectView
from minzheng.verification import filtersets, tables
from minzheng.verification.annual import may_start_batch, start_batch_review
from minzheng.verification.models import BatchFinding, BatchReview

FINDINGS = BatchFinding.objects.select_related("case", "division", "task")


@register_model_view(BatchReview, "list")
class BatchReviewListView(ObjectListView):
    queryset = BatchReview.objects.select_related("started_by")
    filterset = filtersets.BatchReviewFilterSet
    table = tables.BatchReviewTable

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(BatchReview)
class BatchReviewView(ObjectView):
    """The run's counts and its findings page by page."""

    queryset = BatchReview.objects.select_related("started_by", "job")
    template_name = "verification/batchreview.html"
    fields = ("as_of", "status", "started_by", "created_at", "finished_at", "job", "checked", "ineligible",
              "needs_review", "amount_changes", "tasks_opened", "error")

    def get_extra_context(self, request, instance=None):
        findings = tables.BatchFindingTable(FINDINGS.restrict(request.user, "view").filter(batch=instance),
                                            user=request.user, exclude=("task",))
        RequestConfig(request, paginate={"per_page": 50}).configure(findings)
        return {"can_change": False, "can_delete": False, "findings": findings}


@register_model_view(BatchReview, "start", route="start/", detail=False)
class BatchReviewStartView(ObjectPermissionMixin, View):
    """Confirm, then queue the batch review of every recipient (a role granted at the city)."""

    queryset = BatchReview.objects.all()
    action = "add"
    template_name = "verification/batchreview_start.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_start_batch(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return TemplateResponse(request, self.template_name, self.base_context())

    def post(self, request):
        batch = start_batch_review(actor=request.user)
        messages.info(request, _("The batch review has been queued."))
        return redirect(batch.get_absolute_url())


@register_model_view(BatchFinding, "list")
class BatchFindingListView(ObjectListView):
    queryset = FINDINGS
    filterset = filtersets.BatchFindingFilterSet
    table = tables.BatchFindingTable

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(BatchFinding)
class BatchFindingView(ObjectView):
    queryset = FINDINGS.select_related("batch")
    fields = ("batch", "case", "division", "kind", "outcome", "reasons", "member_count", "household_income",
              "recorded_income", "task")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}
