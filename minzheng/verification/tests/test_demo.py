"""The demo verification data: reports and batch findings in every outcome, written through the services, once."""

import datetime

from minzheng.assistance.demo_cases import create_demo_assistance
from minzheng.assistance.models import Program, ReviewTask
from minzheng.assistance.tests.conftest import assistance, staff  # noqa: F401 (fixtures)
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person
from minzheng.verification.choices import FindingKind, Outcome, SnapshotStatus
from minzheng.verification.demo import create_demo_verification
from minzheng.verification.models import AccessLog, BatchFinding, Consent, SourceSnapshot, Verification


def test_demo_verification_covers_every_outcome(assistance, staff, tree, make_user, settings, tmp_path,  # noqa: F811
                                                django_capture_on_commit_callbacks):
    from minzheng.assistance.tests import factories

    settings.MEDIA_ROOT = tmp_path
    medical = Program.objects.get(code="medical")
    factories.rule_set(medical, tree.city, "2014-01-01", {"medical_ratios": {"dibao": "0.7", "other": "0.4"},
                                                          "medical_annual_cap": "30000"})
    for index in range(20):
        head = make_person(tree.hp_community, name=f"演示户主{index}", birth_date=datetime.date(1950 + index, 1, 1))
        child = make_person(tree.hp_community, name=f"演示子女{index}", birth_date=datetime.date(2016, 1, 1 + index))
        make_household(head, tree.hp_community, members=[(child, Relation.CHILD)], number=f"DEMO{index:04d}")
    users = {key: staff[key] for key in ("worker", "officer", "officer2", "approver")}
    users["city_admin"] = make_user("city_admin", tree.city)
    with django_capture_on_commit_callbacks(execute=True):
        create_demo_assistance(users, community=tree.hp_community)
        assert create_demo_verification(users, community=tree.hp_community) == 5
    assert set(Verification.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert set(BatchFinding.objects.values_list("kind", flat=True)) == set(FindingKind.values)
    assert ReviewTask.objects.filter(source="verification").count() == 3
    assert SourceSnapshot.objects.filter(kind="wages", status=SnapshotStatus.SUPERSEDED).count() == 1
    assert Consent.objects.filter(revoked_on__isnull=False).count() == 1
    assert AccessLog.objects.filter(verification__isnull=False).exists() and AccessLog.objects.filter(
        batch__isnull=False).count() == 1
    assert create_demo_verification(users, community=tree.hp_community) == 0  # once only
