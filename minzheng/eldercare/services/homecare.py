"""Home-care orders (虚拟养老): the call centre takes a request, dispatches a registered provider, records the
visit and the completion, and closes the order with the elder's satisfaction (or cancels it).

received → dispatched → visited → completed → closed; received or dispatched → cancelled.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.eldercare.choices import OrderStatus, ProviderStatus
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import Provider, ProviderService, ServiceOrder
from minzheng.eldercare.services.common import create_record, locked, update_fields
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, ensure_in_area, user_or_none, validated
from minzheng.registry.services import draw_numbers

__all__ = ["cancel_order", "complete_order", "dispatch_order", "order_division", "record_satisfaction",
           "record_visit", "take_order"]

CENT = Decimal("0.01")


def order_division(person):
    """Where an elder's orders belong: the place of residence, else the household registration."""
    return person.residence_division or person.hukou_division


def _number(division, at: datetime.datetime) -> str:
    district, year = division.code[:6], timezone.localtime(at).year
    return f"XN{district}{year}{draw_numbers(f'eldercare.order.{district}.{year}')[0]:06d}"


@transaction.atomic
def take_order(order: ServiceOrder, *, actor, received_at: datetime.datetime | None = None) -> ServiceOrder:
    """Record a request (an unsaved order with the elder, category and request) as received now (or at
    ``received_at``), numbered per district and year.

    Raises:
        DomainError: an invalid field, or the person has died.
        PermissionsViolation: ``actor`` may not add orders where the elder lives (nothing written).
    """
    if order.pk is not None:
        raise DomainError(_("The order is already taken."), code="eldercare.order_taken")
    order.division = order_division(order.person)
    ensure_holds_in(actor, ServiceOrder, "add", order.division)
    order.received_at = received_at or timezone.now()
    order.number = _number(order.division, order.received_at)
    order.taken_by = user_or_none(actor)
    order.status = OrderStatus.RECEIVED
    validated(order, code="eldercare.invalid")
    create_record(order, actor=actor)
    record_event(EldercareEvent.ORDER_TAKEN, actor=actor, subject=order, payload={"category": order.category})
    return order


def _in_state(order: ServiceOrder, states: tuple[str, ...], *, actor) -> ServiceOrder:
    order = locked(order)
    ensure_in_area(order, actor, "change")
    if order.status not in states:
        raise DomainError(_("This step does not apply to an order that is “%(status)s”.")
                          % {"status": order.get_status_display()}, code="eldercare.order_state")
    return order


def _not_before(at: datetime.datetime, earlier: datetime.datetime | None, field: str) -> None:
    if earlier is not None and at < earlier:
        raise DomainError(_("The time cannot be before the previous step."), code="eldercare.time_out_of_order",
                          field=field)
    if at > timezone.now():
        raise DomainError(_("The time cannot be in the future."), code="eldercare.time_in_future", field=field)


@transaction.atomic
def dispatch_order(order: ServiceOrder, *, provider: Provider, service: ProviderService, actor,
                   at: datetime.datetime | None = None) -> ServiceOrder:
    """Send a received order to a provider for one of its catalogue's services.

    Raises:
        DomainError: not received; the provider suspended or not serving the elder's area; the service not
            offered by it or of another category than requested.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    order = _in_state(order, (OrderStatus.RECEIVED,), actor=actor)
    at = at or timezone.now()
    _not_before(at, order.received_at, "at")
    if provider.status != ProviderStatus.ACTIVE:
        raise DomainError(_("The provider is suspended."), code="eldercare.provider_suspended", field="provider")
    if not order.division.path.startswith(provider.division.path):
        raise DomainError(_("The provider does not serve the elder's area."), code="eldercare.provider_out_of_area",
                          field="provider")
    if service.provider_id != provider.pk or not service.is_active:
        raise DomainError(_("The provider does not offer this service."), code="eldercare.service_not_offered",
                          field="service")
    if service.category != order.category:
        raise DomainError(_("The service is not of the kind requested."), code="eldercare.service_category",
                          field="service")
    update_fields(order, actor=actor, status=OrderStatus.DISPATCHED, provider=provider, service=service,
                  dispatched_at=at)
    record_event(EldercareEvent.ORDER_DISPATCHED, actor=actor, subject=order,
                 payload={"provider": provider.pk, "service": service.pk})
    return order


@transaction.atomic
def record_visit(order: ServiceOrder, *, note: str, actor, at: datetime.datetime | None = None) -> ServiceOrder:
    """Record the provider's visit to the elder.

    Raises:
        DomainError: not dispatched, no note, a time before the dispatch or in the future.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    order = _in_state(order, (OrderStatus.DISPATCHED,), actor=actor)
    at = at or timezone.now()
    _not_before(at, order.dispatched_at, "at")
    if not note.strip():
        raise DomainError(_("Describe the visit."), code="eldercare.note_required", field="note")
    update_fields(order, actor=actor, status=OrderStatus.VISITED, visited_at=at, visit_note=note.strip())
    record_event(EldercareEvent.ORDER_VISITED, actor=actor, subject=order, payload={})
    return order


@transaction.atomic
def complete_order(order: ServiceOrder, *, quantity: Decimal, actor,
                   at: datetime.datetime | None = None) -> ServiceOrder:
    """Record the service as done: ``quantity`` of the service's unit, priced from the catalogue.

    Raises:
        DomainError: no visit recorded, a quantity not above zero, a time out of order.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    order = _in_state(order, (OrderStatus.VISITED,), actor=actor)
    at = at or timezone.now()
    _not_before(at, order.visited_at, "at")
    if quantity is None or quantity <= 0:
        raise DomainError(_("The quantity must be more than zero."), code="eldercare.quantity", field="quantity")
    amount = (order.service.price * quantity).quantize(CENT)
    update_fields(order, actor=actor, status=OrderStatus.COMPLETED, completed_at=at, quantity=quantity,
                  amount=amount)
    record_event(EldercareEvent.ORDER_COMPLETED, actor=actor, subject=order, payload={"amount": amount})
    return order


@transaction.atomic
def record_satisfaction(order: ServiceOrder, *, satisfaction: int, feedback: str = "", actor,
                        at: datetime.datetime | None = None) -> ServiceOrder:
    """Close a completed order with the elder's satisfaction (the call centre's follow-up call).

    Raises:
        DomainError: not completed, or a time out of order.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    order = _in_state(order, (OrderStatus.COMPLETED,), actor=actor)
    at = at or timezone.now()
    _not_before(at, order.completed_at, "at")
    update_fields(order, actor=actor, status=OrderStatus.CLOSED, satisfaction=satisfaction,
                  feedback=feedback.strip(), closed_at=at)
    record_event(EldercareEvent.ORDER_RATED, actor=actor, subject=order, payload={"satisfaction": satisfaction})
    return order


@transaction.atomic
def cancel_order(order: ServiceOrder, *, reason: str, actor, at: datetime.datetime | None = None) -> ServiceOrder:
    """Cancel an order nobody has visited yet.

    Raises:
        DomainError: already visited, completed, closed or cancelled; no reason.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    order = _in_state(order, (OrderStatus.RECEIVED, OrderStatus.DISPATCHED), actor=actor)
    at = at or timezone.now()
    _not_before(at, order.received_at, "at")
    if not reason.strip():
        raise DomainError(_("Give the reason."), code="eldercare.reason_required", field="reason")
    update_fields(order, actor=actor, status=OrderStatus.CANCELLED, cancelled_at=at, cancel_reason=reason.strip())
    record_event(EldercareEvent.ORDER_CANCELLED, actor=actor, subject=order, payload={})
    return order
