"""Template helpers of ``framework.privacy``: ``{{ obj|masked:"field" }}`` and ``{% masked_field obj "field" %}``."""

from django import template
from django.template.loader import render_to_string

from minzheng.framework.privacy import can_reveal, mask_value
from minzheng.framework.registry import registry
from minzheng.framework.urls import model_url

register = template.Library()


@register.filter
def masked(instance, field_name: str):
    """The field's value as shown by default (masked when the model declares it sensitive)."""
    return mask_value(instance, field_name, getattr(instance, field_name, None))


def render_masked_field(instance, field_name: str, user) -> str:
    """The masked value, with a "show in full" button when ``user`` may reveal it."""
    reveal_url = None
    if user is not None and can_reveal(user, instance, field_name) and "reveal" in registry["views"][type(instance)]:
        reveal_url = model_url(instance, "reveal")
    return render_to_string("privacy/masked_field.html", {
        "masked": masked(instance, field_name), "field": field_name, "reveal_url": reveal_url})


@register.simple_tag(takes_context=True)
def masked_field(context, instance, field_name: str):
    request = context.get("request")
    return render_masked_field(instance, field_name, getattr(request, "user", None))
