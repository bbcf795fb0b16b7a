"""The public's forms: choosing an office, service and day; booking a slot; cancelling."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from minzheng.marriage.choices import Service

__all__ = ["BookingForm", "CancelForm", "ChooseForm"]

PHONE = RegexValidator(r"^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$", _("Enter a mobile or landline number."))


class ChooseForm(forms.Form):
    """Office and service, then one of the office's bookable days."""

    office = forms.ChoiceField(label=_("Registry office"))
    service = forms.ChoiceField(label=_("Service"), choices=Service.choices)
    date = forms.ChoiceField(label=_("Day"), required=False)

    def __init__(self, *args, offices, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [("", "—")] + [(office.code, office.name) for office in offices]
        self.fields["date"].choices = [("", "—")] + [(day.isoformat(), f"{day:%Y-%m-%d}") for day in days]


class BookingForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("Time"), coerce=int, widget=forms.RadioSelect)
    party_a_name = forms.CharField(label=_("Party A: name"), max_length=50)
    party_a_id_number = forms.CharField(label=_("Party A: identity number"), max_length=18)
    party_b_name = forms.CharField(label=_("Party B: name"), max_length=50, required=False)
    party_b_id_number = forms.CharField(label=_("Party B: identity number"), max_length=18, required=False,
                                        help_text=_("Not needed for a replacement certificate asked by one person."))
    phone = forms.CharField(label=_("Mobile phone for the confirmation"), max_length=20, validators=[PHONE])

    def __init__(self, *args, slots=(), service="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [
            (slot.pk, _("%(start)s–%(end)s (%(free)s free)") % {"start": f"{slot.starts_at:%H:%M}",
                                                                "end": f"{slot.ends_at:%H:%M}", "free": slot.remaining})
            for slot in slots]
        if service != Service.REISSUE:
            self.fields["party_b_name"].required = self.fields["party_b_id_number"].required = True


class CancelForm(forms.Form):
    number = forms.CharField(label=_("Appointment number"), max_length=20)
    id_number = forms.CharField(label=_("Identity number of either party"), max_length=18)
