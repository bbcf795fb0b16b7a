"""Certificate numbers and certificates: issued with a registration, reissued (补领), printed.

A number is the kind's letters, the office's six-digit registry code, the year and a six-digit serial
(REFERENCE.md §5.3, e.g. ``J120101-2026-000001``). The serial comes from the gap-free counter
``registry.services.draw_numbers`` of the kind, office and year: its row stays locked until the
registration commits, so concurrent registrations at one office queue for it and a rolled-back one gives
its number back — no gaps, no repeats.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, record_change, user_or_none
from minzheng.marriage.choices import CertificateKind, RegistrationStatus
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import Certificate, RegistryOffice
from minzheng.registry.services import draw_numbers

__all__ = ["certificate_number", "issue_certificate", "record_print", "reissue_certificate", "sequence_name"]

REISSUED_KIND = {CertificateKind.MARRIAGE: CertificateKind.MARRIAGE_REISSUE,
                 CertificateKind.MARRIAGE_REISSUE: CertificateKind.MARRIAGE_REISSUE,
                 CertificateKind.DIVORCE: CertificateKind.DIVORCE_REISSUE,
                 CertificateKind.DIVORCE_REISSUE: CertificateKind.DIVORCE_REISSUE}


def sequence_name(kind: str, office: RegistryOffice, year: int) -> str:
    """The name of the counter of one kind, office and year (``registry.NumberSequence``)."""
    return f"marriage:{kind}:{office.code}:{year}"


def certificate_number(kind: str, office: RegistryOffice, year: int, serial: int) -> str:
    return f"{kind}{office.code}-{year}-{serial:06d}"


def issue_certificate(kind: str, office: RegistryOffice, on: datetime.date, *, holders: str, actor,
                      holder_id_number: str = "", replaces: Certificate | None = None, **subject) -> Certificate:
    """Number and write one certificate, in the caller's transaction (the caller has checked the actor).

    Args:
        subject: ``marriage=``, ``divorce=`` or ``adoption=``, the record it certifies.
    """
    serial = draw_numbers(sequence_name(kind, office, on.year))[0]
    certificate = Certificate(number=certificate_number(kind, office, on.year, serial), kind=kind, office=office,
                              year=on.year, serial=serial, issued_on=on, holders=holders[:200],
                              holder_id_number=holder_id_number, replaces=replaces, created_by=user_or_none(actor),
                              updated_by=user_or_none(actor), **subject)
    certificate.save(force_insert=True)
    record_change(certificate, "create", actor=user_or_none(actor), before=None, after=certificate.snapshot())
    record_event(MarriageEvent.CERTIFICATE_ISSUED, actor=user_or_none(actor), subject=certificate,
                 payload={"number": certificate.number, "kind": kind})
    return certificate


def _holder(original: Certificate, id_number: str) -> str:
    """The name of the party of ``original``'s marriage or divorce whose identity number this is ("" if none)."""
    record = original.marriage or original.divorce
    for name, number in ((record.party_a_name, record.party_a_id_number),
                         (record.party_b_name, record.party_b_id_number)):
        if number == id_number:
            return name
    return ""


@transaction.atomic
def reissue_certificate(original: Certificate, *, office: RegistryOffice, holder_id_number: str, actor,
                        on: datetime.date | None = None) -> Certificate:
    """Issue a replacement (补领) of a lost marriage or divorce certificate to one of its holders.

    婚姻登记条例 第十七条: after the archive is checked. The archive is this registry's record of the
    marriage or divorce; the holder is one of its parties; a marriage dissolved since gets no new
    marriage certificate.

    Raises:
        DomainError: ``marriage.reissue_kind`` (not a marriage or divorce certificate),
            ``marriage.reissue_not_holder``, ``marriage.reissue_dissolved``.
        PermissionsViolation: the actor may not add certificates at ``office``.
    """
    ensure_holds_in(actor, Certificate, "add", office.division)
    original = Certificate.objects.select_related("marriage", "divorce").get(pk=original.pk)  # the archive as it is
    on = on or timezone.localdate()
    kind = REISSUED_KIND.get(original.kind)
    if kind is None:
        raise DomainError(_("Only marriage and divorce certificates are reissued here."),
                          code="marriage.reissue_kind", field="original")
    holder = _holder(original, str(holder_id_number).strip().upper())
    if not holder:
        raise DomainError(_("The archive shows no party with this identity number."),
                          code="marriage.reissue_not_holder", field="holder_id_number")
    marriage = original.marriage
    if marriage is not None and (marriage.dissolved_on or marriage.status != RegistrationStatus.REGISTERED):
        raise DomainError(_("This marriage was dissolved on %(date)s; no marriage certificate can be reissued.")
                          % {"date": f"{marriage.dissolved_on:%Y-%m-%d}"}, code="marriage.reissue_dissolved",
                          field="original")
    subject = {"marriage": marriage} if marriage is not None else {"divorce": original.divorce}
    return issue_certificate(kind, office, on, holders=holder, actor=actor, replaces=original,
                             holder_id_number=str(holder_id_number).strip().upper(), **subject)


def record_print(certificate: Certificate, *, actor) -> None:
    """Log that ``certificate`` was printed (the print shows the holders' full identity numbers)."""
    record_event(MarriageEvent.CERTIFICATE_PRINTED, actor=actor, subject=certificate,
                 payload={"number": certificate.number})
