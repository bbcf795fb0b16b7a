from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

from minzheng.framework.htmx import htmx_partial
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectListView, ObjectPermissionMixin, ObjectView
from minzheng.jobs import filtersets, services, tables
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job


@register_model_view(Job, "list")
class JobListView(ObjectListView):
    queryset = Job.objects.select_related("requested_by")
    filterset = filtersets.JobFilterSet
    table = tables.JobTable


@register_model_view(Job)
class JobView(ObjectView):
    """The job page; while the job runs, htmx polls the progress fragment every second."""

    queryset = Job.objects.select_related("requested_by", "division")
    template_name = "jobs/job.html"

    def get(self, request, **kwargs):
        if htmx_partial(request):
            job = self.get_object(**kwargs)
            return TemplateResponse(request, "jobs/job_progress.html", {"object": job})
        return super().get(request, **kwargs)

    def get_extra_context(self, request, instance=None):
        return {"can_retry": instance.status == JobStatus.FAILED and request.user == instance.requested_by}


@register_model_view(Job, "retry")
class JobRetryView(ObjectPermissionMixin, View):
    """Re-queue a failed job (its requester only)."""

    action = "add"
    tab_label = None
    label = _("Retry")

    def post(self, request, pk):
        job = get_object_or_404(self.queryset, pk=pk, requested_by=request.user)
        services.retry_job(job, actor=request.user)
        return redirect(job.get_absolute_url())
