"""Verifying one household (家庭经济状况核对): consents, the current snapshots, the program's rules, the report.

``verify_household`` is refused unless every adult living member has a consent valid on the day
(社会救助暂行办法 Art. 58: queries need the household's authorisation). The report keeps, per member and
source, the records matched and their sums, the outcome with its reasons, and the snapshots read (they stay
readable after they are superseded). Every member looked up gets an ``AccessLog`` row with the purpose and
the requester; the report is written once and never changed.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance.models import AssistanceCase, Program, Standard
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, save_object, user_or_none
from minzheng.registry.choices import PersonStatus
from minzheng.registry.models import Household, Person
from minzheng.registry.search import age_bounds
from minzheng.registry.services import draw_numbers
from minzheng.verification.choices import INCOME_KINDS
from minzheng.verification.eligibility import CENT, HouseholdFacts, evaluate, needed_sources
from minzheng.verification.events import VerificationEvent
from minzheng.verification.facts import IncomeWindow, current_snapshots, member_facts
from minzheng.verification.models import AccessLog, Consent, EligibilityRuleSet, SourceRecord, Verification

__all__ = ["ADULT_AGE", "Parameters", "missing_consents", "parameters_for", "stale_sources", "verify_household"]

#: From this age a member signs his or her own consent (民法典 Art. 17 / 民法通则 Art. 11: 18 is full age).
ADULT_AGE = 18
#: Records listed per member and source in a report (the sums always cover all of them).
LISTED_RECORDS = 50


@dataclass(frozen=True)
class Parameters:
    """The rules and the standard that apply to a household of a program on a date."""

    rules: EligibilityRuleSet
    standard: Standard


def parameters_for(program: Program, division, area_type: str, on: datetime.date) -> Parameters:
    """The program's verification rules and standard in ``division`` on ``on``.

    Raises:
        DomainError: none is in force there (``verification.rules_missing``, ``verification.standard_missing``).
    """
    rules = EligibilityRuleSet.objects.filter(program=program).applicable(division, on)
    if rules is None:
        raise DomainError(_("No verification rules of %(program)s are in force here on %(date)s.") % {
            "program": program.name, "date": on.isoformat()}, code="verification.rules_missing", field="program")
    standard = Standard.objects.filter(program=program, area_type=area_type).applicable(division, on)
    if standard is None:
        raise DomainError(_("No standard of %(program)s is in force here on %(date)s.") % {
            "program": program.name, "date": on.isoformat()}, code="verification.standard_missing", field="program")
    return Parameters(rules, standard)


def stale_sources(rules: EligibilityRuleSet, snapshots: dict, on: datetime.date) -> set[str]:
    """The source kinds the rules need that have no current snapshot, or one older than the rules allow."""
    oldest = on - datetime.timedelta(days=rules.max_source_age_days)
    return {kind for kind in needed_sources(rules) if kind not in snapshots or snapshots[kind].as_of < oldest}


def _living_members(household: Household) -> list[Person]:
    return list(Person.objects.filter(memberships__household=household, memberships__end_date__isnull=True,
                                      status=PersonStatus.ALIVE).order_by("birth_date", "pk"))


def missing_consents(household: Household, on: datetime.date) -> list[Person]:
    """The adult living members without a consent valid on ``on``."""
    adult_born_by = age_bounds(age_min=ADULT_AGE, today=on)[1]
    consented = set(Consent.objects.filter(household=household).valid_on(on).values_list("person_id", flat=True))
    return [person for person in _living_members(household)
            if person.birth_date <= adult_born_by and person.pk not in consented]


def _check_request(household: Household, case: AssistanceCase | None, purpose: str, on: datetime.date) -> str:
    if case is not None and case.household_id != household.pk:
        raise DomainError(_("The case is not of this household."), code="verification.case_mismatch", field="case")
    purpose = (purpose or "").strip() or (_("Assistance case %(number)s") % {"number": case.number} if case else "")
    if not purpose:
        raise DomainError(_("State the purpose of the verification."), code="verification.purpose_required",
                          field="purpose")
    missing = missing_consents(household, on)
    if missing:
        raise DomainError(_("No valid signed authorisation of %(names)s: the verification is refused.") % {
            "names": "、".join(person.name for person in missing)}, code="verification.consent_missing",
            field="household")
    return purpose


def _record_dict(record: dict) -> dict:
    return {"id": record["id"], "amount": str(record["amount"]), "quantity": str(record["quantity"] or ""),
            "category": record["category"], "period": record["period"].isoformat() if record["period"] else "",
            "reference": record["reference"]}


def _member_report(person: Person, facts: HouseholdFacts, records: list[dict]) -> dict:
    by_kind = defaultdict(list)
    for record in records:
        by_kind[record["kind"]].append(record)
    sources = {}
    for kind, rows in by_kind.items():
        entry = {"count": len(rows), "records": [_record_dict(row) for row in rows[:LISTED_RECORDS]]}
        if kind in INCOME_KINDS:
            entry["monthly_income"] = str(facts.income[kind].quantize(CENT))
        else:
            entry["total"] = str(sum(row["amount"] for row in rows))
        sources[kind] = entry
    return {"person": person.pk, "name": person.name, "id_number": person.id_number or "", "sources": sources,
            "monthly_income": str(sum(facts.income.values()).quantize(CENT))}


def _members(household: Household, snapshots: dict, window: IncomeWindow, rules) -> tuple[HouseholdFacts, list]:
    """The household's facts and the per-member report, from the same per-person sums."""
    persons = {person.pk: person for person in _living_members(household)}
    ids = {kind: snapshot.pk for kind, snapshot in snapshots.items()}
    rows = list(member_facts(("%s", [household.pk]), snapshots=ids, window=window,
                             allowed_vehicles=rules.allowed_vehicles))
    numbers = [row.id_number for row in rows if row.id_number]
    records = defaultdict(list)
    for record in (SourceRecord.objects.filter(snapshot_id__in=ids.values(), id_number__in=numbers)
                   .order_by("snapshot__kind", "-period", "pk")
                   .values("id", "id_number", "amount", "quantity", "category", "period", "reference",
                           kind_=F("snapshot__kind"))):
        record["kind"] = record.pop("kind_")
        records[record["id_number"]].append(record)
    household_facts = HouseholdFacts()
    report = []
    for row in rows:
        household_facts.add(row.facts)
        report.append(_member_report(persons[row.person_id], row.facts, records.get(row.id_number, [])))
    return household_facts, report


