"""医疗救助 claims: filing, acceptance with or without the application (Art. 30), the amount at the district
approval and the annual cap per person and calendar year, also under concurrent approvals.

Rules of the medical program (from 2014, city-wide): ratio 0.5 for ``other``, 0.9 for 低保; cap 10000 a year.
"""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.db import connections

from minzheng.assistance import flows, medical, procedure
from minzheng.assistance.choices import CaseStatus, MedicalCategory
from minzheng.assistance.models import AssistanceCase, MedicalClaim, Program
from minzheng.assistance.tests import factories
from minzheng.assistance.tests.test_procedure import approved_case
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation

pytestmark = pytest.mark.django_db

D = datetime.date
SETTLED = D(2025, 3, 10)
MEDICAL_RULES = {"medical_ratios": {"dibao": "0.9", "tekun": "1", "low_income": "0.7", "other": "0.5"},
                 "medical_annual_cap": "10000"}


@pytest.fixture
def program(assistance, tree):
    medical_program = Program.objects.get(code="medical")
    factories.rule_set(medical_program, tree.city, "2014-01-01", MEDICAL_RULES)
    return medical_program


@pytest.fixture
def patient(household):
    return household.memberships.order_by("pk").first().person


def file(program, household, patient, staff, *, eligible: str, settled_on=SETTLED, documents=None,
         category=MedicalCategory.OTHER, actor="worker", **extra) -> MedicalClaim:
    """A claim whose eligible cost is ``eligible`` (total − insurance 1000 − others 0 − ineligible 200)."""
    documents = documents if documents is not None else {"application_document": "申请书.pdf",
                                                         "authorisation_document": "授权书.pdf"}
    return medical.file_claim(
        program=program, household=household, patient=patient, actor=staff[actor], category=category,
        hospital="天津医科大学总医院", treated_from=settled_on - datetime.timedelta(days=12),
        treated_until=settled_on - datetime.timedelta(days=2), settled_on=settled_on,
        total_cost=Decimal(eligible) + Decimal("1200"), insurance_paid=Decimal("1000"),
        ineligible_cost=Decimal("200"), **documents, **extra)


def approve(claim, staff, **extra) -> MedicalClaim:
    procedure.accept(claim.case, actor=staff["officer"])
    procedure.decide_step(claim.case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve", **extra)
    claim.refresh_from_db()
    return claim


def unchanged(action, code: str | None = None):
    """``action`` is refused and leaves cases, claims, the change log and the audit trail as they were."""
    def state():
        return (list(AssistanceCase.objects.order_by("pk").values_list("status", "approved_amount")),
                list(MedicalClaim.objects.order_by("pk").values_list("amount", "paid_before")),
                ObjectChange.objects.count(), AuditEvent.objects.count())

    before = state()
    with pytest.raises((DomainError, PermissionsViolation)) as info:
        action()
    if code is not None:
        assert isinstance(info.value, DomainError) and info.value.code == code, info.value
    assert state() == before


def test_filing_creates_the_case_and_the_claim(program, household, patient, staff):
    claim = file(program, household, patient, staff, eligible="3000")
    case = claim.case
    assert (case.kind, case.applicant, case.status, case.number[:2]) == ("medical", patient,
                                                                         CaseStatus.IN_PROCEDURE, "YL")
    assert claim.eligible_cost == Decimal("3000") and claim.amount is None
    assert procedure.case_request(case).current_step.code == flows.ACCEPT
    assert AuditEvent.objects.filter(code="assistance.claim.filed", object_id=str(case.pk)).exists()


def test_filing_refuses_bills_that_do_not_add_up(program, household, patient, staff):
    with pytest.raises(DomainError) as info:
        medical.file_claim(program=program, household=household, patient=patient, actor=staff["worker"],
                           category=MedicalCategory.OTHER, hospital="医院", treated_from=D(2025, 3, 1),
                           treated_until=D(2025, 3, 5), settled_on=D(2025, 3, 10), total_cost=Decimal("1000"),
                           insurance_paid=Decimal("900"), other_paid=Decimal("200"))
    assert info.value.code == "assistance.invalid"
    assert AssistanceCase.objects.count() == MedicalClaim.objects.count() == 0


def test_filing_only_for_a_medical_program(assistance, household, patient, staff):
    with pytest.raises(DomainError) as info:
        file(assistance, household, patient, staff, eligible="100")
    assert info.value.code == "assistance.not_medical"


def test_another_district_cannot_file(program, household, patient, staff, make_user, tree):
    staff["hx_worker"] = make_user("community_worker", tree.hx_community)
    with pytest.raises(PermissionsViolation):
        file(program, household, patient, staff, eligible="100", actor="hx_worker")
    assert AssistanceCase.objects.count() == MedicalClaim.objects.count() == 0


def test_the_amount_is_computed_at_the_district_approval(program, household, patient, staff):
    claim = approve(file(program, household, patient, staff, eligible="3000"), staff)
    assert (claim.ratio, claim.paid_before, claim.amount) == (Decimal("0.5"), Decimal("0"), Decimal("1500.00"))
    case = claim.case
    case.refresh_from_db()
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("1500.00"))
    assert case.calculation[-1]["value"] == "1500.00"


