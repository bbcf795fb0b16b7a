"""The public's forms: the area filter of the notice list, and the objection to a notice."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.models import Division

__all__ = ["AreaForm", "ObjectionForm"]


class AreaForm(forms.Form):
    """A district, street or community among those with notices under way (their public names only)."""

    area = forms.ChoiceField(label=_("District, street or community"), required=False)

    def __init__(self, *args, areas: list[Division], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {division.code: division for division in areas}
        self.fields["area"].choices = [("", _("All"))] + [
            (division.code, "— " * (division.depth - 1) + division.name) for division in areas]

    def chosen(self) -> Division | None:
        """The chosen unit (the form must be valid)."""
        return self.areas.get(self.cleaned_data.get("area") or "")


class ObjectionForm(forms.Form):
    """An objection to one case under notice; the contact details are optional."""

    notice = forms.IntegerField(widget=forms.HiddenInput)
    content = forms.CharField(label=_("Your objection"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What you know that speaks against this application."))
    name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    phone = forms.CharField(label=_("Your phone (optional)"), max_length=30, required=False,
                            validators=[RegexValidator(r"^[0-9+\- ]{5,30}$", _("Enter a phone number."))],
                            help_text=_("So that the street office can ask you about it; never published."))
