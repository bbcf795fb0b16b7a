"""Uploading a person file for import, and downloading an import's error report.

The upload is kept under ``MEDIA_ROOT/imports/<job id>/`` and imported by the background job
``registry.import_persons`` (``jobs.py``); the job page shows the progress. The error report is
served only to the user who started the import.
"""

import shutil

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from minzheng.framework.exceptions import DomainError
from minzheng.framework.views import ObjectPermissionMixin
from minzheng.jobs.models import Job
from minzheng.jobs.services import enqueue_job
from minzheng.registry.importing import read_table
from minzheng.registry.importing.columns import COLUMNS, REQUIRED
from minzheng.registry.jobs import IMPORT_JOB, error_report_path, upload_path
from minzheng.registry.models import Person

__all__ = ["ImportErrorReportView", "PersonImportForm", "PersonImportView", "urlpatterns"]

#: Recent imports of the user listed under the form.
RECENT_IMPORTS = 10


class PersonImportForm(forms.Form):
    """An xlsx or CSV file of people; its header is checked at once, its rows by the job."""

    MAX_MEGABYTES = 50

    file = forms.FileField(label=gettext_lazy("Person file (xlsx or CSV)"))
    all_or_nothing = forms.BooleanField(
        label=gettext_lazy("Load nothing unless every row is good"), required=False,
        help_text=gettext_lazy("Otherwise the good rows are loaded and the bad ones listed."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_MEGABYTES * 1024 * 1024:
            raise forms.ValidationError(gettext_lazy("The file is larger than %(size)d MB."),
                                        params={"size": self.MAX_MEGABYTES})
        try:
            read_table(upload.read(), header_only=True)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
        upload.seek(0)
        return upload


def _recent_imports(user) -> list[dict]:
    jobs = Job.objects.filter(name=IMPORT_JOB, requested_by=user).order_by("-created_at", "-pk")[:RECENT_IMPORTS]
    return [{"job": job, "result": job.result or {}, "filename": job.params.get("filename", ""),
             "has_report": bool((job.result or {}).get("error_report"))} for job in jobs]


class PersonImportView(ObjectPermissionMixin, View):
    """The upload form, the file layout, and the user's recent imports."""

    queryset = Person.objects.all()
    action = "add"
    template_name = "registry/import.html"

    def render(self, request, form):
        columns = [{"label": column.label, "headers": " / ".join(column.headers[:3]),
                    "required": column.key in REQUIRED} for column in COLUMNS]
        return TemplateResponse(request, self.template_name, {
            **self.base_context(), "form": form, "columns": columns, "imports": _recent_imports(request.user)})

    def get(self, request):
        return self.render(request, PersonImportForm())

    def post(self, request):
        form = PersonImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form)
        job = self._start(request, form.cleaned_data["file"], form.cleaned_data["all_or_nothing"])
        messages.info(request, _("The import has been queued."))
        return redirect(job.get_absolute_url())

    def _start(self, request, upload, all_or_nothing: bool) -> Job:
        """Create the job, keep the upload under its id, then (on commit) let it run."""
        params = {"filename": upload.name, "all_or_nothing": all_or_nothing,
                  "language": translation.get_language() or ""}
        with transaction.atomic():
            job = enqueue_job(IMPORT_JOB, actor=request.user, params=params)
            target = upload_path(job.pk, upload.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                shutil.copyfileobj(upload, handle)
            job.params = {**params, "path": str(target)}
            Job.objects.filter(pk=job.pk).update(params=job.params)
        return job


class ImportErrorReportView(View):
    """The CSV of an import's bad rows, for the user who started it (anyone else: 404)."""

    def get(self, request, job_id: int):
        job = get_object_or_404(Job, pk=job_id, name=IMPORT_JOB, requested_by=request.user)
        report = error_report_path(job.pk)
        if not report.exists():
            raise Http404
        return FileResponse(report.open("rb"), as_attachment=True, filename=f"import-{job.pk}-errors.csv",
                            content_type="text/csv; charset=utf-8")


urlpatterns = [
    path("persons/import/", PersonImportView.as_view(), name="person_import"),
    path("imports/<int:job_id>/errors/", ImportErrorReportView.as_view(), name="import_errors"),
]
