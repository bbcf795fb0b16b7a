"""Forms of the registry's pages: offices and their schedule (model forms), and the officers' operations."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division
from minzheng.framework.forms import ActionForm, BaseModelForm, restrict_form_fields, use_lazy_pickers
from minzheng.indicators.periods import add_months, first_of_month, months_between
from minzheng.marriage.choices import AssessmentOutcome, document_choices
from minzheng.marriage.models import (
    AdoptedChild,
    Appointment,
    OfficeDay,
    RegistryOffice,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.registry.choices import Sex
from minzheng.statistics.forms import MAX_MONTHS, MonthField

__all__ = ["AdoptionForm", "AssessmentForm", "CancelForm", "CapacityForm", "DivorceForm", "DivorceRegistrationForm",
           "MarriageForm", "NoticeForm", "NoteForm", "OfficeDayForm", "RegistryOfficeForm", "ReissueForm",
           "SlotTemplateForm", "StandardCheckForm", "StandardItemForm", "StatisticsForm", "WithdrawForm"]

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
SIDES = (("party_a", _("Party A")), ("party_b", _("Party B")))


class RegistryOfficeForm(BaseModelForm):
    class Meta:
        model = RegistryOffice
        fields = ["code", "name", "division", "address", "phone", "grade", "graded_on", "opens_at", "closes_at",
                  "booking_days", "is_active", "remarks"]
        widgets = {"graded_on": DATE, "opens_at": TIME, "closes_at": TIME}


class StandardItemForm(BaseModelForm):
    class Meta:
        model = StandardItem
        fields = ["code", "name", "description", "grade", "is_active"]


class StandardCheckForm(BaseModelForm):
    class Meta:
        model = StandardCheck
        fields = ["office", "item", "met", "checked_on", "remarks"]
        widgets = {"checked_on": DATE}


class SlotTemplateForm(BaseModelForm):
    class Meta:
        model = SlotTemplate
        fields = ["office", "service", "starts_at", "ends_at", "capacity"]
        widgets = {"starts_at": TIME, "ends_at": TIME}


class OfficeDayForm(BaseModelForm):
    class Meta:
        model = OfficeDay
        fields = ["office", "date", "is_open", "reason"]
        widgets = {"date": DATE}


def _documents_field(label):
    return forms.MultipleChoiceField(label=label, choices=document_choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class PartyFieldsMixin:
    """Adds, per party, the fields the officer records (name and identity number first)."""

    party_fields: tuple[str, ...] = ()

    def add_party_fields(self) -> None:
        for side, label in SIDES:
            self.fields[f"{side}_name"] = forms.CharField(label=_("%(party)s: name") % {"party": label},
                                                          max_length=50)
            self.fields[f"{side}_id_number"] = forms.CharField(
                label=_("%(party)s: identity number") % {"party": label}, max_length=18)
            for name in self.party_fields:
                self.fields[f"{side}_{name}"] = self.party_field(name, label)

    def party_field(self, name: str, label):
        raise NotImplementedError


def _bool(label, initial=True):
    return forms.BooleanField(label=label, required=False, initial=initial)


MARRIAGE_PARTY_LABELS = {
    "present": _("%(party)s appears in person"),
    "voluntary": _("%(party)s consents freely"),
    "declares_prohibited_kinship": _("%(party)s declares prohibited kinship with the other"),
    "barring_disease": _("%(party)s has a disease barring marriage (before 2021)"),
    "documents": _("%(party)s presents"),
}


class MarriageForm(PartyFieldsMixin, forms.Form):
    """Registering a marriage: both parties as the officer sees them."""

    party_fields = ("present", "voluntary", "declares_prohibited_kinship", "barring_disease", "documents")
    office = forms.ModelChoiceField(RegistryOffice.objects.all(), label=_("Registry office"))
    appointment = forms.ModelChoiceField(Appointment.objects.filter(status="booked"), label=_("Appointment"),
                                         required=False)
    note = forms.CharField(label=_("Note (added to a written refusal)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_party_fields()
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def party_field(self, name, label):
        text = MARRIAGE_PARTY_LABELS[name] % {"party": label}
        if name == "documents":
            return _documents_field(text)
        return _bool(text, initial=name in ("present", "voluntary"))


DIVORCE_PARTY_LABELS = {
    "present": _("%(party)s appears in person"),
    "full_civil_capacity": _("%(party)s has full civil capacity"),
    "documents": _("%(party)s presents"),
}


class DivorceForm(PartyFieldsMixin, forms.Form):
    """Receiving an application for divorce by agreement."""

    party_fields = ("present", "full_civil_capacity", "documents")
    office = forms.ModelChoiceField(RegistryOffice.objects.all(), label=_("Registry office"))
    marriage_certificate_number = forms.CharField(label=_("Marriage certificate number"), max_length=30)
    registered_in_mainland = forms.BooleanField(label=_("The marriage was registered in mainland China"),
                                                required=False, initial=True)
    agreement_signed = forms.BooleanField(label=_("Both signed the divorce agreement"), required=False)
    appointment = forms.ModelChoiceField(Appointment.objects.filter(status="booked"), label=_("Appointment"),
                                         required=False)
    note = forms.CharField(label=_("Note (added to a written refusal)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_party_fields()
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def party_field(self, name, label):
        text = DIVORCE_PARTY_LABELS[name] % {"party": label}
        return _documents_field(text) if name == "documents" else _bool(text)


class DivorceRegistrationForm(ActionForm):
    """Both spouses appear after the cooling-off."""

    party_a_present = _bool(_("Party A appears in person"))
    party_a_full_civil_capacity = _bool(_("Party A has full civil capacity"))
    party_a_documents = _documents_field(_("Party A presents"))
    party_b_present = _bool(_("Party B appears in person"))
    party_b_full_civil_capacity = _bool(_("Party B has full civil capacity"))
    party_b_documents = _documents_field(_("Party B presents"))
    appointment = forms.ModelChoiceField(Appointment.objects.filter(status="booked"), label=_("Appointment"),
                                         required=False)
    note = forms.CharField(label=_("Note (added to a written refusal)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def limit_choices(self) -> None:
        self.fields["appointment"].queryset = self.fields["appointment"].queryset.filter(
            office=self.instance.office)


class WithdrawForm(ActionForm):
    withdrawn_by = forms.ChoiceField(label=_("Withdrawn by"))

    def limit_choices(self) -> None:
        names = (self.instance.party_a_name, self.instance.party_b_name)
        self.fields["withdrawn_by"].choices = [(name, name) for name in names]


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(ActionForm):
    reason = forms.CharField(label=_("Reason (told to the public)"), max_length=200)


class CapacityForm(ActionForm):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)

    def limit_choices(self) -> None:
        self.fields["capacity"].initial = self.instance.capacity


class ReissueForm(ActionForm):
    """A replacement certificate for one holder, issued at one of the user's offices."""

    office = forms.ModelChoiceField(RegistryOffice.objects.all(), label=_("Issued at"))
    holder_id_number = forms.CharField(label=_("Identity number of the holder"), max_length=18)

    def limit_choices(self) -> None:
        self.fields["office"].initial = self.instance.office_id


