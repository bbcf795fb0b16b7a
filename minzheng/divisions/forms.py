from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.importing import decode_file
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.exceptions import DomainError
from minzheng.framework.forms import BaseModelForm

__all__ = ["DivisionChangeForm", "DivisionForm", "DivisionImportForm"]


class DivisionForm(BaseModelForm):
    class Meta:
        model = Division
        fields = ["code", "name", "level", "kind", "parent", "urban_rural_class", "valid_from", "valid_to", "is_demo",
                  "remarks"]
        widgets = {"valid_from": forms.DateInput(attrs={"type": "date"}),
                   "valid_to": forms.DateInput(attrs={"type": "date"})}


class DivisionChangeForm(BaseModelForm):
    class Meta:
        model = DivisionChange
        fields = ["date", "date_confirmed", "kind", "description", "document", "sources", "targets", "remarks"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class DivisionImportForm(forms.Form):
    """Upload of a code list; ``cleaned_data["file"]`` is its decoded text."""

    MAX_MEGABYTES = 10

    file = forms.FileField(label=_("Division code list (CSV: code, name, urban-rural class)"))

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_MEGABYTES * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(size)d MB."), params={"size": self.MAX_MEGABYTES})
        try:
            return decode_file(upload.read())
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from exc
