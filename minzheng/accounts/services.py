"""Account services: seeding the role table and granting roles within a division."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.roles import ROLES
from minzheng.framework.services import save_object

__all__ = ["assign_role", "role_group", "seed_roles"]


def role_group(code: str) -> Group:
    """The Group of the seeded role ``code`` (e.g. ``district_approver``)."""
    return Group.objects.get(name=ROLES[code][0])


def _permissions_for(grants: dict[str, tuple[str, ...]]) -> list[Permission]:
    wanted = set()
    for label, actions in grants.items():
        app_label, model_name = label.split(".")
        wanted.update((app_label, f"{action}_{model_name}") for action in actions)
    perms = Permission.objects.select_related("content_type").filter(
        content_type__app_label__in={app for app, _ in wanted}
    )
    return [p for p in perms if (p.content_type.app_label, p.codename) in wanted]


@transaction.atomic
def seed_roles() -> list[Group]:
    """Create or update the seeded roles so each carries exactly the permissions in ``roles.ROLES``."""
    groups = []
    for name, _description, grants in ROLES.values():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions_for(grants))
        groups.append(group)
    return groups


def assign_role(user: User, role: Group, division, *, actor) -> RoleAssignment:
    """Grant ``role`` to ``user`` within ``division`` (and below), logged as a change."""
    return save_object(RoleAssignment(user=user, role=role, division=division), actor=actor)
