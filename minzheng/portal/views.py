"""The public portal's pages: open to everyone (``login_not_required``), in the public layout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.portal.forms import AreaForm, ObjectionForm
from minzheng.portal.notices import community_notices, current_notices, notice_areas
from minzheng.portal.services import client_address, submit_objection, take_objection_quota

__all__ = ["CommunityNoticeView", "NoticeListView", "PortalHomeView"]


@method_decorator(login_not_required, name="dispatch")
class PortalHomeView(TemplateView):
    template_name = "portal/home.html"


@method_decorator(login_not_required, name="dispatch")
class NoticeListView(TemplateView):
    """The communities with cases under public notice, filtered by district, street or community."""

    template_name = "portal/notice_list.html"

    def get_context_data(self, **kwargs):
        notices = current_notices()
        form = AreaForm(self.request.GET or None, areas=notice_areas(notices))
        area = form.chosen() if form.is_valid() else None
        if area is not None:
            notices = [notice for notice in notices if notice.community_path.startswith(area.path)]
        elif form.is_bound and not form.is_valid():
            notices = []
        return {**super().get_context_data(**kwargs), "form": form, "communities": community_notices(notices)}


@method_decorator(login_not_required, name="dispatch")
class CommunityNoticeView(FormView):
    """The cases under notice in one community, each with a form to object to it."""

    template_name = "portal/community.html"
    form_class = ObjectionForm

    def dispatch(self, request, *args, **kwargs):
        self.community = Division.objects.filter(code=kwargs["code"], valid_to__isnull=True).first()
        if self.community is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = context["form"]
        sent_to = sent.data.get("notice") if sent.is_bound else None
        rows = [(notice, sent if sent_to == str(notice.request_id) else self._blank_form(notice))
                for notice in current_notices(area=self.community)]
        return {**context, "community": self.community, "rows": rows}

    @staticmethod
    def _blank_form(notice) -> ObjectionForm:
        return ObjectionForm(initial={"notice": notice.request_id}, auto_id=f"id_{notice.request_id}_%s")

    def form_invalid(self, form, status: int = 400):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def form_valid(self, form):
        data = form.cleaned_data
        if not take_objection_quota(client_address(self.request)):
            form.add_error(None, _("You have sent too many objections in the last hour. Please try again later."))
            return self.form_invalid(form, status=429)
        try:
            submit_objection(data["notice"], content=data["content"], name=data["name"], phone=data["phone"],
                             area=self.community)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your objection has been received. The street office will look into it."))
        return redirect(self.request.path)
