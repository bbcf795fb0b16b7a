"""Menu building blocks. The menu itself is declared in one module, ``minzheng.navigation``."""

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    """A link shown when the user holds ``permission`` (or always, when it is empty)."""

    label: str
    url_name: str
    permission: str = ""


@dataclass(frozen=True)
class MenuGroup:
    label: str
    items: tuple[MenuItem, ...] = field(default_factory=tuple)


def visible_menu(menu: tuple[MenuGroup, ...], user) -> list[dict]:
    """The groups and items ``user`` may see, with resolved URLs."""
    groups = []
    for group in menu:
        items = [
            {"label": item.label, "url": reverse(item.url_name)}
            for item in group.items
            if not item.permission or user.has_perm(item.permission)
        ]
        if items:
            groups.append({"label": group.label, "items": items})
    return groups
