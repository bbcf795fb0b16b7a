"""Calculation rules: the JSON of a ``CalculationRuleSet`` validated into a ``CalculationRules`` object.

Pure (no database). ``calculation.py`` computes with these rules; every amount, ratio, limit and
rounding unit comes from here, never from code.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from minzheng.assistance.choices import (
    MedicalCategory,
    ProgramKind,
    Rounding,
    SupplementCategory,
    SupplementCombination,
)

__all__ = ["CENT", "ROUNDING_UNITS", "ZERO", "CalculationRules", "RulesError", "Supplement", "money"]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
ROUNDING_UNITS = {Rounding.JIAO: Decimal("0.1"), Rounding.YUAN: Decimal("1"), Rounding.TEN_YUAN: Decimal("10")}
RULE_KEYS = ("rounding", "floor", "supplements", "combination", "street_approval_limit", "medical_ratios",
             "medical_annual_cap", "review_months")
SUPPLEMENT_KEYS = ("category", "amount", "share_of_standard", "min_age")


def money(value: Decimal) -> str:
    """An amount as shown in a formula: two decimals."""
    return f"{value:.2f}"


class RulesError(ValueError):
    """Calculation rules that cannot be used; ``errors`` lists every problem in words for the user."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Supplement:
    """An extra monthly amount per member of a category: a fixed amount plus a share of the standard.

    ``min_age`` is set on elderly supplements only; a member gets the band with the highest
    ``min_age`` that his or her age reaches (60+, 70+, 80+).
    """

    category: SupplementCategory
    amount: Decimal = ZERO
    share_of_standard: Decimal = ZERO
    min_age: int | None = None

    def value(self, standard: Decimal) -> Decimal:
        return (self.amount + self.share_of_standard * standard).quantize(CENT, ROUND_HALF_UP)

    def formula(self, standard: Decimal) -> str:
        parts = []
        if self.amount:
            parts.append(money(self.amount))
        if self.share_of_standard:
            parts.append(f"{self.share_of_standard} × {money(standard)}")
        return " + ".join(parts) or "0"

    def label(self) -> str:
        if self.category == SupplementCategory.ELDERLY:
            return _("elderly, %(age)s and over") % {"age": self.min_age}
        return str(SupplementCategory(self.category).label)

    def to_dict(self) -> dict:
        data = {"category": str(self.category), "amount": str(self.amount),
                "share_of_standard": str(self.share_of_standard)}
        if self.min_age is not None:
            data["min_age"] = self.min_age
        return data


@dataclass(frozen=True)
class CalculationRules:
    """The parameters of a program's calculation in one division from one date (a ``CalculationRuleSet``).

    Attributes:
        rounding: how a 低保 amount is rounded (half up); required for 低保 and 特困 programs.
        floor: the least monthly amount of an eligible household (0: no floor); a multiple of the rounding unit.
        supplements: the 分类施保 supplements.
        combination: what a member of several categories gets (the sum, or only the highest).
        street_approval_limit: 临时救助 up to this amount is approved by the street; required for 临时救助.
        medical_ratios: 医疗救助 reimbursement ratio (0–1) by ``MedicalCategory``; required for 医疗救助.
        medical_annual_cap: 医疗救助 paid to one person in one calendar year at most; required for 医疗救助.
        review_months: months between periodic reviews (定期核查) of a case in payment; none: no schedule.
    """

    rounding: Rounding = Rounding.YUAN
    floor: Decimal = ZERO
    supplements: tuple[Supplement, ...] = ()
    combination: SupplementCombination = SupplementCombination.SUM
    street_approval_limit: Decimal | None = None
    medical_ratios: Mapping[str, Decimal] = field(default_factory=dict)
    medical_annual_cap: Decimal | None = None
    review_months: int | None = None

    @classmethod
    def from_dict(cls, data, *, kind: str | None = None) -> "CalculationRules":
        """Validate the JSON of a rule set into rules; ``kind`` (a ``ProgramKind``) adds its required keys.

        Raises:
            RulesError: listing every problem found.
        """
        return _RulesParser(data, kind).parse()

    def to_dict(self) -> dict:
        """The JSON form, which ``from_dict`` reads back into equal rules."""
        data: dict = {"rounding": str(self.rounding), "floor": str(self.floor),
                      "supplements": [s.to_dict() for s in self.supplements], "combination": str(self.combination)}
        if self.street_approval_limit is not None:
            data["street_approval_limit"] = str(self.street_approval_limit)
        if self.medical_ratios:
            data["medical_ratios"] = {key: str(value) for key, value in self.medical_ratios.items()}
        if self.medical_annual_cap is not None:
            data["medical_annual_cap"] = str(self.medical_annual_cap)
        if self.review_months is not None:
            data["review_months"] = self.review_months
        return data

    @property
    def rounding_unit(self) -> Decimal:
        return ROUNDING_UNITS[Rounding(self.rounding)]


