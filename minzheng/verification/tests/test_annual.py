"""The batch annual review: exactly the households the data make ineligible (or to review, or with a changed
income) are found, review tasks are opened, and no benefit changes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from minzheng.assistance.choices import CaseStatus, ReviewTaskSource
from minzheng.assistance.models import AssistanceCase, BenefitChange, BenefitPeriod, ReviewTask
from minzheng.assistance.tests.case_factories import make_case
from minzheng.jobs.choices import JobStatus
from minzheng.verification.annual import run_batch_review, start_batch_review
from minzheng.verification.choices import BatchStatus, FindingKind, SourceKind
from minzheng.verification.models import AccessLog, BatchFinding, BatchReview
from minzheng.verification.tests.conftest import TODAY
from minzheng.verification.tests.factories import eligibility_rules, monthly, records_snapshot

LAST_YEAR = [(2025, month) for month in (11, 12)] + [(2026, month) for month in range(1, 11)]


@pytest.fixture
def recipients(dibao, tree):
    """One-person recipient households with what the sources hold for them (standard 700)."""
    def case(name, division=tree.hp_community, income="0", **extra):
        made = make_case(division, name=name, program=dibao, income=income, **extra)
        return made, made.applicant.id_number

    cases = {name: case(name) for name in ("甲无记录", "乙高工资", "丙存款多", "丁收入变", "戊有公司", "己边界")}
    cases["庚已终止"] = case("庚已终止", status=CaseStatus.ENDED)
    cases["辛河西区"] = case("辛河西区", division=tree.hx_community, income="200")
    number = {name: pair[1] for name, pair in cases.items()}
    records_snapshot(SourceKind.WAGES, monthly(number["乙高工资"], "700", LAST_YEAR)  # 700: not below the standard
                     + monthly(number["丁收入变"], "300", LAST_YEAR)
                     + monthly(number["己边界"], "699.99", LAST_YEAR)  # just below: still eligible …
                     + monthly(number["庚已终止"], "5000", LAST_YEAR)
                     + monthly(number["辛河西区"], "200", LAST_YEAR))
    records_snapshot(SourceKind.PENSION, [])
    records_snapshot(SourceKind.REAL_ESTATE, [])
    records_snapshot(SourceKind.VEHICLE, [])
    records_snapshot(SourceKind.DEPOSIT, [{"id_number": number["丙存款多"], "amount": "16800.01"},
                                          {"id_number": number["甲无记录"], "amount": "16800.00"}])
    records_snapshot(SourceKind.BUSINESS, [{"id_number": number["戊有公司"], "amount": "100000", "category": "个体"}])
    AssistanceCase.objects.filter(pk=cases["己边界"][0].pk).update(household_income=Decimal("699.99"))  # … as recorded
    return {name: pair[0] for name, pair in cases.items()}


def ledger() -> tuple:
    return (list(AssistanceCase.objects.order_by("pk").values_list("status", "approved_amount", "household_income")),
            BenefitChange.objects.count(), BenefitPeriod.objects.count())


def test_the_batch_finds_exactly_the_households_the_data_make_ineligible(recipients):
    before = ledger()
    batch = run_batch_review(BatchReview.objects.create(as_of=TODAY))
    found = {finding.case.applicant.name: finding.kind for finding in BatchFinding.objects.filter(batch=batch)}
    assert found == {"乙高工资": FindingKind.INELIGIBLE, "丙存款多": FindingKind.INELIGIBLE,
                     "丁收入变": FindingKind.AMOUNT, "戊有公司": FindingKind.REVIEW}
    assert (batch.status, batch.checked, batch.ineligible, batch.needs_review, batch.amount_changes) == (
        BatchStatus.DONE, 7, 2, 1, 1)
    changed = BatchFinding.objects.get(batch=batch, case=recipients["丁收入变"])
    assert (changed.household_income, changed.recorded_income) == (Decimal("300.00"), Decimal("0.00"))
    assert "300.00" in changed.reasons[0]["reason"]
    assert ledger() == before  # no benefit changes by itself


def test_the_batch_opens_one_review_task_per_finding(recipients):
    batch = run_batch_review(BatchReview.objects.create(as_of=TODAY))
    tasks = ReviewTask.objects.filter(source=ReviewTaskSource.VERIFICATION)
    assert batch.tasks_opened == tasks.count() == 4
    assert {finding.task_id for finding in batch.findings.all()} == set(tasks.values_list("pk", flat=True))
    deposit = tasks.get(case=recipients["丙存款多"])
    assert "16800.01" in deposit.reason and deposit.details["batch"] == batch.pk
    assert AssistanceCase.objects.get(pk=recipients["丙存款多"].pk).next_review_on == TODAY
    again = run_batch_review(BatchReview.objects.create(as_of=TODAY))
    assert again.tasks_opened == 0 and again.ineligible == 2  # found again, not opened twice


def test_the_batch_is_logged_once_with_its_purpose(recipients, city_admin):
    batch = run_batch_review(BatchReview.objects.create(as_of=TODAY, started_by=city_admin))
    log = AccessLog.objects.get(batch=batch)
    assert (log.requested_by, log.person_count, log.division.depth) == (city_admin, 7, 0)
    assert log.purpose


def test_district_rules_apply_to_their_district(recipients, dibao, tree):
    eligibility_rules(dibao, tree.hexi, deposit_multiple=None, business_outcome="ignore",
                      income_tolerance="1000")
    batch = run_batch_review(BatchReview.objects.create(as_of=TODAY))
    assert not batch.findings.filter(case=recipients["辛河西区"]).exists()
    assert batch.findings.count() == 4


def test_only_a_city_role_starts_a_batch_and_the_job_runs_it(recipients, city_admin, hx_approver,
                                                             django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        start_batch_review(actor=hx_approver)
    assert not BatchReview.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_batch_review(actor=city_admin, today=TODAY)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.job.status == JobStatus.COMPLETED
    assert batch.job.progress == batch.job.total == 7 and batch.ineligible == 2


def test_a_failed_batch_writes_no_finding(recipients, city_admin, monkeypatch, django_capture_on_commit_callbacks):
    from minzheng.verification import annual

    def broken(*args, **kwargs):
        raise RuntimeError("数据库中断")

    monkeypatch.setattr(annual, "open_review_tasks", broken)
    with django_capture_on_commit_callbacks(execute=True):
        batch = start_batch_review(actor=city_admin, today=TODAY)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED and "数据库中断" in batch.error
    assert not BatchFinding.objects.exists() and not ReviewTask.objects.exists()


def test_the_window_is_the_twelve_months_before_the_check(recipients):
    """Wages of the month of the check, and of 13 months before, do not count."""
    number = recipients["甲无记录"].applicant.id_number
    records_snapshot(SourceKind.WAGES, monthly(number, "9000", [(2025, 10), (2026, 11)]))
    batch = run_batch_review(BatchReview.objects.create(as_of=datetime.date(2026, 11, 30)))
    assert not batch.findings.filter(case=recipients["甲无记录"]).exists()


def test_a_household_under_two_rule_sets_is_not_summed_twice(dibao, tree):
    """A 低保 and a 特困 case of one household under rules with different windows: each sees one member."""
    from minzheng.assistance.models import Program, Standard

    tekun = Program.objects.get(code="tekun_dispersed")
    Standard.objects.create(program=tekun, division=tree.city, effective_from="2014-01-01", area_type="urban",
                            amount="700")
    eligibility_rules(tekun, tree.city, income_months=6)
    first = make_case(tree.hp_community, name="甲两案", program=dibao)
    second = make_case(tree.hp_community, name="乙两案", program=tekun)
    AssistanceCase.objects.filter(pk=second.pk).update(household=first.household)
    number = first.applicant.id_number
    records_snapshot(SourceKind.WAGES, monthly(number, "800", LAST_YEAR))
    for kind in (SourceKind.PENSION, SourceKind.REAL_ESTATE, SourceKind.VEHICLE, SourceKind.DEPOSIT,
                 SourceKind.BUSINESS):
        records_snapshot(kind, [])
    batch = run_batch_review(BatchReview.objects.create(as_of=TODAY))
    found = {finding.case_id: finding for finding in batch.findings.all()}
    assert set(found) == {first.pk, second.pk}
    assert {(f.member_count, f.household_income) for f in found.values()} == {(1, Decimal("800.00"))}
