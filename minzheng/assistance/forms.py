from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.calculation import Member
from minzheng.assistance.choices import ProgramKind, UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    MedicalClaim,
    Program,
    Standard,
)
from minzheng.divisions.models import Division
from minzheng.framework.forms import ActionForm, BaseModelForm, restrict_form_fields, use_lazy_pickers
from minzheng.registry.models import Household

__all__ = [
    "CalculationRuleSetForm",
    "CalculatorForm",
    "CaseworkerRecordForm",
    "ConflictFilingForm",
    "DeclaredRelativeForm",
    "GrantAmountForm",
    "MedicalClaimForm",
    "MemberFormSet",
    "ProgramForm",
    "RecalculationApprovalForm",
    "RecalculationRejectionForm",
    "StandardForm",
    "UrgentGrantForm",
]

DATE = forms.DateInput(attrs={"type": "date"})


class ProgramForm(BaseModelForm):
    class Meta:
        model = Program
        fields = ["code", "name", "kind", "legal_basis", "is_active"]


class StandardForm(BaseModelForm):
    class Meta:
        model = Standard
        fields = ["program", "area_type", "division", "effective_from", "effective_until", "amount", "is_sample",
                  "source_document", "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE}


class CalculationRuleSetForm(BaseModelForm):
    class Meta:
        model = CalculationRuleSet
        fields = ["program", "division", "effective_from", "effective_until", "rules", "is_sample",
                  "source_document", "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE,
                   "rules": forms.Textarea(attrs={"rows": 16, "class": "code"})}


class CaseworkerRecordForm(BaseModelForm):
    class Meta:
        model = CaseworkerRecord
        fields = ["person", "name", "id_number", "role", "position", "division", "user", "active_from", "active_until",
                  "remarks"]
        widgets = {"active_from": DATE, "active_until": DATE}


class DeclaredRelativeForm(BaseModelForm):
    class Meta:
        model = DeclaredRelative
        fields = ["caseworker", "relation", "person", "name", "id_number", "remarks"]


class ConflictFilingForm(BaseModelForm):
    class Meta:
        model = ConflictFiling
        fields = ["caseworker", "relative", "division", "case_reference", "filed_on", "note", "remarks"]
        widgets = {"filed_on": DATE}

    def save(self, commit=True):
        if self.instance.filed_by_id is None:
            self.instance.filed_by = self.user  # the one filing it, not a choice
        return super().save(commit=commit)


# The 低保 calculator


class CalculatorForm(forms.Form):
    """What the 低保 calculator needs besides the members: which standard, and the household's income."""

    program = forms.ModelChoiceField(Program.objects.filter(kind=ProgramKind.DIBAO, is_active=True),
                                     label=_("Program"))
    area_type = forms.ChoiceField(choices=UrbanRural.choices, label=_("Urban or rural"))
    division = forms.ModelChoiceField(Division.objects.all(), label=_("Division of the household"))
    date = forms.DateField(label=_("Date"), widget=DATE)
    household_income = forms.DecimalField(label=_("Household monthly income"), min_value=0, max_digits=12,
                                          decimal_places=2)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        restrict_form_fields(self, user)
        use_lazy_pickers(self)


class MemberForm(forms.Form):
    """One household member of the calculator; a row without an age is not a member."""

    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=150, required=False)
    severe_disability = forms.BooleanField(label=_("Severe disability (grade 1–2)"), required=False)
    serious_illness = forms.BooleanField(label=_("Serious illness"), required=False)

    def member(self, number: int) -> Member | None:
        data = self.cleaned_data
        if data.get("age") is None:
            return None
        return Member(age=data["age"], severe_disability=data["severe_disability"],
                      serious_illness=data["serious_illness"], label=_("member %(number)d") % {"number": number})


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(self.errors) and not self.members():
            raise forms.ValidationError(_("Enter the age of at least one member."))

    def members(self) -> list[Member]:
        members = [form.member(number) for number, form in enumerate(self.forms, 1)]
        return [member for member in members if member is not None]


MemberFormSet = forms.formset_factory(MemberForm, formset=BaseMemberFormSet, extra=6, max_num=20)


# 医疗救助 claims, 临时救助 amounts and 先行救助, recalculations


class MedicalClaimForm(BaseModelForm):
    """A 医疗救助 claim with its bills; the case is filed with it (``medical.file_claim``)."""

    program = forms.ModelChoiceField(Program.objects.filter(kind=ProgramKind.MEDICAL, is_active=True),
                                     label=_("Program"))
    household = forms.ModelChoiceField(Household.objects.all(), label=_("Household"))
    reason = forms.CharField(label=_("Reason for applying"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    application_document = forms.FileField(label=_("Written application"), required=False, help_text=_(
        "Not needed for a patient of a minimum-living-guarantee or extreme-poverty household (no application)."))
    authorisation_document = forms.FileField(label=_("Signed authorisation for economic checks"), required=False)

    field_order = ["program", "household", "patient", "category"]

    class Meta:
        model = MedicalClaim
        fields = ["patient", "category", "hospital", "treated_from", "treated_until", "settled_on", "total_cost",
                  "insurance_paid", "other_paid", "ineligible_cost", "remarks"]
        widgets = {"treated_from": DATE, "treated_until": DATE, "settled_on": DATE}


class GrantAmountForm(ActionForm):
    amount = forms.DecimalField(label=_("Grant amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
                                help_text=_("Up to the street approval limit the street's approval is final."))


class UrgentGrantForm(GrantAmountForm):
    reason = forms.CharField(label=_("Why it cannot wait"), widget=forms.Textarea(attrs={"rows": 3}))


class RecalculationApprovalForm(ActionForm):
    confirm = forms.BooleanField(label=_("Apply every changed amount from the first month of the recalculation"))


class RecalculationRejectionForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
