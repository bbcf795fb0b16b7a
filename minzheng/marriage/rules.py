"""The rules of marriage registration, divorce by agreement and adoption, as effective-dated data.

Pure (no database). ``checks`` reads every age, period, limit and checklist from the rule set in
force on the relevant date (``rules_on``); none is written into the logic. Adding a rule set
(for instance when the 婚姻登记条例 amendment after the Civil Code is confirmed) is adding an
entry to ``RULE_SETS``.

Sources: /work/shared/domain/REFERENCE.md §5 (marriage) and §8.5 (adoption). Each value below is
marked ✅ (confirmed there), ⚠️ (secondary there) or ❌ (not in it: the law text as known to the
author, to be confirmed); a rule set's ``unconfirmed`` lists the dotted names of its ⚠️/❌ values
so that pages can flag decisions resting on them.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from minzheng.marriage.dates import AgeCounting
from minzheng.marriage.grounds import Ground

__all__ = [
    "CIVIL_CODE",
    "CIVIL_CODE_DATE",
    "MARRIAGE_LAW_2001",
    "RULE_SETS",
    "AdoptionRules",
    "DivorceRules",
    "Document",
    "GapScope",
    "MarriageRules",
    "RuleSet",
    "rules_on",
]

CIVIL_CODE_DATE = datetime.date(2021, 1, 1)


class Document(StrEnum):
    """Codes of the documents a party presents at the registry office."""

    HOUSEHOLD_REGISTER = "household_register"
    ID_CARD = "id_card"
    NO_SPOUSE_DECLARATION = "no_spouse_declaration"
    MARRIAGE_CERTIFICATE = "marriage_certificate"

    @property
    def label(self):
        return _DOCUMENT_LABELS[self]


_DOCUMENT_LABELS = {
    Document.HOUSEHOLD_REGISTER: _("household register book"),  # 户口簿
    Document.ID_CARD: _("resident identity card"),  # 居民身份证
    # 本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明
    Document.NO_SPOUSE_DECLARATION: _("signed declaration of no spouse and no prohibited kinship"),
    Document.MARRIAGE_CERTIFICATE: _("marriage certificate"),  # 结婚证
}


class GapScope(StrEnum):
    """Which single adopters must be a minimum number of years older than the child."""

    SINGLE_MAN_ADOPTING_GIRL = "single_man_adopting_girl"  # 收养法 第九条
    SINGLE_ADOPTER_OPPOSITE_SEX = "single_adopter_opposite_sex"  # 民法典 第一千一百零二条


@dataclass(frozen=True, kw_only=True)
class MarriageRules:
    """Attributes:
    min_age_male / min_age_female: the legal marriage ages (at least this many years old).
    opposite_sex_required: only a man and a woman may marry.
    barring_disease_refused: a disease that medicine considers a bar to marriage is a refusal ground.
    documents: what each mainland party presents.
    """

    min_age_male: int
    min_age_female: int
    opposite_sex_required: bool
    barring_disease_refused: bool
    documents: tuple[Document, ...]


@dataclass(frozen=True, kw_only=True)
class DivorceRules:
    """Attributes:
    cooling_off_days: days after the application is received during which either party may withdraw;
        ``None``: no cooling-off, the divorce is registered on the day of application.
    appearance_days: days after the cooling-off in which both must appear to ask for the certificate.
    period_end_moves_to_workday: a period whose last day is a day off ends on the next working day.
    documents: what each party presents (the joint agreement is checked apart).
    """

    cooling_off_days: int | None
    appearance_days: int | None
    period_end_moves_to_workday: bool
    documents: tuple[Document, ...]


@dataclass(frozen=True, kw_only=True)
class AdoptionRules:
    """Attributes:
    min_adopter_age: each adopter is at least this old.
    max_existing_children: an adopter may already have at most this many children.
    max_adopted_if_childless / max_adopted_if_has_children: children adopted in one go, by whether
        an adopter already has a child (the children of the exempt categories are not counted).
    child_age_limit: the child is younger than this.
    consent_age: a child of this age or older must consent.
    age_gap_years / age_gap_scope: the minimum age difference and which adopters it binds.
    spouses_adopt_jointly: a married person adopts together with the spouse.
    criminal_record_refused: a criminal record harmful to the child bars the adopter.
    assessment_required: the adoption assessment (收养评估) must find the adopters suitable.
    exempt_children_waive: grounds waived for orphans, disabled children and children of a welfare
        institution whose parents cannot be found.
    relative_waives: grounds waived for the child of a same-generation collateral relative within
        three generations (三代以内旁系同辈血亲的子女).
    relative_overseas_waives: further grounds waived when such an adopter is an overseas Chinese (华侨).
    review_days: days, from the day after the application is received, to review it.
    foundling_notice_days: days the notice seeking a foundling's parents runs; not counted in the review.
    review_end_moves_to_workday: a review ending on a day off ends on the next working day.
    """

    min_adopter_age: int
    max_existing_children: int
    max_adopted_if_childless: int
    max_adopted_if_has_children: int
    child_age_limit: int
    consent_age: int
    age_gap_years: int
    age_gap_scope: GapScope
    spouses_adopt_jointly: bool
    criminal_record_refused: bool
    assessment_required: bool
    exempt_children_waive: frozenset[Ground]
    relative_waives: frozenset[Ground]
    relative_overseas_waives: frozenset[Ground]
    review_days: int
    foundling_notice_days: int
    review_end_moves_to_workday: bool


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    """The rules in force from ``valid_from`` until the next rule set's ``valid_from``."""

    valid_from: datetime.date
    basis: str
    age_counting: AgeCounting
    marriage: MarriageRules
    divorce: DivorceRules
    adoption: AdoptionRules
    unconfirmed: tuple[str, ...] = ()


