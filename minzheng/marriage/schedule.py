"""When an office is open, and the slots of its open days.

A day is open when the holiday calendar (``approvals.workdays``: weekends, public holidays, 调休 make-up
working days) says it is a working day, unless the office has an ``OfficeDay`` for it (a closure, or a
special opening such as a popular date on a weekend). The slots of an open day are made from the office's
``SlotTemplate`` rows the first time the day is shown or booked (``open_slots``); making them is
idempotent and safe when two requests do it at once (``bulk_create(ignore_conflicts=True)`` on the unique
office, service, date and time). Later changes of the templates apply to days not opened yet.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals.workdays import WorkCalendar
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, user_or_none
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import OfficeDay, RegistryOffice, Slot, SlotTemplate

__all__ = ["OfficeCalendar", "bookable_days", "open_slots", "open_slots_ahead", "set_slot_capacity"]

ONE_DAY = datetime.timedelta(days=1)


class OfficeCalendar:
    """The open days of one office: its own entries first, then the working-day calendar (cached per year)."""

    def __init__(self, office: RegistryOffice, work: WorkCalendar | None = None):
        self.office = office
        self.work = work or WorkCalendar()
        self._days: dict[int, dict[datetime.date, bool]] = {}

    def _entries(self, year: int) -> dict[datetime.date, bool]:
        if year not in self._days:
            self._days[year] = dict(OfficeDay.objects.filter(office=self.office, date__year=year)
                                    .values_list("date", "is_open"))
        return self._days[year]

    def is_open(self, day: datetime.date) -> bool:
        override = self._entries(day.year).get(day)
        return override if override is not None else self.work.is_workday(day)

    def reason_closed(self, day: datetime.date) -> str:
        """Why the office is closed on ``day`` (its own reason, else the calendar's), "" when it is open."""
        if self.is_open(day):
            return ""
        entry = OfficeDay.objects.filter(office=self.office, date=day).values_list("reason", flat=True).first()
        return entry or _("not a working day")


def bookable_days(office: RegistryOffice, *, today: datetime.date | None = None,
                  calendar: OfficeCalendar | None = None) -> list[datetime.date]:
    """The open days the public may book: from tomorrow up to ``office.booking_days`` ahead."""
    today = today or timezone.localdate()
    calendar = calendar or OfficeCalendar(office)
    days = (today + ONE_DAY * n for n in range(1, office.booking_days + 1))
    return [day for day in days if calendar.is_open(day)]


def open_slots(office: RegistryOffice, day: datetime.date, *, calendar: OfficeCalendar | None = None) -> list[Slot]:
    """The slots of ``office`` on ``day``, made from its templates when the day is open; none when closed."""
    calendar = calendar or OfficeCalendar(office)
    if not calendar.is_open(day):
        return []
    existing = list(Slot.objects.filter(office=office, date=day))
    if not existing:
        templates = SlotTemplate.objects.filter(office=office)
        Slot.objects.bulk_create([Slot(office=office, service=t.service, date=day, starts_at=t.starts_at,
                                       ends_at=t.ends_at, capacity=t.capacity) for t in templates],
                                 ignore_conflicts=True)
        existing = list(Slot.objects.filter(office=office, date=day))
    return sorted(existing, key=lambda slot: (slot.service, slot.starts_at))


def open_slots_ahead(office: RegistryOffice, *, today: datetime.date | None = None) -> int:
    """Make the slots of every bookable day of ``office``; returns how many slots exist for those days."""
    calendar = OfficeCalendar(office)
    return sum(len(open_slots(office, day, calendar=calendar)) for day in bookable_days(office, today=today,
                                                                                        calendar=calendar))


@transaction.atomic
def set_slot_capacity(slot: Slot, capacity: int, *, actor) -> Slot:
    """Change how many bookings ``slot`` takes; never below the bookings it already holds.

    The check and the change are one conditional UPDATE, so a booking arriving at the same moment is
    counted either before (and the change may be refused) or after (against the new capacity).

    Raises:
        DomainError: ``marriage.capacity_invalid`` (not positive), ``marriage.capacity_below_bookings``.
        PermissionsViolation: the slot is outside the actor's area.
    """
    ensure_in_area(slot, actor, "change")
    if capacity < 1:
        raise DomainError(_("A slot takes at least one booking."), code="marriage.capacity_invalid",
                          field="capacity")
    before = slot.capacity
    changed = Slot.objects.filter(pk=slot.pk, booked__lte=capacity).update(capacity=capacity)
    slot.refresh_from_db()
    if not changed:
        raise DomainError(_("%(booked)s bookings are already taken; the capacity cannot be lower.")
                          % {"booked": slot.booked}, code="marriage.capacity_below_bookings", field="capacity")
    record_event(MarriageEvent.SLOT_CAPACITY_CHANGED, actor=user_or_none(actor), subject=slot,
                 payload={"before": before, "after": capacity, "booked": slot.booked})
    return slot
