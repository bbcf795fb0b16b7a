"""The rule table of an elderly ability assessment (老年人能力评估): its typed form, read from JSON.

A table is data (a JSON-compatible dict; ``tables.py`` holds the built-in ones). ``scoring.py`` reads
everything from it: the items and their allowed scores, how each dimension is graded (bands on the
item total, or rules on the item scores), how the dimension grades combine into the level, the
adjustments that raise the level, and the months until reassessment. Pure (no database).

Dimensions graded by rules, and the level, are decided by ``decisions.Rule``s (the highest matching
result wins). ``RuleTable.validate`` (``checks.py``) proves that every combination of values matches
some rule and that a worse value never gives a better result, so a valid table is total and monotonic.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from minzheng.eldercare.assessment import checks
from minzheng.eldercare.assessment.decisions import Count, Rule, Values, decide
from minzheng.eldercare.assessment.tables import MZT_039_2013

__all__ = [
    "MZT_039_2013", "Adjustment", "Band", "Count", "Dimension", "Item", "Rule", "RuleTable", "RuleTableError", "decide",
]


class RuleTableError(ValueError):
    """A rule table that cannot be used; ``errors`` lists every problem, each prefixed by where it is."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Band:
    """A dimension whose item total lies in ``minimum``–``maximum`` (both included) has ``grade``."""

    grade: int
    minimum: int
    maximum: int
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One question of a dimension and the scores an answer may have."""

    code: str
    name: str
    scores: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Dimension:
    """A first-level dimension, graded by ``bands`` on its item total or by ``rules`` on its item scores.

    ``higher_is_better`` says which way the scores run (true for the Barthel ADL scores, where 100 is
    fully independent); checks and properties use it to know which score is the worse one.
    """

    code: str
    name: str
    items: tuple[Item, ...]
    higher_is_better: bool = False
    bands: tuple[Band, ...] = ()
    rules: tuple[Rule, ...] = ()
    note: str = ""

    def total(self, answers: Mapping[str, int]) -> int:
        return sum(answers[item.code] for item in self.items)

    def grade(self, answers: Mapping[str, int]) -> int:
        """The grade of valid ``answers`` (a valid table always has one)."""
        if self.rules:
            return decide(self.rules, {item.code: answers[item.code] for item in self.items}).result
        total = self.total(answers)
        return next(band.grade for band in self.bands if band.minimum <= total <= band.maximum)

    def worst_first(self, item: Item) -> tuple[int, ...]:
        """``item``'s scores from the best to the worst."""
        return tuple(sorted(item.scores, reverse=self.higher_is_better))


@dataclass(frozen=True)
class Adjustment:
    """A finding that raises the level by ``raise_by``, or sets it to at least ``set_level``."""

    code: str
    name: str
    raise_by: int = 0
    set_level: int | None = None
    note: str = ""


@dataclass(frozen=True)
class RuleTable:
    """One standard's assessment rules. Grades and levels are numbered from 0 (best) by their names' order.

    Attributes:
        code: the standard, e.g. ``MZ/T 039-2013``.
        grades: names of the dimension grades (0 完好 … 3 重度受损).
        levels: names of the final levels (0 能力完好 … 3 重度失能).
        level_rules: rules on the dimension grades (keyed by dimension code) giving the preliminary level.
        combine_raises: ``max``: several raising adjustments raise once, by the largest; ``sum``: they add up.
        reassessment_months: calendar months from one assessment to the next regular one.
    """

    code: str
    grades: tuple[str, ...]
    levels: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    level_rules: tuple[Rule, ...]
    reassessment_months: int
    adjustments: tuple[Adjustment, ...] = ()
    combine_raises: str = "max"
    title: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data) -> "RuleTable":
        """Read and validate the JSON form of a table.

        Raises:
            RuleTableError: listing every problem found.
        """
        table = _Parser().table(data)
        table.validate()
        return table

    def validate(self) -> None:
        """Raise ``RuleTableError`` unless the table is complete, consistent, total and monotonic."""
        problems = checks.table_problems(self)
        if problems:
            raise RuleTableError(problems)

    @property
    def items(self) -> dict[str, Item]:
        return {item.code: item for dimension in self.dimensions for item in dimension.items}

    @property
    def top_level(self) -> int:
        return len(self.levels) - 1

    def adjustment(self, code: str) -> Adjustment | None:
        return next((adjustment for adjustment in self.adjustments if adjustment.code == code), None)

    def to_dict(self) -> dict:
        """The JSON form, which ``from_dict`` reads back into an equal table."""
        return {
            "code": self.code, "title": self.title, "source": self.source, "notes": list(self.notes),
            "grades": list(self.grades), "levels": list(self.levels),
            "dimensions": [_dimension_dict(dimension) for dimension in self.dimensions],
            "level_rules": [_rule_dict(rule, "level") for rule in self.level_rules],
            "adjustments": [_adjustment_dict(adjustment) for adjustment in self.adjustments],
            "combine_raises": self.combine_raises, "reassessment_months": self.reassessment_months,
        }


