"""Verification models: other departments' data as dated snapshots, the households' consents, the program
rules, the verification reports with their access log, and the batch annual review."""

from minzheng.verification.models.batch import BatchFinding, BatchReview
from minzheng.verification.models.consent import Consent
from minzheng.verification.models.reports import AccessLog, EligibilityRuleSet, Verification
from minzheng.verification.models.sources import SourceRecord, SourceSnapshot

__all__ = ["AccessLog", "BatchFinding", "BatchReview", "Consent", "EligibilityRuleSet", "SourceRecord",
           "SourceSnapshot", "Verification"]
