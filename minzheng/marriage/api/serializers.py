from rest_framework import serializers

from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.marriage.choices import AssessmentOutcome, Service
from minzheng.marriage.models import (
    AdoptedChild,
    Adopter,
    AdoptionApplication,
    AdoptionAssessment,
    Appointment,
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.rules import Document
from minzheng.registry.choices import Sex

__all__ = ["AdopterInputSerializer", "AdoptedChildSerializer", "AdopterSerializer", "AdoptionApplicationSerializer",
           "AdoptionAssessmentSerializer", "AdoptionInputSerializer", "AppointmentSerializer", "AssessmentSerializer",
           "CancelInputSerializer", "CapacitySerializer", "CertificateSerializer", "ChildInputSerializer",
           "DivorceApplicationSerializer", "DivorceInputSerializer", "DivorceRegistrationSerializer",
           "MarriageInputSerializer", "MarriageRegistrationSerializer", "NoteSerializer", "NoticeSerializer",
           "OfficeDaySerializer", "PublicBookingSerializer", "PublicCancelSerializer", "RegistryOfficeSerializer",
           "ReissueSerializer", "SlotSerializer", "SlotTemplateSerializer", "StandardCheckSerializer",
           "StandardItemSerializer", "WithdrawSerializer"]

TRACKED = ["remarks", "created_at", "updated_at"]
DOCUMENTS = serializers.ListField(child=serializers.ChoiceField(choices=[str(d) for d in Document]), required=False,
                                  default=list)


class RegistryOfficeSerializer(BaseModelSerializer):
    class Meta:
        model = RegistryOffice
        fields = ["id", "display", "code", "name", "division", "address", "phone", "grade", "graded_on", "opens_at",
                  "closes_at", "booking_days", "is_active", *TRACKED]


class StandardItemSerializer(BaseModelSerializer):
    class Meta:
        model = StandardItem
        fields = ["id", "display", "code", "name", "description", "grade", "is_active", "created_at", "updated_at"]


class StandardCheckSerializer(BaseModelSerializer):
    class Meta:
        model = StandardCheck
        fields = ["id", "display", "office", "item", "met", "checked_on", *TRACKED]


class SlotTemplateSerializer(BaseModelSerializer):
    class Meta:
        model = SlotTemplate
        fields = ["id", "display", "office", "service", "starts_at", "ends_at", "capacity", *TRACKED]


class OfficeDaySerializer(BaseModelSerializer):
    class Meta:
        model = OfficeDay
        fields = ["id", "display", "office", "date", "is_open", "reason", *TRACKED]


class SlotSerializer(BaseModelSerializer):
    remaining = serializers.IntegerField(read_only=True)

    class Meta:
        model = Slot
        fields = ["id", "display", "office", "service", "date", "starts_at", "ends_at", "capacity", "booked",
                  "remaining"]
        read_only_fields = fields


class AppointmentSerializer(BaseModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "display", "number", "slot", "office", "service", "date", "starts_at", "status",
                  "party_a_name", "party_a_id_number", "party_b_name", "party_b_id_number", "phone", "channel",
                  "closed_at", *TRACKED]
        read_only_fields = fields


class MarriageRegistrationSerializer(BaseModelSerializer):
    class Meta:
        model = MarriageRegistration
        fields = ["id", "display", "office", "appointment", "registered_on", "status", "party_a_name",
                  "party_a_id_number", "party_a_person", "party_b_name", "party_b_id_number", "party_b_person",
                  "inputs", "grounds", "refusal_reason", "rules_basis", "certificate_number", "dissolved_on",
                  "dissolved_by", "status_pending", *TRACKED]
        read_only_fields = fields


class DivorceApplicationSerializer(BaseModelSerializer):
    stage = serializers.SerializerMethodField()

    class Meta:
        model = DivorceApplication
        fields = ["id", "display", "office", "appointment", "applied_on", "cooling_off_last_day", "first_day",
                  "last_day", "status", "stage", "party_a_name", "party_a_id_number", "party_b_name",
                  "party_b_id_number", "marriage", "marriage_certificate_number", "registered_in_mainland",
                  "agreement_signed", "inputs", "grounds", "refusal_reason", "rules_basis", "certificate_number",
                  "closed_on", "withdrawn_by", "status_pending", *TRACKED]
        read_only_fields = fields

    def get_stage(self, application) -> str:
        from minzheng.marriage.divorces import stage

        return stage(application)


class CertificateSerializer(BaseModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "display", "number", "kind", "office", "year", "serial", "issued_on", "holders", "marriage",
                  "divorce", "adoption", "replaces", "holder_id_number", *TRACKED]
        read_only_fields = fields


class AdopterSerializer(BaseModelSerializer):
    class Meta:
        model = Adopter
        fields = ["id", "name", "id_number", "person", "married", "children", "able_to_raise", "barring_disease",
                  "harmful_criminal_record", "overseas_chinese"]
        read_only_fields = fields


class AdoptedChildSerializer(BaseModelSerializer):
    class Meta:
        model = AdoptedChild
        fields = ["id", "name", "id_number", "birth_date", "sex", "orphan", "parents_unknown", "parents_in_hardship",
                  "disabled", "in_welfare_institution", "relative", "consents", "notice_published_on",
                  "notice_medium"]
        read_only_fields = fields


class AdoptionAssessmentSerializer(BaseModelSerializer):
    class Meta:
        model = AdoptionAssessment
        fields = ["id", "display", "application", "assessor", "assessed_on", "outcome", "findings", *TRACKED]
        read_only_fields = fields


class AdoptionApplicationSerializer(BaseModelSerializer):
    adopters = AdopterSerializer(many=True, read_only=True)
    children = AdoptedChildSerializer(many=True, read_only=True)
    assessment = AdoptionAssessmentSerializer(read_only=True)

    class Meta:
        model = AdoptionApplication
        fields = ["id", "display", "office", "received_on", "review_last_day", "status", "summary", "adopters",
                  "children", "assessment", "grounds", "refusal_reason", "rules_basis", "decided_on",
                  "certificate_number", *TRACKED]
        read_only_fields = fields


# Inputs of the operations


class MarriagePartySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=18)
    present = serializers.BooleanField(default=True)
    voluntary = serializers.BooleanField(default=True)
    declares_prohibited_kinship = serializers.BooleanField(default=False)
    barring_disease = serializers.BooleanField(default=False)
    documents = DOCUMENTS


