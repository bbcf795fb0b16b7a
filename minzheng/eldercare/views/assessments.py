"""Pages of ability assessments: the list, the reassessments due, one assessment (its health data masked,
shown in full on request and logged), the tablet form with its live preview, and the operations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.assessment.scoring import AnswerError
from minzheng.eldercare.assessment_forms import AssessmentForm, assessment_date, preview
from minzheng.eldercare.choices import AssessmentStatus
from minzheng.eldercare.models import Assessment, AssessmentRuleTable
from minzheng.eldercare.services.assessments import (
    cancel_assessment,
    confirm_assessment,
    record_assessment,
    report_condition_change,
)
from minzheng.framework.exceptions import DomainError
from minzheng.framework.forms import ActionForm
from minzheng.framework.htmx import htmx_partial, htmx_redirect
from minzheng.framework.privacy import can_reveal, reveal
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectPermissionMixin, ObjectView

ASSESSMENTS = Assessment.objects.select_related("person", "division", "rule_table", "assessor", "second_assessor")


@register_model_view(Assessment, "list")
class AssessmentListView(ObjectListView):
    queryset = ASSESSMENTS
    table = tables.AssessmentTable
    filterset = filtersets.AssessmentFilterSet


@register_model_view(Assessment, "due", route="due/", detail=False)
class AssessmentDueListView(ObjectListView):
    """Current assessments whose regular reassessment is due, or whose person's condition changed."""

    queryset = ASSESSMENTS
    table = tables.AssessmentTable
    filterset = filtersets.AssessmentFilterSet
    template_name = "eldercare/assessments_due.html"

    def get(self, request):
        self.queryset = self.queryset.due_for_reassessment(timezone.localdate()).order_by("due_on", "pk")
        return super().get(request)

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(Assessment)
class AssessmentView(ObjectView):
    """The assessment: who, when, the level and its validity; the answers and grades only on request."""

    queryset = ASSESSMENTS
    template_name = "eldercare/assessment.html"

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False, "can_reveal": can_reveal(request.user, instance, "answers"),
                "in_force": instance.is_in_force_on(timezone.localdate())}


@register_model_view(Assessment, "health", route="<int:pk>/health/")
class AssessmentHealthView(ObjectPermissionMixin, View):
    """POST: the answers, findings and grades in full, after writing the access-log event (framework.privacy)."""

    queryset = Assessment.objects.select_related("person", "rule_table")
    action = "view_full_health"
    http_method_names = ["post"]

    def post(self, request, pk):
        instance = get_object_or_404(self.queryset, pk=pk)
        answers = reveal(instance, "answers", actor=request.user)
        rules = instance.rule_table.rules
        dimensions = [{"name": dimension.name, "result": result,
                       "items": [{"name": item.name, "score": answers.get(item.code)} for item in dimension.items]}
                      for dimension, result in zip(rules.dimensions, instance.results.get("dimensions", []),
                                                   strict=False)]
        context = {**self.base_context(), "object": instance, "dimensions": dimensions,
                   "preliminary": rules.levels[instance.results.get("preliminary_level", instance.level)],
                   "level_basis": instance.results.get("level_basis", ""),
                   "adjustments": instance.results.get("adjustments", [])}
        response = TemplateResponse(request, "eldercare/assessment_health.html", context)
        add_never_cache_headers(response)
        return response


def _table_for(data) -> AssessmentRuleTable | None:
    return (AssessmentRuleTable.objects.applicable(assessment_date(data))
            or AssessmentRuleTable.objects.applicable(timezone.localdate()))


@register_model_view(Assessment, "add")
class AssessmentAddView(ObjectPermissionMixin, View):
    """The assessment form (for a tablet): one section per dimension, large answer buttons, a live preview."""

    queryset = Assessment.objects.all()
    action = "add"
    template_name = "eldercare/assessment_form.html"

    def render(self, request, form, table):
        rules = table.rules if table else None
        context = {**self.base_context(), "form": form, "table": table,
                   "preview": preview(rules, form.data if form and form.is_bound else {}) if rules else None}
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        table = _table_for(request.GET)
        form = AssessmentForm(initial=request.GET.dict() or None, user=request.user, table=table) if table else None
        return self.render(request, form, table)

    def post(self, request):
        table = _table_for(request.POST)
        if table is None:
            return self.render(request, None, None)
        form = AssessmentForm(request.POST, user=request.user, table=table)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = record_assessment(
                    person=data["person"], assessed_on=data["assessed_on"], reason=data["reason"],
                    answers=form.answers(), findings=data["findings"], organisation=data["organisation"],
                    remarks=data["remarks"], actor=request.user)
            except AnswerError as exc:
                form.add_answer_errors(exc.errors)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Recorded: %(level)s. A second assessor confirms it.")
                                 % {"level": assessment.level_name})
                url = assessment.get_absolute_url()
                return htmx_redirect(url) if htmx_partial(request) else redirect(url)
        return self.render(request, form, table)


@register_model_view(Assessment, "preview", route="preview/", detail=False)
class AssessmentPreviewView(ObjectPermissionMixin, View):
    """POST the form as it stands: the dimension grades and the level so far (the form's live preview)."""

    queryset = Assessment.objects.all()
    action = "add"
    http_method_names = ["post"]

    def post(self, request):
        table = _table_for(request.POST)
        result = preview(table.rules, request.POST, request.POST.getlist("findings")) if table else None
        response = TemplateResponse(request, "eldercare/partials/assessment_preview.html",
                                    {"preview": result, "table": table})
        add_never_cache_headers(response)
        return response


@register_model_view(Assessment, "confirm", route="<int:pk>/confirm/")
class AssessmentConfirmView(ObjectActionView):
    queryset = Assessment.objects.filter(status=AssessmentStatus.RECORDED)
    form = ActionForm
    action = "confirm"
    action_label = gettext_lazy("Confirm as the second assessor")

    def perform(self, request, assessment, form):
        return confirm_assessment(assessment, actor=request.user)


@register_model_view(Assessment, "condition", route="<int:pk>/condition/")
class AssessmentConditionView(ObjectActionView):
    queryset = Assessment.objects.filter(status=AssessmentStatus.CONFIRMED)
    form = forms.ConditionForm
    action_label = gettext_lazy("Report a change of condition")

    def perform(self, request, assessment, form):
        return report_condition_change(assessment, on=form.cleaned_data["on"], note=form.cleaned_data["note"],
                                       actor=request.user)


@register_model_view(Assessment, "cancel", route="<int:pk>/cancel/")
class AssessmentCancelView(ObjectActionView):
    queryset = Assessment.objects.filter(status__in=(AssessmentStatus.RECORDED, AssessmentStatus.CONFIRMED))
    form = forms.CancelForm
    action_label = gettext_lazy("Cancel the assessment")

    def perform(self, request, assessment, form):
        return cancel_assessment(assessment, reason=form.cleaned_data["reason"], actor=request.user)
