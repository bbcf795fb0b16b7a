"""Finding conflicts of interest in the close-relatives register (近亲属备案).

A case conflicts with a caseworker when any member of the household is a close relative the
caseworker has declared, the caseworker is in office on the date, and the caseworker is in the
same area as the case: both divisions lie in the same district or county (their paths share the
district-level prefix, ``models.area_prefix``). Such a case needs a ``ConflictFiling``
(``services.file_conflict``) with home visits to every household, and the caseworker may not take
part in deciding it (``recusal_reason``).

Identity numbers are compared in their stored form (18 characters, upper-case X; a 15-digit
number is upgraded).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance.models import CaseworkerRecord, DeclaredRelative
from minzheng.framework.privacy import mask_id_number
from minzheng.registry import idcard
from minzheng.registry.models import Membership

__all__ = ["Conflict", "find_conflicts", "household_id_numbers", "recusal_reason"]


@dataclass(frozen=True)
class Conflict:
    """A caseworker of the case's area who declared one of the household's members as a close relative."""

    caseworker: CaseworkerRecord
    relative: DeclaredRelative

    @property
    def id_number(self) -> str:
        return self.relative.id_number


def _stored_form(raw: str) -> str:
    info = idcard.parse(raw)
    return info.normalized if info.valid else raw.strip().upper()


def find_conflicts(member_id_numbers: Iterable[str], division, *, date: datetime.date | None = None
                   ) -> list[Conflict]:
    """Every conflict between a case's household members and the register.

    Args:
        member_id_numbers: identity numbers of the household's members (blanks are ignored).
        division: the case's division.
        date: the day the caseworkers must be in office (default: today).

    Returns:
        One ``Conflict`` per declared relative found, ordered by caseworker name; empty when none.
    """
    numbers = {_stored_form(number) for number in member_id_numbers if number and number.strip()}
    if not numbers:
        return []
    active = CaseworkerRecord.objects.active_on(date or timezone.localdate()).in_same_area(division)
    relatives = (DeclaredRelative.objects.filter(caseworker__in=active, id_number__in=numbers)
                 .select_related("caseworker__division", "caseworker__user")
                 .order_by("caseworker__name", "caseworker_id", "pk"))
    return [Conflict(caseworker=relative.caseworker, relative=relative) for relative in relatives]


def recusal_reason(user, member_id_numbers: Iterable[str], division, *, date: datetime.date | None = None
                   ) -> str | None:
    """Why ``user`` may not take part in deciding a case, or None when nothing stands in the way.

    ``user`` is kept out when the account is linked to a caseworker record that conflicts with the
    case (see ``find_conflicts``).

    The approvals engine calls it through a recusal check registered per flow, e.g. in
    ``assistance/apps.py`` ``ready()`` once the application procedure exists::

        from minzheng.approvals.services import register_recusal_check

        register_recusal_check("assistance.dibao", lambda user, request: recusal_reason(
            user, household_id_numbers(request.subject.household), request.subject.division))

    Args:
        user: the user about to decide.
        member_id_numbers: identity numbers of the household's members.
        division: the case's division.
        date: the day of the decision (default: today).
    """
    if user is None or getattr(user, "pk", None) is None:
        return None
    for conflict in find_conflicts(member_id_numbers, division, date=date):
        if conflict.caseworker.user_id == user.pk:
            return _("You are registered as a close relative (%(relation)s) of household member %(id)s: you may "
                     "not take part in deciding this case.") % {
                "relation": conflict.relative.get_relation_display(), "id": mask_id_number(conflict.id_number)}
    return None


def household_id_numbers(household, *, date: datetime.date | None = None) -> list[str]:
    """Identity numbers of the members of ``household`` (a ``registry.Household``) on ``date`` (default: today).

    A membership's ``end_date`` is taken as the day the member left, no longer a member.
    """
    date = date or timezone.localdate()
    members = (Membership.objects.filter(household=household, start_date__lte=date)
               .filter(Q(end_date__isnull=True) | Q(end_date__gt=date)).exclude(person__id_number=None))
    return list(members.values_list("person__id_number", flat=True))
