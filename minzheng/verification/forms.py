from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import ProgramKind
from minzheng.assistance.models import Program
from minzheng.framework.exceptions import DomainError
from minzheng.framework.forms import ActionForm, BaseModelForm
from minzheng.verification.choices import INCOME_KINDS, SourceKind
from minzheng.verification.models import Consent, EligibilityRuleSet, Verification
from minzheng.verification.reading import read_source

__all__ = ["ConsentForm", "EligibilityRuleSetForm", "RevokeForm", "SnapshotUploadForm", "VerificationForm"]

DATE = forms.DateInput(attrs={"type": "date"})


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


class ConsentForm(BaseModelForm):
    """A member's signed authorisation, with its scan."""

    class Meta:
        model = Consent
        fields = ["household", "person", "signed_on", "valid_until", "document", "remarks"]
        widgets = {"signed_on": DATE, "valid_until": DATE}


class RevokeForm(ActionForm):
    on = forms.DateField(label=_("Revoked from"), widget=DATE, help_text=_("Empty: today."), required=False)


class EligibilityRuleSetForm(BaseModelForm):
    income_sources = forms.MultipleChoiceField(
        label=_("Sources counted as income"), widget=forms.CheckboxSelectMultiple,
        choices=[(kind, SourceKind(kind).label) for kind in INCOME_KINDS])

    class Meta:
        model = EligibilityRuleSet
        fields = ["program", "division", "effective_from", "effective_until", "income_sources", "income_months",
                  "review_margin", "max_properties", "max_area_per_person", "check_vehicles",
                  "allowed_vehicle_types", "deposit_multiple", "business_outcome", "max_source_age_days",
                  "income_tolerance", "is_sample", "source_document", "remarks"]
        widgets = {"effective_from": DATE, "effective_until": DATE}


class VerificationForm(BaseModelForm):
    """A request: the household, the program whose rules apply, and the case or the purpose."""

    class Meta:
        model = Verification
        fields = ["household", "program", "case", "purpose"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].required = False
        self.fields["purpose"].help_text = _("Required without a case; with one, its number is the purpose.")
        self.fields["program"].queryset = Program.objects.filter(is_active=True).exclude(kind=ProgramKind.MEDICAL)
