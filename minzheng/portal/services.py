"""Objections from the public to a notice under way, and the per-address limit on them.

The limit counts objections per client address in a cache window of an hour (``django.core.cache``;
``MINZHENG_PORTAL_OBJECTIONS_PER_HOUR``, default 5). It is kept in the default cache, so it holds per
process unless that cache is shared (Redis, database): see docs/portal.md.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from minzheng.approvals.models import ApprovalRequest, Objection
from minzheng.approvals.services import receive_objection
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.portal.notices import find_notice

__all__ = ["RATE_WINDOW", "client_address", "objector_label", "submit_objection", "take_objection_quota"]

#: Seconds of the window in which an address may send ``MINZHENG_PORTAL_OBJECTIONS_PER_HOUR`` objections.
RATE_WINDOW = 3600


def client_address(request) -> str:
    """The address a request came from (``REMOTE_ADDR``: set it right behind a proxy, see docs/portal.md)."""
    return request.META.get("REMOTE_ADDR", "")


def take_objection_quota(client: str) -> bool:
    """Count one objection from ``client`` (an address); False when its quota for the hour is used up."""
    key = f"minzheng:portal:objections:{client}"
    cache.add(key, 0, timeout=RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=RATE_WINDOW)
        count = 1
    return count <= settings.MINZHENG_PORTAL_OBJECTIONS_PER_HOUR


def objector_label(name: str = "", phone: str = "") -> str:
    """Who raised an objection as stored with it: the name and the phone given, or empty (anonymous)."""
    return " ".join(part.strip() for part in (name, phone) if part and part.strip())


@transaction.atomic
def submit_objection(request_id: int, *, content: str, name: str = "", phone: str = "",
                     area: Division | None = None, today: datetime.date | None = None) -> Objection:
    """Record a public objection to the case under notice in approval request ``request_id``.

    Goes through ``approvals.services.receive_objection`` with ``actor=None`` (the public portal); the
    objection is anonymous unless a name or phone is given. With ``area``, only a notice in its subtree.

    Raises:
        DomainError: ``portal.not_under_notice`` when the request does not exist, is not an assistance
            case, or its notice is not under way (the same answer for each, so ids reveal nothing);
            ``approvals.content_required`` when the content is empty.
    """
    if find_notice(request_id, area=area, today=today) is None:
        raise DomainError(_("This case is not under public notice; objections can no longer be sent here."),
                          code="portal.not_under_notice")
    request = ApprovalRequest.objects.get(pk=request_id)
    return receive_objection(request, actor=None, content=content, objector=objector_label(name, phone))
