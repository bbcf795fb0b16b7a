"""Forms of the case pages: the application, its documents, and the inputs of each step's service."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.models import User
from minzheng.approvals.choices import Decision
from minzheng.assistance.choices import EvaluationOutcome, InvestigationKind, ProgramKind, ReviewDecision
from minzheng.assistance.models import AssistanceCase, Investigation, Program
from minzheng.framework.forms import ActionForm, BaseModelForm
from minzheng.registry.models import Person

__all__ = ["ApplicationForm", "CaseDecisionForm", "CaseDocumentsForm", "EvaluationForm", "InvestigationForm",
           "ReasonForm", "ReviewInvestigationForm", "ReviewProposalForm", "SuspensionForm"]

DATE = forms.DateInput(attrs={"type": "date"})
MONTH = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(BaseModelForm):
    """A household's application, filed by the street (at the household's request) or the community."""

    class Meta:
        model = AssistanceCase
        fields = ["program", "household", "applicant", "channel", "household_income", "requested_amount", "reason",
                  "application_document", "authorisation_document"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # medical claims are filed with their bills (medical.file_claim, the claim form)
        self.fields["program"].queryset = Program.objects.filter(is_active=True).exclude(kind=ProgramKind.MEDICAL)
        self.fields["household_income"].help_text = _("The monthly income the household declares; the "
                                                      "investigation verifies it.")

    def clean(self):
        cleaned = super().clean()
        household, applicant = cleaned.get("household"), cleaned.get("applicant")
        if household and applicant and not household.memberships.filter(person=applicant,
                                                                         end_date__isnull=True).exists():
            self.add_error("applicant", _("The applicant must be a member of the household."))
        return cleaned


class CaseDocumentsForm(BaseModelForm):
    """What may be corrected on a case by hand: the attached documents, the reason and the review interval."""

    class Meta:
        model = AssistanceCase
        fields = ["application_document", "authorisation_document", "reason", "review_interval_months",
                  "next_review_on", "remarks"]
        widgets = {"next_review_on": DATE}


class CaseDecisionForm(ActionForm):
    """The decision on the case's current step; an approval step also takes the amount and the first month."""

    step_code = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text=_("Required to reject, return or comment; a rejection is sent in writing."))
    amount = forms.DecimalField(label=_("Approved monthly amount"), max_digits=12, decimal_places=2, required=False,
                                min_value=0, help_text=_("Empty: the calculated amount."))
    benefit_from = forms.DateField(label=_("Benefit from (first day of a month)"), required=False, widget=MONTH,
                                   help_text=_("Empty: the first day of next month."))


def _area_staff(case: AssistanceCase):
    """Users holding a role in the case's street (or its communities) or above it: who may investigate."""
    street_path = "/".join(case.division.path.split("/")[:3])
    ancestors = case.division.ancestor_paths()
    return (User.objects.filter(is_active=True)
            .filter(Q(role_assignments__division__path__in=ancestors)
                    | Q(role_assignments__division__path__startswith=street_path))
            .distinct().order_by("username"))


class InvestigationForm(ActionForm):
    """The record of the household economic-status investigation."""

    kind = forms.ChoiceField(label=_("Kind"), choices=InvestigationKind.choices, initial=InvestigationKind.APPLICATION)
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    home_visit = forms.BooleanField(label=_("Home visit made"), required=False, initial=True)
    investigator_1 = forms.ModelChoiceField(User.objects.none(), label=_("First investigator"))
    investigator_2 = forms.ModelChoiceField(User.objects.none(), label=_("Second investigator"))
    neighbour_visits = forms.IntegerField(label=_("Neighbours asked"), min_value=0, initial=0)
    neighbour_notes = forms.CharField(label=_("What the neighbours said"), widget=forms.Textarea(attrs={"rows": 2}),
                                      required=False)
    data_check = forms.CharField(label=_("Data checked"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    member_count = forms.IntegerField(label=_("Members living together"), min_value=1)
    household_income = forms.DecimalField(label=_("Verified household monthly income"), max_digits=12,
                                          decimal_places=2, min_value=0)
    seriously_ill = forms.ModelMultipleChoiceField(Person.objects.none(), label=_("Members with a serious illness"),
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))
    eligible = forms.BooleanField(label=_("Found eligible"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = _area_staff(self.instance)
        self.fields["investigator_1"].queryset = self.fields["investigator_2"].queryset = staff
        members = Person.objects.filter(memberships__household=self.instance.household,
                                        memberships__end_date__isnull=True)
        self.fields["seriously_ill"].queryset = members
        self.fields["member_count"].initial = self.instance.member_count


class EvaluationForm(ActionForm):
    """The minutes of the 民主评议 meeting."""

    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=1)
    attendees = forms.CharField(label=_("Attendees"), widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EvaluationOutcome.choices)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewInvestigationForm(InvestigationForm):
    """The investigation of a periodic review (its kind is fixed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class ReviewProposalForm(ActionForm):
    """The street's proposal after a periodic review."""

    decision = forms.ChoiceField(label=_("Proposal"), choices=ReviewDecision.choices)
    new_amount = forms.DecimalField(label=_("New monthly amount"), max_digits=12, decimal_places=2, required=False,
                                    min_value=0, help_text=_("For an increase or a decrease."))
    effective = forms.DateField(label=_("From (first day of a month)"), required=False, widget=MONTH,
                                help_text=_("Empty: the first day of next month."))
    investigation = forms.ModelChoiceField(Investigation.objects.none(), label=_("Review investigation"),
                                           required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigation"].queryset = self.instance.investigations.filter(kind=InvestigationKind.REVIEW)


class SuspensionForm(ActionForm):
    """Suspend or resume a benefit from a month."""

    effective = forms.DateField(label=_("From (first day of a month)"), widget=MONTH)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
