"""The demo cases: every state of the procedure, written through the services, once."""

import datetime

from minzheng.approvals.models import ApprovalRequest, Objection
from minzheng.approvals.services import overdue
from minzheng.assistance import procedure
from minzheng.assistance.choices import CaseStatus, ReviewStatus
from minzheng.assistance.demo_cases import create_demo_assistance
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitReview,
    ConflictFiling,
    MedicalClaim,
    Program,
    Recalculation,
)
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person


def test_demo_cases_cover_every_state(assistance, staff, tree, make_user, django_capture_on_commit_callbacks):
    from minzheng.assistance.tests import factories

    medical = Program.objects.get(code="medical")
    factories.rule_set(medical, tree.city, "2014-01-01", {"medical_ratios": {"dibao": "0.7", "other": "0.4"},
                                                          "medical_annual_cap": "30000"})
    for index in range(17):
        head = make_person(tree.hp_community, name=f"演示户主{index}", birth_date=datetime.date(1970, 1, 1 + index))
        child = make_person(tree.hp_community, name=f"演示子女{index}", birth_date=datetime.date(2016, 1, 1 + index))
        make_household(head, tree.hp_community, members=[(child, Relation.CHILD)])
    users = {key: staff[key] for key in ("worker", "officer", "officer2", "approver")}
    users["city_admin"] = make_user("city_admin", tree.city)
    with django_capture_on_commit_callbacks(execute=True):  # the recalculation job runs after the commit
        assert create_demo_assistance(users, community=tree.hp_community) == 19
    statuses = set(AssistanceCase.objects.values_list("status", flat=True))
    assert statuses == {CaseStatus.IN_PROCEDURE, CaseStatus.ACTIVE, CaseStatus.ENDED, CaseStatus.REJECTED,
                        CaseStatus.WITHDRAWN, CaseStatus.GRANTED}
    steps = {procedure.case_request(case).current_step.code
             for case in AssistanceCase.objects.filter(status=CaseStatus.IN_PROCEDURE, kind="dibao")}
    assert steps == {"accept", "investigate", "evaluate", "notice", "approve"}
    assert AssistanceCase.objects.filter(kind="temporary", urgent=True, status=CaseStatus.GRANTED).count() == 1
    assert MedicalClaim.objects.filter(amount__gt=0).count() == 1
    assert Recalculation.objects.filter(status="pending").exists()  # the new standard's list, not yet approved
    assert Objection.objects.count() == 1 and ConflictFiling.objects.count() == 1
    assert overdue(ApprovalRequest.objects.all()).count() == 1
    assert set(BenefitReview.objects.values_list("status", flat=True)) == {ReviewStatus.IN_PROCEDURE,
                                                                          ReviewStatus.APPROVED}
    assert create_demo_assistance(users, community=tree.hp_community) == 0  # once only
