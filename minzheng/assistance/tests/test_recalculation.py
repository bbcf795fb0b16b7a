"""Recalculation after a standard or rule set changed: per-district batches of changed amounts, approved or
rejected by the district; nothing changes before.

Two 低保 households of three (one minor) with 900 a month, one in 和平区 and one in 河西区, are in payment
from 2025-01 with 1270 ((700 − 300) × 3 + 70 for the minor). A city standard of 800 from July makes it
1580 ((800 − 300) × 3 + 80).
"""

import datetime
import itertools
from decimal import Decimal

import pytest

from minzheng.assistance import recalculation
from minzheng.assistance.benefits import amount_in, start_benefit
from minzheng.assistance.choices import BenefitChangeKind, CaseStatus, RecalculationStatus, UrbanRural
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    CalculationRuleSet,
    Recalculation,
    RecalculationItem,
    Standard,
)
from minzheng.assistance.tests import factories
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.jobs.models import Job
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db

D = datetime.date
JANUARY = D(2025, 1, 1)
_numbers = itertools.count(1)


def family(community, name: str):
    head = make_person(community, name=name, birth_date=D(1970, 3, 1))
    spouse = make_person(community, name=f"{name}妻", birth_date=D(1972, 7, 9), sex="2")
    child = make_person(community, name=f"{name}子", birth_date=D(2015, 9, 1))
    return make_household(head, community, members=[(spouse, Relation.SPOUSE), (child, Relation.CHILD)])


def in_payment(program, household, *, amount="1270.00", starts=JANUARY, area_type=UrbanRural.URBAN):
    """A 低保 case put in payment directly (its procedure is tested elsewhere)."""
    case = AssistanceCase.objects.create(
        number=f"DBTEST{next(_numbers):06d}", program=program, kind=program.kind, household=household,
        applicant=household.memberships.order_by("pk").first().person, division=household.division,
        area_type=area_type, channel="household", status=CaseStatus.ACTIVE, applied_on=starts - datetime.timedelta(30),
        member_count=3, household_income=Decimal("900"), approved_amount=Decimal(amount))
    start_benefit(case, amount=Decimal(amount), starts=starts, actor=None, reason="测试")
    return case


def two_cases(program, tree) -> dict:
    """The 和平区 and the 河西区 case in payment from 2025-01 with 1270."""
    return {"hp": in_payment(program, family(tree.hp_community, "和平甲")),
            "hx": in_payment(program, family(tree.hx_community, "河西乙"))}


def district_approvers(make_user, tree, city_admin) -> dict:
    return {"hp": make_user("district_approver", tree.heping, username="hp_approver"),
            "hx": make_user("district_approver", tree.hexi, username="hx_approver"), "city": city_admin}


@pytest.fixture
def cases(assistance, tree):
    return two_cases(assistance, tree)


@pytest.fixture
def approvers(make_user, tree, city_admin):
    return district_approvers(make_user, tree, city_admin)


def new_standard(program, division, start: str, amount: str, *, actor, committed):
    """Add a standard the way the pages and the API do, and run the job it enqueues."""
    standard = Standard(program=program, division=division, area_type=UrbanRural.URBAN,
                        effective_from=D.fromisoformat(start), amount=Decimal(amount))
    with committed(execute=True):
        recalculation.save_parameter(standard, actor=actor)
    return standard


def batches() -> dict[str, Recalculation]:
    return {batch.division.name: batch for batch in Recalculation.objects.select_related("division")}


def items(batch) -> list[tuple]:
    return [(item.case.number, item.old_amount, item.new_amount) for item in batch.items.select_related("case")]


def test_a_new_city_standard_makes_a_batch_per_district(assistance, tree, cases, approvers,
                                                        django_capture_on_commit_callbacks):
    # given: a rural case, which an urban standard does not concern
    rural = in_payment(assistance, family(tree.hp_community, "和平丙"), amount="500.00", area_type=UrbanRural.RURAL)

    # when: the city sets 800 from 2025-07-15
    new_standard(assistance, tree.city, "2025-07-15", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)

    # then: one pending batch per district from August, each with its changed case
    found = batches()
    assert set(found) == {"和平区", "河西区"}
    for name, case in (("和平区", cases["hp"]), ("河西区", cases["hx"])):
        batch = found[name]
        assert (batch.effective, batch.status, batch.program) == (D(2025, 8, 1), RecalculationStatus.PENDING,
                                                                  assistance)
        assert items(batch) == [(case.number, Decimal("1270.00"), Decimal("1580.00"))]
        assert batch.items.get().calculation[-1]["value"] == "1580.00"
    assert not RecalculationItem.objects.filter(case=rural).exists()
    job = Job.objects.get(name="assistance.recalculate")
    assert (job.status, job.result["items"], job.requested_by) == ("completed", 2, approvers["city"])
    # and nothing changed yet
    assert amount_in(cases["hp"], D(2025, 9, 1)) == Decimal("1270.00")


