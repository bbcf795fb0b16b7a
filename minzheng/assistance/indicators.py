"""The indicators of social assistance (DESIGN.md "Indicators"), read by dashboards and the work plan.

- ``assistance.recipients``: persons covered in the last month of the period — the members
  (``member_count``) of every case with a benefit period covering that month;
- ``assistance.households``: the cases in payment in that month;
- ``assistance.amount_paid``: the money paid in the period's months — the entries (monthly benefits,
  one-off grants, adjustments) of approved or locked payment rolls;
- ``assistance.amount_due``: the monthly benefits decided for the period's months — the monthly amounts
  of the benefit periods, month by month (set against ``amount_paid`` it shows what is not paid yet).

"In payment in a month" is read from the benefit periods (``BenefitPeriod``: whole months, the end
exclusive), so a past month counts the cases paid then, including cases ended since; a suspended
case counts in no month. Every figure is scoped by ``restrict(user, "view")`` on the table it reads.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import BenefitPeriod
from minzheng.indicators.periods import first_of_month, months_between, resolve_period
from minzheng.indicators.registry import register_indicator

__all__ = ["CASE_PERMISSION", "PAID_ROLL_STATUSES", "PAYING_STATUSES", "amount_due", "amount_paid", "covering",
           "households", "paid_periods", "recipients"]

#: Cases whose benefit periods were paid: in payment now, or ended since (their periods end when they did).
PAYING_STATUSES = (CaseStatus.ACTIVE, CaseStatus.ENDED)
#: Payment rolls whose entries count as paid.
PAID_ROLL_STATUSES = ("approved", "locked")
CASE_PERMISSION = "assistance.view_assistancecase"
CENT = Decimal("0.01")


def covering(month: datetime.date) -> Q:
    """Benefit periods covering ``month`` (its first day)."""
    return Q(starts__lte=month) & (Q(ends__isnull=True) | Q(ends__gt=month))


def _scoped(model, user, division) -> QuerySet:
    queryset = model.objects.all() if user is None else model.objects.restrict(user, "view")
    return queryset if division is None else queryset.in_division(division)


def paid_periods(user=None, division=None) -> QuerySet:
    """The benefit periods of paying cases that ``user`` may see, in ``division``'s subtree."""
    return _scoped(BenefitPeriod, user, division).filter(case__status__in=PAYING_STATUSES)


def _money(value) -> Decimal:
    return (value or Decimal(0)).quantize(CENT)


def recipients(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Persons covered in the period's last month."""
    _start, end = resolve_period(period_start, period_end)
    month = first_of_month(end)
    return paid_periods(user, division).filter(covering(month)).aggregate(n=Sum("case__member_count"))["n"] or 0


def households(*, user=None, division=None, period_start=None, period_end=None) -> int:
    """Cases in payment in the period's last month."""
    _start, end = resolve_period(period_start, period_end)
    month = first_of_month(end)
    return paid_periods(user, division).filter(covering(month)).aggregate(n=Count("case", distinct=True))["n"]


def _paid_from_rolls(user, division, start: datetime.date, end: datetime.date) -> Decimal:
    """The entries of paid rolls of the period's months; a division keeps the entries of its cases (a roll is a
    whole district's)."""
    model = apps.get_model("payments", "PaymentEntry")  # payments builds on assistance: read it by name
    entries = _scoped(model, user, None).filter(roll__status__in=PAID_ROLL_STATUSES,
                                                roll__month__gte=first_of_month(start), roll__month__lte=end)
    if division is not None:
        entries = entries.filter(case__division__path__startswith=division.path)
    return _money(entries.aggregate(total=Sum("amount"))["total"])


def _due_from_periods(user, division, start: datetime.date, end: datetime.date) -> Decimal:
    """The monthly amounts of the periods covering each month of the period: one query, a sum per month."""
    months = months_between(start, end)
    sums = {f"m{i}": Sum("monthly_amount", filter=covering(month)) for i, month in enumerate(months)}
    overlapping = paid_periods(user, division).filter(starts__lte=months[-1]).filter(
        Q(ends__isnull=True) | Q(ends__gt=months[0]))
    totals = overlapping.aggregate(**sums)
    return _money(sum((value for value in totals.values() if value is not None), Decimal(0)))


def amount_paid(*, user=None, division=None, period_start=None, period_end=None) -> Decimal:
    """Money paid in the months of the period (yuan): the entries of approved and locked rolls."""
    start, end = resolve_period(period_start, period_end)
    return _paid_from_rolls(user, division, start, end)


def amount_due(*, user=None, division=None, period_start=None, period_end=None) -> Decimal:
    """Monthly benefits decided for the months of the period (yuan), paid or not."""
    start, end = resolve_period(period_start, period_end)
    return _due_from_periods(user, division, start, end)


register_indicator(
    "assistance.recipients", name=_("Persons receiving assistance"), unit=_("persons"), compute=recipients,
    description=_("Members of the households whose monthly benefit covers the last month of the period."),
    permission=CASE_PERMISSION, keywords=("低保对象", "救助对象", "保障人数", "特困人员"))
register_indicator(
    "assistance.households", name=_("Households receiving assistance"), unit=_("households"), compute=households,
    description=_("Cases in payment in the last month of the period."), permission=CASE_PERMISSION,
    keywords=("低保户", "低保家庭", "救助家庭", "保障户"))
register_indicator(
    "assistance.amount_paid", name=_("Assistance paid"), unit=_("yuan"), compute=amount_paid,
    description=_("Money paid in the months of the period: the entries of approved and locked payment rolls."),
    permission=CASE_PERMISSION, keywords=("救助资金", "发放资金", "保障金"))
register_indicator(
    "assistance.amount_due", name=_("Assistance due"), unit=_("yuan"), compute=amount_due,
    description=_("Monthly benefits decided for the months of the period, whether paid yet or not."),
    permission=CASE_PERMISSION)