class ChildFields(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("Identity number"), max_length=18, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE,
                                 help_text=_("Needed when there is no identity number."))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    orphan = forms.BooleanField(label=_("Orphan"), required=False)
    parents_unknown = forms.BooleanField(label=_("Parents cannot be found"), required=False)
    parents_in_hardship = forms.BooleanField(label=_("Parents cannot raise the child"), required=False)
    disabled = forms.BooleanField(label=_("Disabled"), required=False)
    in_welfare_institution = forms.BooleanField(label=_("Raised by a welfare institution"), required=False)
    relative = forms.BooleanField(label=_("Child of a relative of the same generation"), required=False)
    consents = forms.NullBooleanField(label=_("The child consents"), required=False,
                                      widget=forms.Select(choices=[("unknown", _("Not asked")), ("true", _("Yes")),
                                                                   ("false", _("No"))]))


class AdopterFields(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("Identity number"), max_length=18)
    married = forms.BooleanField(label=_("Married"), required=False)
    children = forms.IntegerField(label=_("Children already had"), min_value=0, max_value=20, initial=0)
    able_to_raise = forms.BooleanField(label=_("Able to raise, educate and protect the child"), required=False,
                                       initial=True)
    barring_disease = forms.BooleanField(label=_("Has a disease barring adoption"), required=False)
    harmful_criminal_record = forms.BooleanField(label=_("Has a criminal record harmful to minors"), required=False)
    overseas_chinese = forms.BooleanField(label=_("Overseas Chinese"), required=False)


class AdoptionForm(forms.Form):
    """The application: the office; the adopters and children come in the prefixed sub-forms of the view."""

    office = forms.ModelChoiceField(RegistryOffice.objects.all(), label=_("Registry office"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_form_fields(self, user)
        use_lazy_pickers(self)


class AssessmentForm(ActionForm):
    assessor = forms.CharField(label=_("Assessed by"), max_length=100)
    assessed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AssessmentOutcome.choices)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))


class NoticeForm(ActionForm):
    child = forms.ModelChoiceField(AdoptedChild.objects.none(), label=_("Child"))
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    medium = forms.CharField(label=_("Published in"), max_length=100)

    def limit_choices(self) -> None:
        self.fields["child"].queryset = self.instance.children.filter(parents_unknown=True)


class StatisticsForm(forms.Form):
    """``division`` (of the user's area; empty: all of it), ``from`` and ``to`` (months; default: the last 12)."""

    division = forms.ModelChoiceField(Division.objects.all(), required=False, label=_("Division"),
                                      help_text=_("Empty: your whole area."))

    def __init__(self, *args, user, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        last = first_of_month(today or timezone.localdate())
        self.default_months = (add_months(last, -11), last)
        self.fields["from"] = MonthField(label=_("From month"), required=False, initial=self.default_months[0])
        self.fields["to"] = MonthField(label=_("To month"), required=False, initial=self.default_months[1])
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("from") or self.default_months[0]
        end = cleaned_data.get("to") or self.default_months[1]
        if start > end:
            self.add_error("from", _("The first month is after the last one."))
        elif len(months_between(start, end)) > MAX_MONTHS:
            self.add_error("to", _("A report covers at most %(count)d months.") % {"count": MAX_MONTHS})
        cleaned_data["months"] = months_between(start, end)
        return cleaned_data

    def query(self) -> dict:
        if not self.is_bound:
            return {"division": None, "months": months_between(*self.default_months)}
        return {"division": self.cleaned_data.get("division"), "months": self.cleaned_data["months"]}
