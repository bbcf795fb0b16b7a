"""The indicator registry: named measures that apps declare and dashboards and the work plan read.

An app declares its indicators in its ``indicators.py`` module (imported at start-up by
``framework.apps``)::

    register_indicator("assistance.recipients", name=_("Persons receiving assistance"), unit=_("persons"),
                       description=_("…"), compute=recipients, permission="assistance.view_assistancecase")

``compute(*, user=None, division=None, period_start=None, period_end=None)`` returns a ``Decimal`` or an
``int``. It must scope itself: with a ``user``, only rows ``Model.objects.restrict(user, "view")`` lets
that user see; with a ``division``, only that division's subtree; ``None`` means no limit (the system,
e.g. a work-plan job). The core holds no code of any single indicator.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from minzheng.framework.registry import registry

__all__ = ["Indicator", "all_indicators", "get_indicator", "register_indicator", "visible_indicators"]

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")

Compute = Callable[..., Decimal | int]


@dataclass(frozen=True)
class Indicator:
    """A registered measure.

    Attributes:
        code: ``app.name``, stable: the work plan and the API refer to it.
        name, unit, description: shown to users (lazy translations).
        compute: ``fn(*, user=None, division=None, period_start=None, period_end=None) -> Decimal | int``.
        permission: who may read it (``app.action_model``); empty: every signed-in user.
        keywords: words of a work-plan target's subject that suggest this indicator (the work plan's binding
            suggestion; a person confirms it).
    """

    code: str
    name: str
    unit: str
    description: str
    compute: Compute
    permission: str = ""
    keywords: tuple[str, ...] = ()

    def visible_to(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission)


def _same_function(a: Callable, b: Callable) -> bool:
    return (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def register_indicator(code: str, *, name, unit, description, compute: Compute | None = None, permission: str = "",
                       keywords: tuple[str, ...] = ()) -> Indicator | Callable[[Compute], Compute]:
    """Register the indicator ``code``; without ``compute``, return a decorator for the function.

    Registering the same code again with the same function (a module imported twice) is harmless.

    Raises:
        ImproperlyConfigured: the code is not ``app.name``, or it is taken by another function.
    """
    if compute is None:
        def decorator(fn: Compute) -> Compute:
            register_indicator(code, name=name, unit=unit, description=description, compute=fn,
                               permission=permission, keywords=keywords)
            return fn

        return decorator
    if not CODE_PATTERN.match(code):
        raise ImproperlyConfigured(f"indicator code {code!r} is not of the form app.name")
    existing = registry["indicators"].get(code)
    if existing is not None and not _same_function(existing.compute, compute):
        raise ImproperlyConfigured(f"indicator {code} is already registered by {existing.compute.__module__}")
    indicator = Indicator(code, name, unit, description, compute, permission, tuple(keywords))
    registry["indicators"][code] = indicator
    return indicator


def get_indicator(code: str) -> Indicator:
    """The indicator registered as ``code``.

    Raises:
        KeyError: no indicator has this code.
    """
    return registry["indicators"][code]


def all_indicators() -> list[Indicator]:
    """Every registered indicator, by code."""
    return sorted(registry["indicators"].values(), key=lambda indicator: indicator.code)


def visible_indicators(user) -> list[Indicator]:
    """The indicators ``user`` may read, by code."""
    return [indicator for indicator in all_indicators() if indicator.visible_to(user)]
