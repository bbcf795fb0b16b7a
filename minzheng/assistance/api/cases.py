"""The case API: every step of the procedure is an action calling its service (house style A2)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.accounts.models import User
from minzheng.approvals.choices import Decision
from minzheng.assistance import benefits, procedure, reviews
from minzheng.assistance import case_filtersets as filtersets
from minzheng.assistance.choices import CaseChannel, EvaluationOutcome, InvestigationKind, ReviewDecision
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    Program,
    ReviewTask,
)
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.registry.models import Household, Person

__all__ = ["AssistanceCaseViewSet", "BenefitChangeViewSet", "BenefitPeriodViewSet", "BenefitReviewViewSet",
           "EvaluationViewSet", "InvestigationViewSet", "ReviewTaskViewSet"]

TRACKED = ["remarks", "created_at", "updated_at"]
MONEY = {"max_digits": 12, "decimal_places": 2}


class AssistanceCaseSerializer(BaseModelSerializer):
    current_step = serializers.SerializerMethodField()

    class Meta:
        model = AssistanceCase
        fields = ["id", "display", "number", "program", "kind", "household", "applicant", "division", "area_type",
                  "channel", "status", "current_step", "applied_on", "reason", "member_count", "household_income",
                  "requested_amount", "calculated_amount", "approved_amount", "approved_on", "benefit_from",
                  "decision_reason", "conflicts", "urgent", "review_interval_months", "next_review_on", "ended_on",
                  "end_reason", *TRACKED]
        read_only_fields = [name for name in fields if name not in ("reason", "review_interval_months",
                                                                     "next_review_on", "remarks")]

    def get_current_step(self, case) -> str | None:
        request = procedure.case_request(case)
        return request.current_step.code if request is not None and request.current_step else None


class ApplicationSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(is_active=True))
    household = ScopedPrimaryKeyRelatedField(queryset=Household.objects.all())
    applicant = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all())
    channel = serializers.ChoiceField(choices=CaseChannel.choices, default=CaseChannel.HOUSEHOLD)
    household_income = serializers.DecimalField(**MONEY, min_value=0)
    requested_amount = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    applied_on = serializers.DateField(required=False, allow_null=True)
    application_document = serializers.FileField(required=False, allow_null=True)
    authorisation_document = serializers.FileField(required=False, allow_null=True)


class CaseDecisionSerializer(serializers.Serializer):
    step_code = serializers.CharField()
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    benefit_from = serializers.DateField(required=False, allow_null=True)


class InvestigationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InvestigationKind.choices, default=InvestigationKind.APPLICATION)
    visited_on = serializers.DateField()
    home_visit = serializers.BooleanField(default=True)
    investigator_1 = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    investigator_2 = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    neighbour_visits = serializers.IntegerField(min_value=0, default=0)
    neighbour_notes = serializers.CharField(required=False, allow_blank=True, default="")
    data_check = serializers.CharField(required=False, allow_blank=True, default="")
    member_count = serializers.IntegerField(min_value=1)
    household_income = serializers.DecimalField(**MONEY, min_value=0)
    seriously_ill = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), many=True, required=False,
                                                 default=list)
    findings = serializers.CharField()
    eligible = serializers.BooleanField()


class EvaluationInputSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    venue = serializers.CharField(required=False, allow_blank=True, default="")
    attendance = serializers.IntegerField(min_value=1)
    attendees = serializers.CharField()
    votes_for = serializers.IntegerField(min_value=0)
    votes_against = serializers.IntegerField(min_value=0)
    abstentions = serializers.IntegerField(min_value=0, default=0)
    outcome = serializers.ChoiceField(choices=EvaluationOutcome.choices)
    minutes = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewInvestigationInputSerializer(InvestigationInputSerializer):
    kind = None


class ReviewProposalSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    new_amount = serializers.DecimalField(**MONEY, min_value=0, required=False, allow_null=True)
    effective = serializers.DateField(required=False, allow_null=True)
    investigation = serializers.PrimaryKeyRelatedField(queryset=Investigation.objects.all(), required=False,
                                                       allow_null=True)
    reason = serializers.CharField()


class SuspensionSerializer(serializers.Serializer):
    effective = serializers.DateField()
    reason = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class InvestigationSerializer(BaseModelSerializer):
    class Meta:
        model = Investigation
        fields = ["id", "display", "case", "kind", "visited_on", "home_visit", "investigator_1", "investigator_2",
                  "neighbour_visits", "neighbour_notes", "data_check", "member_count", "household_income",
                  "seriously_ill", "findings", "eligible", *TRACKED]


class EvaluationSerializer(BaseModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["id", "display", "case", "held_on", "venue", "attendance", "attendees", "votes_for",
                  "votes_against", "abstentions", "outcome", "minutes", *TRACKED]


class BenefitChangeSerializer(BaseModelSerializer):
    class Meta:
        model = BenefitChange
        fields = ["id", "display", "case", "kind", "effective", "old_amount", "new_amount", "reason", "decided_by",
                  "decided_on", *TRACKED]


class ReviewTaskSerializer(BaseModelSerializer):
    class Meta:
        model = ReviewTask
        fields = ["id", "display", "case", "source", "reason", "details", "created_on", "status", "review", *TRACKED]


class BenefitReviewSerializer(BaseModelSerializer):
    class Meta:
        model = BenefitReview
        fields = ["id", "display", "case", "due_on", "started_on", "investigation", "decision", "new_amount",
                  "effective", "reason", "status", *TRACKED]


class BenefitPeriodSerializer(BaseModelSerializer):
    class Meta:
        model = BenefitPeriod
        fields = ["id", "display", "case", "starts", "ends", "monthly_amount", "change", *TRACKED]


class AssistanceCaseViewSet(BaseModelViewSet):
    """Cases: ``POST`` files an application; the actions run the steps (the services check step, role, area)."""

    queryset = AssistanceCase.objects.select_related("program", "household", "applicant", "division")
    serializer_class = AssistanceCaseSerializer
    filterset_class = filtersets.AssistanceCaseFilterSet
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    action_permissions = {"decide": "view", "investigation": "view", "evaluation": "view", "reinvestigate": "view",
                          "withdraw": "change", "review_investigation": "change", "propose_review": "change",
                          "suspend": "change", "resume": "change"}

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _answer(self, case, status: int = 200) -> Response:
        case = AssistanceCase.objects.get(pk=case.pk)
        return Response(self.get_serializer(case).data, status=status)

    @extend_schema(request=ApplicationSerializer, responses={201: AssistanceCaseSerializer})
    def create(self, request, *args, **kwargs):
        """File an application of a household (its flow starts at 受理)."""
        return self._answer(procedure.apply(actor=request.user, **self._input(ApplicationSerializer)), status=201)

    @extend_schema(request=CaseDecisionSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Decide the current step; on an approval step with the amount and the first month."""
        return self._answer(procedure.decide_step(self.get_object(), actor=request.user,
                                                  **self._input(CaseDecisionSerializer)))

    @extend_schema(request=InvestigationInputSerializer, responses={201: InvestigationSerializer})
    @action(detail=True, methods=["post"])
    def investigation(self, request, pk=None):
        """Record the household economic-status investigation (current step: the investigation)."""
        record = procedure.record_investigation(self.get_object(), actor=request.user,
                                                **self._input(InvestigationInputSerializer))
        return Response(InvestigationSerializer(record, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=EvaluationInputSerializer, responses={201: EvaluationSerializer})
    @action(detail=True, methods=["post"])
    def evaluation(self, request, pk=None):
        """Record the 民主评议 meeting (current step: the evaluation)."""
        record = procedure.record_evaluation(self.get_object(), actor=request.user,
                                             **self._input(EvaluationInputSerializer))
        return Response(EvaluationSerializer(record, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=ReasonSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"])
    def reinvestigate(self, request, pk=None):
        """Send the case back to the investigation (after an upheld objection)."""
        return self._answer(procedure.reinvestigate(self.get_object(), actor=request.user,
                                                    **self._input(ReasonSerializer)))

    @extend_schema(request=ReasonSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The applicant withdraws the application."""
        return self._answer(procedure.withdraw(self.get_object(), actor=request.user,
                                               **self._input(ReasonSerializer)))


    @extend_schema(request=ReviewInvestigationInputSerializer, responses={201: InvestigationSerializer})
    @action(detail=True, methods=["post"], url_path="review-investigation")
    def review_investigation(self, request, pk=None):
        """Record the investigation of a periodic review of a case in payment."""
        record = reviews.record_review_investigation(self.get_object(), actor=request.user,
                                                     **self._input(ReviewInvestigationInputSerializer))
        return Response(InvestigationSerializer(record, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=ReviewProposalSerializer, responses={201: BenefitReviewSerializer})
    @action(detail=True, methods=["post"], url_path="propose-review")
    def propose_review(self, request, pk=None):
        """Propose keep / 增发 / 减发 / 停发 after a review; the review flow decides it."""
        data = self._input(ReviewProposalSerializer)
        review = reviews.propose_review(self.get_object(), actor=request.user, **data)
        return Response(BenefitReviewSerializer(review, context=self.get_serializer_context()).data, status=201)


    @extend_schema(request=SuspensionSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        """Suspend the benefit from a month (payment rolls leave the case out)."""
        case = self.get_object()
        benefits.suspend_benefit(case, actor=request.user, **self._input(SuspensionSerializer))
        return self._answer(case)

    @extend_schema(request=SuspensionSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        """Resume a suspended benefit from a month with its last amount."""
        case = self.get_object()
        benefits.resume_benefit(case, actor=request.user, **self._input(SuspensionSerializer))
        return self._answer(case)


class _CaseRecordViewSet(ReadOnlyModelViewSet):
    """Records written by the step services; read here."""


def _record_viewset(model, serializer, filterset):
    return type(f"{model.__name__}ViewSet", (_CaseRecordViewSet,), {
        "queryset": model.objects.select_related("case"), "serializer_class": serializer,
        "filterset_class": filterset})


InvestigationViewSet = _record_viewset(Investigation, InvestigationSerializer, filtersets.InvestigationFilterSet)
EvaluationViewSet = _record_viewset(Evaluation, EvaluationSerializer, filtersets.EvaluationFilterSet)
BenefitChangeViewSet = _record_viewset(BenefitChange, BenefitChangeSerializer, filtersets.BenefitChangeFilterSet)
BenefitReviewViewSet = _record_viewset(BenefitReview, BenefitReviewSerializer, filtersets.BenefitReviewFilterSet)
BenefitPeriodViewSet = _record_viewset(BenefitPeriod, BenefitPeriodSerializer, filtersets.BenefitPeriodFilterSet)
ReviewTaskViewSet = _record_viewset(ReviewTask, ReviewTaskSerializer, filtersets.ReviewTaskFilterSet)