def test_an_entered_amount_must_be_the_computed_one(program, household, patient, staff):
    claim = file(program, household, patient, staff, eligible="3000")
    procedure.accept(claim.case, actor=staff["officer"])
    unchanged(lambda: procedure.decide_step(claim.case, actor=staff["approver"], step_code=flows.APPROVE,
                                            decision="approve", amount=Decimal("2000")),
              code="assistance.amount_computed")
    procedure.decide_step(claim.case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve",
                          amount=Decimal("1500"))


def test_another_districts_approver_is_refused(program, household, patient, staff):
    claim = file(program, household, patient, staff, eligible="3000")
    procedure.accept(claim.case, actor=staff["officer"])
    unchanged(lambda: procedure.decide_step(claim.case, actor=staff["hx_approver"], step_code=flows.APPROVE,
                                            decision="approve"))


# The annual cap


def test_claims_in_sequence_never_exceed_the_cap(program, household, patient, staff):
    # given: three claims of 8000 eligible (4000 by the ratio) in 2025
    amounts = []
    for day in (10, 11, 12):
        claim = approve(file(program, household, patient, staff, eligible="8000", settled_on=D(2025, 3, day)), staff)
        amounts.append((claim.paid_before, claim.amount))

    # then: 4000, 4000, then only what is left under the cap
    assert amounts == [(Decimal("0"), Decimal("4000.00")), (Decimal("4000.00"), Decimal("4000.00")),
                       (Decimal("8000.00"), Decimal("2000.00"))]
    assert medical.paid_in_year(patient, 2025) == Decimal("10000.00")

    # and a fourth claim that year has nothing left: the approval is refused, the claim is to be rejected
    fourth = file(program, household, patient, staff, eligible="500", settled_on=D(2025, 12, 31))
    procedure.accept(fourth.case, actor=staff["officer"])
    unchanged(lambda: procedure.decide_step(fourth.case, actor=staff["approver"], step_code=flows.APPROVE,
                                            decision="approve"), code="assistance.nothing_to_pay")
    procedure.decide_step(fourth.case, actor=staff["approver"], step_code=flows.APPROVE, decision="reject",
                          reason="本年度医疗救助已达封顶线")
    assert medical.paid_in_year(patient, 2025) == Decimal("10000.00")


def test_a_claim_settled_the_next_year_starts_again(program, household, patient, staff):
    approve(file(program, household, patient, staff, eligible="30000", settled_on=D(2025, 12, 31)), staff)
    claim = approve(file(program, household, patient, staff, eligible="8000", settled_on=D(2026, 1, 1)), staff)
    assert (claim.paid_before, claim.amount) == (Decimal("0"), Decimal("4000.00"))
    assert medical.paid_in_year(patient, 2025) == Decimal("10000.00")


