"""Dashboard cards: counts of what the user may see in their area, each read through restrict()."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.urls import model_url
from minzheng.indicators.services import indicator_values

#: (model label, card title, extra filter) shown on the home page when the user may view the model.
CARDS = [
    ("divisions.division", _("Streets and townships"), {"level": "street", "valid_to__isnull": True}),
    ("divisions.division", _("Communities and villages"), {"level": "community", "valid_to__isnull": True}),
    ("registry.person", _("Persons"), {"merged_into__isnull": True}),
    ("registry.household", _("Households"), {"dissolved_on__isnull": True}),
    ("jobs.job", _("Jobs"), {}),
]


def dashboard_cards(user) -> list[dict]:
    cards = []
    for label, title, filters in CARDS:
        model = apps.get_model(label)
        if not user.has_perm(get_permission_for_model(model, "view")):
            continue
        count = model.objects.restrict(user, "view").filter(**filters).count()
        cards.append({"title": title, "count": count, "url": model_url(model, "list")})
    return cards


def indicator_cards(user) -> list[dict]:
    """The registered indicators ``user`` may read, for the whole area and the year to date."""
    return [{"title": item.indicator.name, "value": item.value, "unit": item.indicator.unit,
             "code": item.indicator.code} for item in indicator_values(user)]
