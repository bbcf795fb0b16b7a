"""What the public portal shows of the 公示 (public notices) under way, and nothing else.

A notice is under way while an approval request of an assistance case is in progress, its current
step is a public notice, and today is not after the notice's last day (``approvals.rules.notice_end``).
A finished notice — its period over, or its step decided — is no longer shown, nor can it be objected
to here. Every value leaving this module is already masked (``PublicNotice``): the pages and the API
never hold the case, the person or the full identity number.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from minzheng.approvals.choices import RequestStatus, StepKind
from minzheng.approvals.models import ApprovalRequest
from minzheng.approvals.rules import notice_end
from minzheng.approvals.workdays import WorkCalendar
from minzheng.assistance.models import AssistanceCase
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division, ancestor_paths_of
from minzheng.framework.privacy import mask_id_number, mask_name

__all__ = ["CommunityNotices", "PublicNotice", "community_notices", "current_notices", "find_notice",
           "notice_areas"]


@dataclass(frozen=True)
class PublicNotice:
    """One case under public notice, as the public may see it (masked)."""

    request_id: int
    community_code: str
    community_name: str
    community_path: str
    applicant: str
    id_number: str
    program: str
    household_size: int
    proposed_amount: Decimal | None
    notice_from: datetime.date
    notice_until: datetime.date


@dataclass(frozen=True)
class CommunityNotices:
    """A community (or other unit) with cases under notice, and the names of the units above it."""

    code: str
    name: str
    parents: str
    count: int


def _notice_requests():
    return (ApprovalRequest.objects
            .filter(status=RequestStatus.IN_PROGRESS, current_step__kind=StepKind.PUBLIC_NOTICE,
                    content_type=ContentType.objects.get_for_model(AssistanceCase))
            .select_related("current_step", "division").order_by("division__path", "step_started_at", "pk"))


def _public(request: ApprovalRequest, case: AssistanceCase, until: datetime.date) -> PublicNotice:
    return PublicNotice(
        request_id=request.pk, community_code=request.division.code, community_name=request.division.name,
        community_path=request.division.path, applicant=mask_name(case.applicant.name),
        id_number=mask_id_number(case.applicant.id_number) if case.applicant.id_number else "",
        program=case.program.name, household_size=case.member_count, proposed_amount=case.calculated_amount,
        notice_from=timezone.localdate(request.step_started_at), notice_until=until)


def current_notices(*, area: Division | None = None, request_id: int | None = None,
                    today: datetime.date | None = None) -> list[PublicNotice]:
    """The notices under way today, in ``area``'s subtree (or the one of request ``request_id``)."""
    today = today or timezone.localdate()
    requests = _notice_requests()
    if area is not None:
        requests = requests.filter(division__path__startswith=area.path)
    if request_id is not None:
        requests = requests.filter(pk=request_id)
    requests = list(requests)
    cases = AssistanceCase.objects.select_related("applicant", "program").in_bulk([r.object_id for r in requests])
    calendar, notices = WorkCalendar(), []
    for request in requests:
        until = notice_end(request.current_step, request.step_started_at, calendar)
        case = cases.get(request.object_id)
        if case is not None and until >= today:
            notices.append(_public(request, case, until))
    return notices


def find_notice(request_id: int, *, area: Division | None = None,
                today: datetime.date | None = None) -> PublicNotice | None:
    """The notice of approval request ``request_id`` if it is under way (in ``area``), else None."""
    return next(iter(current_notices(area=area, request_id=request_id, today=today)), None)


def _names_above(path: str, names: dict[str, str]) -> str:
    return " · ".join(names[above] for above in ancestor_paths_of(path)[:-1] if above in names)


def community_notices(notices: list[PublicNotice]) -> list[CommunityNotices]:
    """The units of ``notices`` with how many cases each has under notice, with the names of their district
    and street."""
    counts: dict[tuple[str, str, str], int] = {}
    for notice in notices:
        key = (notice.community_path, notice.community_code, notice.community_name)
        counts[key] = counts.get(key, 0) + 1
    names = _unit_names({path for path, _code, _name in counts})
    return [CommunityNotices(code, name, _names_above(path, names), count)
            for (path, code, name), count in sorted(counts.items())]


def _unit_names(paths: set[str]) -> dict[str, str]:
    """path → name of the districts and streets above ``paths`` (the city left out)."""
    above = {ancestor for path in paths for ancestor in ancestor_paths_of(path)} - paths
    units = Division.objects.filter(path__in=above).exclude(level=Level.CITY)
    return dict(units.values_list("path", "name"))


def notice_areas(notices: list[PublicNotice]) -> list[Division]:
    """The districts, streets and communities that have notices under way, by path (public names only)."""
    paths = {ancestor for notice in notices for ancestor in ancestor_paths_of(notice.community_path)}
    return list(Division.objects.filter(path__in=paths).exclude(level=Level.CITY).order_by("path")
                .only("code", "name", "path", "depth", "level"))