def test_a_claim_reaching_the_cap_exactly_is_paid_in_full(program, household, patient, staff):
    first = approve(file(program, household, patient, staff, eligible="12000"), staff)
    second = approve(file(program, household, patient, staff, eligible="8000"), staff)
    assert (first.amount, second.amount, second.paid_before) == (Decimal("6000.00"), Decimal("4000.00"),
                                                                 Decimal("6000.00"))
    assert medical.paid_in_year(patient, 2025) == Decimal("10000.00")


def test_rejected_and_pending_claims_do_not_count(program, household, patient, staff):
    rejected = file(program, household, patient, staff, eligible="8000")
    procedure.accept(rejected.case, actor=staff["officer"])
    procedure.decide_step(rejected.case, actor=staff["approver"], step_code=flows.APPROVE, decision="reject",
                          reason="票据不全")
    file(program, household, patient, staff, eligible="8000")  # still in procedure
    claim = approve(file(program, household, patient, staff, eligible="8000"), staff)
    assert (claim.paid_before, claim.amount) == (Decimal("0"), Decimal("4000.00"))


# Art. 30: 低保 and 特困 patients without application


def test_dibao_patient_needs_no_application_documents(program, assistance, household, patient, staff, documents):
    dibao_case = approved_case(assistance, household, staff, documents)
    settled_on = dibao_case.benefitperiods.get().starts
    claim = file(program, household, patient, staff, eligible="1000", settled_on=settled_on, documents={},
                 category=MedicalCategory.DIBAO)
    claim = approve(claim, staff)
    assert (claim.ratio, claim.amount) == (Decimal("0.9"), Decimal("900.00"))


def test_other_patients_need_the_documents(program, household, patient, staff):
    claim = file(program, household, patient, staff, eligible="1000", documents={})
    unchanged(lambda: procedure.accept(claim.case, actor=staff["officer"]), code="assistance.documents_missing")


def test_the_dibao_category_needs_dibao_in_payment(program, household, patient, staff):
    with pytest.raises(DomainError) as info:
        file(program, household, patient, staff, eligible="1000", documents={}, category=MedicalCategory.DIBAO)
    assert info.value.code == "assistance.category_unconfirmed"
    assert AssistanceCase.objects.count() == 0


# Concurrency


def test_concurrent_approvals_never_exceed_the_cap(file_database, program, household, patient, staff, monkeypatch):
    """Two district approvers approve two claims of one patient at the same moment (8000 each by the ratio).

    Each approval pauses after reading what was paid, so without the lock both would read 0 and pay 8000.
    The lock on the patient makes the second wait and then see the first: 8000 and 2000, never 16000.
    """
    read = medical.paid_in_year

    def slow_read(*args, **kwargs):
        paid = read(*args, **kwargs)
        time.sleep(0.3)
        return paid

    monkeypatch.setattr(medical, "paid_in_year", slow_read)
    claims = [file(program, household, patient, staff, eligible="16000", settled_on=D(2025, 5, day))
              for day in (6, 7)]
    for claim in claims:
        procedure.accept(claim.case, actor=staff["officer"])
    requests = {claim.pk: procedure.case_request(claim.case) for claim in claims}
    start, errors = threading.Barrier(2), []

    def approver(claim):
        try:
            start.wait()
            # through the engine, as the generic request page does (no lock on the case first)
            procedure.approvals.decide(requests[claim.pk], actor=staff["approver"], decision="approve",
                                       step_code=flows.APPROVE)
        except Exception as exc:  # collected and asserted in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approver, args=(claim,)) for claim in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    amounts = sorted(MedicalClaim.objects.values_list("amount", flat=True))
    assert amounts == [Decimal("2000.00"), Decimal("8000.00")]
    assert medical.paid_in_year(patient, 2025) == Decimal("10000.00")
