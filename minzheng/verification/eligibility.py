"""A household's verification outcome from what the sources hold, by its program's rules. Pure: no database.

社会救助暂行办法 Art. 9: 低保 needs a per-capita income *below* the local standard **and** the local property
rules met; Art. 10 leaves the income and property rules to the province or the 设区的市, so every limit is
data (``EligibilityRuleSet``): a limit left empty is not checked. Limits per person are compared exactly
(the household's total against the limit × members); the rounded per-person figures are for the reasons.
Each rule gives a finding with its reason; the outcome is 不符合 when any finding is, else 需人工复核 when
any finding is, else 符合.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from minzheng.verification.choices import BusinessOutcome, Outcome, SourceKind

__all__ = ["CENT", "ZERO", "Finding", "HouseholdFacts", "Result", "evaluate", "needed_sources"]

CENT = Decimal("0.01")
ZERO = Decimal("0")
_SEVERITY = {Outcome.ELIGIBLE: 0, Outcome.REVIEW: 1, Outcome.INELIGIBLE: 2}


@dataclass
class HouseholdFacts:
    """What the sources hold for a household's living members (or for one member), summed.

    ``income`` is the monthly average per income source kind; ``area`` the floor area of the properties;
    ``disallowed_vehicles`` the vehicles whose type the rules do not allow.
    """

    members: int = 0
    unmatched: int = 0
    income: dict[str, Decimal] = field(default_factory=dict)
    properties: int = 0
    area: Decimal = ZERO
    vehicles: int = 0
    disallowed_vehicles: int = 0
    deposits: Decimal = ZERO
    businesses: int = 0

    def add(self, other: "HouseholdFacts") -> None:
        """Add a member's facts to the household's."""
        self.members += other.members
        self.unmatched += other.unmatched
        for kind, amount in other.income.items():
            self.income[kind] = self.income.get(kind, ZERO) + amount
        self.properties += other.properties
        self.area += other.area
        self.vehicles += other.vehicles
        self.disallowed_vehicles += other.disallowed_vehicles
        self.deposits += other.deposits
        self.businesses += other.businesses


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on the household, with the reason in words."""

    rule: str
    outcome: str
    reason: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "outcome": str(self.outcome), "reason": self.reason}


@dataclass(frozen=True)
class Result:
    outcome: str
    findings: list[Finding]
    household_income: Decimal
    per_capita_income: Decimal


def needed_sources(rules) -> set[str]:
    """The source kinds the rules read (a missing or stale one needs a manual review)."""
    kinds = set(rules.income_sources)
    if rules.max_properties is not None or rules.max_area_per_person is not None:
        kinds.add(SourceKind.REAL_ESTATE.value)
    if rules.check_vehicles:
        kinds.add(SourceKind.VEHICLE.value)
    if rules.deposit_multiple is not None:
        kinds.add(SourceKind.DEPOSIT.value)
    if rules.business_outcome != BusinessOutcome.IGNORE:
        kinds.add(SourceKind.BUSINESS.value)
    return kinds


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


