"""The payments app's reaction to registry life events (registered from ``PaymentsConfig.ready``)."""

from minzheng.payments.services import flag_payments_after_death
from minzheng.registry.choices import LifeEventKind
from minzheng.registry.lifeevents import register_life_event_handler

__all__ = ["flag_payments_after_death_event"]


@register_life_event_handler(LifeEventKind.DEATH)
def flag_payments_after_death_event(event, *, actor) -> None:
    """A recorded death: payments already made for the months after it are flagged for recovery (the
    assistance app's handler, which runs first, has stopped the benefit from the next month)."""
    flag_payments_after_death(event.person, actor=actor)
