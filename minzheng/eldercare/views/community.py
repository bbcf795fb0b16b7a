"""Pages of community services, accident insurance policies and the light registries."""

from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.models import ElderlyAssociation, HonourAward, InsurancePolicy, ServiceCentre
from minzheng.framework.views import register_crud

register_crud(ServiceCentre, queryset=ServiceCentre.objects.select_related("division").prefetch_related(
    "served_communities"), table=tables.ServiceCentreTable, filterset=filtersets.ServiceCentreFilterSet,
    form=forms.ServiceCentreForm,
    fields=("kind", "name", "division", "address", "opened_on", "closed_on", "operating_model", "operator", "places",
            "contractor", "contract_number", "contract_start", "contract_end",
            "contract_amount", "remarks"),
    extra_context=lambda view, request, instance: {"served": instance.served_communities.order_by("path")})

register_crud(ElderlyAssociation, queryset=ElderlyAssociation.objects.select_related("division"),
              table=tables.ElderlyAssociationTable, filterset=filtersets.ElderlyAssociationFilterSet,
              form=forms.ElderlyAssociationForm,
              fields=("division", "name", "founded_on", "dissolved_on", "chair", "members", "phone", "remarks"))

register_crud(HonourAward, queryset=HonourAward.objects.select_related("division", "institution"),
              table=tables.HonourAwardTable, filterset=filtersets.HonourAwardFilterSet, form=forms.HonourAwardForm,
              fields=("awardee", "awardee_kind", "division", "institution", "year", "level", "awarded_by",
                      "document_number", "remarks"))

register_crud(InsurancePolicy, queryset=InsurancePolicy.objects.select_related("person"),
              table=tables.InsurancePolicyTable, filterset=filtersets.InsurancePolicyFilterSet,
              form=forms.InsurancePolicyForm,
              fields=("person", "year", "insurer", "policy_number", "insured_from", "insured_until", "premium",
                      "paid_by", "sum_insured", "remarks"))