class _Evaluation:
    """The rules applied in turn; ``explain`` also words the checks that passed (for a report). A reason is
    worded only for a finding that is kept (a batch judges hundreds of thousands of households)."""

    def __init__(self, facts: HouseholdFacts, rules, standard: Decimal, explain: bool):
        self.facts, self.rules, self.standard, self.explain = facts, rules, standard, explain
        self.findings: list[Finding] = []
        self.members = max(facts.members, 1)
        self.income = sum((facts.income.get(kind, ZERO) for kind in rules.income_sources), ZERO).quantize(
            CENT, ROUND_HALF_UP)

    @property
    def per_capita(self) -> Decimal:
        return (self.income / self.members).quantize(CENT, ROUND_HALF_UP)

    def per_person(self, total: Decimal) -> Decimal:
        return (total / self.members).quantize(CENT, ROUND_HALF_UP)

    def add(self, rule: str, outcome: str, reason: Callable[[], str]) -> None:
        if outcome != Outcome.ELIGIBLE or self.explain:
            self.findings.append(Finding(rule, outcome, str(reason())))

    def run(self, missing: Iterable[str]) -> Result:
        self.data(missing)
        self.income_rule()
        self.properties()
        self.vehicles()
        self.deposits()
        self.business()
        outcome = max((finding.outcome for finding in self.findings), key=_SEVERITY.__getitem__,
                      default=Outcome.ELIGIBLE)
        return Result(Outcome(outcome), self.findings, self.income, self.per_capita)

    def data(self, missing: Iterable[str]) -> None:
        if self.facts.members == 0:
            self.add("members", Outcome.REVIEW, lambda: _("No living member is registered in the household."))
        if self.facts.unmatched:
            self.add("identity", Outcome.REVIEW, lambda: _(
                "%(count)d member(s) without an identity number could not be matched.") % {
                "count": self.facts.unmatched})
        for kind in sorted(missing):
            self.add("sources", Outcome.REVIEW, lambda kind=kind: _("No current data of %(source)s.") % {
                "source": SourceKind(kind).label})

    def income_rule(self) -> None:
        def values():
            return {"income": _money(self.per_capita), "standard": _money(self.standard)}

        margin = self.rules.review_margin
        if self.income >= self.standard * self.members:
            self.add("income", Outcome.INELIGIBLE, lambda: _(
                "Per-capita monthly income %(income)s is not below the standard %(standard)s.") % values())
        elif margin and self.income >= self.standard * (1 - margin) * self.members:
            self.add("income", Outcome.REVIEW, lambda: _(
                "Per-capita monthly income %(income)s is close to the standard %(standard)s.") % values())
        else:
            self.add("income", Outcome.ELIGIBLE, lambda: _(
                "Per-capita monthly income %(income)s is below the standard %(standard)s.") % values())

    def properties(self) -> None:
        limit = self.rules.max_properties
        if limit is not None:
            outcome = Outcome.INELIGIBLE if self.facts.properties > limit else Outcome.ELIGIBLE
            self.add("properties", outcome, lambda: _("%(count)d properties (at most %(limit)d).") % {
                "count": self.facts.properties, "limit": limit})
        area_limit = self.rules.max_area_per_person
        if area_limit is not None:
            outcome = Outcome.INELIGIBLE if self.facts.area > area_limit * self.members else Outcome.ELIGIBLE
            self.add("area", outcome, lambda: _("%(area)s m² of floor area per person (at most %(limit)s).") % {
                "area": self.per_person(self.facts.area), "limit": area_limit})

    def vehicles(self) -> None:
        if not self.rules.check_vehicles:
            return
        count = self.facts.disallowed_vehicles
        outcome = Outcome.INELIGIBLE if count else Outcome.ELIGIBLE
        self.add("vehicles", outcome, lambda: _(
            "%(count)d vehicle(s) of a type not allowed (allowed: %(allowed)s).") % {
            "count": count, "allowed": self.rules.allowed_vehicle_types or _("none")})

    def deposits(self) -> None:
        multiple = self.rules.deposit_multiple
        if multiple is None:
            return
        limit = (multiple * 12 * self.standard).quantize(CENT, ROUND_HALF_UP)
        outcome = Outcome.INELIGIBLE if self.facts.deposits > limit * self.members else Outcome.ELIGIBLE
        self.add("deposits", outcome, lambda: _(
            "Deposits of %(amount)s per person (at most %(limit)s, %(multiple)s times the annual standard).") % {
            "amount": _money(self.per_person(self.facts.deposits)), "limit": _money(limit), "multiple": multiple})

    def business(self) -> None:
        rule = self.rules.business_outcome
        if rule == BusinessOutcome.IGNORE:
            return
        count = self.facts.businesses
        outcome = Outcome(rule) if count else Outcome.ELIGIBLE
        self.add("business", outcome, lambda: _("%(count)d business registration(s) of members.") % {
            "count": count})


def evaluate(facts: HouseholdFacts, rules, standard: Decimal, *, missing: Iterable[str] = (),
             explain: bool = False) -> Result:
    """The outcome for a household with ``facts`` under ``rules`` (an ``EligibilityRuleSet``) and the monthly
    ``standard`` per person; ``missing`` are the needed source kinds without current data."""
    return _Evaluation(facts, rules, standard, explain).run(missing)
