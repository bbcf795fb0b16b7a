"""医疗救助 claims in the API: ``POST`` files a claim with its case; claims are read here, decided on the case."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from minzheng.assistance import filtersets, medical
from minzheng.assistance.choices import MedicalCategory, ProgramKind
from minzheng.assistance.models import MedicalClaim, Program
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.framework.api.viewsets import ReadOnlyModelViewSet
from minzheng.registry.models import Household, Person

__all__ = ["MedicalClaimInputSerializer", "MedicalClaimSerializer", "MedicalClaimViewSet"]

MONEY = {"max_digits": 12, "decimal_places": 2}


class MedicalClaimSerializer(BaseModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    status = serializers.CharField(source="case.status", read_only=True)
    eligible_cost = serializers.DecimalField(**MONEY, read_only=True)
    calculation = serializers.JSONField(source="case.calculation", read_only=True)

    class Meta:
        model = MedicalClaim
        fields = ["id", "display", "case", "case_number", "status", "patient", "category", "hospital", "treated_from",
                  "treated_until", "settled_on", "total_cost", "insurance_paid", "other_paid", "ineligible_cost",
                  "eligible_cost", "ratio", "paid_before", "amount", "calculation", "remarks", "created_at",
                  "updated_at"]
        read_only_fields = fields


class MedicalClaimInputSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(kind=ProgramKind.MEDICAL,
                                                                                 is_active=True))
    household = ScopedPrimaryKeyRelatedField(queryset=Household.objects.all())
    patient = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all())
    category = serializers.ChoiceField(choices=MedicalCategory.choices)
    hospital = serializers.CharField(max_length=200)
    treated_from = serializers.DateField()
    treated_until = serializers.DateField()
    settled_on = serializers.DateField()
    total_cost = serializers.DecimalField(**MONEY, min_value=0)
    insurance_paid = serializers.DecimalField(**MONEY, min_value=0)
    other_paid = serializers.DecimalField(**MONEY, min_value=0, default=0)
    ineligible_cost = serializers.DecimalField(**MONEY, min_value=0, default=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    remarks = serializers.CharField(required=False, allow_blank=True, default="")
    application_document = serializers.FileField(required=False, allow_null=True)
    authorisation_document = serializers.FileField(required=False, allow_null=True)


class MedicalClaimViewSet(ReadOnlyModelViewSet):
    """Claims of the caller's area; the case's steps (受理, 区县审批 computing the amount) are decided on the case."""

    queryset = MedicalClaim.objects.select_related("case", "patient")
    serializer_class = MedicalClaimSerializer
    filterset_class = filtersets.MedicalClaimFilterSet

    @extend_schema(request=MedicalClaimInputSerializer, responses={201: MedicalClaimSerializer})
    def create(self, request, *args, **kwargs):
        """File a claim with its bills: the case of the medical program is created and its procedure starts."""
        data = MedicalClaimInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        claim = medical.file_claim(actor=request.user, **data.validated_data)
        return Response(self.get_serializer(claim).data, status=201)
