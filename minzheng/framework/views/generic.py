"""Generic list, detail, edit and delete views, configured by class attributes (house style H1)."""

import itertools

from django.conf import settings
from django.contrib import messages
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from minzheng.framework.exceptions import DomainError
from minzheng.framework.export import FORMATS, export_table
from minzheng.framework.htmx import htmx_partial, htmx_redirect
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.privacy import is_sensitive
from minzheng.framework.registry import registry
from minzheng.framework.services import delete_object, save_object
from minzheng.framework.templatetags.privacy import render_masked_field
from minzheng.framework.urls import model_url
from minzheng.framework.views.actions import object_actions
from minzheng.framework.views.mixins import ObjectPermissionMixin

__all__ = ["ObjectDeleteView", "ObjectEditView", "ObjectListView", "ObjectView"]


def object_tabs(instance, user) -> list[dict]:
    """Tabs of an object's page: the detail view plus every registered per-object view."""
    tabs = []
    for name, entry in registry["views"][type(instance)].items():
        label = getattr(entry["view"], "tab_label", None)
        if entry["detail"] and (name == "" or label):
            required = get_permission_for_model(instance, getattr(entry["view"], "action", "view"))
            if user.has_perm(required):
                tabs.append({"name": name, "label": label or _("Details"), "url": model_url(instance, name)})
    return tabs


def _visible(objects, user, limit: int = 20, scan: int = 200) -> list:
    """Up to ``limit`` of ``objects`` that ``user`` may view (a refusal must not name records outside
    their area); at most ``scan`` objects are checked."""
    visible = []
    for obj in itertools.islice(objects, scan):
        manager = type(obj)._default_manager
        if hasattr(manager, "restrict") and manager.restrict(user, "view").filter(pk=obj.pk).exists():
            visible.append(obj)
            if len(visible) == limit:
                break
    return visible


def has_criteria(filterset) -> bool:
    """Whether a bound filterset was given at least one valid, non-empty criterion."""
    if not filterset.is_bound or not filterset.is_valid():
        return False
    return any(value not in EMPTY_VALUES for value in filterset.form.cleaned_data.values())


class ObjectListView(ObjectPermissionMixin, View):
    """A filtered, sortable, paginated table with CSV/XLSX export of the filtered rows.

    With ``search_first`` (registries of people), the page opens on its search form and shows, counts
    and exports no row until a criterion is given.
    """

    filterset = None
    table = None
    template_name = "generic/object_list.html"
    paginate_by = 50
    max_per_page = 500
    search_first = False

    def get(self, request):
        filterset = self.filterset(request.GET or None, queryset=self.queryset, request=request)
        queryset = filterset.qs if filterset.is_bound else self.queryset
        prompt = self.search_first and not has_criteria(filterset)
        if prompt:
            queryset = queryset.none()
        table = self.table(queryset, user=request.user)
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(request, table, fmt)
        RequestConfig(request, paginate={"per_page": self.per_page(request)}).configure(table)
        context = {
            **self.base_context(),
            "table": table,
            "filter_form": filterset.form,
            "search_prompt": prompt,
            "can_add": request.user.has_perm(get_permission_for_model(self.model, "add")),
            **self.get_extra_context(request),
        }
        template = "htmx/table.html" if htmx_partial(request) else self.template_name
        return TemplateResponse(request, template, context)

    def per_page(self, request) -> int:
        """The requested page size, capped at ``max_per_page``; the cap is written back to the query."""
        try:
            wanted = int(request.GET.get("per_page", self.paginate_by))
        except ValueError:
            wanted = self.paginate_by
        size = max(1, min(wanted, self.max_per_page))
        if "per_page" in request.GET:
            request.GET = request.GET.copy()
            request.GET["per_page"] = str(size)
        return size

    def export(self, request, table, fmt: str):
        """The whole filtered list as a file, refused above MINZHENG_LIST_EXPORT_LIMIT rows."""
        limit = settings.MINZHENG_LIST_EXPORT_LIMIT
        if table.data.data.count() > limit:
            messages.error(request, _("The list has more than %(limit)s rows; narrow the filter before exporting.")
                           % {"limit": limit})
            query = request.GET.copy()
            query.pop("export", None)
            return redirect(f"{request.path}?{query.urlencode()}")
        RequestConfig(request, paginate=False).configure(table)
        return export_table(table, fmt, self.model._meta.model_name)


