"""Verifying a household: consent enforcement, the report per member and source, snapshot replacement, the
access log, and who may verify."""

import datetime
from decimal import Decimal

import pytest

from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.verification.choices import Outcome, SnapshotStatus, SourceKind
from minzheng.verification.consents import revoke_consent
from minzheng.verification.events import VerificationEvent
from minzheng.verification.models import AccessLog, EligibilityRuleSet, SourceRecord, SourceSnapshot, Verification
from minzheng.verification.tests.conftest import TODAY, consent, members
from minzheng.verification.tests.factories import monthly, records_snapshot
from minzheng.verification.verify import missing_consents, verify_household

LAST_YEAR = [(2025, month) for month in (11, 12)] + [(2026, month) for month in range(1, 11)]


def state() -> tuple:
    return (Verification.objects.count(), AccessLog.objects.count(),
            AuditEvent.objects.filter(code=VerificationEvent.REPORT_MADE).count())


def verify(household, program, actor, **extra):
    return verify_household(household, program=program, actor=actor, purpose=extra.pop("purpose", "低保申请核对"),
                            today=extra.pop("today", TODAY), **extra)


def all_sources(head, spouse, *, wages="300"):
    """Wages of the head (12 months), a pension of the spouse (6 months), one flat, a motorbike."""
    records_snapshot(SourceKind.WAGES, monthly(head.id_number, wages, LAST_YEAR)
                     + monthly(head.id_number, "9999", [(2026, 11)]))  # the month of the check: outside the window
    records_snapshot(SourceKind.PENSION, monthly(spouse.id_number, "500", range(5, 11)))
    records_snapshot(SourceKind.REAL_ESTATE, [{"id_number": head.id_number, "amount": "800000", "quantity": "55.5",
                                               "category": "住宅"}])
    records_snapshot(SourceKind.VEHICLE, [{"id_number": spouse.id_number, "amount": "3000", "category": "摩托车"}])
    records_snapshot(SourceKind.DEPOSIT, [{"id_number": head.id_number, "amount": "12000"}])
    records_snapshot(SourceKind.BUSINESS, [])


# Consent


