from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
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
]
