"""Base forms: every foreign-key choice is limited to what the user may see; sensitive values are never sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import ScopedQuerySet
from minzheng.framework.privacy import mask_value, sensitive_fields
from minzheng.framework.widgets import LazyPicker

__all__ = ["ActionForm", "BaseModelForm", "restrict_form_fields"]


def restrict_form_fields(form: forms.BaseForm, user, action: str = "view") -> None:
    """Restrict the queryset of every model-choice field on ``form`` to ``user``'s area."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, ScopedQuerySet):
            field.queryset = queryset.restrict(user, action)


def use_lazy_pickers(form: forms.BaseForm) -> None:
    """Foreign keys to models declaring ``lazy_choices = True`` get a search box instead of a <select>."""
    from minzheng.framework.registry import registry
    from minzheng.framework.urls import model_url

    for field in form.fields.values():
        if type(field) is not forms.ModelChoiceField:
            continue
        model = field.queryset.model
        if getattr(model, "lazy_choices", False) and "choices" in registry["views"][model]:
            field.widget = LazyPicker(model_url(model, "choices"), field.queryset)


def protect_sensitive_fields(form: forms.BaseModelForm) -> set[str]:
    """Start the stored instance's sensitive fields empty, showing the masked value as a placeholder.

    Editing a record must not reveal what ``framework.privacy`` masks. Returns the names of the fields
    whose stored value is kept when they are submitted empty (see ``BaseModelForm.clean``).
    """
    kept = set()
    for name in sensitive_fields(form.instance) if form.instance.pk else ():
        field, stored = form.fields.get(name), getattr(form.instance, name, None)
        if field is None or stored in (None, ""):
            continue
        form.initial[name] = ""
        field.required = False
        field.widget.attrs["placeholder"] = mask_value(form.instance, name, stored)
        field.help_text = _("Shown masked. Leave it empty to keep the stored value, or type a new one.")
        kept.add(name)
    return kept


class BaseModelForm(forms.ModelForm):
    """A model form that scopes its choices and hides sensitive values; build it with ``user=``."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_form_fields(self, user)
        use_lazy_pickers(self)
        self._kept_sensitive = protect_sensitive_fields(self)

    def clean(self):
        cleaned_data = super().clean()
        for name in self._kept_sensitive:
            if cleaned_data.get(name) in (None, ""):
                cleaned_data[name] = getattr(self.instance, name)
        return cleaned_data

    def _save_m2m(self):
        # Members the user may not see are not offered, so they cannot be submitted either:
        # keep them instead of silently removing records outside the user's area.
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField) and name in self.cleaned_data:
                hidden = getattr(self.instance, name).exclude(pk__in=field.queryset.values("pk"))
                self.cleaned_data[name] = [*self.cleaned_data[name], *hidden]
        super()._save_m2m()


class ActionForm(forms.Form):
    """The input of a business operation on ``instance`` (``ObjectActionView``); choices scoped like any form."""

    def __init__(self, *args, instance, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance, self.user = instance, user
        self.limit_choices()
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def limit_choices(self) -> None:
        """Narrow choice fields to what fits ``instance`` (e.g. its members); the user's area is applied after."""
