"""Forms of the elderly-care pages: record forms (choices scoped by ``BaseModelForm``) and operation forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import Program
from minzheng.assistance.models.cases import SUBSIDY_KINDS
from minzheng.divisions.choices import Level
from minzheng.eldercare.choices import OrderStatus, ProviderStatus, Satisfaction
from minzheng.eldercare.models import (
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
from minzheng.framework.forms import ActionForm, BaseModelForm
from minzheng.registry.models import Household, Person

__all__ = ["AssessmentRuleTableForm", "BedBlockForm", "CancelForm", "CompleteForm", "ConditionForm", "DispatchForm",
           "ElderlyAssociationForm", "EstablishmentEditForm", "EstablishmentForm", "EstablishmentRuleSetForm",
           "FindingForm", "HonourAwardForm", "InspectionForm", "InstitutionForm", "InsurancePolicyForm",
           "LicenceDecisionForm", "OccupancyReportForm", "ProviderForm", "ProviderServiceForm", "RectifyForm",
           "SatisfactionForm", "ServiceCentreForm", "ServiceOrderEditForm", "ServiceOrderForm", "SiteInspectionForm",
           "SubsidyApplicationForm", "SubsidyRuleSetForm", "VisitForm"]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, **kwargs)


def _when(label) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=False, input_formats=DATETIME_FORMATS,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                               help_text=_("Empty: now."))


def _note(label, required=True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 3}))


class EstablishmentRuleSetForm(BaseModelForm):
    class Meta:
        model = EstablishmentRuleSet
        fields = ["code", "name", "procedure", "effective_from", "effective_until", "min_beds", "decision_workdays",
                  "notice_workdays", "requires_site_inspection", "licence_valid_years", "source_document",
                  "confirmation", "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE}


class AssessmentRuleTableForm(BaseModelForm):
    class Meta:
        model = AssessmentRuleTable
        fields = ["code", "title", "effective_from", "effective_until", "table", "source_document", "confirmation",
                  "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE,
                   "table": forms.Textarea(attrs={"rows": 20, "class": "code"})}


class InstitutionForm(BaseModelForm):
    class Meta:
        model = Institution
        fields = ["name", "division", "address", "ownership", "operator", "credit_code", "contact", "phone", "status",
                  "opened_on", "closed_on", "remarks"]
        widgets = {"opened_on": DATE, "closed_on": DATE}


class EstablishmentForm(BaseModelForm):
    """A licence application or a registration filing: which one follows from the date (the rules in force)."""

    received_on = _date(_("Received on"), help_text=_("The rules in force on this date decide the procedure."))
    beds_declared = forms.IntegerField(label=_("Beds declared"), min_value=0)
    registration_authority = forms.CharField(label=_("Registration authority"), max_length=100, required=False,
                                             help_text=_("Registration and filing only (from 2018)."))
    registration_number = forms.CharField(label=_("Registration number"), max_length=50, required=False)
    registered_on = _date(_("Registered on"), required=False)

    field_order = ["institution", "applicant", "received_on", "beds_declared", "registration_authority",
                   "registration_number", "registered_on", "remarks"]

    class Meta:
        model = Establishment
        fields = ["institution", "applicant", "remarks"]


class EstablishmentEditForm(BaseModelForm):
    class Meta:
        model = Establishment
        fields = ["applicant", "remarks"]


class SiteInspectionForm(ActionForm):
    on = _date(_("Inspected on"))
    passed = forms.TypedChoiceField(label=_("Result"), coerce=lambda value: value == "yes",
                                    choices=[("yes", _("Passed")), ("no", _("Failed"))])
    notes = _note(_("Notes"), required=False)


class LicenceDecisionForm(ActionForm):
    on = _date(_("Decided on"))
    granted = forms.TypedChoiceField(label=_("Decision"), coerce=lambda value: value == "grant",
                                     choices=[("grant", _("Grant the licence")), ("refuse", _("Refuse"))])
    licence_number = forms.CharField(label=_("Licence number"), max_length=50, required=False)
    reason = _note(_("Reason for a refusal"), required=False)


class BedBlockForm(BaseModelForm):
    class Meta:
        model = BedBlock
        fields = ["institution", "kind", "change", "beds", "on", "remarks"]
        widgets = {"on": DATE}


class OccupancyReportForm(BaseModelForm):
    class Meta:
        model = OccupancyReport
        fields = ["institution", "as_of", "occupied", "remarks"]
        widgets = {"as_of": DATE}


class InspectionForm(BaseModelForm):
    class Meta:
        model = Inspection
        fields = ["institution", "inspected_on", "kind", "inspectors", "conclusion", "summary", "remarks"]
        widgets = {"inspected_on": DATE}


class FindingForm(BaseModelForm):
    class Meta:
        model = InspectionFinding
        fields = ["inspection", "category", "description", "rectification_due", "remarks"]
        widgets = {"rectification_due": DATE, "description": forms.Textarea(attrs={"rows": 3})}


class RectifyForm(ActionForm):
    on = _date(_("Rectified on"))
    note = _note(_("What was done"))


class ServiceCentreForm(BaseModelForm):
    class Meta:
        model = ServiceCentre
        fields = ["kind", "name", "division", "address", "opened_on", "closed_on", "operating_model", "operator",
                  "places", "served_communities", "contractor", "contract_number", "contract_start", "contract_end",
                  "contract_amount", "remarks"]
        widgets = {"opened_on": DATE, "closed_on": DATE, "contract_start": DATE, "contract_end": DATE,
                   "served_communities": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["served_communities"]
        field.queryset = field.queryset.filter(level=Level.COMMUNITY, valid_to__isnull=True)
        field.help_text = _("Meal service points: communities served besides the one it lies in.")


class ConditionForm(ActionForm):
    on = _date(_("Condition changed on"))
    note = _note(_("What changed"))


class CancelForm(ActionForm):
    reason = _note(_("Reason"))


class ProviderForm(BaseModelForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "division", "credit_code", "contact", "phone", "address", "registered_on", "status",
                  "remarks"]
        widgets = {"registered_on": DATE}


class ProviderServiceForm(BaseModelForm):
    class Meta:
        model = ProviderService
        fields = ["provider", "category", "name", "unit", "price", "is_active", "remarks"]


class ServiceOrderForm(BaseModelForm):
    class Meta:
        model = ServiceOrder
        fields = ["person", "channel", "category", "request", "contact_phone", "remarks"]
        widgets = {"request": forms.Textarea(attrs={"rows": 3})}


class ServiceOrderEditForm(BaseModelForm):
    class Meta:
        model = ServiceOrder
        fields = ["request", "contact_phone", "remarks"]
        widgets = {"request": forms.Textarea(attrs={"rows": 3})}


class DispatchForm(ActionForm):
    provider = forms.ModelChoiceField(Provider.objects.all(), label=_("Provider"))
    service = forms.ModelChoiceField(ProviderService.objects.all(), label=_("Service"))
    at = _when(_("Dispatched at"))

    def limit_choices(self) -> None:
        order = self.instance
        self.fields["provider"].queryset = Provider.objects.filter(status=ProviderStatus.ACTIVE)
        services = ProviderService.objects.filter(is_active=True, provider__status=ProviderStatus.ACTIVE)
        if order.status == OrderStatus.RECEIVED:
            services = services.filter(category=order.category)
        self.fields["service"].queryset = services.select_related("provider")


class VisitForm(ActionForm):
    at = _when(_("Visited at"))
    note = _note(_("Visit record"))


class CompleteForm(ActionForm):
    at = _when(_("Completed at"))
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=6, decimal_places=2, min_value=0, initial=1,
                                  help_text=_("In the service's unit (visits, hours or meals)."))


class SatisfactionForm(ActionForm):
    satisfaction = forms.TypedChoiceField(label=_("Satisfaction"), coerce=int, choices=Satisfaction.choices,
                                          widget=forms.RadioSelect)
    feedback = _note(_("Elder's feedback"), required=False)


class InsurancePolicyForm(BaseModelForm):
    class Meta:
        model = InsurancePolicy
        fields = ["person", "year", "insurer", "policy_number", "insured_from", "insured_until", "premium", "paid_by",
                  "sum_insured", "remarks"]
        widgets = {"insured_from": DATE, "insured_until": DATE}


class ElderlyAssociationForm(BaseModelForm):
    class Meta:
        model = ElderlyAssociation
        fields = ["division", "name", "founded_on", "dissolved_on", "chair", "members", "phone", "remarks"]
        widgets = {"founded_on": DATE, "dissolved_on": DATE}


class HonourAwardForm(BaseModelForm):
    class Meta:
        model = HonourAward
        fields = ["awardee", "awardee_kind", "division", "institution", "year", "level", "awarded_by",
                  "document_number", "remarks"]



class SubsidyRuleSetForm(BaseModelForm):
    class Meta:
        model = SubsidyRuleSet
        fields = ["program", "division", "effective_from", "effective_until", "min_age", "level_amounts",
                  "age_amounts", "flat_amount", "income_limit_multiple", "pilot_divisions", "rural_only", "is_sample",
                  "source_document", "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(kind__in=SUBSIDY_KINDS)


class SubsidyApplicationForm(ActionForm):
    """An elder's application for a subsidy: the programme, the household and its declared monthly income."""

    program = forms.ModelChoiceField(Program.objects.filter(kind__in=SUBSIDY_KINDS, is_active=True),
                                     label=_("Subsidy"))
    household = forms.ModelChoiceField(Household.objects.all(), label=_("Household"))
    person = forms.ModelChoiceField(Person.objects.all(), label=_("Elder"))
    household_income = forms.DecimalField(label=_("Household monthly income declared"), max_digits=12,
                                          decimal_places=2, min_value=0, initial=0)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    application_document = forms.FileField(label=_("Written application"))
    authorisation_document = forms.FileField(label=_("Signed authorisation"))

    def clean(self):
        data = super().clean()
        household, person = data.get("household"), data.get("person")
        if household and person and not household.memberships.filter(person=person, end_date__isnull=True).exists():
            self.add_error("person", _("Choose a current member of the household."))
        return data
