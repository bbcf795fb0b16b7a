"""Base forms: every foreign-key choice is limited to what the user may see."""

from django import forms

from minzheng.framework.models import ScopedQuerySet
from minzheng.framework.widgets import LazyPicker

__all__ = ["BaseModelForm", "restrict_form_fields"]


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


class BaseModelForm(forms.ModelForm):
    """A model form that scopes its choices; build it with ``user=``."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_form_fields(self, user)
        use_lazy_pickers(self)

    def _save_m2m(self):
        # Members the user may not see are not offered, so they cannot be submitted either:
        # keep them instead of silently removing records outside the user's area.
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField) and name in self.cleaned_data:
                hidden = getattr(self.instance, name).exclude(pk__in=field.queryset.values("pk"))
                self.cleaned_data[name] = [*self.cleaned_data[name], *hidden]
        super()._save_m2m()
