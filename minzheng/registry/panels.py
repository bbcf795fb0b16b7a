"""The person page (一人一档): panels that every app holding records about a person contributes.

An app registers its panels in its own ``panels.py`` (imported from every installed app the first
time a person page is built)::

    register_person_panel(
        "assistance", title=_("Assistance"), template="assistance/person_panel.html",
        context_fn=benefits_of, permission="assistance.view_application", order=100,
    )

``context_fn(person, user) -> dict`` must read through ``restrict(user, "view")``: the person page
shows what the user may see of that person and nothing else. A panel is shown to users holding
``permission`` (empty: whoever may view the person), in ascending ``order``; the registry's own panels
use 10–50.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from minzheng.framework.templatetags.privacy import render_masked_field
from minzheng.registry.choices import DuplicateStatus
from minzheng.registry.models import DuplicateCandidate, LifeEvent, Membership, Person
from minzheng.registry.search import age_on

__all__ = ["PersonPanel", "person_panels", "register_person_panel", "registered_panels"]


@dataclass(frozen=True)
class PersonPanel:
    """One section of the person page."""

    name: str
    title: str
    template: str
    context_fn: Callable[..., dict]
    permission: str
    order: int


_panels: dict[str, PersonPanel] = {}


def register_person_panel(name: str, *, title, template: str, context_fn: Callable[..., dict], permission: str = "",
                          order: int = 100) -> PersonPanel:
    """Add a panel to the person page.

    Raises:
        ImproperlyConfigured: a panel of that name is already registered.
    """
    if name in _panels:
        raise ImproperlyConfigured(f"a person panel named {name!r} is already registered")
    _panels[name] = PersonPanel(name, title, template, context_fn, permission, order)
    return _panels[name]


@functools.cache
def _discover() -> None:
    autodiscover_modules("panels")


def registered_panels() -> list[PersonPanel]:
    """Every registered panel, in page order."""
    _discover()
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.name))


def person_panels(person: Person, request) -> list[dict]:
    """The panels ``request.user`` may see, in order, rendered: ``{"name", "title", "html"}``."""
    user = request.user
    shown = []
    for panel in registered_panels():
        if panel.permission and not user.has_perm(panel.permission):
            continue
        context = {"person": person, **panel.context_fn(person, user)}
        shown.append({"name": panel.name, "title": panel.title,
                      "html": render_to_string(panel.template, context, request=request)})
    return shown


# The registry's own panels


def _age(person: Person) -> int | None:
    if not person.birth_date:
        return None
    today, born = timezone.localdate(), person.birth_date
    return age_on(born, person.death_date or today)


def basic_data(person: Person, user) -> dict:
    rows = [
        (_("name"), person.name),
        (_("identity number"), render_masked_field(person, "id_number", user)),
        (_("registry number"), person.registry_number),
        (_("sex"), person.get_sex_display()),
        (_("birth date"), person.birth_date),
        (_("age"), _age(person)),
        (_("ethnicity"), person.ethnicity),
        (_("marital status"), person.get_marital_status_display()),
        (_("household registration (户籍地)"), person.hukou_division),
        (_("residence (居住地)"), person.residence_division),
        (_("address"), person.address),
        (_("phone"), person.phone),
        (_("disability"), " ".join(filter(None, [person.get_disability_category_display(),
                                                  person.get_disability_grade_display() or ""]))),
        (_("status"), person.get_status_display()),
        (_("date of death"), person.death_date),
        (_("merged into"), person.merged_into),
        (_("remarks"), person.remarks),
    ]
    return {"rows": [(label, value) for label, value in rows if value not in (None, "")]}


def current_household(person: Person, user) -> dict:
    memberships = Membership.objects.restrict(user, "view").select_related("household", "household__division")
    current = memberships.filter(person=person, end_date__isnull=True).first()
    members = []
    if current is not None:
        members = list(memberships.filter(household=current.household_id, end_date__isnull=True)
                       .select_related("person").order_by("start_date", "pk"))
    return {"current": current, "members": members}


def membership_history(person: Person, user) -> dict:
    memberships = Membership.objects.restrict(user, "view").filter(person=person)
    return {"memberships": memberships.select_related("household").order_by("-start_date", "-pk")}


def life_events(person: Person, user) -> dict:
    return {"events": LifeEvent.objects.restrict(user, "view").filter(person=person).order_by("-date", "-pk")}


def possible_duplicates(person: Person, user) -> dict:
    candidates = DuplicateCandidate.objects.restrict(user, "view").filter(Q(person=person) | Q(other=person))
    merged = Person.objects.restrict(user, "view").filter(merged_into=person)
    return {"candidates": candidates.filter(status=DuplicateStatus.OPEN).select_related("person", "other"),
            "merged": merged}


register_person_panel("basic", title=_("Basic data"), template="registry/panels/basic.html",
                      context_fn=basic_data, order=10)
register_person_panel("household", title=_("Household"), template="registry/panels/household.html",
                      context_fn=current_household, permission="registry.view_membership", order=20)
register_person_panel("memberships", title=_("Household history"), template="registry/panels/memberships.html",
                      context_fn=membership_history, permission="registry.view_membership", order=30)
register_person_panel("life_events", title=_("Life events"), template="registry/panels/life_events.html",
                      context_fn=life_events, permission="registry.view_lifeevent", order=40)
register_person_panel("duplicates", title=_("Possible duplicates"), template="registry/panels/duplicates.html",
                      context_fn=possible_duplicates, permission="registry.view_duplicatecandidate", order=50)
