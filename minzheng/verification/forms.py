from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.framework.exceptions import DomainError
from minzheng.verification.choices import SourceKind
from minzheng.verification.reading import read_source

__all__ = ["SnapshotUploadForm"]


class SnapshotUploadForm(forms.Form):
    """A source file with its kind and date; the header is checked at once, the rows by the job."""

    MAX_MEGABYTES = 500

    kind = forms.ChoiceField(label=_("Source"), choices=SourceKind.choices)
    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    label = forms.CharField(label=_("Label"), max_length=200, required=False)
    file = forms.FileField(label=_("File (xlsx or CSV)"))

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is None or "kind" not in data:
            return data
        if upload.size > self.MAX_MEGABYTES * 1024 * 1024:
            self.add_error("file", _("The file is larger than %(size)d MB.") % {"size": self.MAX_MEGABYTES})
            return data
        try:
            read_source(upload.read(), data["kind"], header_only=True)
        except DomainError as exc:
            self.add_error("file", exc.message)
        upload.seek(0)
        return data
