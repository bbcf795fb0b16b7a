from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramKind(models.TextChoices):
    """What kind of assistance a program gives; it decides which calculation and which rules apply."""

    DIBAO = "dibao", _("Minimum living guarantee (低保)")
    TEKUN = "tekun", _("Support for people in extreme poverty (特困供养)")
    TEMPORARY = "temporary", _("Temporary assistance (临时救助)")
    MEDICAL = "medical", _("Medical assistance (医疗救助)")
    CARE_SUBSIDY = "care_subsidy", _("Care subsidy for disabled or demented elders (失能失智老年人照护补贴)")
    HOMECARE_SUBSIDY = "homecare_subsidy", _("Rural home-care service subsidy (农村居家养老服务补贴)")
    LONGEVITY = "longevity", _("Old-age allowance (高龄津贴)")


class UrbanRural(models.TextChoices):
    URBAN = "urban", _("Urban")
    RURAL = "rural", _("Rural")


class Rounding(models.TextChoices):
    """How a monthly amount is rounded (always half up)."""

    JIAO = "jiao", _("To the jiao (0.1 yuan)")
    YUAN = "yuan", _("To the yuan")
    TEN_YUAN = "ten_yuan", _("To ten yuan")


class SupplementCategory(models.TextChoices):
    """Groups that get an extra amount on top of the gap to the standard (分类施保, Art. 12)."""

    ELDERLY = "elderly", _("Elderly")
    SEVERE_DISABILITY = "severe_disability", _("Severe disability (grade 1–2)")
    MINOR = "minor", _("Minor (under 18)")
    SERIOUS_ILLNESS = "serious_illness", _("Serious illness")


class SupplementCombination(models.TextChoices):
    """What a member who belongs to several categories gets."""

    SUM = "sum", _("The sum of every supplement that applies")
    HIGHEST = "highest", _("Only the highest supplement that applies")


class ApprovalLevel(models.TextChoices):
    STREET = "street", _("Street or township")
    DISTRICT = "district", _("District or county")


class MedicalCategory(models.TextChoices):
    """Who the patient is, for the reimbursement ratio of medical assistance (Art. 28)."""

    DIBAO = "dibao", _("Minimum living guarantee recipient")
    TEKUN = "tekun", _("Person in extreme poverty")
    LOW_INCOME = "low_income", _("Low-income household member")
    OTHER = "other", _("Other person in hardship")


class CaseworkerRole(models.TextChoices):
    """The office a registered person holds, which puts him or her in the close-relatives register."""

    CASE_OFFICER = "case_officer", _("Social assistance case officer")
    APPROVER = "approver", _("Civil-affairs approver")
    COMMITTEE_MEMBER = "committee_member", _("Village or residents' committee member")
    OTHER = "other", _("Other case-handling staff")


class Kinship(models.TextChoices):
    """Close relatives (近亲属) as declared in the register."""

    SPOUSE = "spouse", _("Spouse (配偶)")
    PARENT = "parent", _("Parent (父母)")
    CHILD = "child", _("Child (子女)")
    SIBLING = "sibling", _("Sibling (兄弟姐妹)")
    GRANDPARENT = "grandparent", _("Grandparent (祖父母、外祖父母)")
    GRANDCHILD = "grandchild", _("Grandchild (孙子女、外孙子女)")
    OTHER = "other", _("Other close relative (其他近亲属)")


class CaseStatus(models.TextChoices):
    """Where a case stands (the step of its procedure is the approval request's)."""

    IN_PROCEDURE = "in_procedure", _("In procedure")
    ACTIVE = "active", _("In payment")
    GRANTED = "granted", _("Granted (one-off)")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")
    REJECTED = "rejected", _("Not approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CaseChannel(models.TextChoices):
    """How the application reached the street or township."""

    HOUSEHOLD = "household", _("By the household at the street or township")
    COMMUNITY = "community", _("By the community on the household's behalf")


class InvestigationKind(models.TextChoices):
    APPLICATION = "application", _("On application")
    REINVESTIGATION = "reinvestigation", _("Re-investigation after an objection")
    REVIEW = "review", _("Periodic review")


class EvaluationOutcome(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    NOT_AGREED = "not_agreed", _("Not agreed")


class BenefitChangeKind(models.TextChoices):
    GRANT = "grant", _("Granted")
    INCREASE = "increase", _("Increased (增发)")
    DECREASE = "decrease", _("Decreased (减发)")
    STOP = "stop", _("Stopped (停发)")
    RECALCULATION = "recalculation", _("Recalculated after a new standard")
    DEATH = "death", _("Stopped after a death")
    SUSPEND = "suspend", _("Suspended (暂停)")
    RESUME = "resume", _("Resumed")


class ReviewDecision(models.TextChoices):
    KEEP = "keep", _("Keep the amount")
    INCREASE = "increase", _("Increase (增发)")
    DECREASE = "decrease", _("Decrease (减发)")
    STOP = "stop", _("Stop (停发)")


class RecalculationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ReviewStatus(models.TextChoices):
    IN_PROCEDURE = "in_procedure", _("In procedure")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewTaskSource(models.TextChoices):
    """What put a case up for review outside its schedule."""

    VERIFICATION = "verification", _("Economic-status verification")
    RECALCULATION = "recalculation", _("Recalculation")
    DEATH = "death", _("Death of a member")


class ReviewTaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Reviewed")
