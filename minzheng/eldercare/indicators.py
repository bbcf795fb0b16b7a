"""The indicators of elderly care (docs/indicators.md), read by dashboards and the work plan.

- ``eldercare.beds_added``: institution beds added in bed blocks dated in the period (removals not netted);
- ``eldercare.beds_total``: institution beds on the period's last day (added minus removed);
- ``eldercare.daycare_added`` / ``eldercare.mealcentre_added`` / ``eldercare.mealpoint_added``: day-care
  centres, district meal centres and meal service points opened in the period;
- ``eldercare.meal_coverage``: the share (%) of the communities of the area served on the period's last day by
  an open meal service point (the community it lies in, and those it lists);
- ``eldercare.insurance_coverage``: the share (%) of the area's elderly people (60 or over, living) holding an
  accident insurance policy covering the period's last day.

Every figure is scoped: with a ``user``, only the rows ``restrict(user, "view")`` lets the user see (for the
shares, also only the communities and people of the area where the user holds the indicator's permission);
with a ``division``, only its subtree.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.eldercare.choices import CentreKind
from minzheng.eldercare.constants import born_by
from minzheng.eldercare.models import BedBlock, InsurancePolicy, ServiceCentre
from minzheng.indicators.periods import resolve_period
from minzheng.indicators.registry import register_indicator
from minzheng.registry.choices import PersonStatus
from minzheng.registry.models import Person

__all__ = ["BEDS_PERMISSION", "CENTRES_PERMISSION", "INSURANCE_PERMISSION", "beds_added", "beds_total",
           "communities", "daycare_added", "insurance_coverage", "meal_coverage", "mealcentre_added",
           "mealpoint_added", "percentage", "scoped"]

BEDS_PERMISSION = "eldercare.view_bedblock"
CENTRES_PERMISSION = "eldercare.view_servicecentre"
INSURANCE_PERMISSION = "eldercare.view_insurancepolicy"
TENTH = Decimal("0.1")


def scoped(model, user, division) -> QuerySet:
    """``model``'s rows ``user`` may view (all for the system), inside ``division``'s subtree when given."""
    queryset = model.objects.all() if user is None else model.objects.restrict(user, "view")
    return queryset if division is None else queryset.in_division(division)


def _within(field: str, user, perm: str, division) -> Q:
    """Rows whose division path (``field``) lies inside ``division`` and inside ``user``'s area for ``perm``."""
    condition = Q(**{f"{field}__startswith": division.path}) if division is not None else Q()
    if user is not None and not user.is_superuser:
        paths = user.area_paths(perm) if user.is_active else []
        area = Q(pk__in=[])
        for path in paths:
            area |= Q(**{f"{field}__startswith": path})
        condition &= area
    return condition


def percentage(part: int, whole: int) -> Decimal:
    """``part`` ÷ ``whole`` in per cent to one decimal (0 when ``whole`` is 0)."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _opened(kind: str, user, division, start, end) -> int:
    return scoped(ServiceCentre, user, division).filter(kind=kind).opened_between(start, end).count()


def beds_added(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Beds added in the period."""
    start, end = resolve_period(period_start, period_end)
    return scoped(BedBlock, user, division).added_between(start, end)


