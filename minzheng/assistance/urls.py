from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Evaluation,
    Investigation,
    MedicalClaim,
    Program,
    Recalculation,
    ReviewTask,
    Standard,
)
from minzheng.framework.urls import get_model_urls

app_name = "assistance"
urlpatterns = [
    *get_model_urls(Program),
    *get_model_urls(Standard),
    *get_model_urls(CalculationRuleSet),
    *get_model_urls(CaseworkerRecord),
    *get_model_urls(DeclaredRelative),
    *get_model_urls(ConflictFiling),
    *get_model_urls(AssistanceCase),
    *get_model_urls(Investigation),
    *get_model_urls(Evaluation),
    *get_model_urls(BenefitChange),
    *get_model_urls(ReviewTask),
    *get_model_urls(BenefitPeriod),
    *get_model_urls(BenefitReview),
    *get_model_urls(MedicalClaim),
    *get_model_urls(Recalculation),
]
