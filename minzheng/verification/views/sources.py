"""Pages of source snapshots and their records, and the upload form that starts a loading job."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from minzheng.framework.htmx import htmx_partial
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectListView, ObjectPermissionMixin, ObjectView
from minzheng.jobs.models import Job
from minzheng.verification import filtersets, tables
from minzheng.verification.forms import SnapshotUploadForm
from minzheng.verification.jobs import LOAD_JOB, error_report_path, start_load
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.reading import COLUMN_HEADERS, KIND_COLUMNS, REQUIRED
from minzheng.verification.services import may_load

RECORDS = SourceRecord.objects.select_related("snapshot")


@register_model_view(SourceSnapshot, "list")
class SourceSnapshotListView(ObjectListView):
    queryset = SourceSnapshot.objects.all()
    filterset = filtersets.SourceSnapshotFilterSet
    table = tables.SourceSnapshotTable

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # loading is the upload page (menu), not an add form


@register_model_view(SourceSnapshot)
class SourceSnapshotView(ObjectView):
    """The snapshot and its records page by page (identity numbers masked)."""

    queryset = SourceSnapshot.objects.select_related("loaded_by")
    template_name = "verification/sourcesnapshot.html"
    fields = ("kind", "as_of", "status", "label", "file_name", "row_count", "rejected_count", "loaded_at",
              "loaded_by", "superseded_at")

    def get(self, request, **kwargs):
        snapshot = self.get_object(**kwargs)
        records = RECORDS.restrict(request.user, "view").filter(snapshot=snapshot)
        table = tables.SourceRecordTable(records, user=request.user, exclude=("kind",))
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        if htmx_partial(request):
            return TemplateResponse(request, "htmx/table.html", {"table": table})
        self.records = table
        return super().get(request, **kwargs)

    def get_extra_context(self, request, instance=None):
        return {"records": self.records, "can_change": False, "can_delete": False}


@register_model_view(SourceSnapshot, "upload", route="upload/", detail=False)
class SourceSnapshotUploadView(ObjectPermissionMixin, View):
    """The upload form and the file layouts; the loading runs as a job (its page shows the progress)."""

    queryset = SourceSnapshot.objects.all()
    action = "add"
    template_name = "verification/upload.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_load(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form):
        layouts = [{"kind": kind.label, "columns": ", ".join((*REQUIRED, *columns))}
                   for kind, columns in KIND_COLUMNS.items()]
        headers = [{"key": key, "headers": " / ".join(names)} for key, names in COLUMN_HEADERS.items()]
        return TemplateResponse(request, self.template_name, {
            **self.base_context(), "form": form, "layouts": layouts, "headers": headers})

    def get(self, request):
        return self.render(request, SnapshotUploadForm())

    def post(self, request):
        form = SnapshotUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form)
        data = form.cleaned_data
        job = start_load(data["file"], kind=data["kind"], as_of=data["as_of"], actor=request.user,
                         label=data["label"])
        messages.info(request, _("The loading has been queued."))
        return redirect(job.get_absolute_url())


class LoadErrorReportView(View):
    """The CSV of a loading's bad rows, for the user who started it (anyone else: 404)."""

    def get(self, request, job_id: int):
        job = get_object_or_404(Job, pk=job_id, name=LOAD_JOB, requested_by=request.user)
        report = error_report_path(job.pk)
        if not report.exists():
            raise Http404
        return FileResponse(report.open("rb"), as_attachment=True, filename=f"load-{job.pk}-errors.csv",
                            content_type="text/csv; charset=utf-8")


@register_model_view(SourceRecord, "list")
class SourceRecordListView(ObjectListView):
    queryset = RECORDS
    filterset = filtersets.SourceRecordFilterSet
    table = tables.SourceRecordTable
    search_first = True

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(SourceRecord)
class SourceRecordView(ObjectView):
    queryset = RECORDS
    fields = ("snapshot", "id_number", "name", "amount", "quantity", "category", "period", "reference")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}
