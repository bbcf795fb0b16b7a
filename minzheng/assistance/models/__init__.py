"""Social assistance models: programs with their standards and calculation rules, the close-relatives
register, cases with their procedure records and benefits, review tasks, medical claims and
recalculations."""

from minzheng.assistance.models.cases import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    first_of_month,
)
from minzheng.assistance.models.conflicts import CaseworkerRecord, ConflictFiling, DeclaredRelative, area_prefix
from minzheng.assistance.models.medical import MedicalClaim
from minzheng.assistance.models.programs import CalculationRuleSet, Program, Standard
from minzheng.assistance.models.recalculation import Recalculation, RecalculationItem
from minzheng.assistance.models.tasks import ReviewTask

__all__ = ["AssistanceCase", "BenefitChange", "BenefitPeriod", "BenefitReview", "CalculationRuleSet",
           "CaseworkerRecord", "ConflictFiling", "DeclaredRelative", "Evaluation", "Investigation", "MedicalClaim",
           "Program", "Recalculation", "RecalculationItem", "ReviewTask", "Standard", "area_prefix", "first_of_month"]
