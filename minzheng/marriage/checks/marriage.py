"""The legal checks of marriage registration and of accepting a divorce by agreement.

Pure (no database, no clock): the caller passes the date and what the registry and the parties
said; every age, checklist and condition comes from the rule set in force (``rules.rules_on``).
A check returns *every* refusal ground it finds (婚姻登记条例 第七条: a refusal states its reasons);
an empty list means the registration may go ahead.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from minzheng.marriage.checks.persons import identity
from minzheng.marriage.dates import date_reaching_age
from minzheng.marriage.grounds import Ground, Refusal
from minzheng.marriage.rules import RuleSet, rules_on
from minzheng.registry.choices import Sex

__all__ = ["DivorceParty", "Party", "divorce_refusals", "marriage_refusals"]

_SIDES = (("party_a", _("Party A")), ("party_b", _("Party B")))


@dataclass(frozen=True, kw_only=True)
class Party:
    """One of the two people asking to marry, as the officer and the registry see them.

    Either ``id_number`` or ``birth_date`` and ``sex`` (a ``registry.choices.Sex`` value) must be
    given; explicit values win over what the number encodes.

    Attributes:
        present: appeared in person.
        currently_married: married according to the population register.
        declares_prohibited_kinship: the declaration says the two are related by direct-line blood or
            collateral blood within three generations.
        voluntary: consents freely.
        documents: the ``rules.Document`` codes presented.
        barring_disease: has a disease that medicine considers a bar to marriage (a ground before 2021 only).
    """

    present: bool
    currently_married: bool
    declares_prohibited_kinship: bool
    voluntary: bool
    documents: frozenset[str]
    id_number: str = ""
    birth_date: datetime.date | None = None
    sex: str | None = None
    name: str = ""
    barring_disease: bool = False


@dataclass(frozen=True, kw_only=True)
class DivorceParty:
    """One of the two spouses asking to divorce by agreement."""

    present: bool
    full_civil_capacity: bool
    documents: frozenset[str]
    name: str = ""


def _documents_refusal(ground: Ground, key: str, label, documents: frozenset[str], required) -> list[Refusal]:
    """The checklist's documents not presented, in checklist order, as one ground (or none)."""
    missing = tuple(document for document in required if document not in documents)
    if not missing:
        return []
    return [Refusal(ground, f"{key}.documents", {"party": label, "documents": tuple(d.label for d in missing),
                                                  "codes": tuple(str(d) for d in missing)})]


def _marriage_party_refusals(on: datetime.date, key: str, label, party: Party, rules: RuleSet
                             ) -> tuple[list[Refusal], str | None]:
    """The grounds that concern one party alone, and the party's sex when known."""
    refusals = []
    if not party.present:
        refusals.append(Refusal(Ground.MARRIAGE_ABSENT, f"{key}.present", {"party": label}))
    born, sex, reason = identity(party, on)
    if reason is not None:
        refusals.append(Refusal(Ground.MARRIAGE_ID_INVALID, f"{key}.id_number", {"party": label, "reason": reason}))
    if born is None or sex is None:
        refusals.append(Refusal(Ground.MARRIAGE_IDENTITY_UNKNOWN, f"{key}.birth_date", {"party": label}))
    else:
        minimum = rules.marriage.min_age_male if sex == Sex.MALE else rules.marriage.min_age_female
        reached_on = date_reaching_age(born, minimum, rules.age_counting)
        if reached_on > on:
            refusals.append(Refusal(Ground.MARRIAGE_UNDER_AGE, f"{key}.birth_date",
                                    {"party": label, "minimum": minimum, "reached_on": reached_on}))
    if party.currently_married:
        refusals.append(Refusal(Ground.MARRIAGE_ALREADY_MARRIED, f"{key}.currently_married", {"party": label}))
    if not party.voluntary:
        refusals.append(Refusal(Ground.MARRIAGE_NOT_VOLUNTARY, f"{key}.voluntary", {"party": label}))
    if rules.marriage.barring_disease_refused and party.barring_disease:
        refusals.append(Refusal(Ground.MARRIAGE_BARRING_DISEASE, f"{key}.barring_disease", {"party": label}))
    refusals += _documents_refusal(Ground.MARRIAGE_MISSING_DOCUMENTS, key, label, party.documents,
                                   rules.marriage.documents)
    return refusals, sex


def marriage_refusals(on: datetime.date, party_a: Party, party_b: Party, *, rules: RuleSet | None = None
                      ) -> list[Refusal]:
    """Every ground for refusing to register the marriage of ``party_a`` and ``party_b`` on ``on``.

    Grounds: a party absent; identity number invalid or birth date and sex unknown; under the
    marriage age on ``on``; the same sex where the law requires a man and a woman; married
    according to the registry; prohibited kinship declared by either; not voluntary; a barring
    disease where the law makes it a ground; documents of the checklist not presented.

    Args:
        on: the day of registration; chooses the rule set unless ``rules`` is given.
        rules: the rules to apply instead of those in force on ``on``.
    """
    rules = rules or rules_on(on)
    refusals, sexes = [], []
    for (key, default_label), party in zip(_SIDES, (party_a, party_b), strict=True):
        found, sex = _marriage_party_refusals(on, key, party.name or default_label, party, rules)
        refusals += found
        sexes.append(sex)
    if rules.marriage.opposite_sex_required and None not in sexes and sexes[0] == sexes[1]:
        refusals.append(Refusal(Ground.MARRIAGE_SAME_SEX, "", {"date": on}))
    declaring = [key for (key, _label), party in zip(_SIDES, (party_a, party_b), strict=True)
                 if party.declares_prohibited_kinship]
    if declaring:
        refusals.append(Refusal(Ground.MARRIAGE_PROHIBITED_KINSHIP, f"{declaring[0]}.declares_prohibited_kinship"))
    return refusals


def divorce_refusals(on: datetime.date, party_a: DivorceParty, party_b: DivorceParty, *, agreement_signed: bool,
                     registered_in_mainland: bool, rules: RuleSet | None = None) -> list[Refusal]:
    """Every ground for not accepting (or, after the cooling-off, not registering) a divorce by agreement.

    Grounds (婚姻登记条例 第十二条): a party absent; no agreement signed by both; a party without
    full civil capacity; a marriage not registered in mainland China; documents missing. Whether
    the divorce clock allows registration on ``on`` is ``divorce_schedule(...).state_on(on)``.
    """
    rules = rules or rules_on(on)
    refusals = []
    for (key, default_label), party in zip(_SIDES, (party_a, party_b), strict=True):
        label = party.name or default_label
        if not party.present:
            refusals.append(Refusal(Ground.DIVORCE_ABSENT, f"{key}.present", {"party": label}))
        if not party.full_civil_capacity:
            refusals.append(Refusal(Ground.DIVORCE_INCAPACITY, f"{key}.full_civil_capacity", {"party": label}))
        refusals += _documents_refusal(Ground.DIVORCE_MISSING_DOCUMENTS, key, label, party.documents,
                                       rules.divorce.documents)
    if not agreement_signed:
        refusals.append(Refusal(Ground.DIVORCE_NO_AGREEMENT, "agreement_signed"))
    if not registered_in_mainland:
        refusals.append(Refusal(Ground.DIVORCE_NOT_REGISTERED_IN_MAINLAND, "registered_in_mainland"))
    return refusals
