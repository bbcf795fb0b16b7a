"""The legal checks of an adoption, and the dates of its review and of the notice for foundlings.

Pure (no database, no clock). Every age, limit and waiver comes from the rule set in force on the
day of the check (收养法 1998 before 2021-01-01, 民法典 from then; ``rules.AdoptionRules``).

Day counting (中国公民收养子女登记办法 第七条): the review takes 30 days counted from the day after
the application is received, so its last day is received + 30. The notice seeking a foundling's
parents runs 60 days from the day after it is published ("自公告之日起满60日"; 第二百零一条), so
its last day is published + 60 and the parents count as not found from the next day; the days
of the notice are not counted in the review.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from minzheng.marriage.checks.persons import identity
from minzheng.marriage.dates import (
    ONE_DAY,
    WorkdayTest,
    age_on,
    date_reaching_age,
    period_last_day,
    period_last_day_skipping,
)
from minzheng.marriage.grounds import Ground, Refusal
from minzheng.marriage.rules import GapScope, RuleSet, rules_on
from minzheng.registry.choices import Sex

__all__ = ["Adopter", "Child", "adoption_refusals", "adoption_review_last_day", "foundling_notice_last_day"]


@dataclass(frozen=True, kw_only=True)
class Adopter:
    """A person who asks to adopt; ``id_number`` or ``birth_date`` and ``sex`` identify him or her.

    Attributes:
        married: has a spouse.
        children: the children he or she already has, born or adopted.
        able_to_raise: able to raise, educate and protect the child (the assessment's finding).
        barring_disease: has a disease that medicine considers a bar to adopting.
        harmful_criminal_record: has a criminal record harmful to a minor's growth.
        overseas_chinese: is an overseas Chinese (华侨).
    """

    married: bool
    children: int
    able_to_raise: bool
    barring_disease: bool
    harmful_criminal_record: bool
    overseas_chinese: bool = False
    id_number: str = ""
    birth_date: datetime.date | None = None
    sex: str | None = None
    name: str = ""


@dataclass(frozen=True, kw_only=True)
class Child:
    """A child to be adopted. Every flag defaults to the side that refuses.

    Attributes:
        orphan / parents_unknown / parents_in_hardship: the child's situation (one is needed; a refusal
            for the lack of any names the field ``children.N.situation``).
        disabled: a disabled child.
        in_welfare_institution: raised by a children's welfare institution.
        relative: the child of a same-generation collateral relative of the adopter within three generations.
        consents: the child's own consent (needed from the consent age on); ``None``: not asked.
        notice_published_on: the day the notice seeking the parents was published (parents unknown).
    """

    orphan: bool = False
    parents_unknown: bool = False
    parents_in_hardship: bool = False
    disabled: bool = False
    in_welfare_institution: bool = False
    relative: bool = False
    consents: bool | None = None
    notice_published_on: datetime.date | None = None
    id_number: str = ""
    birth_date: datetime.date | None = None
    sex: str | None = None
    name: str = ""


def foundling_notice_last_day(published_on: datetime.date, *, rules: RuleSet | None = None) -> datetime.date:
    """The last day of the notice seeking a foundling's parents published on ``published_on``.

    The parents count as not found, and the adoption may be registered, from the day after.
    """
    rules = rules or rules_on(published_on)
    return published_on + datetime.timedelta(days=rules.adoption.foundling_notice_days)


def adoption_review_last_day(received_on: datetime.date, *, notice_published_on: datetime.date | None = None,
                             is_workday: WorkdayTest | None = None, rules: RuleSet | None = None) -> datetime.date:
    """The last day of the review of an application received on ``received_on``.

    Args:
        received_on: chooses the rule set unless ``rules`` is given.
        notice_published_on: when a notice seeks the child's parents, its days (the day after publication
            through its last day) are not counted, and the review does not end before the day after it.
        is_workday: the working-day calendar; when given (and the rule set says so), a last day that
            is a day off moves to the next working day.
    """
    rules = rules or rules_on(received_on)
    calendar = is_workday if rules.adoption.review_end_moves_to_workday else None
    if notice_published_on is None:
        return period_last_day_skipping(received_on, rules.adoption.review_days, (), calendar)
    days = rules.adoption.foundling_notice_days
    skipped = frozenset(notice_published_on + ONE_DAY * n for n in range(1, days + 1))
    last_day = period_last_day_skipping(received_on, rules.adoption.review_days, skipped, calendar)
    # A notice published on the review's last day: the adoption cannot be registered before the notice
    # has run, so the review ends on the first day after it.
    notice_over = foundling_notice_last_day(notice_published_on, rules=rules) + ONE_DAY
    if received_on <= notice_published_on and last_day < notice_over:
        return period_last_day(notice_over, 0, calendar)
    return last_day


def _label(person, default_label, index: int):
    """The person's name, else e.g. "Adopter 1" (lazy, translated when the refusal is rendered)."""
    return person.name or format_lazy("{} {}", default_label, index + 1)


