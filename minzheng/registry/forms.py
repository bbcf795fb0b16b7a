"""Forms of plain edits. Household changes, life events and merges go through ``registry.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division
from minzheng.framework.forms import ActionForm, BaseModelForm
from minzheng.framework.templatetags.privacy import masked
from minzheng.framework.urls import model_url
from minzheng.framework.widgets import LazyPicker
from minzheng.registry.choices import LifeEventKind, Relation
from minzheng.registry.models import Household, LifeEvent, Membership, Person

__all__ = [
    "AddMemberForm",
    "ChangeHeadForm",
    "ConfirmForm",
    "HouseholdForm",
    "LifeEventForm",
    "MembershipForm",
    "MergeDuplicateForm",
    "MergeHouseholdForm",
    "PersonForm",
    "RecordLifeEventForm",
    "RemoveMemberForm",
    "SplitHouseholdForm",
    "TransferMemberForm",
]

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(BaseModelForm):
    """A person's registered data. The status (death, move) changes through life events and the registry
    number is issued by the services, not here."""

    class Meta:
        model = Person
        fields = ["id_number", "name", "sex", "birth_date", "ethnicity", "marital_status",
                  "hukou_division", "residence_division", "address", "phone", "disability_category",
                  "disability_grade", "remarks"]
        widgets = {"birth_date": DATE}


class HouseholdForm(BaseModelForm):
    """A household's own data; a new one is registered with its head, and its members change through the
    household services."""

    head = forms.ModelChoiceField(Person.objects.all(), label=_("Head of household"))

    class Meta:
        model = Household
        fields = ["number", "kind", "division", "address", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["head"]
        else:
            del self.fields["remarks"]
            lazy(self.fields["head"])


class MembershipForm(BaseModelForm):
    """Corrections of a membership record; who belongs where, and as what, changes through the services."""

    class Meta:
        model = Membership
        fields = ["start_date", "end_reason", "remarks"]
        widgets = {"start_date": DATE}


class LifeEventForm(BaseModelForm):
    """Notes on a recorded life event; the event itself (kind, date, person) is recorded through the services."""

    class Meta:
        model = LifeEvent
        fields = ["remarks"]


# Inputs of the registry services (household changes, life events, duplicates)

OPTIONAL_DATE = {"required": False, "widget": DATE, "help_text": _("Today when left empty.")}
MEMBER_RELATIONS = [choice for choice in Relation.choices if choice[0] != Relation.HEAD]


def person_picker(label, *, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(Person.objects.all(), label=label, required=required)


def lazy(field: forms.ModelChoiceField) -> None:
    """A search box instead of a <select>: people are counted in hundreds of thousands per district."""
    field.widget = LazyPicker(model_url(field.queryset.model, "choices"), field.queryset)


class _HouseholdActionForm(ActionForm):
    """Member choices are the household's current members."""

    member_fields: tuple[str, ...] = ()
    picker_fields: tuple[str, ...] = ()

    def limit_choices(self):
        members = Person.objects.filter(memberships__household=self.instance, memberships__end_date__isnull=True)
        for name in self.member_fields:
            self.fields[name].queryset = members

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.picker_fields:
            lazy(self.fields[name])


class AddMemberForm(_HouseholdActionForm):
    person = person_picker(_("Person"))
    relation = forms.ChoiceField(choices=MEMBER_RELATIONS, label=_("Relation to the head"))
    date = forms.DateField(label=_("From"), **OPTIONAL_DATE)

    picker_fields = ("person",)


class RemoveMemberForm(_HouseholdActionForm):
    person = person_picker(_("Member"))
    reason = forms.CharField(label=_("Reason for leaving"), max_length=100)
    date = forms.DateField(label=_("Until"), **OPTIONAL_DATE)
    new_head = person_picker(_("New head (when the head leaves)"), required=False)

    member_fields = ("person", "new_head")


class TransferMemberForm(_HouseholdActionForm):
    """Into this household, from the person's current one."""

    person = person_picker(_("Person"))
    relation = forms.ChoiceField(choices=MEMBER_RELATIONS, label=_("Relation to the head"))
    date = forms.DateField(label=_("From"), **OPTIONAL_DATE)
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
    new_head = person_picker(_("New head of the household left (when its head moves)"), required=False)

    picker_fields = ("person", "new_head")


class ChangeHeadForm(_HouseholdActionForm):
    new_head = person_picker(_("New head"))
    old_head_relation = forms.ChoiceField(choices=MEMBER_RELATIONS, initial=Relation.OTHER,
                                          label=_("The former head's relation to the new head"))
    date = forms.DateField(label=_("From"), **OPTIONAL_DATE)

    member_fields = ("new_head",)


class SplitHouseholdForm(_HouseholdActionForm):
    members = forms.ModelMultipleChoiceField(Person.objects.all(), label=_("Members moving out"),
                                             widget=forms.CheckboxSelectMultiple)
    new_head = person_picker(_("Head of the new household"))
    number = forms.CharField(label=_("Number of the new household"), max_length=30)
    remaining_head = person_picker(_("New head of this household (when its head moves out)"), required=False)
    date = forms.DateField(label=_("From"), **OPTIONAL_DATE)

    member_fields = ("members", "new_head", "remaining_head")


class MergeHouseholdForm(_HouseholdActionForm):
    """Another household's members join this one, which keeps its head; the other is dissolved."""

    source = forms.ModelChoiceField(Household.objects.filter(dissolved_on__isnull=True),
                                    label=_("Household to merge into this one"))
    date = forms.DateField(label=_("From"), **OPTIONAL_DATE)

    picker_fields = ("source",)


class RecordLifeEventForm(ActionForm):
    kind = forms.ChoiceField(choices=LifeEventKind.choices, label=_("Event"))
    date = forms.DateField(label=_("Date"), widget=DATE)
    residence_division = forms.ModelChoiceField(
        Division.objects.all(), required=False, label=_("New residence (moves within the city)"),
        help_text=_("Leave empty for a move away from the city."))

    def details(self) -> dict:
        division = self.cleaned_data.get("residence_division")
        if self.cleaned_data["kind"] == LifeEventKind.MOVE and division is not None:
            return {"residence_division": division.code}
        return {}


class MergeDuplicateForm(ActionForm):
    keep = forms.ChoiceField(label=_("Record to keep"), widget=forms.RadioSelect)

    def limit_choices(self):
        pair = (self.instance.person, self.instance.other)
        self.fields["keep"].choices = [(person.pk, f"{person} · {person.birth_date} · {person.hukou_division}"
                                        + (f" · {masked(person, 'id_number')}" if person.id_number else ""))
                                       for person in pair]

    def chosen(self) -> tuple[Person, Person]:
        """``(keep, remove)``."""
        keep_pk = int(self.cleaned_data["keep"])
        pair = (self.instance.person, self.instance.other)
        return (pair[0], pair[1]) if pair[0].pk == keep_pk else (pair[1], pair[0])


class ConfirmForm(ActionForm):
    """An operation that needs no input beyond the confirmation."""