def _values_dict(values: Values) -> dict:
    return {key: sorted(allowed) for key, allowed in values.items()}


def _rule_dict(rule: Rule, result_key: str) -> dict:
    data = {result_key: rule.result, "where": _values_dict(rule.where), "note": rule.note}
    if rule.counts:
        data["count"] = [{"of": _values_dict(count.of), "min": count.minimum, "max": count.maximum}
                         for count in rule.counts]
    return data


def _dimension_dict(dimension: Dimension) -> dict:
    items = [{"code": item.code, "name": item.name, "scores": list(item.scores), "note": item.note}
             for item in dimension.items]
    data = {"code": dimension.code, "name": dimension.name, "higher_is_better": dimension.higher_is_better,
            "note": dimension.note, "items": items}
    if dimension.bands:
        data["bands"] = [{"grade": band.grade, "min": band.minimum, "max": band.maximum, "note": band.note}
                         for band in dimension.bands]
    if dimension.rules:
        data["rules"] = [_rule_dict(rule, "grade") for rule in dimension.rules]
    return data


def _adjustment_dict(adjustment: Adjustment) -> dict:
    data = {"code": adjustment.code, "name": adjustment.name, "note": adjustment.note}
    if adjustment.set_level is not None:
        data["set_level"] = adjustment.set_level
    if adjustment.raise_by:
        data["raise_by"] = adjustment.raise_by
    return data


