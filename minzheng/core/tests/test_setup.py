"""`minzheng setup --demo` prepares a usable, verifiable database and can run twice."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from minzheng.accounts.models import RoleAssignment, User
from minzheng.audit.models import ObjectChange
from minzheng.core.demo import DEMO_USERS
from minzheng.divisions.models import Division
from minzheng.registry.choices import DuplicateStatus, LifeEventKind
from minzheng.registry.models import DuplicateCandidate, LifeEvent


@pytest.mark.django_db(transaction=True)
def test_setup_demo_is_idempotent_and_audit_verifies(capsys):
    call_command("setup", "--demo")
    first = (Division.objects.count(), RoleAssignment.objects.count(), ObjectChange.objects.count())
    out = capsys.readouterr().out
    assert all(demo.username in out for demo in DEMO_USERS)

    call_command("setup", "--demo")
    assert (Division.objects.count(), RoleAssignment.objects.count(), ObjectChange.objects.count()) == first
    assert User.objects.filter(username__in=[d.username for d in DEMO_USERS]).count() == len(DEMO_USERS)
    assert RoleAssignment.objects.count() == len([d for d in DEMO_USERS if d.role])

    # the registry's demo shows every kind of life event and every state of a possible duplicate
    assert set(LifeEvent.objects.values_list("kind", flat=True)) == set(LifeEventKind.values)
    assert set(DuplicateCandidate.objects.values_list("status", flat=True)) == set(DuplicateStatus.values)

    call_command("audit", "verify")  # raises SystemExit(1) on a broken chain


@pytest.mark.django_db(transaction=True)
def test_demo_logins_work(client):
    call_command("setup", "--demo")
    for demo in DEMO_USERS:
        response = client.post(reverse("accounts:login"), {"username": demo.username, "password": "minzheng-demo"})
        assert response.status_code == 302, demo.username
        assert client.get(reverse("home")).status_code == 200
        client.logout()
