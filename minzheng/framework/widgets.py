"""A lazy picker for foreign keys to large tables: type to search, never a <select> of everything."""

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["LazyPicker"]


class LazyPicker(forms.Widget):
    """A hidden input holding the id, plus a search box that asks the model's ``choices`` view.

    The choices view reads the user's restricted queryset, so the picker offers nothing outside
    the user's area; the form field still validates the submitted id against the same queryset.
    """

    template_name = "widgets/lazy_picker.html"

    def __init__(self, url: str, queryset, attrs=None):
        super().__init__(attrs)
        self.url = url
        self.queryset = queryset

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self.queryset.filter(pk=value).first() if value not in (None, "") else None
        context["widget"].update({
            "url": self.url,
            "label": str(chosen) if chosen is not None else "",
            "placeholder": _("Type a name or code to search"),
        })
        return context
