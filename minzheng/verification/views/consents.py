"""Pages of consents (授权书): the list, one consent, recording one, revoking it."""

from django.utils.translation import gettext_lazy as _

from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectEditView, ObjectListView, ObjectView
from minzheng.verification import filtersets, forms, tables
from minzheng.verification.consents import record_consent, revoke_consent
from minzheng.verification.models import Consent

CONSENTS = Consent.objects.select_related("household", "person")


@register_model_view(Consent, "list")
class ConsentListView(ObjectListView):
    queryset = CONSENTS
    filterset = filtersets.ConsentFilterSet
    table = tables.ConsentTable


@register_model_view(Consent)
class ConsentView(ObjectView):
    queryset = CONSENTS
    fields = ("household", "person", "signed_on", "valid_until", "revoked_on", "document", "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}


@register_model_view(Consent, "add")
class ConsentAddView(ObjectEditView):
    """Record a signed consent; it is never edited afterwards, only revoked."""

    queryset = Consent.objects.all()
    form = forms.ConsentForm

    def save(self, request, form, instance):
        return record_consent(instance, actor=request.user)


@register_model_view(Consent, "revoke", route="<int:pk>/revoke/")
class ConsentRevokeView(ObjectActionView):
    queryset = Consent.objects.filter(revoked_on__isnull=True)
    form = forms.RevokeForm
    action_label = _("Revoke the consent")

    def perform(self, request, consent, form):
        return revoke_consent(consent, actor=request.user, on=form.cleaned_data["on"])