_MAINLAND_MARRIAGE_DOCUMENTS = (Document.HOUSEHOLD_REGISTER, Document.ID_CARD, Document.NO_SPOUSE_DECLARATION)
_DIVORCE_DOCUMENTS = (Document.HOUSEHOLD_REGISTER, Document.ID_CARD, Document.MARRIAGE_CERTIFICATE)
_NUMBER_LIMITS = frozenset({Ground.ADOPTION_HAS_CHILDREN, Ground.ADOPTION_TOO_MANY_CHILDREN})

#: 婚姻法 (2001 revision), 婚姻登记条例 (2003, in force 2003-10-01), 收养法 (1998 text),
#: 中国公民收养子女登记办法 (text of 2019-03-02).
MARRIAGE_LAW_2001 = RuleSet(
    valid_from=datetime.date(2003, 10, 1),  # ❌ the 条例's commencement date (REFERENCE.md gives the year only)
    basis="婚姻法(2001)、婚姻登记条例(2003)、收养法(1998)、中国公民收养子女登记办法",
    age_counting=AgeCounting.ON_BIRTHDAY,  # ❌ the law says 周岁 only; the platform's convention
    marriage=MarriageRules(
        min_age_male=22, min_age_female=20,  # ✅ 婚姻法 第六条
        opposite_sex_required=True,  # ❌ implied by 男女双方 (婚姻法 第五条), not stated in REFERENCE.md
        barring_disease_refused=True,  # ✅ 条例 第六条(五)
        documents=_MAINLAND_MARRIAGE_DOCUMENTS,  # ✅ 条例 第五条
    ),
    divorce=DivorceRules(
        cooling_off_days=None, appearance_days=None,  # ✅ registered on the same day (条例 第十三条)
        period_end_moves_to_workday=True,  # no period to move
        documents=_DIVORCE_DOCUMENTS,  # ✅ 条例 第十一条
    ),
    adoption=AdoptionRules(
        min_adopter_age=30,  # ⚠️ 收养法 第六条
        max_existing_children=0,  # ⚠️ 收养法 第六条: no children
        max_adopted_if_childless=1, max_adopted_if_has_children=1,  # ⚠️ 收养法 第八条: one child only
        child_age_limit=14,  # ⚠️ 收养法 第四条: under 14
        consent_age=10,  # ⚠️ 收养法 第十一条
        age_gap_years=40, age_gap_scope=GapScope.SINGLE_MAN_ADOPTING_GIRL,  # ⚠️ 收养法 第九条
        spouses_adopt_jointly=True,  # ⚠️ 收养法 第十条
        criminal_record_refused=False,  # ⚠️ no such condition before the Civil Code
        assessment_required=False,  # ❌ REFERENCE.md names the assessment under the Civil Code only
        exempt_children_waive=_NUMBER_LIMITS,  # ⚠️ one child "except ..."; ❌ that it waives "no children" too
        # ❌ 收养法 第七条: the parents' hardship, the age gap and the under-14 limit
        relative_waives=frozenset({Ground.ADOPTION_CHILD_NOT_ELIGIBLE, Ground.ADOPTION_AGE_GAP,
                                   Ground.ADOPTION_CHILD_TOO_OLD}),
        relative_overseas_waives=frozenset({Ground.ADOPTION_HAS_CHILDREN}),  # ❌ 收养法 第七条
        review_days=30, foundling_notice_days=60,  # ✅ 登记办法 第七条
        review_end_moves_to_workday=True,  # ❌ 民法通则 第一百五十四条 / 民法典 第二百零三条
    ),
    unconfirmed=(
        "valid_from", "age_counting", "marriage.opposite_sex_required", "adoption.min_adopter_age",
        "adoption.max_existing_children", "adoption.max_adopted_if_childless",
        "adoption.max_adopted_if_has_children", "adoption.child_age_limit", "adoption.consent_age",
        "adoption.age_gap_years", "adoption.age_gap_scope", "adoption.spouses_adopt_jointly",
        "adoption.criminal_record_refused", "adoption.assessment_required", "adoption.exempt_children_waive",
        "adoption.relative_waives", "adoption.relative_overseas_waives", "adoption.review_end_moves_to_workday",
    ),
)

