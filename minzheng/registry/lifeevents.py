"""Handlers other apps register to react to recorded life events (no Django signals).

A handler is a plain callable ``handler(event, *, actor)`` registered for a ``LifeEventKind``.
``services.record_life_event`` saves the event, updates the person and then calls every
handler registered for the event's kind, in registration order, inside the same transaction:
a handler that raises rolls back the event, the person's update and every other handler's
writes. Handlers must not start jobs or send anything directly; use ``transaction.on_commit``.

An app registers its handlers when Django starts, from its ``AppConfig.ready()``::

    # assistance/apps.py
    def ready(self):
        from minzheng.assistance import registry_handlers  # noqa: F401  (registers on import)

    # assistance/registry_handlers.py
    @register_life_event_handler(LifeEventKind.DEATH)
    def end_benefits_after_death(event, *, actor):
        end_benefits(event.person, on=first_day_of_next_month(event.date), actor=actor)
"""

import datetime
from collections import defaultdict
from collections.abc import Callable

from minzheng.registry.choices import LifeEventKind

__all__ = [
    "LifeEventHandler",
    "first_day_of_next_month",
    "handlers_for",
    "register_life_event_handler",
    "unregister_life_event_handler",
]

#: ``handler(event: LifeEvent, *, actor) -> None``
LifeEventHandler = Callable[..., None]

_handlers: dict[str, list[LifeEventHandler]] = defaultdict(list)


def register_life_event_handler(kind: str, fn: LifeEventHandler | None = None):
    """Register ``fn`` for events of ``kind``; without ``fn``, return a decorator doing it.

    Registering the same callable twice for a kind has no further effect.

    Raises:
        ValueError: ``kind`` is not a ``LifeEventKind``.
    """
    if kind not in LifeEventKind.values:
        raise ValueError(f"unknown life event kind {kind!r}")

    def register(handler: LifeEventHandler) -> LifeEventHandler:
        if handler not in _handlers[kind]:
            _handlers[kind].append(handler)
        return handler

    return register(fn) if fn is not None else register


def unregister_life_event_handler(kind: str, fn: LifeEventHandler) -> None:
    """Remove ``fn`` from the handlers of ``kind`` (tests; a no-op when it is not registered)."""
    if fn in _handlers.get(kind, []):
        _handlers[kind].remove(fn)


def handlers_for(kind: str) -> list[LifeEventHandler]:
    """The handlers registered for ``kind``, in registration order."""
    return list(_handlers.get(kind, []))


def first_day_of_next_month(date: datetime.date) -> datetime.date:
    """The first day of the month after ``date``'s: where a benefit stops after a death."""
    return (date.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
