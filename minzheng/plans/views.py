"""Pages of the work plan: units, plans (progress per chapter, print view, 督办台账), items, tasks, targets with
their traffic lights, progress reports, "my tasks", and importing a notice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from minzheng.framework.exceptions import DomainError
from minzheng.framework.export import export_table
from minzheng.framework.forms import ActionForm
from minzheng.framework.services import held_at_city
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectView,
    register_crud,
)
from minzheng.plans import filtersets, forms, progress, services, tables
from minzheng.plans.choices import Binding
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.parsing import decode_plan_bytes, parse_plan

ITEMS = Item.objects.select_related("plan", "chapter", "lead").prefetch_related("units")
TARGETS = Target.objects.select_related("item__plan", "task", "indicator_division")


register_crud(Unit, queryset=Unit.objects.select_related("division"), table=tables.UnitTable,
              filterset=filtersets.UnitFilterSet, form=forms.UnitForm,
              fields=("code", "name", "kind", "division", "members", "is_active"))


@register_model_view(Plan, "list")
class PlanListView(ObjectListView):
    queryset = Plan.objects.all()
    table = tables.PlanTable
    filterset = filtersets.PlanFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # a plan comes from its notice: the import page (menu)


@register_model_view(Plan)
class PlanView(ObjectView):
    """The plan with each chapter's completion, its items and the overdue ones."""

    queryset = Plan.objects.all()
    template_name = "plans/plan.html"
    fields = ("title", "notice_title", "issuer", "doc_number", "published", "effective", "level", "validity",
              "topic", "year")

    def get_extra_context(self, request, instance=None):
        today = timezone.localdate()
        return {"chapters": progress.chapter_states(instance, user=request.user, today=today),
                "overdue": progress.overdue(ITEMS.filter(plan=instance), today),
                "elapsed": progress.elapsed_share(instance.year, today)}


@register_model_view(Plan, "edit")
class PlanEditView(ObjectEditView):
    queryset = Plan.objects.all()
    form = forms.PlanForm


@register_model_view(Plan, "delete")
class PlanDeleteView(ObjectDeleteView):
    queryset = Plan.objects.all()


@register_model_view(Plan, "print", route="<int:pk>/print/")
class PlanPrintView(ObjectPermissionMixin, View):
    """The plan as a document to print: chapters, items with their units, tasks and targets."""

    queryset = Plan.objects.all()
    action = "view"

    def get(self, request, pk):
        plan = get_object_or_404(self.queryset, pk=pk)
        chapters = plan.chapters.prefetch_related("items__units", "items__tasks", "items__targets")
        return TemplateResponse(request, "plans/plan_print.html", {"plan": plan, "chapters": chapters})


@register_model_view(Plan, "ledger", route="<int:pk>/ledger/")
class PlanLedgerView(ObjectPermissionMixin, View):
    """The 督办台账 as xlsx: item, task, units, target, actual, status, last report."""

    queryset = Plan.objects.all()
    action = "view"

    def get(self, request, pk):
        plan = get_object_or_404(self.queryset, pk=pk)
        table = tables.LedgerTable(progress.ledger_rows(plan, user=request.user))
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        return export_table(table, fmt, f"ledger-{plan.year}")


@register_model_view(Plan, "import", route="import/", detail=False)
class PlanImportView(ObjectPermissionMixin, View):
    """Upload a notice: shown as read (dry run) or imported."""

    queryset = Plan.objects.all()
    action = "add"
    template_name = "plans/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not held_at_city(request.user, Plan, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, document=None):
        return TemplateResponse(request, self.template_name, {**self.base_context(), "form": form,
                                                              "document": document})

    def get(self, request):
        return self.render(request, forms.ImportForm())

    def post(self, request):
        form = forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(request, form)
        upload = form.cleaned_data["file"]
        text = decode_plan_bytes(upload.read())
        document = parse_plan(text)
        if form.cleaned_data["dry_run"]:
            return self.render(request, form, document)
        try:
            plan = services.import_plan(document, text=text, actor=request.user, file_name=upload.name)
        except DomainError as exc:
            form.add_error("file", exc.message)
            return self.render(request, form, document)
        messages.success(request, _("Imported %(plan)s.") % {"plan": plan})
        return redirect(plan.get_absolute_url())


@register_model_view(Item, "list")
class ItemListView(ObjectListView):
    queryset = ITEMS
    table = tables.ItemTable
    filterset = filtersets.ItemFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(Item)
class ItemView(ObjectView):
    """The item: its text, units, tasks, and targets with their lights."""

    queryset = ITEMS
    template_name = "plans/item.html"
    fields = ("plan", "chapter", "number", "title", "units", "lead", "due_on", "status", "completed_on")

    def get_extra_context(self, request, instance=None):
        states = [progress.target_state(target, user=request.user) for target in TARGETS.filter(item=instance)]
        return {"can_delete": False, "tasks": instance.tasks.all(), "states": states,
                "may_report": services.may_report(request.user, instance)}


