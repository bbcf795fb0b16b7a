"""Decision rules: a result from coded values (item scores, or dimension grades). Pure.

Every rule whose conditions hold matches, and the highest result among the matching rules wins, so
where a standard's clauses overlap the more severe reading applies.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Count", "Rule", "Values", "decide"]

Values = Mapping[str, frozenset[int]]


@dataclass(frozen=True)
class Count:
    """Holds when at least ``minimum`` (and at most ``maximum``) of the keys in ``of`` have one of their values."""

    of: Values
    minimum: int = 1
    maximum: int | None = None

    def holds(self, values: Mapping[str, int]) -> bool:
        hits = sum(values[key] in allowed for key, allowed in self.of.items())
        return hits >= self.minimum and (self.maximum is None or hits <= self.maximum)


@dataclass(frozen=True)
class Rule:
    """Gives ``result`` when every key in ``where`` has one of its values and every count holds."""

    result: int
    where: Values = field(default_factory=dict)
    counts: tuple[Count, ...] = ()
    note: str = ""

    def matches(self, values: Mapping[str, int]) -> bool:
        return (all(values[key] in allowed for key, allowed in self.where.items())
                and all(count.holds(values) for count in self.counts))

    def conditions(self) -> list[tuple[str, frozenset[int]]]:
        """Every (key, allowed values) pair the rule tests."""
        return [*self.where.items(), *(pair for count in self.counts for pair in count.of.items())]


def decide(rules: tuple[Rule, ...], values: Mapping[str, int]) -> Rule | None:
    """The matching rule with the highest result (the first of equals), or none when no rule matches."""
    return max((rule for rule in rules if rule.matches(values)), key=lambda rule: rule.result, default=None)