class _RulesParser:
    """Reads rule-set JSON, collecting every error instead of stopping at the first."""

    def __init__(self, data, kind: str | None):
        self.data, self.kind, self.errors = data, kind, []

    def error(self, message: str) -> None:
        self.errors.append(message)

    def parse(self) -> CalculationRules:
        if not isinstance(self.data, dict):
            raise RulesError([_("The rules must be a JSON object.")])
        unknown = sorted(set(self.data) - set(RULE_KEYS))
        if unknown:
            self.error(_("Unknown keys: %(keys)s.") % {"keys": ", ".join(unknown)})
        values = {
            "rounding": self.choice("rounding", Rounding, required=self.kind in (ProgramKind.DIBAO, ProgramKind.TEKUN)),
            "floor": self.decimal(self.data.get("floor"), "floor"),
            "supplements": self.supplements(),
            "combination": self.choice("combination", SupplementCombination),
            "street_approval_limit": self.decimal(self.data.get("street_approval_limit"), "street_approval_limit",
                                                  required=self.kind == ProgramKind.TEMPORARY),
            "medical_ratios": self.ratios(),
            "medical_annual_cap": self.decimal(self.data.get("medical_annual_cap"), "medical_annual_cap",
                                               required=self.kind == ProgramKind.MEDICAL),
            "review_months": self.months(self.data.get("review_months")),
        }
        self.check_floor(values)
        if self.errors:
            raise RulesError(self.errors)
        return CalculationRules(**{key: value for key, value in values.items() if value is not None})

    def choice(self, key: str, choices, *, required: bool = False):
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(_("“%(key)s” is required.") % {"key": key})
            return None
        if value not in choices.values:
            self.error(_("“%(key)s” must be one of: %(values)s.") % {"key": key, "values": ", ".join(choices.values)})
            return None
        return choices(value)

    def decimal(self, value, key: str, *, required: bool = False, maximum: Decimal | None = None) -> Decimal | None:
        if value is None:
            if required:
                self.error(_("“%(key)s” is required.") % {"key": key})
            return None
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0 or (maximum is not None and number > maximum):
            self.error(_("“%(key)s” must be a number from 0 to %(max)s.") % {"key": key, "max": maximum or "∞"})
            return None
        return number

    def integer(self, value, key: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 150:
            self.error(_("“%(key)s” must be a whole number of years from 0 to 150.") % {"key": key})
            return None
        return value

    def months(self, value) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60:
            self.error(_("“review_months” must be a whole number of months from 1 to 60."))
            return None
        return value

    def supplements(self) -> tuple[Supplement, ...] | None:
        raw = self.data.get("supplements")
        if raw is None:
            return None
        if not isinstance(raw, list):
            self.error(_("“supplements” must be a list."))
            return None
        parsed, seen = [], set()
        for number, item in enumerate(raw, 1):
            supplement = self.supplement(item, number)
            if supplement is None:
                continue
            key = (supplement.category, supplement.min_age)
            if key in seen:
                self.error(_("Supplement %(number)d repeats an earlier one.") % {"number": number})
            seen.add(key)
            parsed.append(supplement)
        return tuple(parsed)

    def supplement(self, item, number: int) -> Supplement | None:
        where = _("supplement %(number)d") % {"number": number}
        if not isinstance(item, dict) or set(item) - set(SUPPLEMENT_KEYS):
            self.error(_("%(where)s: an object with the keys %(keys)s.") % {"where": where,
                                                                             "keys": ", ".join(SUPPLEMENT_KEYS)})
            return None
        category = item.get("category")
        if category not in SupplementCategory.values:
            self.error(_("%(where)s: unknown category.") % {"where": where})
            return None
        amount = self.decimal(item.get("amount", 0), f"{where}.amount")
        share = self.decimal(item.get("share_of_standard", 0), f"{where}.share_of_standard", maximum=Decimal(1))
        min_age = None
        if category == SupplementCategory.ELDERLY:
            min_age = self.integer(item.get("min_age"), f"{where}.min_age")
        elif "min_age" in item:
            self.error(_("%(where)s: only elderly supplements have a minimum age.") % {"where": where})
        if amount is None or share is None or (category == SupplementCategory.ELDERLY and min_age is None):
            return None
        return Supplement(SupplementCategory(category), amount, share, min_age)

    def ratios(self) -> dict[str, Decimal] | None:
        raw = self.data.get("medical_ratios")
        if raw is None:
            if self.kind == ProgramKind.MEDICAL:
                self.error(_("“%(key)s” is required.") % {"key": "medical_ratios"})
            return None
        if not isinstance(raw, dict) or not raw or set(raw) - set(MedicalCategory.values):
            self.error(_("“medical_ratios” must map categories (%(values)s) to ratios.")
                       % {"values": ", ".join(MedicalCategory.values)})
            return None
        ratios = {key: self.decimal(value, f"medical_ratios.{key}", maximum=Decimal(1)) for key, value in raw.items()}
        return None if None in ratios.values() else ratios

    def check_floor(self, values: dict) -> None:
        floor, rounding = values["floor"], values["rounding"] or Rounding.YUAN
        if floor is not None and floor % ROUNDING_UNITS[rounding]:
            self.error(_("The floor must be a multiple of the rounding unit (%(unit)s).")
                       % {"unit": ROUNDING_UNITS[rounding]})
