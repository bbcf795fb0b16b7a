import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.verification.models import (
    AccessLog,
    BatchFinding,
    BatchReview,
    Consent,
    EligibilityRuleSet,
    SourceRecord,
    SourceSnapshot,
    Verification,
)

__all__ = ["AccessLogTable", "BatchFindingTable", "BatchReviewTable", "ConsentTable", "EligibilityRuleSetTable",
           "SourceRecordTable", "SourceSnapshotTable", "VerificationTable"]


class SourceSnapshotTable(BaseTable):
    as_of = LinkColumn(verbose_name=_("as of"))

    class Meta(BaseTable.Meta):
        model = SourceSnapshot
        fields = ("as_of", "kind", "status", "label", "file_name", "row_count", "rejected_count", "loaded_at",
                  "superseded_at")


class SourceRecordTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    kind = tables.Column(verbose_name=_("source"), accessor="snapshot__kind", orderable=False)

    class Meta(BaseTable.Meta):
        model = SourceRecord
        fields = ("name", "id_number", "kind", "amount", "quantity", "category", "period", "reference")

    def render_kind(self, record):
        return record.snapshot.get_kind_display()


class ConsentTable(BaseTable):
    person = LinkColumn(verbose_name=_("member"))
    household = tables.Column(verbose_name=_("household"), accessor="household__number")

    class Meta(BaseTable.Meta):
        model = Consent
        fields = ("person", "household", "signed_on", "valid_until", "revoked_on")


class EligibilityRuleSetTable(BaseTable):
    program = LinkColumn(verbose_name=_("program"))

    class Meta(BaseTable.Meta):
        model = EligibilityRuleSet
        fields = ("program", "division", "effective_from", "effective_until", "income_months", "max_properties",
                  "max_area_per_person", "deposit_multiple", "business_outcome", "is_sample")


class VerificationTable(BaseTable):
    number = LinkColumn(verbose_name=_("report number"))
    household = tables.Column(verbose_name=_("household"), accessor="household__number")
    program = tables.Column(verbose_name=_("program"), accessor="program__name")

    class Meta(BaseTable.Meta):
        model = Verification
        fields = ("number", "household", "program", "case", "purpose", "requested_on", "requested_by", "outcome")


class AccessLogTable(BaseTable):
    accessed_at = LinkColumn(verbose_name=_("looked up at"))
    person = tables.Column(verbose_name=_("person"), accessor="person__name")

    class Meta(BaseTable.Meta):
        model = AccessLog
        fields = ("accessed_at", "person", "id_number", "purpose", "requested_by", "verification", "batch",
                  "person_count")


class BatchReviewTable(BaseTable):
    as_of = LinkColumn(verbose_name=_("verified on"))

    class Meta(BaseTable.Meta):
        model = BatchReview
        fields = ("as_of", "status", "started_by", "finished_at", "checked", "ineligible", "needs_review",
                  "amount_changes", "tasks_opened")


class BatchFindingTable(BaseTable):
    case = LinkColumn(verbose_name=_("case"))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))
    reasons = tables.Column(verbose_name=_("reasons"), orderable=False)

    class Meta(BaseTable.Meta):
        model = BatchFinding
        fields = ("case", "division", "kind", "outcome", "reasons", "member_count", "household_income",
                  "recorded_income", "task")

    def render_reasons(self, value):
        return "；".join(reason["reason"] for reason in value)
