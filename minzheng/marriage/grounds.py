"""Refusal grounds: a stable code, the input field at fault and a translated message with named parameters.

A written refusal (婚姻登记条例 第七条: reasons are given) is the list of ``Refusal`` objects that
``checks`` returns; ``Refusal.text`` renders one in the active language.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

__all__ = ["MESSAGES", "Ground", "Refusal"]


class Ground(StrEnum):
    """Stable codes of refusal grounds (``app.reason``), safe to store and to match in code."""

    # Marriage registration (婚姻登记条例 第六条; 民法典 第一千零四十六至一千零五十一条)
    MARRIAGE_ABSENT = "marriage.absent"
    MARRIAGE_IDENTITY_UNKNOWN = "marriage.identity_unknown"
    MARRIAGE_ID_INVALID = "marriage.id_invalid"
    MARRIAGE_UNDER_AGE = "marriage.under_age"
    MARRIAGE_SAME_SEX = "marriage.same_sex"
    MARRIAGE_ALREADY_MARRIED = "marriage.already_married"
    MARRIAGE_PROHIBITED_KINSHIP = "marriage.prohibited_kinship"
    MARRIAGE_NOT_VOLUNTARY = "marriage.not_voluntary"
    MARRIAGE_BARRING_DISEASE = "marriage.barring_disease"
    MARRIAGE_MISSING_DOCUMENTS = "marriage.missing_documents"
    # Divorce by agreement (婚姻登记条例 第十一至十二条)
    DIVORCE_ABSENT = "divorce.absent"
    DIVORCE_NO_AGREEMENT = "divorce.no_agreement"
    DIVORCE_INCAPACITY = "divorce.incapacity"
    DIVORCE_NOT_REGISTERED_IN_MAINLAND = "divorce.not_registered_in_mainland"
    DIVORCE_MISSING_DOCUMENTS = "divorce.missing_documents"
    # Adoption (收养法 1998; 民法典 第一千零九十三至一千一百零五条)
    ADOPTION_IDENTITY_UNKNOWN = "adoption.identity_unknown"
    ADOPTION_ID_INVALID = "adoption.id_invalid"
    ADOPTION_ADOPTER_UNDER_AGE = "adoption.adopter_under_age"
    ADOPTION_HAS_CHILDREN = "adoption.has_children"
    ADOPTION_TOO_MANY_CHILDREN = "adoption.too_many_children"
    ADOPTION_CANNOT_RAISE = "adoption.cannot_raise"
    ADOPTION_BARRING_DISEASE = "adoption.barring_disease"
    ADOPTION_CRIMINAL_RECORD = "adoption.criminal_record"
    ADOPTION_SPOUSE_MUST_JOIN = "adoption.spouse_must_join"
    ADOPTION_ADOPTERS_NOT_COUPLE = "adoption.adopters_not_couple"
    ADOPTION_ASSESSMENT = "adoption.assessment"
    ADOPTION_CHILD_NOT_ELIGIBLE = "adoption.child_not_eligible"
    ADOPTION_CHILD_TOO_OLD = "adoption.child_too_old"
    ADOPTION_CHILD_CONSENT = "adoption.child_consent"
    ADOPTION_AGE_GAP = "adoption.age_gap"
    ADOPTION_NOTICE_NOT_PUBLISHED = "adoption.notice_not_published"
    ADOPTION_NOTICE_PENDING = "adoption.notice_pending"


MESSAGES = {
    Ground.MARRIAGE_ABSENT: _("%(party)s did not appear in person."),
    Ground.MARRIAGE_IDENTITY_UNKNOWN: _("The birth date and sex of %(party)s are not known."),
    Ground.MARRIAGE_ID_INVALID: _("The identity number of %(party)s is invalid: %(reason)s."),
    Ground.MARRIAGE_UNDER_AGE: _("%(party)s is under the legal marriage age of %(minimum)s years "
                                 "and reaches it on %(reached_on)s."),
    Ground.MARRIAGE_SAME_SEX: _("The law in force on %(date)s registers a marriage between a man and a woman only."),
    Ground.MARRIAGE_ALREADY_MARRIED: _("%(party)s is married according to the population register."),
    Ground.MARRIAGE_PROHIBITED_KINSHIP: _("The parties are related by direct-line blood or by collateral blood "
                                          "within three generations."),
    Ground.MARRIAGE_NOT_VOLUNTARY: _("%(party)s does not consent to the marriage freely."),
    Ground.MARRIAGE_BARRING_DISEASE: _("%(party)s has a disease that medicine considers a bar to marriage."),
    Ground.MARRIAGE_MISSING_DOCUMENTS: _("%(party)s has not presented: %(documents)s."),
    Ground.DIVORCE_ABSENT: _("%(party)s did not appear in person."),
    Ground.DIVORCE_NO_AGREEMENT: _("There is no divorce agreement signed by both parties."),
    Ground.DIVORCE_INCAPACITY: _("%(party)s has no or limited civil capacity; divorce goes through the court."),
    Ground.DIVORCE_NOT_REGISTERED_IN_MAINLAND: _("The marriage was not registered in mainland China."),
    Ground.DIVORCE_MISSING_DOCUMENTS: _("%(party)s has not presented: %(documents)s."),
    Ground.ADOPTION_IDENTITY_UNKNOWN: _("The birth date and sex of %(party)s are not known."),
    Ground.ADOPTION_ID_INVALID: _("The identity number of %(party)s is invalid: %(reason)s."),
    Ground.ADOPTION_ADOPTER_UNDER_AGE: _("%(party)s is under %(minimum)s years old and reaches that age on "
                                         "%(reached_on)s."),
    Ground.ADOPTION_HAS_CHILDREN: _("%(party)s has %(children)s children; at most %(maximum)s are allowed."),
    Ground.ADOPTION_TOO_MANY_CHILDREN: _("%(count)s children are to be adopted; at most %(maximum)s may be."),
    Ground.ADOPTION_CANNOT_RAISE: _("%(party)s is not able to raise, educate and protect the child."),
    Ground.ADOPTION_BARRING_DISEASE: _("%(party)s has a disease that medicine considers a bar to adopting."),
    Ground.ADOPTION_CRIMINAL_RECORD: _("%(party)s has a criminal record harmful to the child's growth."),
    Ground.ADOPTION_SPOUSE_MUST_JOIN: _("%(party)s is married; husband and wife adopt jointly."),
    Ground.ADOPTION_ADOPTERS_NOT_COUPLE: _("Only one person or a married couple may adopt."),
    Ground.ADOPTION_ASSESSMENT: _("The adoption assessment has not found the adopters suitable."),
    Ground.ADOPTION_CHILD_NOT_ELIGIBLE: _("%(party)s is neither an orphan, nor a child whose parents cannot be "
                                          "found, nor a child whose parents cannot raise him or her."),
    Ground.ADOPTION_CHILD_TOO_OLD: _("%(party)s is %(age)s years old; only a child under %(maximum)s may be "
                                     "adopted."),
    Ground.ADOPTION_CHILD_CONSENT: _("%(party)s is %(age)s years old and has not consented (required from "
                                     "%(minimum)s)."),
    Ground.ADOPTION_AGE_GAP: _("An adopter without a spouse must be at least %(years)s years older than %(party)s."),
    Ground.ADOPTION_NOTICE_NOT_PUBLISHED: _("The parents of %(party)s cannot be found and no public notice seeking "
                                            "them has been published."),
    Ground.ADOPTION_NOTICE_PENDING: _("The public notice seeking the parents of %(party)s runs until "
                                      "%(last_day)s; registration is possible from the next day."),
}


def _render(value) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class Refusal:
    """One ground for refusing, e.g. ``Refusal(Ground.MARRIAGE_UNDER_AGE, "party_a.birth_date", {...})``.

    Attributes:
        code: the ground.
        field: the input at fault as a dotted path (``party_a.birth_date``, ``children.0.consents``);
            ``""`` when the ground concerns the application as a whole.
        params: the message's named parameters; lazy strings and tuples of them are rendered late,
            in the language active when ``text`` is read.
    """

    code: Ground
    field: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)

    @property
    def message(self):
        """The untranslated message (a lazy string with ``%(name)s`` parameters)."""
        return MESSAGES[self.code]

    @property
    def text(self) -> str:
        return str(self.message) % {key: _render(value) for key, value in self.params.items()}

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict:
        """The JSON form for the API and the written refusal."""
        return {"code": str(self.code), "field": self.field, "message": self.text}
