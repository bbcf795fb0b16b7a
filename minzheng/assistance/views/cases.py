"""Case pages: the list, the application, the case with its procedure, and one action per step service."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.views import request_context
from minzheng.assistance import benefits, flows, procedure, reviews
from minzheng.assistance import case_filtersets as filtersets
from minzheng.assistance import case_forms as forms
from minzheng.assistance import case_tables as tables
from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    ReviewTask,
)
from minzheng.framework.privacy import can_reveal, reveal
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectEditView, ObjectListView, ObjectView

_CASES = AssistanceCase.objects.select_related("program", "household", "applicant", "division", "standard")
APPROVAL_STEPS = (flows.APPROVE, flows.STREET_APPROVE, flows.DISTRICT_APPROVE)


@register_model_view(AssistanceCase, "list")
class AssistanceCaseListView(ObjectListView):
    queryset = _CASES
    filterset = filtersets.AssistanceCaseFilterSet
    table = tables.AssistanceCaseTable


def _step_forms(case, approval, user) -> dict:
    """The forms of the current step that ``user`` may use (none when the user may not decide it)."""
    step = approval.current_step if approval is not None else None
    if step is None or not procedure.approvals.may_decide(approval, user):
        return {}
    context = {"case_decision_form": forms.CaseDecisionForm(instance=case, user=user,
                                                            initial={"step_code": step.code}),
               "is_approval_step": step.code in APPROVAL_STEPS}
    if step.code == flows.INVESTIGATE:
        context["investigation_form"] = forms.InvestigationForm(instance=case, user=user)
    if step.code == flows.EVALUATE:
        context["evaluation_form"] = forms.EvaluationForm(instance=case, user=user)
    if step.is_notice:
        context["reinvestigate_form"] = forms.ReasonForm(instance=case, user=user)
    return context


def _calculation(case, request) -> dict:
    """The calculation's steps show the household's income: only on request, with the permission, logged."""
    may_see = bool(case.calculation) and can_reveal(request.user, case, "household_income")
    if may_see and request.GET.get("calculation") == "1":
        reveal(case, "household_income", actor=request.user)
        return {"calculation_lines": case.calculation, "may_see_calculation": True}
    return {"calculation_lines": None, "may_see_calculation": may_see}


def _verifications(case: AssistanceCase, request) -> dict:
    """The case's verification reports the user may read, and the link to request one (when the verification
    app is installed: it adds ``case.verifications``)."""
    reports = getattr(case, "verifications", None)
    if reports is None or not request.user.has_perm("verification.view_verification"):
        return {"verifications": None}
    url = ""
    if request.user.has_perm("verification.add_verification"):
        url = f"{reverse('verification:verification_add')}?household={case.household_id}&program={case.program_id}" \
              f"&case={case.pk}"
    return {"verifications": reports.restrict(request.user, "view").select_related("requested_by"), "verify_url": url}


@register_model_view(AssistanceCase)
class AssistanceCaseView(ObjectView):
    """The case: its data, the calculation, the procedure with the forms of the current step, the benefit."""

    queryset = _CASES
    template_name = "assistance/assistancecase.html"
    fields = ("number", "program", "household", "applicant", "division", "area_type", "channel", "status",
              "applied_on", "reason", "member_count", "household_income", "requested_amount", "calculated_amount",
              "approved_amount", "approved_on", "benefit_from", "decision_reason", "urgent", "next_review_on",
              "ended_on", "end_reason")

    def get_extra_context(self, request, instance=None):
        approval = procedure.case_request(instance)
        investigations = instance.investigations.select_related("investigator_1", "investigator_2")
        context = {"approval": approval, **_calculation(instance, request),
                   "investigations": investigations.order_by("-visited_on", "-pk"),
                   "evaluations": instance.evaluations.order_by("-held_on", "-pk"),
                   "periods": instance.benefitperiods.order_by("starts"),
                   "changes": instance.benefitchanges.select_related("decided_by").order_by("-effective", "-pk"),
                   "tasks": instance.reviewtasks.order_by("-created_on", "-pk"), **_verifications(instance, request)}
        if approval is not None:
            context.update(request_context(approval, request.user))
            context["decision_form"] = None  # the case's own form decides (with the amount on approval steps)
            context.update(_step_forms(instance, approval, request.user))
        return context


@register_model_view(AssistanceCase, "add")
class AssistanceCaseApplyView(ObjectEditView):
    """File an application: the case is created and its flow starts at 受理."""

    queryset = AssistanceCase.objects.all()
    form = forms.ApplicationForm

    def save(self, request, form, instance):
        data = form.cleaned_data
        return procedure.apply(program=data["program"], household=data["household"], applicant=data["applicant"],
                               actor=request.user, channel=data["channel"], household_income=data["household_income"],
                               requested_amount=data["requested_amount"], reason=data["reason"],
                               application_document=data["application_document"] or None,
                               authorisation_document=data["authorisation_document"] or None)


@register_model_view(AssistanceCase, "edit")
class AssistanceCaseEditView(ObjectEditView):
    """Attach the documents, correct the reason, set the review interval."""

    queryset = AssistanceCase.objects.all()
    form = forms.CaseDocumentsForm


class _CaseStepView(ObjectActionView):
    """A step's service on a case; the service checks the step, the role, the area and the records.

    No button on the case page (``action_label`` None): the case page shows the step's form inline to
    those who may decide the step; this page is where the form posts, and shows it again on errors.
    """

    queryset = AssistanceCase.objects.all()
    action = "view"
    action_label = None
    title = ""

    def get_extra_context(self, request, instance=None):
        return {"title": self.title}


@register_model_view(AssistanceCase, "decide", route="<int:pk>/decide/")
class AssistanceCaseDecideView(_CaseStepView):
    form = forms.CaseDecisionForm
    title = _("Decide the current step")

    def perform(self, request, case, form):
        data = form.cleaned_data
        return procedure.decide_step(case, actor=request.user, step_code=data["step_code"],
                                     decision=data["decision"], reason=data["reason"], amount=data["amount"],
                                     benefit_from=data["benefit_from"])


@register_model_view(AssistanceCase, "investigate", route="<int:pk>/investigate/")
class AssistanceCaseInvestigateView(_CaseStepView):
    form = forms.InvestigationForm
    title = _("Record the investigation")

    def perform(self, request, case, form):
        procedure.record_investigation(case, actor=request.user, **form.cleaned_data)
        return case


@register_model_view(AssistanceCase, "evaluate", route="<int:pk>/evaluate/")
class AssistanceCaseEvaluateView(_CaseStepView):
    form = forms.EvaluationForm
    title = _("Record the democratic evaluation")

    def perform(self, request, case, form):
        procedure.record_evaluation(case, actor=request.user, **form.cleaned_data)
        return case


@register_model_view(AssistanceCase, "reinvestigate", route="<int:pk>/reinvestigate/")
class AssistanceCaseReinvestigateView(_CaseStepView):
    form = forms.ReasonForm
    title = _("Send back to the investigation")

    def perform(self, request, case, form):
        return procedure.reinvestigate(case, actor=request.user, reason=form.cleaned_data["reason"])


@register_model_view(AssistanceCase, "withdraw", route="<int:pk>/withdraw/")
class AssistanceCaseWithdrawView(_CaseStepView):
    queryset = AssistanceCase.objects.filter(status=CaseStatus.IN_PROCEDURE)
    form = forms.ReasonForm
    action = "change"
    action_label = title = _("Withdraw the application")

    def perform(self, request, case, form):
        return procedure.withdraw(case, actor=request.user, reason=form.cleaned_data["reason"])


# Periodic review of a case in payment


@register_model_view(AssistanceCase, "review_investigation", route="<int:pk>/review-investigation/")
class AssistanceCaseReviewInvestigationView(ObjectActionView):
    queryset = AssistanceCase.objects.filter(status=CaseStatus.ACTIVE)
    form = forms.ReviewInvestigationForm
    action_label = _("Record a review investigation")

    def perform(self, request, case, form):
        reviews.record_review_investigation(case, actor=request.user, **form.cleaned_data)
        return case


@register_model_view(AssistanceCase, "propose_review", route="<int:pk>/propose-review/")
class AssistanceCaseProposeReviewView(ObjectActionView):
    queryset = AssistanceCase.objects.filter(status=CaseStatus.ACTIVE)
    form = forms.ReviewProposalForm
    action_label = _("Propose the review's decision")

    def perform(self, request, case, form):
        return reviews.propose_review(case, actor=request.user, **form.cleaned_data)


@register_model_view(AssistanceCase, "suspend", route="<int:pk>/suspend/")
class AssistanceCaseSuspendView(ObjectActionView):
    queryset = AssistanceCase.objects.filter(status=CaseStatus.ACTIVE)
    form = forms.SuspensionForm
    action_label = _("Suspend the benefit")

    def perform(self, request, case, form):
        benefits.suspend_benefit(case, actor=request.user, **form.cleaned_data)
        return case


@register_model_view(AssistanceCase, "resume", route="<int:pk>/resume/")
class AssistanceCaseResumeView(ObjectActionView):
    queryset = AssistanceCase.objects.filter(status=CaseStatus.SUSPENDED)
    form = forms.SuspensionForm
    action_label = _("Resume the benefit")

    def perform(self, request, case, form):
        benefits.resume_benefit(case, actor=request.user, **form.cleaned_data)
        return case


# The records of a case: read here, written by the step services above.


class _CaseRecordView(ObjectView):
    template_name = "assistance/caserecord.html"

    def get_extra_context(self, request, instance=None):
        """The approval request of a review (its decisions are taken there)."""
        approval = reviews.review_request(instance) if isinstance(instance, BenefitReview) else None
        return {"approval": approval}


def _record_views(model, table, filterset, fields):
    queryset = model.objects.select_related("case")
    register_model_view(model, "list")(type(f"{model.__name__}ListView", (ObjectListView,), {
        "queryset": queryset, "table": table, "filterset": filterset}))
    register_model_view(model)(type(f"{model.__name__}View", (_CaseRecordView,), {"queryset": queryset,
                                                                                  "fields": fields}))


_record_views(Investigation, tables.InvestigationTable, filtersets.InvestigationFilterSet,
              ("case", "kind", "visited_on", "home_visit", "investigator_1", "investigator_2", "neighbour_visits",
               "neighbour_notes", "data_check", "member_count", "household_income", "findings", "eligible"))
_record_views(Evaluation, tables.EvaluationTable, filtersets.EvaluationFilterSet,
              ("case", "held_on", "venue", "attendance", "attendees", "votes_for", "votes_against", "abstentions",
               "outcome", "minutes"))
_record_views(BenefitChange, tables.BenefitChangeTable, filtersets.BenefitChangeFilterSet,
              ("case", "kind", "effective", "old_amount", "new_amount", "reason", "decided_by", "decided_on"))
_record_views(BenefitReview, tables.BenefitReviewTable, filtersets.BenefitReviewFilterSet,
              ("case", "due_on", "started_on", "investigation", "decision", "new_amount", "effective", "reason",
               "status"))
_record_views(BenefitPeriod, tables.BenefitPeriodTable, filtersets.BenefitPeriodFilterSet,
              ("case", "starts", "ends", "monthly_amount", "change"))
_record_views(ReviewTask, tables.ReviewTaskTable, filtersets.ReviewTaskFilterSet,
              ("case", "source", "reason", "details", "created_on", "status", "review"))
