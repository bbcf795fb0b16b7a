"""What the public portal reads and how often one address may book or cancel.

The limit counts booking and cancelling attempts per client address in a cache window of an hour
(``MINZHENG_MARRIAGE_BOOKINGS_PER_HOUR``, default 10; 0: no limit), like the portal's objections
(``portal.services``): it holds per process unless the default cache is shared (docs/portal.md).
"""

from django.conf import settings
from django.core.cache import cache

from minzheng.framework.privacy import mask_name
from minzheng.marriage.models import Appointment, RegistryOffice
from minzheng.portal.services import RATE_WINDOW, client_address

__all__ = ["client_address", "public_appointment", "public_offices", "take_booking_quota"]


def public_offices():
    """The offices taking bookings, by code."""
    return RegistryOffice.objects.filter(is_active=True).select_related("division").order_by("code")


def take_booking_quota(client: str) -> bool:
    """Count one booking or cancelling attempt from ``client``; False once the hour's quota is used up."""
    limit = settings.MINZHENG_MARRIAGE_BOOKINGS_PER_HOUR
    if limit <= 0:
        return True
    key = f"minzheng:marriage:bookings:{client}"
    cache.add(key, 0, timeout=RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count <= limit


def public_appointment(appointment: Appointment) -> dict:
    """What the public sees of an appointment: masked names, never an identity number or the phone."""
    return {"number": appointment.formatted_number, "status": appointment.status,
            "status_display": appointment.get_status_display(), "office": appointment.office.name,
            "address": appointment.office.address, "service": appointment.service,
            "service_display": appointment.get_service_display(), "date": appointment.date,
            "starts_at": appointment.starts_at, "ends_at": appointment.slot.ends_at,
            "party_a": mask_name(appointment.party_a_name),
            "party_b": mask_name(appointment.party_b_name) if appointment.party_b_name else ""}
