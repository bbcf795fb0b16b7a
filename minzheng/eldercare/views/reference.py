"""Pages of the city-wide rules: establishment rule sets and assessment rule tables."""

from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.assessment.rules import RuleTableError
from minzheng.eldercare.models import AssessmentRuleTable, EstablishmentRuleSet
from minzheng.framework.views import register_crud

register_crud(EstablishmentRuleSet, queryset=EstablishmentRuleSet.objects.all(),
              table=tables.EstablishmentRuleSetTable, filterset=filtersets.EstablishmentRuleSetFilterSet,
              form=forms.EstablishmentRuleSetForm,
              fields=("code", "name", "procedure", "effective_from", "effective_until", "min_beds",
                      "decision_workdays", "notice_workdays", "requires_site_inspection", "licence_valid_years",
                      "source_document", "confirmation", "remarks"))


def _table_context(view, request, instance):
    try:
        return {"rules": instance.rules}
    except RuleTableError as exc:
        return {"rule_errors": exc.errors}


register_crud(AssessmentRuleTable, queryset=AssessmentRuleTable.objects.all(), table=tables.AssessmentRuleTableTable,
              filterset=filtersets.AssessmentRuleTableFilterSet, form=forms.AssessmentRuleTableForm,
              fields=("code", "title", "effective_from", "effective_until", "source_document", "confirmation",
                      "remarks"), extra_context=_table_context)
