"""What the registry's pages share: a page whose form is handed to a service, and the parties' inputs."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from minzheng.framework.exceptions import DomainError
from minzheng.framework.views import ObjectPermissionMixin

__all__ = ["ServiceFormView", "add_domain_error", "documents"]


def add_domain_error(form, exc: DomainError) -> None:
    """Show a service's refusal on its field when the form has it (``party_a.birth_date`` → ``party_a_…``)."""
    field = (exc.field or "").replace(".", "_")
    form.add_error(field if field in form.fields else None, exc.message)


def documents(data: dict, side: str) -> frozenset[str]:
    return frozenset(data.get(f"{side}_documents") or ())


class ServiceFormView(ObjectPermissionMixin, View):
    """A page whose form creates a record through a service (``perform``), e.g. registering a marriage.

    GET shows the form; POST validates it and calls ``perform``, which returns the record to show next;
    a ``DomainError`` becomes an error on the form and nothing is written.
    """

    form = None
    action = "add"
    title = ""
    template_name = "generic/object_edit.html"

    def make_form(self, request, data=None):
        return self.form(data, user=request.user, initial=request.GET.dict() or None)

    def perform(self, request, form):
        raise NotImplementedError

    def render(self, request, form, **extra):
        context = {**self.base_context(), "form": form, "object": self.model(), "title": self.title,
                   **self.get_extra_context(request), **extra}
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        return self.render(request, self.make_form(request))

    def post(self, request):
        form = self.make_form(request, request.POST)
        if form.is_valid():
            try:
                result = self.perform(request, form)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                if isinstance(result, TemplateResponse):
                    return result
                messages.success(request, _("Saved %(object)s.") % {"object": result})
                return redirect(result.get_absolute_url())
        return self.render(request, form)