class _Office(serializers.Serializer):
    office = ScopedPrimaryKeyRelatedField(queryset=RegistryOffice.objects.all())
    appointment = ScopedPrimaryKeyRelatedField(queryset=Appointment.objects.all(), required=False, allow_null=True,
                                               default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MarriageInputSerializer(_Office):
    party_a = MarriagePartySerializer()
    party_b = MarriagePartySerializer()


class DivorcePartySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50, required=False, default="")
    id_number = serializers.CharField(max_length=18, required=False, default="")
    present = serializers.BooleanField(default=True)
    full_civil_capacity = serializers.BooleanField(default=True)
    documents = DOCUMENTS


class DivorceInputSerializer(_Office):
    party_a = DivorcePartySerializer()
    party_b = DivorcePartySerializer()
    marriage_certificate_number = serializers.CharField(max_length=30)
    registered_in_mainland = serializers.BooleanField(default=True)
    agreement_signed = serializers.BooleanField()


class DivorceRegistrationSerializer(serializers.Serializer):
    party_a = DivorcePartySerializer()
    party_b = DivorcePartySerializer()
    appointment = ScopedPrimaryKeyRelatedField(queryset=Appointment.objects.all(), required=False, allow_null=True,
                                               default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawSerializer(serializers.Serializer):
    withdrawn_by = serializers.CharField(max_length=50)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class CapacitySerializer(serializers.Serializer):
    capacity = serializers.IntegerField(min_value=1, max_value=500)


class ReissueSerializer(serializers.Serializer):
    office = ScopedPrimaryKeyRelatedField(queryset=RegistryOffice.objects.all())
    holder_id_number = serializers.CharField(max_length=18)


class AdopterInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=18)
    married = serializers.BooleanField(default=False)
    children = serializers.IntegerField(min_value=0, max_value=20, default=0)
    able_to_raise = serializers.BooleanField(default=True)
    barring_disease = serializers.BooleanField(default=False)
    harmful_criminal_record = serializers.BooleanField(default=False)
    overseas_chinese = serializers.BooleanField(default=False)


class ChildInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True, default="")
    orphan = serializers.BooleanField(default=False)
    parents_unknown = serializers.BooleanField(default=False)
    parents_in_hardship = serializers.BooleanField(default=False)
    disabled = serializers.BooleanField(default=False)
    in_welfare_institution = serializers.BooleanField(default=False)
    relative = serializers.BooleanField(default=False)
    consents = serializers.BooleanField(required=False, allow_null=True, default=None)


class AdoptionInputSerializer(serializers.Serializer):
    office = ScopedPrimaryKeyRelatedField(queryset=RegistryOffice.objects.all())
    adopters = AdopterInputSerializer(many=True)
    children = ChildInputSerializer(many=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentSerializer(serializers.Serializer):
    assessor = serializers.CharField(max_length=100)
    assessed_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=AssessmentOutcome.choices)
    findings = serializers.CharField()


class NoticeSerializer(serializers.Serializer):
    child = ScopedPrimaryKeyRelatedField(queryset=AdoptedChild.objects.all())
    published_on = serializers.DateField()
    medium = serializers.CharField(max_length=100)


# The public's


class PublicBookingSerializer(serializers.Serializer):
    slot = serializers.IntegerField()
    party_a_name = serializers.CharField(max_length=50)
    party_a_id_number = serializers.CharField(max_length=18)
    party_b_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    party_b_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    phone = serializers.RegexField(r"^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$", max_length=20)


class PublicCancelSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=20)
    id_number = serializers.CharField(max_length=18)


class PublicSlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    service = serializers.ChoiceField(choices=Service.choices)
    starts_at = serializers.TimeField()
    ends_at = serializers.TimeField()
    capacity = serializers.IntegerField()
    remaining = serializers.IntegerField()


class PublicAppointmentSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    office = serializers.CharField()
    address = serializers.CharField()
    service = serializers.CharField()
    date = serializers.DateField()
    starts_at = serializers.TimeField()
    ends_at = serializers.TimeField()
    party_a = serializers.CharField(help_text="Masked: first and last character.")
    party_b = serializers.CharField(help_text="Masked: first and last character.")