def _log_access(verification: Verification, report: list[dict], actor, purpose: str) -> None:
    AccessLog.objects.bulk_create([
        AccessLog(person_id=member["person"], id_number=member["id_number"], division=verification.division,
                  purpose=purpose, requested_by=user_or_none(actor), sources=sorted(verification.snapshots),
                  verification=verification) for member in report])


@transaction.atomic
def verify_household(household: Household, *, program: Program, actor, purpose: str = "",
                     case: AssistanceCase | None = None, today: datetime.date | None = None) -> Verification:
    """Verify ``household`` for ``program`` against the current snapshots and write the report.

    Raises:
        DomainError: an adult member has no valid consent (``verification.consent_missing``), no purpose,
            the case is of another household, or no rules or standard are in force.
        PermissionsViolation: ``actor`` may not add verifications in the household's area (nothing is written).
    """
    today = today or timezone.localdate()
    ensure_holds_in(actor, Verification, "add", household.division)
    purpose = _check_request(household, case, purpose, today)
    parameters = parameters_for(program, household.division, household.kind, today)
    snapshots = current_snapshots()
    window = IncomeWindow(today, parameters.rules.income_months)
    facts, report = _members(household, snapshots, window, parameters.rules)
    result = evaluate(facts, parameters.rules, parameters.standard.amount,
                      missing=stale_sources(parameters.rules, snapshots, today), explain=True)
    district = household.division.county_code
    number = f"HD{district}{today.year}{draw_numbers(f'verification.{district}.{today.year}')[0]:06d}"
    verification = Verification(
        number=number, household=household, division=household.division, program=program, case=case,
        purpose=purpose, requested_by=user_or_none(actor), requested_on=today, outcome=result.outcome,
        member_count=facts.members, household_income=result.household_income,
        per_capita_income=result.per_capita_income, standard_amount=parameters.standard.amount,
        rule_set=parameters.rules, findings=[finding.as_dict() for finding in result.findings], members=report,
        snapshots={kind: snapshot.pk for kind, snapshot in snapshots.items()})
    save_object(verification, actor=actor)
    _log_access(verification, report, actor, purpose)
    record_event(VerificationEvent.REPORT_MADE, actor=user_or_none(actor), subject=verification,
                 payload={"outcome": result.outcome, "household": household.pk, "case": case.pk if case else None,
                          "purpose": purpose})
    return verification

