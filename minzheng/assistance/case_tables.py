"""Tables of the case pages."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    ReviewTask,
)
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["AssistanceCaseTable", "BenefitChangeTable", "BenefitPeriodTable", "BenefitReviewTable",
           "EvaluationTable", "InvestigationTable", "ReviewTaskTable"]


class AssistanceCaseTable(BaseTable):
    number = LinkColumn(verbose_name=_("case number"))
    program = tables.Column(verbose_name=_("program"), accessor="program__name", order_by=("program__code",))
    applicant = tables.Column(verbose_name=_("applicant"), accessor="applicant__name", order_by=("applicant__name",))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = AssistanceCase
        fields = ("number", "program", "applicant", "division", "member_count", "status", "applied_on",
                  "calculated_amount", "approved_amount", "next_review_on")


class _CaseRecordTable(BaseTable):
    case = tables.Column(verbose_name=_("case"), accessor="case__number", order_by=("case__number",))


class InvestigationTable(_CaseRecordTable):
    visited_on = LinkColumn(verbose_name=_("visited on"))

    class Meta(BaseTable.Meta):
        model = Investigation
        fields = ("visited_on", "case", "kind", "home_visit", "neighbour_visits", "member_count", "eligible")


class EvaluationTable(_CaseRecordTable):
    held_on = LinkColumn(verbose_name=_("held on"))

    class Meta(BaseTable.Meta):
        model = Evaluation
        fields = ("held_on", "case", "attendance", "votes_for", "votes_against", "abstentions", "outcome")


class BenefitChangeTable(_CaseRecordTable):
    effective = LinkColumn(verbose_name=_("from"))

    class Meta(BaseTable.Meta):
        model = BenefitChange
        fields = ("effective", "case", "kind", "old_amount", "new_amount", "decided_on", "reason")


class BenefitPeriodTable(_CaseRecordTable):
    starts = LinkColumn(verbose_name=_("from month"))

    class Meta(BaseTable.Meta):
        model = BenefitPeriod
        fields = ("starts", "ends", "case", "monthly_amount")


class BenefitReviewTable(_CaseRecordTable):
    started_on = LinkColumn(verbose_name=_("started on"))

    class Meta(BaseTable.Meta):
        model = BenefitReview
        fields = ("started_on", "case", "due_on", "decision", "new_amount", "effective", "status")


class ReviewTaskTable(_CaseRecordTable):
    created_on = LinkColumn(verbose_name=_("created on"))

    class Meta(BaseTable.Meta):
        model = ReviewTask
        fields = ("created_on", "case", "source", "status", "reason", "review")
