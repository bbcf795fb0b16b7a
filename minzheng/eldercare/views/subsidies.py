"""Pages of the elderly-care subsidies: their rules, and applying for one (the case is social assistance's)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from minzheng.assistance.models import AssistanceCase
from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.models import SubsidyRuleSet
from minzheng.eldercare.services.subsidies import apply_for_subsidy
from minzheng.framework.exceptions import DomainError
from minzheng.framework.views import ObjectPermissionMixin, register_crud

register_crud(SubsidyRuleSet, queryset=SubsidyRuleSet.objects.select_related("program", "division"),
              table=tables.SubsidyRuleSetTable, filterset=filtersets.SubsidyRuleSetFilterSet,
              form=forms.SubsidyRuleSetForm,
              fields=("program", "division", "effective_from", "effective_until", "min_age", "level_amounts",
                      "age_amounts", "flat_amount", "income_limit_multiple", "pilot_divisions", "rural_only",
                      "is_sample", "source_document", "remarks"))


class SubsidyApplyView(ObjectPermissionMixin, View):
    """File an elder's application: refused with the reason when the elder does not qualify; else the case
    starts at 受理 with its computed amount."""

    queryset = AssistanceCase.objects.all()
    action = "add"
    template_name = "eldercare/subsidy_apply.html"

    def render(self, request, form):
        return TemplateResponse(request, self.template_name, {**self.base_context(), "form": form})

    def get(self, request):
        return self.render(request, forms.SubsidyApplicationForm(initial=request.GET.dict() or None, instance=None,
                                                                 user=request.user))

    def post(self, request):
        form = forms.SubsidyApplicationForm(request.POST, request.FILES, instance=None, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = apply_for_subsidy(program=data["program"], person=data["person"], household=data["household"],
                                         actor=request.user, household_income=data["household_income"],
                                         reason=data["reason"], application_document=data["application_document"],
                                         authorisation_document=data["authorisation_document"])
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Application %(number)s filed.") % {"number": case.number})
                return redirect(case.get_absolute_url())
        return self.render(request, form)