def test_refused_without_the_consent_of_every_adult(dibao, family, hp_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    head, spouse, child = members(family)
    consent(family, head)
    before = state()
    with pytest.raises(DomainError) as refused:
        verify(family, dibao, hp_officer)
    assert refused.value.code == "verification.consent_missing" and "李秀兰" in refused.value.message
    assert "王小明" not in refused.value.message  # a child of 11 signs nothing
    assert state() == before
    assert missing_consents(family, TODAY) == [spouse]


@pytest.mark.parametrize(("extra", "valid"), [({"valid_until": TODAY}, True),
                                              ({"valid_until": TODAY - datetime.timedelta(days=1)}, False),
                                              ({"revoked_on": TODAY + datetime.timedelta(days=1)}, True),
                                              ({"revoked_on": TODAY}, False),
                                              ({"signed_on": TODAY}, True),
                                              ({"signed_on": TODAY + datetime.timedelta(days=1)}, False)])
def test_a_consent_counts_only_while_it_is_valid(dibao, family, settings, tmp_path, extra, valid):
    settings.MEDIA_ROOT = tmp_path
    head, spouse, _child = members(family)
    consent(family, head)
    consent(family, spouse, **extra)
    assert (missing_consents(family, TODAY) == []) is valid


def test_an_adult_from_the_eighteenth_birthday(dibao, family, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    head, spouse, child = members(family)
    consent(family, head)
    consent(family, spouse)
    eighteenth = datetime.date(2033, 9, 1)
    assert missing_consents(family, eighteenth - datetime.timedelta(days=1)) == []
    assert missing_consents(family, eighteenth) == [child]


def test_a_revoked_consent_refuses_the_next_verification(dibao, consented, hp_officer):
    verify(consented, dibao, hp_officer)
    first = consented.verification_consents.order_by("pk").first()
    revoke_consent(first, actor=hp_officer, on=TODAY)
    with pytest.raises(DomainError) as refused:
        verify(consented, dibao, hp_officer)
    assert refused.value.code == "verification.consent_missing"


# The report


def test_the_report_per_member_and_source(dibao, consented, hp_officer):
    head, spouse, child = members(consented)
    all_sources(head, spouse)
    report = verify(consented, dibao, hp_officer)
    assert report.number.startswith("HD1201012026") and report.requested_by == hp_officer
    assert report.member_count == 3
    assert report.household_income == Decimal("550.00")  # 300 wages + 6 × 500 / 12 pension
    assert report.per_capita_income == Decimal("183.33") and report.standard_amount == Decimal("700.00")
    assert report.outcome == Outcome.ELIGIBLE
    by_person = {member["person"]: member for member in report.members}
    assert by_person[head.pk]["sources"]["wages"]["monthly_income"] == "300.00"
    assert by_person[head.pk]["sources"]["wages"]["count"] == 13  # every record matched is listed …
    assert by_person[head.pk]["sources"]["real_estate"]["records"][0]["quantity"] == "55.50"
    assert by_person[spouse.pk]["sources"]["pension"]["monthly_income"] == "250.00"
    assert by_person[spouse.pk]["sources"]["vehicle"]["records"][0]["category"] == "摩托车"
    assert by_person[child.pk]["sources"] == {}
    assert {finding["rule"] for finding in report.findings} == {"income", "properties", "area", "vehicles",
                                                                "deposits", "business"}
    assert set(report.snapshots) == {kind.value for kind in SourceKind} - {"provident_fund", "tax"}


def test_each_rule_reaches_the_report(dibao, consented, hp_officer):
    head, spouse, _child = members(consented)
    all_sources(head, spouse, wages="2200")  # 2,200 + 250 = 2,450 for three: 816.67 each
    records_snapshot(SourceKind.VEHICLE, [{"id_number": spouse.id_number, "amount": "90000", "category": "小型轿车"}])
    report = verify(consented, dibao, hp_officer)
    assert report.outcome == Outcome.INELIGIBLE
    failed = {finding["rule"] for finding in report.findings if finding["outcome"] == Outcome.INELIGIBLE}
    assert failed == {"income", "vehicles"}


def test_missing_or_stale_sources_need_a_manual_review(dibao, consented, hp_officer):
    head, spouse, _child = members(consented)
    all_sources(head, spouse)
    SourceSnapshot.objects.filter(kind=SourceKind.DEPOSIT).delete()
    SourceSnapshot.objects.filter(kind=SourceKind.BUSINESS).update(as_of=TODAY - datetime.timedelta(days=366))
    report = verify(consented, dibao, hp_officer)
    assert report.outcome == Outcome.REVIEW
    reviews = [f["reason"] for f in report.findings if f["outcome"] == Outcome.REVIEW]
    assert len(reviews) == 2


def test_a_new_snapshot_leaves_the_old_report_readable(dibao, consented, hp_officer):
    head, spouse, _child = members(consented)
    all_sources(head, spouse)
    old = verify(consented, dibao, hp_officer)
    records_snapshot(SourceKind.WAGES, monthly(head.id_number, "5000", LAST_YEAR))
    old_wages = SourceSnapshot.objects.get(pk=old.snapshots["wages"])
    assert old_wages.status == SnapshotStatus.SUPERSEDED
    new = verify(consented, dibao, hp_officer)
    assert new.snapshots["wages"] != old.snapshots["wages"] and new.outcome == Outcome.INELIGIBLE
    old.refresh_from_db()
    assert old.outcome == Outcome.ELIGIBLE and old.household_income == Decimal("550.00")
    listed = [record["id"] for member in old.members for record in member["sources"].get("wages", {"records": []})[
        "records"]]
    assert SourceRecord.objects.filter(pk__in=listed, snapshot=old_wages).count() == len(listed) == 13


def test_every_member_looked_up_is_logged_with_purpose_and_requester(dibao, consented, hp_officer):
    report = verify(consented, dibao, hp_officer, purpose="临时救助申请核对")
    logs = AccessLog.objects.filter(verification=report)
    assert {log.person_id for log in logs} == {person.pk for person in members(consented)}
    assert {(log.purpose, log.requested_by_id, log.division_id) for log in logs} == {
        ("临时救助申请核对", hp_officer.pk, consented.division_id)}
    event = AuditEvent.objects.get(code=VerificationEvent.REPORT_MADE)
    assert event.payload["purpose"] == "临时救助申请核对"


# Refusals


def test_a_purpose_is_required_without_a_case(dibao, consented, hp_officer):
    before = state()
    with pytest.raises(DomainError) as refused:
        verify(consented, dibao, hp_officer, purpose="  ")
    assert (refused.value.code, refused.value.field) == ("verification.purpose_required", "purpose")
    assert state() == before


def test_the_case_must_be_of_the_household(dibao, consented, hp_officer, tree):
    from minzheng.assistance.tests.case_factories import make_case

    other = make_case(tree.hp_community, name="钱小红", program=dibao)
    before = state()
    with pytest.raises(DomainError) as refused:
        verify(consented, dibao, hp_officer, case=other)
    assert refused.value.code == "verification.case_mismatch" and state() == before


def test_a_report_of_the_case_takes_its_number_as_purpose(dibao, consented, hp_officer, tree):
    from minzheng.assistance.models import AssistanceCase
    from minzheng.assistance.tests.case_factories import make_case

    case = make_case(tree.hp_community, name="钱小红", program=dibao)
    AssistanceCase.objects.filter(pk=case.pk).update(household=consented)
    case.refresh_from_db()
    report = verify(consented, dibao, hp_officer, case=case, purpose="")
    assert case.number in report.purpose and list(case.verifications.all()) == [report]


def test_no_rules_in_force_is_refused(dibao, consented, hp_officer):
    EligibilityRuleSet.objects.update(effective_until=TODAY)  # no longer in force on the day
    before = state()
    with pytest.raises(DomainError) as refused:
        verify(consented, dibao, hp_officer)
    assert refused.value.code == "verification.rules_missing" and state() == before


def test_another_district_cannot_verify(dibao, consented, hx_officer, hp_worker):
    before = state()
    for user in (hx_officer, hp_worker):  # 河西区; and a community worker, who only collects consents
        with pytest.raises(PermissionsViolation):
            verify(consented, dibao, user)
    assert state() == before
