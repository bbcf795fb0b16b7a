"""The demo registry: every state it promises, and idempotent."""

import datetime

from minzheng.divisions.demo import create_demo_divisions
from minzheng.divisions.models import Division
from minzheng.marriage.choices import AdoptionStatus, AppointmentStatus, DivorceStatus, RegistrationStatus
from minzheng.marriage.demo import create_demo_marriage
from minzheng.marriage.divorces import stage
from minzheng.marriage.models import (
    AdoptionApplication,
    Appointment,
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    RegistryOffice,
    Slot,
)
from minzheng.registry.choices import MaritalStatus
from minzheng.registry.models import Person
from minzheng.registry.tests.factories import make_person


def test_demo_registry_covers_every_state(db, roles, make_user, outbox, django_capture_on_commit_callbacks):
    create_demo_divisions()
    heping = Division.objects.current().get(code="120101")
    community = Division.objects.current().filter(path__startswith=heping.path, level="community").first()
    for n in range(4):  # a few unmarried residents: their status changes through life events
        make_person(community, name=f"居民{'甲乙丙丁'[n]}", sex="12"[n % 2], birth_date=datetime.date(1990, 1, 1 + n),
                    marital_status=MaritalStatus.SINGLE)
    users = {"city_admin": make_user("city_admin", Division.objects.current().get(code="120000"))}

    with django_capture_on_commit_callbacks(execute=True):
        summary = create_demo_marriage(users)

    assert summary["offices"] == RegistryOffice.objects.count() >= 2
    assert set(Appointment.objects.values_list("status", flat=True)) == set(AppointmentStatus.values)
    popular = datetime.date.fromisoformat(summary["popular_date"])
    morning = Slot.objects.filter(office__code="120101", date=popular, service="marriage", starts_at__hour__lt=12)
    assert morning.exists() and all(slot.booked == slot.capacity for slot in morning)
    assert set(MarriageRegistration.objects.values_list("status", flat=True)) == set(RegistrationStatus.values)
    refused = MarriageRegistration.objects.filter(status=RegistrationStatus.REFUSED)
    assert {g["code"] for r in refused for g in r.grounds} >= {"marriage.under_age", "marriage.missing_documents",
                                                                "marriage.already_married"}
    pending = DivorceApplication.objects.filter(status=DivorceStatus.PENDING)
    assert {stage(application) for application in pending} == {"cooling_off", "may_register"}
    assert {DivorceStatus.LAPSED, DivorceStatus.WITHDRAWN, DivorceStatus.REGISTERED} <= set(
        DivorceApplication.objects.values_list("status", flat=True))
    assert set(AdoptionApplication.objects.values_list("status", flat=True)) == set(AdoptionStatus.values)
    assert AdoptionApplication.objects.filter(children__notice_published_on__isnull=False).count() == 1
    assert set(Certificate.objects.values_list("kind", flat=True)) == {"J", "L", "BJ", "SY"}
    assert Person.objects.filter(marital_status=MaritalStatus.MARRIED).count() == 4
    assert outbox == []  # the demo's phones are made up: nothing is sent
    assert create_demo_marriage(users) is None
