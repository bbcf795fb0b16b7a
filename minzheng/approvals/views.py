from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views import View

from minzheng.approvals import filtersets, forms, rules, services, tables
from minzheng.approvals.choices import ObjectionStatus, RequestStatus
from minzheng.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalStep, Holiday, StepDelegation
from minzheng.approvals.workdays import calendar_confirmed
from minzheng.framework.exceptions import DomainError
from minzheng.framework.htmx import htmx_partial, htmx_redirect
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectView,
)

# Holiday


@register_model_view(Holiday, "list")
class HolidayListView(ObjectListView):
    queryset = Holiday.objects.all()
    filterset = filtersets.HolidayFilterSet
    table = tables.HolidayTable


@register_model_view(Holiday)
class HolidayView(ObjectView):
    queryset = Holiday.objects.all()
    fields = ("date", "kind", "name", "source", "remarks")


@register_model_view(Holiday, "add")
@register_model_view(Holiday, "edit")
class HolidayEditView(ObjectEditView):
    queryset = Holiday.objects.all()
    form = forms.HolidayForm


@register_model_view(Holiday, "delete")
class HolidayDeleteView(ObjectDeleteView):
    queryset = Holiday.objects.all()


# ApprovalFlow


@register_model_view(ApprovalFlow, "list")
class ApprovalFlowListView(ObjectListView):
    queryset = ApprovalFlow.objects.all()
    filterset = filtersets.ApprovalFlowFilterSet
    table = tables.ApprovalFlowTable


@register_model_view(ApprovalFlow)
class ApprovalFlowView(ObjectView):
    queryset = ApprovalFlow.objects.all()
    fields = ("code", "name", "description", "is_active")
    template_name = "approvals/approvalflow.html"

    def get_extra_context(self, request, instance=None):
        return {"steps": instance.steps.select_related("role").order_by("order")}


@register_model_view(ApprovalFlow, "add")
@register_model_view(ApprovalFlow, "edit")
class ApprovalFlowEditView(ObjectEditView):
    queryset = ApprovalFlow.objects.all()
    form = forms.ApprovalFlowForm


@register_model_view(ApprovalFlow, "delete")
class ApprovalFlowDeleteView(ObjectDeleteView):
    queryset = ApprovalFlow.objects.all()


# ApprovalStep


@register_model_view(ApprovalStep, "list")
class ApprovalStepListView(ObjectListView):
    queryset = ApprovalStep.objects.select_related("flow", "role")
    filterset = filtersets.ApprovalStepFilterSet
    table = tables.ApprovalStepTable


@register_model_view(ApprovalStep)
class ApprovalStepView(ObjectView):
    queryset = ApprovalStep.objects.select_related("flow", "role")
    fields = ("flow", "code", "name", "order", "role", "level", "kind", "deadline_workdays", "notice_days",
              "optional", "remarks")


@register_model_view(ApprovalStep, "add")
@register_model_view(ApprovalStep, "edit")
class ApprovalStepEditView(ObjectEditView):
    queryset = ApprovalStep.objects.all()
    form = forms.ApprovalStepForm


@register_model_view(ApprovalStep, "delete")
class ApprovalStepDeleteView(ObjectDeleteView):
    queryset = ApprovalStep.objects.all()


# StepDelegation


@register_model_view(StepDelegation, "list")
class StepDelegationListView(ObjectListView):
    queryset = StepDelegation.objects.select_related("flow", "step", "division", "role")
    filterset = filtersets.StepDelegationFilterSet
    table = tables.StepDelegationTable


@register_model_view(StepDelegation)
class StepDelegationView(ObjectView):
    queryset = StepDelegation.objects.select_related("flow", "step", "division", "role")
    fields = ("flow", "step", "division", "delegate_level", "role", "skip", "remarks")


@register_model_view(StepDelegation, "add")
@register_model_view(StepDelegation, "edit")
class StepDelegationEditView(ObjectEditView):
    queryset = StepDelegation.objects.all()
    form = forms.StepDelegationForm


@register_model_view(StepDelegation, "delete")
class StepDelegationDeleteView(ObjectDeleteView):
    queryset = StepDelegation.objects.all()


# ApprovalRequest

_REQUEST_QUERYSET = ApprovalRequest.objects.select_related("flow", "division", "current_step", "started_by")


@register_model_view(ApprovalRequest, "list")
class ApprovalRequestListView(ObjectListView):
    queryset = _REQUEST_QUERYSET
    filterset = filtersets.ApprovalRequestFilterSet
    table = tables.ApprovalRequestTable


@register_model_view(ApprovalRequest, "overdue", route="overdue/", detail=False)
class ApprovalRequestOverdueView(ApprovalRequestListView):
    """督办: the requests of the user's area whose current step is past its deadline."""

    def get(self, request):
        self.queryset = services.overdue(self.queryset).order_by("deadline", "pk")
        return super().get(request)

    def get_extra_context(self, request, instance=None):
        return {"verbose_name_plural": _("Overdue requests (supervision)"), "can_add": False}


