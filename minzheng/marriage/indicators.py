"""The indicators of the marriage registry, read by dashboards and the work plan.

- ``marriage.registrations``: marriages registered in the period (by the day of registration);
- ``marriage.divorces``: divorces registered in the period (by the day the application closed).

Both are scoped by ``restrict(user, "view")`` on the table they read, and by the office's district.
"""

from django.utils.translation import gettext_lazy as _

from minzheng.indicators.periods import resolve_period
from minzheng.indicators.registry import register_indicator
from minzheng.marriage.choices import DivorceStatus, RegistrationStatus
from minzheng.marriage.models import DivorceApplication, MarriageRegistration

__all__ = ["divorces", "registrations"]

PERMISSION = "marriage.view_marriageregistration"


def _scoped(model, user, division):
    queryset = model.objects.all() if user is None else model.objects.restrict(user, "view")
    return queryset if division is None else queryset.in_division(division)


def registrations(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Marriages registered from ``period_start`` to ``period_end`` (default: this year to date)."""
    start, end = resolve_period(period_start, period_end)
    return _scoped(MarriageRegistration, user, division).filter(
        status=RegistrationStatus.REGISTERED, registered_on__gte=start, registered_on__lte=end).count()


def divorces(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Divorces by agreement registered in the period."""
    start, end = resolve_period(period_start, period_end)
    return _scoped(DivorceApplication, user, division).filter(
        status=DivorceStatus.REGISTERED, closed_on__gte=start, closed_on__lte=end).count()


register_indicator(
    "marriage.registrations", name=_("Marriages registered"), unit=_("couples"), compute=registrations,
    description=_("Marriages registered at the registry offices in the period."), permission=PERMISSION,
    keywords=("结婚登记", "婚姻登记"))
register_indicator(
    "marriage.divorces", name=_("Divorces registered"), unit=_("couples"), compute=divorces,
    description=_("Divorces by agreement registered at the registry offices in the period."),
    permission="marriage.view_divorceapplication", keywords=("离婚登记",))