@register_model_view(Item, "edit")
class ItemAssignView(ObjectEditView):
    """Assign the responsible units, the lead unit and the due date."""

    queryset = Item.objects.all()
    form = forms.AssignForm

    def save(self, request, form, instance):
        data = form.cleaned_data
        return services.assign_item(instance, units=list(data["units"]), lead=data["lead"], due_on=data["due_on"],
                                    actor=request.user)


class _ReportingView(ObjectActionView):
    """An operation of the members of the item's units: the role needs ``plans.report_<model>``; the service
    then checks the membership (or the city's role)."""

    action = "report"


@register_model_view(Item, "status", route="<int:pk>/status/")
class ItemStatusView(_ReportingView):
    queryset = Item.objects.all()
    form = forms.ItemStatusForm
    action_label = gettext_lazy("Set the item's status")

    def perform(self, request, item, form):
        return services.set_item_status(item, status=form.cleaned_data["status"], actor=request.user)


@register_model_view(Task, "list")
class TaskListView(ObjectListView):
    queryset = Task.objects.select_related("item")
    table = tables.TaskTable
    filterset = filtersets.TaskFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(Task)
class TaskView(ObjectView):
    queryset = Task.objects.select_related("item")
    fields = ("item", "number", "text", "status")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}


@register_model_view(Task, "status", route="<int:pk>/status/")
class TaskStatusView(_ReportingView):
    queryset = Task.objects.all()
    form = forms.TaskStatusForm
    action_label = gettext_lazy("Set the task's status")

    def perform(self, request, task, form):
        return services.set_task_status(task, status=form.cleaned_data["status"], actor=request.user)


@register_model_view(Target, "list")
class TargetListView(ObjectListView):
    queryset = TARGETS
    table = tables.TargetTable
    filterset = filtersets.TargetFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(Target)
class TargetView(ObjectView):
    queryset = TARGETS
    template_name = "plans/target.html"
    fields = ("item", "task", "subject", "comparator", "value", "unit", "qualifier", "quote", "binding", "indicator",
              "indicator_division", "indicator_year", "confirmed_by")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False,
                "state": progress.target_state(instance, user=request.user),
                "reports": instance.reports.select_related("reporter", "unit")}


@register_model_view(Target, "bind", route="<int:pk>/bind/")
class TargetBindView(ObjectActionView):
    queryset = Target.objects.all()
    form = forms.BindingForm
    action_label = gettext_lazy("Confirm the indicator")

    def perform(self, request, target, form):
        data = form.cleaned_data
        return services.confirm_binding(target, indicator=data["indicator"], division=data["division"],
                                        year=data["year"], actor=request.user)


@register_model_view(Target, "unbind", route="<int:pk>/unbind/")
class TargetUnbindView(ObjectActionView):
    queryset = Target.objects.exclude(binding=Binding.NONE)
    form = ActionForm
    action_label = gettext_lazy("Track by progress reports")

    def perform(self, request, target, form):
        return services.remove_binding(target, actor=request.user)


@register_model_view(Target, "report", route="<int:pk>/report/")
class TargetReportView(_ReportingView):
    queryset = Target.objects.select_related("item")
    form = forms.ProgressForm
    action_label = gettext_lazy("Report progress")

    def perform(self, request, target, form):
        data = form.cleaned_data
        return services.report_progress(target, value=data["value"], reported_on=data["reported_on"],
                                        evidence=request.FILES.get("evidence"), note=data["note"],
                                        actor=request.user).target


@register_model_view(ProgressReport, "list")
class ProgressReportListView(ObjectListView):
    queryset = ProgressReport.objects.select_related("target", "reporter", "unit")
    table = tables.ProgressReportTable
    filterset = filtersets.ProgressReportFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(ProgressReport)
class ProgressReportView(ObjectView):
    queryset = ProgressReport.objects.select_related("target", "reporter", "unit")
    fields = ("target", "value", "reported_on", "unit", "reporter", "evidence", "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}


class MyTasksView(ObjectPermissionMixin, View):
    """The items of the units the user belongs to, with their targets' lights; overdue first."""

    queryset = Item.objects.all()
    action = "view"

    def get(self, request):
        items = ITEMS.filter(units__members=request.user).distinct().order_by("due_on", "plan", "number")
        today = timezone.localdate()
        rows = [{"item": item, "overdue": item.due_on is not None and item.due_on < today and item.status != "done",
                 "states": [progress.target_state(t, user=request.user, today=today) for t in item.targets.all()]}
                for item in items]
        return TemplateResponse(request, "plans/mine.html", {**self.base_context(), "rows": rows,
                                                             "units": request.user.plan_units.all()})
