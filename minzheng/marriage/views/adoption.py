"""Pages of adoption registration: the applications, the assessment, the foundling notice and the decision."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minzheng.framework.exceptions import DomainError
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectListView, ObjectView
from minzheng.marriage import filtersets, forms, tables
from minzheng.marriage.adoptions import (
    OPEN,
    AdopterInput,
    ChildInput,
    decide_adoption,
    publish_notice,
    receive_adoption,
    record_assessment,
    withdraw_adoption,
)
from minzheng.marriage.checks import foundling_notice_last_day
from minzheng.marriage.models import AdoptionApplication, AdoptionAssessment
from minzheng.marriage.views.common import ServiceFormView

__all__ = ["AdoptionAddView", "AdoptionApplicationView"]

APPLICATIONS = AdoptionApplication.objects.select_related("office")
SUBFORMS = (("adopter1", forms.AdopterFields, True), ("adopter2", forms.AdopterFields, False),
            ("child1", forms.ChildFields, True), ("child2", forms.ChildFields, False))


@register_model_view(AdoptionApplication, "list")
class AdoptionApplicationListView(ObjectListView):
    queryset = APPLICATIONS
    table = tables.AdoptionApplicationTable
    filterset = filtersets.AdoptionApplicationFilterSet


@register_model_view(AdoptionApplication)
class AdoptionApplicationView(ObjectView):
    """The application: adopters, children (with the notice for a foundling), assessment, review due date."""

    queryset = APPLICATIONS
    template_name = "marriage/adoptionapplication.html"
    fields = ("office", "received_on", "status", "review_last_day", "decided_on", "certificate_number",
              "rules_basis", "remarks")

    def get_extra_context(self, request, instance=None):
        today = timezone.localdate()
        children = [(child, foundling_notice_last_day(child.notice_published_on) if child.notice_published_on
                     else None) for child in instance.children.order_by("pk")]
        return {"can_change": False, "can_delete": False, "adopters": instance.adopters.order_by("pk"),
                "children": children, "assessment": AdoptionAssessment.objects.filter(application=instance).first(),
                "overdue": instance.status in OPEN and today > instance.review_last_day}


def _blank(form) -> bool:
    """An optional sub-form left empty (its name not given)."""
    return not (form.data.get(form.add_prefix("name")) or "").strip()


@register_model_view(AdoptionApplication, "add")
class AdoptionAddView(ServiceFormView):
    """Receive an application: the office, one or two adopters, one or two children."""

    queryset = AdoptionApplication.objects.all()
    form = forms.AdoptionForm
    title = gettext_lazy("Receive an adoption application")
    template_name = "marriage/adoption_add.html"

    def subforms(self, data=None) -> dict:
        return {prefix: form_class(data, prefix=prefix) for prefix, form_class, _required in SUBFORMS}

    def render(self, request, form, **extra):
        subforms = extra.pop("subforms", None) or self.subforms()
        return super().render(request, form, subforms=subforms, **extra)

    def post(self, request):
        form, subforms = self.make_form(request, request.POST), self.subforms(request.POST)
        used = {prefix: sub for prefix, sub in subforms.items()
                if dict((p, r) for p, _c, r in SUBFORMS)[prefix] or not _blank(sub)}
        if form.is_valid() and all(sub.is_valid() for sub in used.values()):
            try:
                application = self._receive(request, form, used)
            except DomainError as exc:
                self._show(form, subforms, exc)
            else:
                return self._done(request, application)
        return self.render(request, form, subforms=subforms)

    def _receive(self, request, form, used):
        adopters = [AdopterInput(**sub.cleaned_data) for prefix, sub in used.items() if prefix.startswith("adopter")]
        children = [ChildInput(**{**sub.cleaned_data, "id_number": sub.cleaned_data["id_number"] or "",
                                  "sex": sub.cleaned_data["sex"] or ""})
                    for prefix, sub in used.items() if prefix.startswith("child")]
        return receive_adoption(form.cleaned_data["office"], adopters, children, actor=request.user,
                                note=form.cleaned_data["note"])

    @staticmethod
    def _show(form, subforms, exc: DomainError) -> None:
        """``adopters.0.id_number`` → the field of sub-form ``adopter1``; anything else on the main form."""
        parts = (exc.field or "").split(".")
        if len(parts) == 3 and parts[0] in ("adopters", "children") and parts[1].isdigit():
            sub = subforms.get(f"{parts[0][:-1] if parts[0] == 'adopters' else 'child'}{int(parts[1]) + 1}")
            if sub is not None and parts[2] in sub.fields:
                sub.add_error(parts[2], exc.message)
                return
        form.add_error(None, exc.message)

    def _done(self, request, application):
        messages.success(request, _("Saved %(object)s.") % {"object": application})
        return redirect(application.get_absolute_url())


class _OpenApplicationAction(ObjectActionView):
    queryset = AdoptionApplication.objects.filter(status__in=OPEN)


@register_model_view(AdoptionApplication, "assess", route="<int:pk>/assess/")
class AdoptionAssessView(_OpenApplicationAction):
    form = forms.AssessmentForm
    action_label = gettext_lazy("Record the assessment")

    def perform(self, request, application, form):
        return record_assessment(application, actor=request.user, **form.cleaned_data).application


@register_model_view(AdoptionApplication, "notice", route="<int:pk>/notice/")
class AdoptionNoticeView(_OpenApplicationAction):
    queryset = AdoptionApplication.objects.filter(status__in=OPEN, children__parents_unknown=True).distinct()
    form = forms.NoticeForm
    action_label = gettext_lazy("Record the notice seeking the parents")

    def perform(self, request, application, form):
        data = form.cleaned_data
        return publish_notice(data["child"], published_on=data["published_on"], medium=data["medium"],
                              actor=request.user).application


@register_model_view(AdoptionApplication, "decide", route="<int:pk>/decide/")
class AdoptionDecideView(_OpenApplicationAction):
    form = forms.NoteForm
    action_label = gettext_lazy("Decide: register or refuse")

    def perform(self, request, application, form):
        return decide_adoption(application, actor=request.user, note=form.cleaned_data["note"])


@register_model_view(AdoptionApplication, "withdraw", route="<int:pk>/withdraw/")
class AdoptionWithdrawView(_OpenApplicationAction):
    form = forms.NoteForm
    action_label = gettext_lazy("Withdrawn by the applicants")

    def perform(self, request, application, form):
        return withdraw_adoption(application, actor=request.user, note=form.cleaned_data["note"])


@register_model_view(AdoptionAssessment, "list")
class AdoptionAssessmentListView(ObjectListView):
    queryset = AdoptionAssessment.objects.select_related("application")
    table = tables.AdoptionAssessmentTable
    filterset = filtersets.AdoptionAssessmentFilterSet

    def get_extra_context(self, request, instance=None):
        return {"can_add": False}  # recorded from the application's page


@register_model_view(AdoptionAssessment)
class AdoptionAssessmentView(ObjectView):
    queryset = AdoptionAssessment.objects.select_related("application")
    fields = ("application", "assessor", "assessed_on", "outcome", "findings")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}
