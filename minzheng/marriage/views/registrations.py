"""Pages of marriage registration, divorce by agreement and certificates (printing and replacements)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View

from minzheng.framework.privacy import can_reveal
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectPermissionMixin, ObjectView
from minzheng.marriage import filtersets, forms, tables
from minzheng.marriage.certificates import record_print, reissue_certificate
from minzheng.marriage.choices import CertificateKind, DivorceStatus
from minzheng.marriage.divorces import DivorcePartyInput, receive_divorce, register_divorce, stage, withdraw_divorce
from minzheng.marriage.models import Certificate, DivorceApplication, MarriageRegistration
from minzheng.marriage.registration import MarriageParty, preview_marriage, register_marriage
from minzheng.marriage.views.common import ServiceFormView, documents

__all__ = ["CertificatePrintView", "DivorceAddView", "MarriageAddView"]

MARRIAGES = MarriageRegistration.objects.select_related("office", "appointment")
DIVORCES = DivorceApplication.objects.select_related("office", "marriage")
CERTIFICATES = Certificate.objects.select_related("office", "marriage", "divorce", "adoption", "replaces")
MARRIAGE_PARTY = ("present", "voluntary", "declares_prohibited_kinship", "barring_disease")


def _marriage_party(data: dict, side: str) -> MarriageParty:
    return MarriageParty(name=data[f"{side}_name"], id_number=data[f"{side}_id_number"],
                         documents=documents(data, side), **{name: data[f"{side}_{name}"] for name in MARRIAGE_PARTY})


def _divorce_party(data: dict, side: str, *, with_identity: bool = True) -> DivorcePartyInput:
    identity = {"name": data[f"{side}_name"], "id_number": data[f"{side}_id_number"]} if with_identity else {}
    return DivorcePartyInput(present=data[f"{side}_present"], full_civil_capacity=data[f"{side}_full_civil_capacity"],
                             documents=documents(data, side), **identity)


@register_model_view(MarriageRegistration, "list")
class MarriageRegistrationListView(ObjectListView):
    queryset = MARRIAGES
    table = tables.MarriageRegistrationTable
    filterset = filtersets.MarriageRegistrationFilterSet


@register_model_view(MarriageRegistration)
class MarriageRegistrationView(ObjectView):
    """The registration with its outcome: the certificate, or the grounds and the written reason."""

    queryset = MARRIAGES
    template_name = "marriage/marriageregistration.html"
    fields = ("office", "registered_on", "status", "party_a_name", "party_a_id_number", "party_a_person",
              "party_b_name", "party_b_id_number", "party_b_person", "certificate_number", "rules_basis",
              "appointment", "dissolved_on", "dissolved_by", "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False, "certificates": instance.certificates.order_by("pk")}


@register_model_view(MarriageRegistration, "add")
class MarriageAddView(ServiceFormView):
    """Register a marriage; "Check" shows the refusal grounds the law in force would find, writing nothing."""

    queryset = MarriageRegistration.objects.all()
    form = forms.MarriageForm
    title = gettext_lazy("Register a marriage")
    template_name = "marriage/marriage_add.html"

    def perform(self, request, form):
        data = form.cleaned_data
        parties = (_marriage_party(data, "party_a"), _marriage_party(data, "party_b"))
        if "check" in request.POST:
            return self.render(request, form, checked=True, grounds=preview_marriage(*parties))
        return register_marriage(data["office"], *parties, actor=request.user, appointment=data["appointment"],
                                 note=data["note"])


@register_model_view(DivorceApplication, "list")
class DivorceApplicationListView(ObjectListView):
    queryset = DIVORCES
    table = tables.DivorceApplicationTable
    filterset = filtersets.DivorceApplicationFilterSet


@register_model_view(DivorceApplication)
class DivorceApplicationView(ObjectView):
    """The application with its clock: cooling-off, the window to register, and where it stands today."""

    queryset = DIVORCES
    template_name = "marriage/divorceapplication.html"
    fields = ("office", "applied_on", "status", "party_a_name", "party_a_id_number", "party_b_name",
              "party_b_id_number", "marriage_certificate_number", "marriage", "registered_in_mainland",
              "agreement_signed", "cooling_off_last_day", "first_day", "last_day", "closed_on", "withdrawn_by",
              "certificate_number", "rules_basis", "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False, "stage": stage(instance), "today": timezone.localdate(),
                "certificates": instance.certificates.order_by("pk")}


@register_model_view(DivorceApplication, "add")
class DivorceAddView(ServiceFormView):
    queryset = DivorceApplication.objects.all()
    form = forms.DivorceForm
    title = gettext_lazy("Receive a divorce application")

    def perform(self, request, form):
        data = form.cleaned_data
        return receive_divorce(data["office"], _divorce_party(data, "party_a"), _divorce_party(data, "party_b"),
                               marriage_certificate_number=data["marriage_certificate_number"],
                               registered_in_mainland=data["registered_in_mainland"],
                               agreement_signed=data["agreement_signed"], appointment=data["appointment"],
                               note=data["note"], actor=request.user)


class _PendingDivorceAction(ObjectActionView):
    queryset = DivorceApplication.objects.filter(status=DivorceStatus.PENDING)


@register_model_view(DivorceApplication, "register", route="<int:pk>/register/")
class DivorceRegisterView(_PendingDivorceAction):
    form = forms.DivorceRegistrationForm
    action_label = gettext_lazy("Register the divorce")

    def perform(self, request, application, form):
        data = form.cleaned_data
        return register_divorce(application, _divorce_party(data, "party_a", with_identity=False),
                                _divorce_party(data, "party_b", with_identity=False), actor=request.user,
                                appointment=data["appointment"], note=data["note"])


@register_model_view(DivorceApplication, "withdraw", route="<int:pk>/withdraw/")
class DivorceWithdrawView(_PendingDivorceAction):
    form = forms.WithdrawForm
    action_label = gettext_lazy("Withdraw the application")

    def perform(self, request, application, form):
        return withdraw_divorce(application, withdrawn_by=form.cleaned_data["withdrawn_by"], actor=request.user)


@register_model_view(Certificate, "list")
class CertificateListView(ObjectListView):
    queryset = CERTIFICATES
    table = tables.CertificateTable
    filterset = filtersets.CertificateFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # issued with a registration, or as a replacement from the original's page


@register_model_view(Certificate)
class CertificateView(ObjectView):
    queryset = CERTIFICATES
    template_name = "marriage/certificate.html"
    fields = ("number", "kind", "office", "issued_on", "holders", "holder_id_number", "marriage", "divorce",
              "adoption", "replaces")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False, "replacements": instance.replacements.order_by("pk"),
                "may_print": request.user.has_perm("marriage.print_certificate")}


@register_model_view(Certificate, "reissue", route="<int:pk>/reissue/")
class CertificateReissueView(ObjectActionView):
    queryset = Certificate.objects.exclude(kind=CertificateKind.ADOPTION)
    form = forms.ReissueForm
    action = "add"
    action_label = gettext_lazy("Issue a replacement")

    def perform(self, request, original, form):
        data = form.cleaned_data
        return reissue_certificate(original, office=data["office"], holder_id_number=data["holder_id_number"],
                                   actor=request.user)


@register_model_view(Certificate, "print", route="<int:pk>/print/")
class CertificatePrintView(ObjectPermissionMixin, View):
    """The certificate as printed for each holder, with full identity numbers; every print is logged."""

    queryset = Certificate.objects.select_related("office", "marriage", "divorce", "adoption")
    action = "print"

    def get(self, request, pk):
        certificate = get_object_or_404(self.queryset, pk=pk)
        subject = certificate.marriage or certificate.divorce or certificate.adoption
        if subject is not None and not can_reveal(request.user, certificate, "holder_id_number"):
            raise PermissionDenied
        record_print(certificate, actor=request.user)
        return TemplateResponse(request, "marriage/certificate_print.html",
                                {"certificate": certificate, "copies": _copies(certificate)})


def _copies(certificate: Certificate) -> list[dict]:
    """One page per holder: the holder's own and the other party's name and identity number."""
    record = certificate.marriage or certificate.divorce
    if record is None:
        adoption = certificate.adoption
        return [{"holder": adoption.summary, "adopters": list(adoption.adopters.order_by("pk")),
                 "children": list(adoption.children.order_by("pk"))}]
    parties = [(record.party_a_name, record.party_a_id_number), (record.party_b_name, record.party_b_id_number)]
    if certificate.holder_id_number:
        parties = [party for party in parties if party[1] == certificate.holder_id_number]
    return [{"holder": name, "parties": [(record.party_a_name, record.party_a_id_number),
                                         (record.party_b_name, record.party_b_id_number)]} for name, _id in parties]