class ObjectView(ObjectPermissionMixin, View):
    """An object's detail page: its declared ``fields`` as a panel, plus tabs."""

    template_name = None
    fields: tuple[str, ...] | None = None

    def get_object(self, **kwargs):
        return get_object_or_404(self.queryset, **kwargs)

    def get_template_names(self):
        opts = self.model._meta
        return [self.template_name or f"{opts.app_label}/{opts.model_name}.html", "generic/object.html"]

    def panel_rows(self, instance) -> list[tuple[str, object]]:
        names = self.fields or [
            f.name for f in instance._meta.concrete_fields if f.name not in ("id",) and f.editable
        ]
        rows = []
        for name in names:
            field = instance._meta.get_field(name)
            if is_sensitive(instance, name):
                rows.append((field.verbose_name, render_masked_field(instance, name, self.request.user)))
                continue
            display = getattr(instance, f"get_{name}_display", None)
            value = display() if display else getattr(instance, name)
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            rows.append((field.verbose_name, value))
        return rows

    def get(self, request, **kwargs):
        instance = self.get_object(**kwargs)
        context = {
            **self.base_context(),
            "object": instance,
            "rows": self.panel_rows(instance),
            "tabs": object_tabs(instance, request.user),
            "actions": object_actions(instance, request.user),
            "active_tab": "",
            "can_change": request.user.has_perm(get_permission_for_model(instance, "change")),
            "can_delete": request.user.has_perm(get_permission_for_model(instance, "delete")),
            **self.get_extra_context(request, instance),
        }
        return TemplateResponse(request, self.get_template_names(), context)


class ObjectEditView(ObjectPermissionMixin, View):
    """Add (no pk) and edit (pk) through one form; the write goes through ``save_object``."""

    form = None
    template_name = "generic/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, **kwargs):
        if "pk" in kwargs:
            return get_object_or_404(self.queryset, **kwargs)
        return self.model()

    def render(self, request, form, instance):
        context = {**self.base_context(), "form": form, "object": instance, **self.get_extra_context(request, instance)}
        return TemplateResponse(request, self.template_name, context)

    def get(self, request, **kwargs):
        instance = self.get_object(**kwargs)
        form = self.form(instance=instance, initial=request.GET.dict() or None, user=request.user)
        return self.render(request, form, instance)

    def save(self, request, form, instance):
        """Write the validated ``instance``; a model whose records are created by a service overrides it."""
        return save_object(instance, actor=request.user, save_m2m=form.save_m2m)

    def post(self, request, **kwargs):
        instance = self.get_object(**kwargs)
        form = self.form(request.POST, request.FILES, instance=instance, user=request.user)
        if form.is_valid():
            try:
                obj = self.save(request, form, form.save(commit=False))
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Saved %(object)s.") % {"object": obj})
                url = obj.get_absolute_url()
                return htmx_redirect(url) if htmx_partial(request) else redirect(url)
        return self.render(request, form, instance)


class ObjectDeleteView(ObjectPermissionMixin, View):
    """Confirm, then delete through ``delete_object``; records still referred to are kept."""

    action = "delete"
    template_name = "generic/object_delete.html"

    def get(self, request, **kwargs):
        instance = get_object_or_404(self.queryset, **kwargs)
        return TemplateResponse(request, self.template_name, {**self.base_context(), "object": instance})

    def post(self, request, **kwargs):
        instance = get_object_or_404(self.queryset, **kwargs)
        try:
            delete_object(instance, actor=request.user)
        except models.ProtectedError as exc:
            protected = _visible(exc.protected_objects, request.user)
            context = {**self.base_context(), "object": instance, "is_protected": True, "protected": protected}
            return TemplateResponse(request, self.template_name, context, status=409)
        except DomainError as exc:
            raise Http404 from exc
        messages.success(request, _("Deleted %(object)s.") % {"object": instance})
        url = model_url(self.model, "list")
        return htmx_redirect(url) if htmx_partial(request) else redirect(url)