class _Parser:
    """Reads the JSON form, checking shapes and types and collecting every error; ``checks.py`` checks meaning."""

    def __init__(self):
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def table(self, data) -> RuleTable:
        raw = self.mapping(data, "table", required={"code", "grades", "levels", "dimensions", "level_rules",
                                                      "reassessment_months"},
                           optional={"title", "source", "notes", "adjustments", "combine_raises"})
        if raw is None:
            raise RuleTableError(self.errors)
        values = {
            "code": self.text(raw.get("code"), "code"),
            "title": self.text(raw.get("title", ""), "title"),
            "source": self.text(raw.get("source", ""), "source"),
            "notes": self.texts(raw.get("notes", []), "notes"),
            "grades": self.texts(raw.get("grades"), "grades"),
            "levels": self.texts(raw.get("levels"), "levels"),
            "dimensions": self.each(raw.get("dimensions"), "dimensions", self.dimension),
            "level_rules": self.each(raw.get("level_rules"), "level_rules", self.rule, "level"),
            "adjustments": self.each(raw.get("adjustments", []), "adjustments", self.adjustment),
            "combine_raises": self.text(raw.get("combine_raises", "max"), "combine_raises"),
            "reassessment_months": self.integer(raw.get("reassessment_months"), "reassessment_months"),
        }
        if self.errors:
            raise RuleTableError(self.errors)
        return RuleTable(**values)

    def mapping(self, value, path: str, *, required: set[str], optional: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, _("must be an object."))
            return None
        missing, unknown = sorted(required - set(value)), sorted(set(value) - required - optional)
        if missing:
            self.error(path, _("missing keys: %(keys)s.") % {"keys": ", ".join(missing)})
        if unknown:
            self.error(path, _("unknown keys: %(keys)s.") % {"keys": ", ".join(unknown)})
        return None if missing else value

    def each(self, value, path: str, parse, *args) -> tuple:
        if not isinstance(value, list):
            self.error(path, _("must be a list."))
            return ()
        parsed = (parse(item, f"{path}[{index}]", *args) for index, item in enumerate(value))
        return tuple(item for item in parsed if item is not None)

    def text(self, value, path: str) -> str:
        if not isinstance(value, str):
            self.error(path, _("must be text."))
            return ""
        return value

    def texts(self, value, path: str) -> tuple[str, ...]:
        return self.each(value, path, self.text)

    def integer(self, value, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, _("must be a whole number."))
            return 0
        return value

    def integers(self, value, path: str) -> tuple[int, ...]:
        return self.each(value, path, self.integer)

    def values(self, value, path: str) -> dict[str, frozenset[int]]:
        if not isinstance(value, dict):
            self.error(path, _("must map codes to lists of values."))
            return {}
        return {key: frozenset(self.integers(allowed, f"{path}.{key}")) for key, allowed in value.items()}

    def dimension(self, value, path: str) -> Dimension | None:
        raw = self.mapping(value, path, required={"code", "name", "items"},
                           optional={"higher_is_better", "bands", "rules", "note"})
        if raw is None:
            return None
        higher_is_better = raw.get("higher_is_better", False)
        if not isinstance(higher_is_better, bool):
            self.error(f"{path}.higher_is_better", _("must be true or false."))
        return Dimension(
            code=self.text(raw["code"], f"{path}.code"), name=self.text(raw["name"], f"{path}.name"),
            items=self.each(raw["items"], f"{path}.items", self.item), higher_is_better=higher_is_better is True,
            bands=self.each(raw.get("bands", []), f"{path}.bands", self.band),
            rules=self.each(raw.get("rules", []), f"{path}.rules", self.rule, "grade"),
            note=self.text(raw.get("note", ""), f"{path}.note"),
        )

    def item(self, value, path: str) -> Item | None:
        raw = self.mapping(value, path, required={"code", "name", "scores"}, optional={"note"})
        if raw is None:
            return None
        return Item(self.text(raw["code"], f"{path}.code"), self.text(raw["name"], f"{path}.name"),
                    self.integers(raw["scores"], f"{path}.scores"), self.text(raw.get("note", ""), f"{path}.note"))

    def band(self, value, path: str) -> Band | None:
        raw = self.mapping(value, path, required={"grade", "min", "max"}, optional={"note"})
        if raw is None:
            return None
        return Band(self.integer(raw["grade"], f"{path}.grade"), self.integer(raw["min"], f"{path}.min"),
                    self.integer(raw["max"], f"{path}.max"), self.text(raw.get("note", ""), f"{path}.note"))

    def rule(self, value, path: str, result_key: str) -> Rule | None:
        raw = self.mapping(value, path, required={result_key}, optional={"where", "count", "note"})
        if raw is None:
            return None
        return Rule(self.integer(raw[result_key], f"{path}.{result_key}"),
                    self.values(raw.get("where", {}), f"{path}.where"),
                    self.each(raw.get("count", []), f"{path}.count", self.count),
                    self.text(raw.get("note", ""), f"{path}.note"))

    def count(self, value, path: str) -> Count | None:
        raw = self.mapping(value, path, required={"of"}, optional={"min", "max"})
        if raw is None:
            return None
        maximum = raw.get("max")
        return Count(self.values(raw["of"], f"{path}.of"), self.integer(raw.get("min", 1), f"{path}.min"),
                     None if maximum is None else self.integer(maximum, f"{path}.max"))

    def adjustment(self, value, path: str) -> Adjustment | None:
        raw = self.mapping(value, path, required={"code", "name"}, optional={"raise_by", "set_level", "note"})
        if raw is None:
            return None
        set_level = raw.get("set_level")
        return Adjustment(self.text(raw["code"], f"{path}.code"), self.text(raw["name"], f"{path}.name"),
                          self.integer(raw.get("raise_by", 0), f"{path}.raise_by"),
                          None if set_level is None else self.integer(set_level, f"{path}.set_level"),
                          self.text(raw.get("note", ""), f"{path}.note"))