def test_a_district_override_shields_its_district(assistance, tree, cases, approvers,
                                                  django_capture_on_commit_callbacks):
    # given: 和平区's own standard of 700 from 2025-01 (the same amount: its cases do not change)
    factories.standard(assistance, tree.heping, "2025-01-01", "700")

    # when: the city raises its standard
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)

    # then: only 河西区 gets a batch
    assert set(batches()) == {"河西区"}

    # when: 和平区's override is raised; then only 和平区 gets a batch
    new_standard(assistance, tree.heping, "2025-09-01", "750", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    assert set(batches()) == {"和平区", "河西区"}
    assert items(batches()["和平区"]) == [(cases["hp"].number, Decimal("1270.00"), Decimal("1425.00"))]


def test_a_rule_set_change_is_recalculated_too(assistance, tree, cases, approvers, django_capture_on_commit_callbacks):
    rules = CalculationRuleSet(program=assistance, division=tree.city, effective_from=D(2025, 7, 1),
                               rules={"rounding": "yuan", "supplements": [
                                   {"category": "minor", "share_of_standard": "0.2"}]})
    with django_capture_on_commit_callbacks(execute=True):
        recalculation.save_parameter(rules, actor=approvers["city"])
    assert {name: items(batch)[0][1:] for name, batch in batches().items()} == {
        "和平区": (Decimal("1270.00"), Decimal("1340.00")), "河西区": (Decimal("1270.00"), Decimal("1340.00"))}


def test_approval_applies_the_new_amounts_from_the_effective_month(assistance, tree, cases, approvers,
                                                                   django_capture_on_commit_callbacks):
    # given
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    batch = batches()["和平区"]

    # when
    recalculation.approve_recalculation(batch, actor=approvers["hp"])

    # then: the running period ends in July and a new one runs from it; 河西区 is untouched
    case = cases["hp"]
    assert list(case.benefitperiods.order_by("starts").values_list("starts", "ends", "monthly_amount")) == [
        (D(2025, 1, 1), D(2025, 7, 1), Decimal("1270.00")), (D(2025, 7, 1), None, Decimal("1580.00"))]
    change = BenefitChange.objects.get(case=case, kind=BenefitChangeKind.RECALCULATION)
    assert (change.effective, change.old_amount, change.new_amount, change.decided_by) == (
        D(2025, 7, 1), Decimal("1270.00"), Decimal("1580.00"), approvers["hp"])
    batch.refresh_from_db()
    assert (batch.status, batch.decided_by) == (RecalculationStatus.APPROVED, approvers["hp"])
    assert amount_in(cases["hx"], D(2025, 9, 1)) == Decimal("1270.00")
    assert AuditEvent.objects.filter(code="assistance.recalculation.approved", object_id=str(batch.pk)).exists()


def state() -> tuple:
    return (list(Recalculation.objects.order_by("pk").values_list("status", "decided_by", "decision_reason")),
            list(BenefitPeriod.objects.order_by("pk").values_list("starts", "ends", "monthly_amount")),
            BenefitChange.objects.count(), ObjectChange.objects.count(), AuditEvent.objects.count())


def test_rejection_changes_no_benefit(assistance, tree, cases, approvers, django_capture_on_commit_callbacks):
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    batch = batches()["和平区"]
    periods = list(BenefitPeriod.objects.values_list("pk", "ends", "monthly_amount"))

    with pytest.raises(DomainError) as info:
        recalculation.reject_recalculation(batch, actor=approvers["hp"], reason=" ")
    assert info.value.code == "assistance.reason_required"
    recalculation.reject_recalculation(batch, actor=approvers["hp"], reason="标准文件尚未正式印发")

    batch.refresh_from_db()
    assert (batch.status, batch.decision_reason) == (RecalculationStatus.REJECTED, "标准文件尚未正式印发")
    assert list(BenefitPeriod.objects.values_list("pk", "ends", "monthly_amount")) == periods
    assert not BenefitChange.objects.filter(kind=BenefitChangeKind.RECALCULATION).exists()
    with pytest.raises(DomainError) as info:
        recalculation.approve_recalculation(batch, actor=approvers["hp"])
    assert info.value.code == "assistance.recalculation_decided"


@pytest.mark.parametrize("decide", [
    pytest.param(lambda batch, actor: recalculation.approve_recalculation(batch, actor=actor), id="approve_case"),
    pytest.param(lambda batch, actor: recalculation.reject_recalculation(batch, actor=actor, reason="不同意"),
                 id="reject_case"),
])
def test_another_districts_approver_is_refused(assistance, tree, cases, approvers, make_user, decide,
                                               django_capture_on_commit_callbacks):
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    batch = batches()["和平区"]
    officer = make_user("street_officer", tree.hp_street)
    before = state()
    for actor in (approvers["hx"], officer):
        with pytest.raises(PermissionsViolation):
            decide(batch, actor)
        assert state() == before


def test_items_are_skipped_with_a_note_when_the_case_moved_on(assistance, tree, cases, approvers,
                                                              django_capture_on_commit_callbacks):
    # given: a second 和平区 case that started in September, after the effective month
    late = in_payment(assistance, family(tree.hp_community, "和平丁"), starts=D(2025, 9, 1))
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    batch = batches()["和平区"]
    assert batch.items.count() == 2

    recalculation.approve_recalculation(batch, actor=approvers["hp"])

    skipped = batch.items.get(case=late)
    assert "2025-09" in skipped.remarks
    assert amount_in(late, D(2025, 10, 1)) == Decimal("1270.00")
    assert amount_in(cases["hp"], D(2025, 10, 1)) == Decimal("1580.00")
    assert AuditEvent.objects.get(code="assistance.recalculation.approved").payload["skipped"] == 1


def test_an_amount_changed_since_is_not_overwritten(assistance, tree, cases, approvers,
                                                   django_capture_on_commit_callbacks):
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    batch = batches()["和平区"]
    from minzheng.assistance.benefits import change_benefit

    change_benefit(cases["hp"], kind=BenefitChangeKind.DECREASE, effective=D(2025, 5, 1),
                   new_amount=Decimal("1000"), reason="复核减发", actor=approvers["hp"])
    recalculation.approve_recalculation(batch, actor=approvers["hp"])
    assert "1000.00" in batch.items.get().remarks
    assert amount_in(cases["hp"], D(2025, 9, 1)) == Decimal("1000.00")


def test_the_same_changes_are_not_written_twice(assistance, tree, cases, approvers):
    factories.standard(assistance, tree.city, "2025-07-01", "800")
    params = {"parameter": "standard", "program": assistance.pk, "division": tree.city.pk,
              "area_type": UrbanRural.URBAN, "effective_from": "2025-07-01", "trigger": "测试"}
    first = recalculation.recalculate(**params)
    second = recalculation.recalculate(**params)
    assert (len(first["batches"]), second["batches"]) == (2, [])
    assert Recalculation.objects.count() == 2


def test_no_change_no_batch(assistance, tree, cases):
    result = recalculation.recalculate(parameter="standard", program=assistance.pk, division=tree.city.pk,
                                       area_type=UrbanRural.URBAN, effective_from="2025-07-01", trigger="测试")
    assert (result["batches"], result["unchanged_districts"]) == ([], 2)


def test_editing_a_standard_recalculates_where_it_applied_and_applies(assistance, tree, cases, approvers,
                                                                      django_capture_on_commit_callbacks):
    standard = new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                            committed=django_capture_on_commit_callbacks)
    standard.effective_from = D(2025, 10, 1)
    with django_capture_on_commit_callbacks(execute=True):
        recalculation.save_parameter(standard, actor=approvers["city"])
    jobs = Job.objects.filter(name="assistance.recalculate").order_by("pk")
    assert [job.params["effective_from"] for job in jobs] == ["2025-07-01", "2025-10-01", "2025-07-01"]
    assert AuditEvent.objects.filter(code="assistance.recalculation.requested").count() == 2


def test_deleting_a_standard_is_recalculated(assistance, tree, cases, approvers, django_capture_on_commit_callbacks):
    standard = factories.standard(assistance, tree.city, "2025-07-01", "800")
    with django_capture_on_commit_callbacks(execute=True):
        recalculation.delete_parameter(standard, actor=approvers["city"])
    job = Job.objects.get(name="assistance.recalculate")
    assert (job.status, job.params["effective_from"], job.result["batches"]) == ("completed", "2025-07-01", [])


def test_only_the_city_saves_parameters(assistance, tree, approvers):
    standard = Standard(program=assistance, division=tree.heping, area_type=UrbanRural.URBAN,
                        effective_from=D(2025, 7, 1), amount=Decimal("800"))
    with pytest.raises(PermissionsViolation):
        recalculation.save_parameter(standard, actor=approvers["hp"])
    assert not Job.objects.exists() and not Standard.objects.filter(effective_from=D(2025, 7, 1)).exists()


def test_effective_month():
    assert [recalculation.effective_month(D(2025, 7, day)) for day in (1, 2, 31)] == [
        D(2025, 7, 1), D(2025, 8, 1), D(2025, 8, 1)]
    assert recalculation.effective_month(D(2025, 12, 15)) == D(2026, 1, 1)