#: 民法典 婚姻家庭编 from 2021-01-01; the 婚姻登记条例 and 登记办法 as before (❌ later amendments not read).
CIVIL_CODE = RuleSet(
    valid_from=CIVIL_CODE_DATE,  # ✅
    basis="民法典(2021)、婚姻登记条例(2003)、中国公民收养子女登记办法",
    age_counting=AgeCounting.ON_BIRTHDAY,  # ❌ as above
    marriage=MarriageRules(
        min_age_male=22, min_age_female=20,  # ✅ 第一千零四十七条
        opposite_sex_required=True,  # ❌ 男女双方 (第一千零四十九条), not stated in REFERENCE.md
        barring_disease_refused=False,  # ✅ disclosure instead (第一千零五十三条)
        documents=_MAINLAND_MARRIAGE_DOCUMENTS,  # ❌ whether the 条例 changed is open (REFERENCE.md item 7)
    ),
    divorce=DivorceRules(
        cooling_off_days=30, appearance_days=30,  # ✅ 第一千零七十七条
        # ❌ 第二百零三条; 民发〔2020〕116号 第二条 as quoted by third-party pages
        period_end_moves_to_workday=True,
        documents=_DIVORCE_DOCUMENTS,  # ❌ as for marriage
    ),
    adoption=AdoptionRules(
        min_adopter_age=30,  # ✅ 第一千零九十八条(五)
        max_existing_children=1,  # ✅ 第一千零九十八条(一)
        max_adopted_if_childless=2, max_adopted_if_has_children=1,  # ✅ 第一千一百条
        child_age_limit=18,  # ✅ any minor (第一千零九十三条)
        consent_age=8,  # ✅ 第一千一百零四条
        age_gap_years=40, age_gap_scope=GapScope.SINGLE_ADOPTER_OPPOSITE_SEX,  # ✅ 第一千一百零二条
        spouses_adopt_jointly=True,  # ❌ 第一千一百零一条, not in REFERENCE.md
        criminal_record_refused=True,  # ✅ 第一千零九十八条(四)
        assessment_required=True,  # ✅ 第一千一百零五条
        # ✅ exempt from the number limits; ⚠️ that this covers 第一千零九十八条(一) too ("both limits")
        exempt_children_waive=_NUMBER_LIMITS,
        # ❌ 第一千零九十九条: the parents' hardship and the age gap
        relative_waives=frozenset({Ground.ADOPTION_CHILD_NOT_ELIGIBLE, Ground.ADOPTION_AGE_GAP}),
        relative_overseas_waives=frozenset({Ground.ADOPTION_HAS_CHILDREN}),  # ❌ 第一千零九十九条
        review_days=30, foundling_notice_days=60,  # ✅ 登记办法 第七条
        review_end_moves_to_workday=True,  # ❌ 第二百零三条
    ),
    unconfirmed=(
        "age_counting", "marriage.opposite_sex_required", "marriage.documents",
        "divorce.period_end_moves_to_workday", "divorce.documents", "adoption.spouses_adopt_jointly",
        "adoption.exempt_children_waive",
        "adoption.relative_waives", "adoption.relative_overseas_waives", "adoption.review_end_moves_to_workday",
    ),
)

#: Oldest first.
RULE_SETS: tuple[RuleSet, ...] = (MARRIAGE_LAW_2001, CIVIL_CODE)


def rules_on(on: datetime.date, rule_sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    """The rule set in force on ``on``: the one with the latest ``valid_from`` not after it.

    Raises:
        LookupError: ``on`` is before the first rule set.
    """
    in_force = [rules for rules in rule_sets if rules.valid_from <= on]
    if not in_force:
        raise LookupError(f"no marriage and adoption rules in force on {on}")
    return max(in_force, key=lambda rules: rules.valid_from)
