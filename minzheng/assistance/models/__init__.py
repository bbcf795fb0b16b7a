"""Social assistance models: programs with their standards and calculation rules, and the close-relatives register."""

from minzheng.assistance.models.conflicts import CaseworkerRecord, ConflictFiling, DeclaredRelative, area_prefix
from minzheng.assistance.models.programs import CalculationRuleSet, Program, Standard

__all__ = ["CalculationRuleSet", "CaseworkerRecord", "ConflictFiling", "DeclaredRelative", "Program", "Standard",
           "area_prefix"]