def beds_total(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Beds on the period's last day."""
    _start, end = resolve_period(period_start, period_end)
    return scoped(BedBlock, user, division).capacity(end)


def daycare_added(*, user=None, division=None, period_start=None, period_end=None) -> int:
    start, end = resolve_period(period_start, period_end)
    return _opened(CentreKind.DAYCARE, user, division, start, end)


def mealcentre_added(*, user=None, division=None, period_start=None, period_end=None) -> int:
    start, end = resolve_period(period_start, period_end)
    return _opened(CentreKind.MEAL_CENTRE, user, division, start, end)


def mealpoint_added(*, user=None, division=None, period_start=None, period_end=None) -> int:
    start, end = resolve_period(period_start, period_end)
    return _opened(CentreKind.MEAL_POINT, user, division, start, end)


def communities(on: datetime.date, *, user=None, division=None, perm: str = CENTRES_PERMISSION) -> QuerySet:
    """The communities (and villages) existing on ``on`` inside ``division`` and ``user``'s area."""
    return Division.objects.valid_on(on).filter(level=Level.COMMUNITY).filter(_within("path", user, perm, division))


def served_communities(on: datetime.date, *, user=None) -> set[int]:
    """Ids of the communities an open meal service point serves on ``on`` (among the points ``user`` sees)."""
    points = scoped(ServiceCentre, user, None).filter(kind=CentreKind.MEAL_POINT).open_on(on)
    served = set(points.filter(division__level=Level.COMMUNITY).values_list("division_id", flat=True))
    served.update(points.values_list("served_communities", flat=True))
    served.discard(None)
    return served


def meal_coverage(*, user=None, division=None, period_start=None, period_end=None) -> Decimal:
    """Communities served by a meal point ÷ communities, in per cent, on the period's last day."""
    _start, end = resolve_period(period_start, period_end)
    area = set(communities(end, user=user, division=division).values_list("pk", flat=True))
    return percentage(len(area & served_communities(end, user=user)), len(area))


def elderly_people(on: datetime.date, *, user=None, division=None) -> QuerySet:
    """People of the area aged 60 or over on ``on`` and living then (neither dead by then, moved away nor merged)."""
    people = Person.objects.filter(birth_date__lte=born_by(on)).exclude(
        status__in=(PersonStatus.MOVED_AWAY, PersonStatus.MERGED)).filter(
        Q(death_date__isnull=True) | Q(death_date__gt=on))
    return people.filter(_within("hukou_division__path", user, INSURANCE_PERMISSION, division))


def insurance_coverage(*, user=None, division=None, period_start=None, period_end=None) -> Decimal:
    """Elderly people with a policy covering the period's last day ÷ elderly people, in per cent."""
    _start, end = resolve_period(period_start, period_end)
    elderly = elderly_people(end, user=user, division=division)
    covered = scoped(InsurancePolicy, user, division).filter(
        insured_from__lte=end, insured_until__gte=end, person__in=elderly.values("pk")).values("person").distinct()
    return percentage(covered.count(), elderly.count())


register_indicator(
    "eldercare.beds_added", name=_("Institution beds added"), unit=_("beds"), compute=beds_added,
    description=_("Beds added to care institutions in the period (bed blocks dated in it); removals are not "
                  "netted."), permission=BEDS_PERMISSION, keywords=("养老机构床位", "养老床位", "床位"))
register_indicator(
    "eldercare.beds_total", name=_("Institution beds"), unit=_("beds"), compute=beds_total,
    description=_("Beds of care institutions on the last day of the period."), permission=BEDS_PERMISSION)
register_indicator(
    "eldercare.daycare_added", name=_("Day-care centres opened"), unit=_("centres"), compute=daycare_added,
    description=_("Day-care centres (老年日间照料服务中心) opened in the period."), permission=CENTRES_PERMISSION,
    keywords=("日间照料",))
register_indicator(
    "eldercare.mealcentre_added", name=_("District meal centres opened"), unit=_("centres"), compute=mealcentre_added,
    description=_("District meal centres (区级老年配餐中心) opened in the period."), permission=CENTRES_PERMISSION,
    keywords=("配餐中心",))
register_indicator(
    "eldercare.mealpoint_added", name=_("Meal service points opened"), unit=_("points"), compute=mealpoint_added,
    description=_("Meal service points (老年助餐点) opened in the period."), permission=CENTRES_PERMISSION,
    keywords=("助餐点", "老年餐桌"))
register_indicator(
    "eldercare.meal_coverage", name=_("Communities with meal service"), unit="%", compute=meal_coverage,
    description=_("Share of the communities served by an open meal service point on the last day of the period."),
    permission=CENTRES_PERMISSION, keywords=("配餐服务", "助餐服务"))
register_indicator(
    "eldercare.insurance_coverage", name=_("Elderly accident insurance coverage"), unit="%",
    compute=insurance_coverage,
    description=_("Share of the elderly people (60 or over) holding an accident insurance policy on the last day "
                  "of the period."), permission=INSURANCE_PERMISSION, keywords=("意外伤害保险",))
