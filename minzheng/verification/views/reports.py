"""Pages of verification reports (核对报告), their program rules and the access log."""


from minzheng.audit.services import record_event
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
)
from minzheng.verification import filtersets, forms, tables
from minzheng.verification.choices import SourceKind
from minzheng.verification.events import VerificationEvent
from minzheng.verification.models import AccessLog, EligibilityRuleSet, SourceSnapshot, Verification
from minzheng.verification.verify import verify_household

RULE_SETS = EligibilityRuleSet.objects.select_related("program", "division")
REPORTS = Verification.objects.select_related("household", "program", "case", "requested_by", "division")


@register_model_view(EligibilityRuleSet, "list")
class EligibilityRuleSetListView(ObjectListView):
    queryset = RULE_SETS
    filterset = filtersets.EligibilityRuleSetFilterSet
    table = tables.EligibilityRuleSetTable


@register_model_view(EligibilityRuleSet)
class EligibilityRuleSetView(ObjectView):
    queryset = RULE_SETS
    fields = forms.EligibilityRuleSetForm.Meta.fields


@register_model_view(EligibilityRuleSet, "add")
@register_model_view(EligibilityRuleSet, "edit")
class EligibilityRuleSetEditView(ObjectEditView):
    queryset = EligibilityRuleSet.objects.all()
    form = forms.EligibilityRuleSetForm


@register_model_view(EligibilityRuleSet, "delete")
class EligibilityRuleSetDeleteView(ObjectDeleteView):
    queryset = EligibilityRuleSet.objects.all()


@register_model_view(Verification, "list")
class VerificationListView(ObjectListView):
    queryset = REPORTS
    filterset = filtersets.VerificationFilterSet
    table = tables.VerificationTable


def _member_rows(report: Verification) -> list[dict]:
    """Per member, one row per source found (the records listed under it)."""
    labels = dict(SourceKind.choices)
    return [{"name": member["name"], "income": member["monthly_income"],
             "sources": [{"label": labels.get(kind, kind), **entry} for kind, entry in member["sources"].items()]}
            for member in report.members]


@register_model_view(Verification)
class VerificationView(ObjectView):
    """The report: outcome and reasons, what each member's sources held, the snapshots read. Opening it is
    logged (it holds a household's incomes and assets)."""

    queryset = REPORTS
    template_name = "verification/verification.html"
    fields = ("number", "household", "program", "case", "purpose", "requested_on", "requested_by", "outcome",
              "member_count", "household_income", "per_capita_income", "standard_amount", "rule_set")

    def get_extra_context(self, request, instance=None):
        record_event(VerificationEvent.REPORT_VIEWED, actor=request.user, subject=instance)
        snapshots = SourceSnapshot.objects.filter(pk__in=instance.snapshots.values()).order_by("kind")
        return {"can_change": False, "can_delete": False, "members": _member_rows(instance),
                "snapshots": snapshots}


@register_model_view(Verification, "add")
class VerificationAddView(ObjectEditView):
    """Request a verification: refused unless every adult member has signed a valid consent."""

    queryset = Verification.objects.all()
    form = forms.VerificationForm

    def save(self, request, form, instance):
        data = form.cleaned_data
        return verify_household(data["household"], program=data["program"], case=data["case"],
                                purpose=data["purpose"], actor=request.user)


@register_model_view(AccessLog, "list")
class AccessLogListView(ObjectListView):
    queryset = AccessLog.objects.select_related("person", "requested_by", "verification", "batch")
    filterset = filtersets.AccessLogFilterSet
    table = tables.AccessLogTable

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}


@register_model_view(AccessLog)
class AccessLogView(ObjectView):
    queryset = AccessLog.objects.select_related("person", "requested_by", "verification", "batch", "division")
    fields = ("accessed_at", "person", "id_number", "division", "purpose", "requested_by", "sources",
              "verification", "batch", "person_count")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}
