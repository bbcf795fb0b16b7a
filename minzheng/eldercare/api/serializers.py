"""Serializers of the elderly-care API: one per model, plus the inputs of the operations."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from minzheng.eldercare.choices import AssessmentReason, Satisfaction
from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    BedBlock,
    ElderlyAssociation,
    Establishment,
    EstablishmentRuleSet,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
    SubsidyRuleSet,
)
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.registry.models import Person

__all__ = ["AssessmentInputSerializer", "AssessmentPreviewSerializer", "AssessmentRuleTableSerializer",
           "AssessmentSerializer", "BedBlockSerializer", "CompleteSerializer", "ConditionSerializer",
           "DecisionSerializer", "DispatchSerializer", "ElderlyAssociationSerializer", "EstablishmentInputSerializer",
           "EstablishmentRuleSetSerializer", "EstablishmentSerializer", "HonourAwardSerializer",
           "InspectionFindingSerializer", "InspectionSerializer", "InstitutionSerializer", "InsurancePolicySerializer",
           "OccupancyReportSerializer", "ProviderSerializer", "ProviderServiceSerializer", "ReasonSerializer",
           "RectifySerializer", "SatisfactionSerializer", "ServiceCentreSerializer", "ServiceOrderInputSerializer",
           "ServiceOrderSerializer", "SiteInspectionSerializer", "SubsidyRuleSetSerializer", "VisitSerializer"]

TRACKED = ["remarks", "created_at", "updated_at"]


def _model_serializer(model, fields: list[str], read_only: tuple[str, ...] = ()) -> type[BaseModelSerializer]:
    meta = type("Meta", (), {"model": model, "fields": ["id", "display", *fields, *TRACKED],
                             "read_only_fields": [*read_only, "created_at", "updated_at"]})
    return type(f"{model.__name__}Serializer", (BaseModelSerializer,), {"Meta": meta})


EstablishmentRuleSetSerializer = _model_serializer(EstablishmentRuleSet, [
    "code", "name", "procedure", "effective_from", "effective_until", "min_beds", "decision_workdays",
    "notice_workdays", "requires_site_inspection", "licence_valid_years", "source_document", "confirmation"])
AssessmentRuleTableSerializer = _model_serializer(AssessmentRuleTable, [
    "code", "title", "table", "effective_from", "effective_until", "source_document", "confirmation"])
InstitutionSerializer = _model_serializer(Institution, [
    "name", "division", "address", "ownership", "operator", "credit_code", "contact", "phone", "status", "opened_on",
    "closed_on"])
_ESTABLISHMENT_FIELDS = [
    "institution", "rule_set", "procedure", "applicant", "received_on", "beds_declared", "status", "decision_due",
    "inspected_on", "inspection_passed", "inspection_notes", "decided_on", "licence_number", "refusal_reason",
    "registration_authority", "registration_number", "registered_on"]
EstablishmentSerializer = _model_serializer(Establishment, _ESTABLISHMENT_FIELDS, read_only=tuple(
    name for name in _ESTABLISHMENT_FIELDS if name != "applicant"))
BedBlockSerializer = _model_serializer(BedBlock, ["institution", "kind", "change", "beds", "on"])
InspectionSerializer = _model_serializer(Inspection, [
    "institution", "inspected_on", "kind", "inspectors", "conclusion", "summary"])
InspectionFindingSerializer = _model_serializer(InspectionFinding, [
    "inspection", "category", "description", "rectification_due", "status", "rectified_on", "rectification",
    "checked_by"], read_only=("status", "rectified_on", "rectification", "checked_by"))
ServiceCentreSerializer = _model_serializer(ServiceCentre, [
    "kind", "name", "division", "address", "opened_on", "closed_on", "operating_model", "operator", "places",
    "served_communities", "contractor", "contract_number", "contract_start", "contract_end", "contract_amount"])
ProviderSerializer = _model_serializer(Provider, [
    "name", "kind", "division", "credit_code", "contact", "phone", "address", "registered_on", "status"])
ProviderServiceSerializer = _model_serializer(ProviderService, [
    "provider", "category", "name", "unit", "price", "is_active"])
_ORDER_FIELDS = [
    "number", "person", "division", "channel", "category", "request", "contact_phone", "received_at", "taken_by",
    "status", "provider", "service", "dispatched_at", "visited_at", "visit_note", "completed_at", "quantity", "amount",
    "satisfaction", "feedback", "closed_at", "cancelled_at", "cancel_reason"]
ServiceOrderSerializer = _model_serializer(ServiceOrder, _ORDER_FIELDS, read_only=tuple(
    name for name in _ORDER_FIELDS if name not in ("request", "contact_phone")))
InsurancePolicySerializer = _model_serializer(InsurancePolicy, [
    "person", "year", "insurer", "policy_number", "insured_from", "insured_until", "premium", "paid_by",
    "sum_insured"])
ElderlyAssociationSerializer = _model_serializer(ElderlyAssociation, [
    "division", "name", "founded_on", "dissolved_on", "chair", "members", "phone"])
HonourAwardSerializer = _model_serializer(HonourAward, [
    "awardee", "awardee_kind", "division", "institution", "year", "level", "awarded_by", "document_number"])


class OccupancyReportSerializer(BaseModelSerializer):
    capacity = serializers.IntegerField(read_only=True)
    rate = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = OccupancyReport
        fields = ["id", "display", "institution", "as_of", "occupied", "capacity", "rate", *TRACKED]
        read_only_fields = ["created_at", "updated_at"]


class AssessmentSerializer(BaseModelSerializer):
    """An assessment; ``answers``, ``findings`` and ``results`` (the grades) are masked unless revealed
    (``?reveal=answers``, logged)."""

    class Meta:
        model = Assessment
        fields = ["id", "display", "person", "division", "rule_table", "assessed_on", "reason", "organisation",
                  "answers", "findings", "results", "level", "level_name", "due_on", "status", "assessor",
                  "second_assessor", "confirmed_on", "condition_changed_on", "condition_note", "ended_on",
                  "superseded_by", "cancel_reason", *TRACKED]
        read_only_fields = fields


class AssessmentInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all())
    assessed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=AssessmentReason.choices)
    answers = serializers.DictField(child=serializers.IntegerField(), help_text=_("Item code → score."))
    findings = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    organisation = serializers.CharField(required=False, allow_blank=True, default="")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentPreviewSerializer(serializers.Serializer):
    assessed_on = serializers.DateField(required=False)
    answers = serializers.DictField(child=serializers.IntegerField())
    findings = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class EstablishmentInputSerializer(serializers.Serializer):
    institution = ScopedPrimaryKeyRelatedField(queryset=Institution.objects.all())
    applicant = serializers.CharField(max_length=200)
    received_on = serializers.DateField()
    beds_declared = serializers.IntegerField(min_value=0)
    registration_authority = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    registration_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    registered_on = serializers.DateField(required=False, allow_null=True, default=None)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class SiteInspectionSerializer(serializers.Serializer):
    on = serializers.DateField()
    passed = serializers.BooleanField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    on = serializers.DateField()
    granted = serializers.BooleanField()
    licence_number = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RectifySerializer(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField()


class ConditionSerializer(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ServiceOrderInputSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all())
    channel = serializers.ChoiceField(choices=ServiceOrder._meta.get_field("channel").choices, default="phone")
    category = serializers.ChoiceField(choices=ServiceOrder._meta.get_field("category").choices)
    request = serializers.CharField()
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class DispatchSerializer(serializers.Serializer):
    provider = ScopedPrimaryKeyRelatedField(queryset=Provider.objects.all())
    service = ScopedPrimaryKeyRelatedField(queryset=ProviderService.objects.all())
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class VisitSerializer(serializers.Serializer):
    note = serializers.CharField()
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class CompleteSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=6, decimal_places=2)
    at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class SatisfactionSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")

SubsidyRuleSetSerializer = _model_serializer(SubsidyRuleSet, [
    "program", "division", "effective_from", "effective_until", "min_age", "level_amounts", "age_amounts",
    "flat_amount", "income_limit_multiple", "pilot_divisions", "rural_only", "is_sample", "source_document"])