class _Check:
    """One run of ``adoption_refusals``: the inputs, the rules and the grounds found so far."""

    def __init__(self, on: datetime.date, adopters: Sequence[Adopter], children: Sequence[Child],
                 rules: RuleSet):
        self.on, self.adopters, self.children, self.rules = on, list(adopters), list(children), rules
        self.refusals: list[Refusal] = []

    def refuse(self, ground: Ground, field: str, **params) -> None:
        self.refusals.append(Refusal(ground, field, params))

    def person(self, kind: str, index: int, person, default_label):
        """``(key, label, birth_date, sex)`` of one adopter or child; identity problems are refused here."""
        key, label = f"{kind}.{index}", _label(person, default_label, index)
        born, sex, reason = identity(person, self.on)
        if reason is not None:
            self.refuse(Ground.ADOPTION_ID_INVALID, f"{key}.id_number", party=label, reason=reason)
        if born is None or sex is None:
            self.refuse(Ground.ADOPTION_IDENTITY_UNKNOWN, f"{key}.birth_date", party=label)
        return key, label, born, sex

    def waived(self, child: Child) -> frozenset[Ground]:
        rules = self.rules.adoption
        waived = frozenset()
        if child.orphan or child.disabled or (child.in_welfare_institution and child.parents_unknown):
            waived |= rules.exempt_children_waive
        if child.relative:
            waived |= rules.relative_waives
            if any(adopter.overseas_chinese for adopter in self.adopters):
                waived |= rules.relative_overseas_waives
        return waived

    def run(self, assessment_passed: bool | None) -> list[Refusal]:
        if not self.adopters or not self.children:
            raise ValueError("an adoption needs at least one adopter and one child")
        self.check_couple()
        adopters = [self.check_adopter(i, adopter) for i, adopter in enumerate(self.adopters)]
        if self.rules.adoption.assessment_required and assessment_passed is not True:
            self.refuse(Ground.ADOPTION_ASSESSMENT, "assessment_passed")
        single = adopters[0] if len(adopters) == 1 and not self.adopters[0].married else None
        for i, child in enumerate(self.children):
            self.check_child(i, child, single)
        self.check_numbers()
        return self.refusals

    def check_couple(self) -> None:
        if len(self.adopters) > 2 or (len(self.adopters) == 2 and not all(a.married for a in self.adopters)):
            self.refuse(Ground.ADOPTION_ADOPTERS_NOT_COUPLE, "adopters")
        elif len(self.adopters) == 1 and self.adopters[0].married and self.rules.adoption.spouses_adopt_jointly:
            self.refuse(Ground.ADOPTION_SPOUSE_MUST_JOIN, "adopters.0.married", party=self.label_of(0))

    def label_of(self, index: int):
        return _label(self.adopters[index], _("Adopter"), index)

    def check_adopter(self, index: int, adopter: Adopter):
        rules = self.rules.adoption
        key, label, born, sex = self.person("adopters", index, adopter, _("Adopter"))
        if born is not None:
            reached_on = date_reaching_age(born, rules.min_adopter_age, self.rules.age_counting)
            if reached_on > self.on:
                self.refuse(Ground.ADOPTION_ADOPTER_UNDER_AGE, f"{key}.birth_date", party=label,
                            minimum=rules.min_adopter_age, reached_on=reached_on)
        if not adopter.able_to_raise:
            self.refuse(Ground.ADOPTION_CANNOT_RAISE, f"{key}.able_to_raise", party=label)
        if adopter.barring_disease:
            self.refuse(Ground.ADOPTION_BARRING_DISEASE, f"{key}.barring_disease", party=label)
        if rules.criminal_record_refused and adopter.harmful_criminal_record:
            self.refuse(Ground.ADOPTION_CRIMINAL_RECORD, f"{key}.harmful_criminal_record", party=label)
        return born, sex

    def check_child(self, index: int, child: Child, single: tuple | None) -> None:
        rules, waived = self.rules.adoption, self.waived(child)
        key, label, born, sex = self.person("children", index, child, _("Child"))
        eligible = child.orphan or child.parents_unknown or child.parents_in_hardship
        if not eligible and Ground.ADOPTION_CHILD_NOT_ELIGIBLE not in waived:
            self.refuse(Ground.ADOPTION_CHILD_NOT_ELIGIBLE, f"{key}.situation", party=label)
        if born is not None:
            age = age_on(born, self.on, self.rules.age_counting)
            if age >= rules.child_age_limit and Ground.ADOPTION_CHILD_TOO_OLD not in waived:
                self.refuse(Ground.ADOPTION_CHILD_TOO_OLD, f"{key}.birth_date", party=label, age=age,
                            maximum=rules.child_age_limit)
            if age >= rules.consent_age and child.consents is not True:
                self.refuse(Ground.ADOPTION_CHILD_CONSENT, f"{key}.consents", party=label, age=age,
                            minimum=rules.consent_age)
            if single is not None and Ground.ADOPTION_AGE_GAP not in waived:
                self.check_gap(key, label, born, sex, single)
        if child.parents_unknown:
            self.check_notice(key, label, child)

    def check_gap(self, key: str, label, born: datetime.date, sex: str | None, single: tuple) -> None:
        rules = self.rules.adoption
        adopter_born, adopter_sex = single
        if adopter_born is None or adopter_sex is None or sex is None:
            return
        if rules.age_gap_scope == GapScope.SINGLE_MAN_ADOPTING_GIRL:
            bound = adopter_sex == Sex.MALE and sex == Sex.FEMALE
        else:
            bound = adopter_sex != sex
        if bound and born < date_reaching_age(adopter_born, rules.age_gap_years, self.rules.age_counting):
            self.refuse(Ground.ADOPTION_AGE_GAP, f"{key}.birth_date", party=label, years=rules.age_gap_years)

    def check_notice(self, key: str, label, child: Child) -> None:
        if child.notice_published_on is None:
            self.refuse(Ground.ADOPTION_NOTICE_NOT_PUBLISHED, f"{key}.notice_published_on", party=label)
            return
        last_day = foundling_notice_last_day(child.notice_published_on, rules=self.rules)
        if self.on <= last_day:
            self.refuse(Ground.ADOPTION_NOTICE_PENDING, f"{key}.notice_published_on", party=label, last_day=last_day)

    def check_numbers(self) -> None:
        """The adopters' own children and the number adopted, counting only children not exempt from them."""
        rules = self.rules.adoption
        if any(Ground.ADOPTION_HAS_CHILDREN not in self.waived(child) for child in self.children):
            for index, adopter in enumerate(self.adopters):
                if adopter.children > rules.max_existing_children:
                    self.refuse(Ground.ADOPTION_HAS_CHILDREN, f"adopters.{index}.children", party=self.label_of(index),
                                children=adopter.children, maximum=rules.max_existing_children)
        counted = sum(Ground.ADOPTION_TOO_MANY_CHILDREN not in self.waived(child) for child in self.children)
        has_children = max(adopter.children for adopter in self.adopters) > 0
        maximum = rules.max_adopted_if_has_children if has_children else rules.max_adopted_if_childless
        if counted > maximum:
            self.refuse(Ground.ADOPTION_TOO_MANY_CHILDREN, "children", count=counted, maximum=maximum)


def adoption_refusals(on: datetime.date, adopters: Sequence[Adopter], children: Sequence[Child], *,
                      assessment_passed: bool | None = None, rules: RuleSet | None = None) -> list[Refusal]:
    """Every ground for refusing to register the adoption of ``children`` by ``adopters`` on ``on``.

    Grounds: adopters other than one person or a married couple; a married adopter alone where
    spouses adopt jointly; an adopter under the minimum age, unable to raise the child, with a
    barring disease, or (from 2021) with a harmful criminal record; too many children of his or
    her own; the assessment missing or negative where it is required; a child in none of the
    adoptable situations, too old, of the consent age without consent, too young for the age gap
    to a single adopter, or a foundling whose notice has not run its course; too many children.
    Exempt children (orphans, disabled children, institution foundlings) and a relative's child
    waive the grounds the rule set lists.

    Args:
        on: the day of registration; chooses the rule set unless ``rules`` is given.
        adopters: one person or a married couple.
        children: the children adopted in this application.
        assessment_passed: the outcome of the adoption assessment (收养评估); ``None`` when none was done.

    Raises:
        ValueError: no adopter or no child.
    """
    return _Check(on, adopters, children, rules or rules_on(on)).run(assessment_passed)
