from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer, BriefSerializer
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person

__all__ = [
    "DuplicateCandidateSerializer",
    "HouseholdBriefSerializer",
    "HouseholdSerializer",
    "LifeEventSerializer",
    "MembershipSerializer",
    "PersonBriefSerializer",
    "PersonSerializer",
]


class PersonBriefSerializer(BriefSerializer):
    class Meta:
        model = Person
        fields = ["id", "display", "name", "id_number", "registry_number"]


class HouseholdBriefSerializer(BriefSerializer):
    class Meta:
        model = Household
        fields = ["id", "display", "number"]


class PersonSerializer(BaseModelSerializer):
    """A person; ``id_number`` is masked unless revealed (``?reveal=id_number``, logged)."""

    class Meta:
        model = Person
        fields = ["id", "display", "id_number", "registry_number", "name", "name_pinyin", "name_initials", "sex",
                  "birth_date", "ethnicity", "marital_status", "hukou_division", "residence_division", "address",
                  "phone", "disability_category", "disability_grade", "status", "death_date", "status_date",
                  "merged_into", "remarks", "created_at", "updated_at"]
        # Status, registry number and merging change through the registry services.
        read_only_fields = ["registry_number", "status", "death_date", "status_date", "merged_into"]


class HouseholdSerializer(BaseModelSerializer):
    """A household; ``head`` (a person id) is required to register a new one (through
    ``services.create_household``) and ignored afterwards; remarks are added by an update."""

    head = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), write_only=True, required=False)

    class Meta:
        model = Household
        fields = ["id", "display", "number", "kind", "division", "address", "dissolved_on", "head", "remarks",
                  "created_at", "updated_at"]
        read_only_fields = ["dissolved_on"]

    def validate(self, attrs):
        head = attrs.pop("head", None)
        attrs = super().validate(attrs)
        if self.instance is None:
            if head is None:
                raise serializers.ValidationError({"head": [_("A new household needs its head.")]})
            attrs["head"] = head
        return attrs


class MembershipSerializer(BaseModelSerializer):
    household = HouseholdBriefSerializer(read_only=True)
    person = PersonBriefSerializer(read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "display", "household", "person", "relation", "start_date", "end_date", "end_reason",
                  "current", "remarks", "created_at", "updated_at"]

    def get_current(self, obj) -> bool:
        return obj.end_date is None


class LifeEventSerializer(BaseModelSerializer):
    person = PersonBriefSerializer(read_only=True)

    class Meta:
        model = LifeEvent
        fields = ["id", "display", "person", "kind", "date", "details", "remarks", "created_at", "updated_at"]


class DuplicateCandidateSerializer(BaseModelSerializer):
    person = PersonBriefSerializer(read_only=True)
    other = PersonBriefSerializer(read_only=True)

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "display", "person", "other", "status", "resolved_by", "resolved_at", "remarks",
                  "created_at", "updated_at"]