def _subject_url(approval: ApprovalRequest) -> str:
    subject = approval.subject
    try:
        return subject.get_absolute_url() if subject is not None and hasattr(subject, "get_absolute_url") else ""
    except NoReverseMatch:
        return ""


def _step_rows(approval: ApprovalRequest) -> list[dict]:
    """The flow's steps as they apply to this request, each marked done, current, waiting or skipped."""
    planned = {entry.step.pk: entry for entry in rules.steps_for(approval.flow, approval.division,
                                                                  skip=approval.skipped)}
    current = approval.current_step
    rows = []
    for step in approval.flow.steps.select_related("role").order_by("order"):
        entry = planned.get(step.pk)
        if entry is None:
            state = _("Skipped")
        elif current is not None and step.pk == current.pk:
            state = _("Awaiting decision")
        elif current is not None and step.order > current.order:
            state = _("Waiting")
        else:
            state = _("Passed") if approval.status != RequestStatus.WITHDRAWN else "—"
        rows.append({"step": step, "entry": entry, "state": state,
                     "is_current": current is not None and step.pk == current.pk})
    return rows


def request_context(approval: ApprovalRequest, user) -> dict:
    """What the request page shows; each form is present only when ``user`` may use it."""
    step = approval.current_step
    may_decide = rules.may_decide(approval, user)
    can_object = (step is not None and step.is_notice
                  and user.has_perm("approvals.record_objection_approvalrequest")
                  and ApprovalRequest.objects.restrict(user, "record_objection").filter(pk=approval.pk).exists())
    objections = list(approval.objections.select_related("step", "recorded_by", "resolved_by"))
    return {
        "can_change": False,
        "can_delete": False,
        "subject_url": _subject_url(approval),
        "step_rows": _step_rows(approval),
        "decisions": approval.decisions.select_related("step", "actor", "next_step"),
        "objections": objections,
        "notice_end": rules.notice_end(step, approval.step_started_at) if step is not None else None,
        "deadline_confirmed": approval.deadline is None or calendar_confirmed(approval.deadline),
        "decision_form": forms.DecisionForm(initial={"step_code": step.code}) if may_decide else None,
        "objection_form": forms.ObjectionForm() if can_object else None,
        "resolvable": may_decide and step.is_notice and any(o.status == ObjectionStatus.OPEN for o in objections),
    }


@register_model_view(ApprovalRequest)
class ApprovalRequestView(ObjectView):
    queryset = _REQUEST_QUERYSET
    template_name = "approvals/approvalrequest.html"

    def get_extra_context(self, request, instance=None):
        return request_context(instance, request.user)


class RequestActionView(ObjectPermissionMixin, View):
    """POST a small form about one visible request to a service; htmx gets the form back on errors."""

    queryset = ApprovalRequest.objects.all()
    form_class = None
    partial = None
    success_message = ""

    def perform(self, approval, data, user):
        raise NotImplementedError

    def post(self, request, pk):
        approval = get_object_or_404(self.queryset, pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(approval, form.cleaned_data, request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, self.success_message)
                url = approval.get_absolute_url()
                return htmx_redirect(url) if htmx_partial(request) else redirect(url)
        if htmx_partial(request):
            return TemplateResponse(request, self.partial, {"object": approval, "form": form})
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(approval.get_absolute_url())


@register_model_view(ApprovalRequest, "decide")
class ApprovalRequestDecideView(RequestActionView):
    """Decide the current step (the service checks the step, the role, the level and recusal)."""

    form_class = forms.DecisionForm
    partial = "approvals/partials/decision_form.html"

    @property
    def success_message(self):
        return _("The decision has been recorded.")

    def perform(self, approval, data, user):
        services.decide(approval, actor=user, decision=data["decision"], reason=data["reason"],
                        step_code=data["step_code"])


@register_model_view(ApprovalRequest, "object")
class ApprovalRequestObjectView(RequestActionView):
    """Record an objection received during the public notice."""

    action = "record_objection"
    form_class = forms.ObjectionForm
    partial = "approvals/partials/objection_form.html"

    @property
    def success_message(self):
        return _("The objection has been recorded; the public notice cannot complete until it is resolved.")

    def perform(self, approval, data, user):
        services.receive_objection(approval, actor=user, content=data["content"], objector=data["objector"],
                                   received_at=data["received_at"])


@register_model_view(ApprovalRequest, "resolve")
class ApprovalRequestResolveView(RequestActionView):
    """Uphold or dismiss an open objection (by whoever may decide the notice step)."""

    form_class = forms.ResolveObjectionForm
    partial = "approvals/partials/resolve_form.html"

    @property
    def success_message(self):
        return _("The objection has been resolved.")

    def perform(self, approval, data, user):
        objection = get_object_or_404(approval.objections.all(), pk=data["objection"])
        services.resolve_objection(objection, actor=user, status=data["status"], resolution=data["resolution"])

