"""The people at the registry: their names and identity numbers checked, their records in the population
register found, whether they are married, and their marital status recorded there.

The population register is read as the system (``Person.objects``, not restricted): the marriage registry
answers for the whole city, whichever district a party's household is registered in (婚姻登记条例 第四条:
either party's). Writing the marital status goes through ``registry.services.record_life_event`` on the
authority of the marriage or divorce record (the office's permission checked by the registering service), so a
party registered in another district gets the change too; only a party whose record is not of a living
person is left pending on the record and in the audit trail (docs/marriage.md, "Marital status").
"""

import datetime
import re

from django.db import models
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import user_or_none
from minzheng.marriage.choices import RegistrationStatus
from minzheng.marriage.events import MarriageEvent
from minzheng.registry import idcard
from minzheng.registry.choices import MaritalStatus, PersonStatus
from minzheng.registry.models import Person
from minzheng.registry.services import record_life_event

__all__ = ["NAME_PATTERN", "check_id_number", "check_name", "find_person", "married_in_registry",
           "record_marital_change"]

#: Chinese characters, Latin letters, the middle dot of transcribed names and inner spaces; 2 to 50 of them.
NAME_PATTERN = re.compile(r"^[\u3400-\u9fffA-Za-z·•][\u3400-\u9fffA-Za-z·• ]{0,48}[\u3400-\u9fffA-Za-z]$")


def check_name(value: str, field: str) -> str:
    """The name stripped; a name that cannot be a person's is refused on ``field``.

    Raises:
        DomainError: ``marriage.name_invalid``.
    """
    name = " ".join(str(value or "").split())
    if not NAME_PATTERN.match(name):
        raise DomainError(_("Enter the name as on the identity card (2 to 50 letters)."),
                          code="marriage.name_invalid", field=field)
    return name


def check_id_number(value: str, field: str, *, on: datetime.date | None = None) -> idcard.IdCardInfo:
    """The parsed identity number (``normalized`` holds its canonical form).

    Raises:
        DomainError: ``marriage.id_invalid`` with the number's error, on ``field``.
    """
    info = idcard.parse(str(value or "").strip(), today=on)
    if not info.valid:
        raise DomainError(info.error, code="marriage.id_invalid", field=field)
    return info


def find_person(id_number: str) -> Person | None:
    """The person with this identity number in the population register (the system's lookup), if any."""
    if not id_number:
        return None
    return Person.objects.filter(id_number=id_number).exclude(status=PersonStatus.MERGED).first()


def married_in_registry(id_number: str, person: Person | None) -> bool:
    """Married according to the population register, or by a marriage of this registry not dissolved since."""
    from minzheng.marriage.models import MarriageRegistration

    if person is not None and person.marital_status == MaritalStatus.MARRIED:
        return True
    own = MarriageRegistration.objects.filter(status=RegistrationStatus.REGISTERED, dissolved_on__isnull=True)
    return own.filter(models.Q(party_a_id_number=id_number) | models.Q(party_b_id_number=id_number)).exists()


def record_marital_change(person: Person | None, kind: str, on: datetime.date, *, actor, subject: models.Model,
                          details: dict) -> dict | None:
    """Record a marriage or divorce of ``person`` as a registry life event, in the caller's transaction.

    Returns ``None`` when it is recorded (or there is no record to change), else the pending change
    (``{"person": id, "kind": ..., "date": ...}``), which the caller keeps and which is written to the
    audit trail as ``marriage.marital_status.pending``: the person's record is not of a living person. A party
    registered in another district is recorded too, on the authority of the marriage or divorce record.
    """
    if person is None:
        return None
    if person.status == PersonStatus.ALIVE:
        # The office's own permission was checked by the caller: the registry records it on that authority,
        # wherever the party's household is registered.
        record_life_event(person, kind, on, actor=actor, details=details, authority=subject)
        return None
    pending = {"person": person.pk, "kind": kind, "date": on.isoformat()}
    record_event(MarriageEvent.STATUS_PENDING, actor=user_or_none(actor), subject=subject, payload=pending)
    return pending
