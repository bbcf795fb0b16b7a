"""What the marriage registry does when the population register records a death (registry.lifeevents).

A registered marriage of the deceased ends on the date of death (the survivor may marry again), a pending
divorce application of the deceased ends, and the deceased's booked appointments are cancelled. Run in the
registry's transaction, as part of ``record_life_event``.
"""

from django.db.models import Q

from minzheng.audit.services import record_event
from minzheng.framework.services import record_change, user_or_none
from minzheng.marriage.booking import close_appointment
from minzheng.marriage.choices import AppointmentStatus, Dissolution, DivorceStatus, RegistrationStatus
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import Appointment, DivorceApplication, MarriageRegistration
from minzheng.registry.choices import LifeEventKind
from minzheng.registry.lifeevents import register_life_event_handler

__all__ = ["end_marriage_records_after_death"]


def _of(person) -> Q:
    by_id = Q(party_a_id_number=person.id_number) | Q(party_b_id_number=person.id_number) if person.id_number else Q()
    return by_id | Q(party_a_person=person) | Q(party_b_person=person)


@register_life_event_handler(LifeEventKind.DEATH)
def end_marriage_records_after_death(event, *, actor) -> None:
    """End the deceased's marriage, pending divorce application and booked appointments."""
    from minzheng.marriage.divorces import dissolve_marriage

    person, actor = event.person, user_or_none(actor)
    marriages = MarriageRegistration.objects.filter(_of(person), status=RegistrationStatus.REGISTERED,
                                                    dissolved_on__isnull=True)
    for marriage in marriages.select_for_update(no_key=True, of=("self",)):
        dissolve_marriage(marriage, event.date, Dissolution.DEATH, actor=actor)
        record_event(MarriageEvent.MARRIAGE_ENDED_BY_DEATH, actor=actor, subject=marriage, payload={"on": event.date})
    pending = DivorceApplication.objects.filter(_of(person), status=DivorceStatus.PENDING)
    for application in pending.select_for_update(no_key=True, of=("self",)):
        before = application.snapshot()
        application.status, application.closed_on = DivorceStatus.ENDED, event.date
        application.save(update_fields=["status", "closed_on", "updated_at"])
        record_change(application, "update", actor=actor, before=before, after=application.snapshot())
        record_event(MarriageEvent.DIVORCE_ENDED_BY_DEATH, actor=actor, subject=application,
                     payload={"on": event.date})
    if person.id_number:
        _cancel_appointments(person.id_number, actor)


def _cancel_appointments(id_number: str, actor) -> None:
    booked = Appointment.objects.filter(Q(party_a_id_number=id_number) | Q(party_b_id_number=id_number),
                                        status=AppointmentStatus.BOOKED)
    for appointment in booked.select_for_update(no_key=True, of=("self",)):
        close_appointment(appointment, AppointmentStatus.CANCELLED, MarriageEvent.APPOINTMENT_CANCELLED, actor=actor,
                          release=True, payload={"by": "death"})
