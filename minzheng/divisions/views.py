from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from minzheng.divisions import filtersets, forms, services, tables
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.exceptions import DomainError
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectView,
)
from minzheng.jobs.services import enqueue_job

# Division


@register_model_view(Division, "list")
class DivisionListView(ObjectListView):
    queryset = Division.objects.select_related("parent")
    filterset = filtersets.DivisionFilterSet
    table = tables.DivisionTable


@register_model_view(Division)
class DivisionView(ObjectView):
    queryset = Division.objects.select_related("parent")
    fields = ("code", "name", "level", "kind", "parent", "urban_rural_class", "valid_from", "valid_to", "is_demo",
              "remarks")


@register_model_view(Division, "add")
@register_model_view(Division, "edit")
class DivisionEditView(ObjectEditView):
    queryset = Division.objects.all()
    form = forms.DivisionForm


@register_model_view(Division, "delete")
class DivisionDeleteView(ObjectDeleteView):
    queryset = Division.objects.all()


# DivisionChange


@register_model_view(DivisionChange, "list")
class DivisionChangeListView(ObjectListView):
    queryset = DivisionChange.objects.all()
    filterset = filtersets.DivisionChangeFilterSet
    table = tables.DivisionChangeTable


@register_model_view(DivisionChange)
class DivisionChangeView(ObjectView):
    queryset = DivisionChange.objects.prefetch_related("sources", "targets")
    fields = ("date", "date_confirmed", "kind", "description", "document", "remarks")
    template_name = "divisions/divisionchange.html"

    def get_extra_context(self, request, instance=None):
        return {"applied": services.is_applied(instance)}


@register_model_view(DivisionChange, "apply")
class DivisionChangeApplyView(ObjectPermissionMixin, View):
    """Give effect to a recorded change: retire the sources, start the targets, move the subtrees."""

    queryset = DivisionChange.objects.all()
    action = "change"

    def post(self, request, pk):
        change = get_object_or_404(self.queryset, pk=pk)
        try:
            services.apply_change(change, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The change is now in effect in the division tree."))
        return redirect(change.get_absolute_url())


@register_model_view(DivisionChange, "add")
@register_model_view(DivisionChange, "edit")
class DivisionChangeEditView(ObjectEditView):
    queryset = DivisionChange.objects.all()
    form = forms.DivisionChangeForm


@register_model_view(DivisionChange, "delete")
class DivisionChangeDeleteView(ObjectDeleteView):
    queryset = DivisionChange.objects.all()


@register_model_view(Division, "import", route="import/", detail=False)
class DivisionImportView(ObjectPermissionMixin, View):
    """Upload a code list; the import runs as a background job whose page shows progress and bad rows."""

    queryset = Division.objects.all()
    action = "add"
    template_name = "divisions/division_import.html"

    def render(self, request, form):
        return TemplateResponse(request, self.template_name, {**self.base_context(), "form": form})

    def get(self, request):
        return self.render(request, forms.DivisionImportForm())

    def post(self, request):
        form = forms.DivisionImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form)
        params = {"content": form.cleaned_data["file"], "filename": request.FILES["file"].name,
                  "language": translation.get_language() or ""}
        job = enqueue_job("divisions.import_codes", actor=request.user, params=params)
        messages.info(request, _("The import has been queued."))
        return redirect(job.get_absolute_url())
