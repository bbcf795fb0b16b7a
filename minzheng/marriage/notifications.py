"""Confirmations to the public (booked, cancelled), through a pluggable notifier.

``MINZHENG_MARRIAGE_NOTIFIER`` names the class (dotted path) that sends them; it gets a ``Message`` and
delivers it or raises. The default, ``ConsoleNotifier``, writes the message to standard output (the
development server's console, the worker's log); ``MemoryNotifier`` keeps them in ``outbox`` for tests;
``SmsGatewayNotifier`` posts them as JSON to an SMS gateway (``MINZHENG_SMS_GATEWAY_URL``). A message is
sent after the booking commits; a failure to send is logged and never undoes the booking.
"""

import json
import logging
import sys
import urllib.request
from dataclasses import asdict, dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

__all__ = ["ConsoleNotifier", "MemoryNotifier", "Message", "Notifier", "SmsGatewayNotifier", "get_notifier",
           "send"]

logger = logging.getLogger(__name__)
DEFAULT_NOTIFIER = "minzheng.marriage.notifications.ConsoleNotifier"


@dataclass(frozen=True)
class Message:
    """One text to one phone number; ``reference`` is the appointment number it is about."""

    phone: str
    text: str
    reference: str = ""


class Notifier:
    """Base of the notifiers: ``send`` delivers one message or raises."""

    def send(self, message: Message) -> None:
        raise NotImplementedError


class ConsoleNotifier(Notifier):
    """Writes each message to standard output (development and demonstration)."""

    stream = None

    def send(self, message: Message) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"[SMS to {message.phone}] {message.text}\n")
        stream.flush()


class MemoryNotifier(Notifier):
    """Keeps the messages in ``MemoryNotifier.outbox`` (tests)."""

    outbox: list[Message] = []

    def send(self, message: Message) -> None:
        MemoryNotifier.outbox.append(message)


class SmsGatewayNotifier(Notifier):
    """Posts ``{"phone", "text", "reference"}`` as JSON to ``MINZHENG_SMS_GATEWAY_URL`` (5 s timeout)."""

    timeout = 5

    def send(self, message: Message) -> None:
        url = getattr(settings, "MINZHENG_SMS_GATEWAY_URL", "")
        if not url:
            raise RuntimeError("MINZHENG_SMS_GATEWAY_URL is not set")
        request = urllib.request.Request(url, data=json.dumps(asdict(message)).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
            if response.status >= 300:
                raise RuntimeError(f"SMS gateway answered {response.status}")


@cache
def _notifier_class(path: str) -> type[Notifier]:
    return import_string(path)


def get_notifier() -> Notifier:
    """A notifier of the configured class."""
    return _notifier_class(getattr(settings, "MINZHENG_MARRIAGE_NOTIFIER", "") or DEFAULT_NOTIFIER)()


def send(message: Message) -> bool:
    """Send ``message`` with the configured notifier; False (and a logged error) when it fails."""
    try:
        get_notifier().send(message)
    except Exception:  # a notification never undoes what it reports
        logger.exception("marriage: could not send the message about %s", message.reference)
        return False
    return True


def booked_text(appointment) -> str:
    return _("%(office)s: your appointment %(number)s for %(service)s on %(date)s at %(time)s is booked. "
             "Bring your identity cards and household register books. To cancel, use the number on the portal.") % {
        "office": appointment.office.name, "number": appointment.formatted_number,
        "service": appointment.get_service_display(), "date": f"{appointment.date:%Y-%m-%d}",
        "time": f"{appointment.starts_at:%H:%M}"}


def cancelled_text(appointment) -> str:
    return _("%(office)s: your appointment %(number)s on %(date)s has been cancelled.") % {
        "office": appointment.office.name, "number": appointment.formatted_number,
        "date": f"{appointment.date:%Y-%m-%d}"}
