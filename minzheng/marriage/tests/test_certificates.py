"""Replacement certificates (补领) and the printable certificate."""

import datetime

import pytest
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.marriage.certificates import reissue_certificate
from minzheng.marriage.choices import CertificateKind
from minzheng.marriage.divorces import DivorcePartyInput, receive_divorce
from minzheng.marriage.models import Certificate
from minzheng.marriage.registration import register_marriage
from minzheng.marriage.tests.factories import marriage_party

D = datetime.date


@pytest.fixture
def certificate(office, clerk, couple):
    groom, bride = couple
    registration = register_marriage(office, marriage_party(groom.name, groom.id_number),
                                     marriage_party(bride.name, bride.id_number), actor=clerk, on=D(2019, 5, 20))
    return Certificate.objects.get(marriage=registration)


def test_a_holder_gets_a_replacement_numbered_on_its_own(office, clerk, couple, certificate):
    _groom, bride = couple
    replacement = reissue_certificate(certificate, office=office, holder_id_number=bride.id_number.lower(),
                                      actor=clerk, on=D(2026, 11, 2))
    assert (replacement.kind, replacement.number) == (CertificateKind.MARRIAGE_REISSUE, "BJ120101-2026-000001")
    assert certificate.number == "J120101-2019-000001"
    assert (replacement.replaces, replacement.marriage, replacement.holders) == (certificate, certificate.marriage,
                                                                                 bride.name)
    again = reissue_certificate(replacement, office=office, holder_id_number=bride.id_number, actor=clerk)
    assert again.number.startswith("BJ120101-") and again.serial == 2


def test_only_a_holder_and_only_while_married(office, clerk, couple, certificate):
    groom, bride = couple
    with pytest.raises(DomainError) as raised:
        reissue_certificate(certificate, office=office, holder_id_number="120101199001010012", actor=clerk)
    assert raised.value.code == "marriage.reissue_not_holder"
    receive_divorce(office, DivorcePartyInput(name=groom.name, id_number=groom.id_number,
                                              documents=frozenset({"household_register", "id_card",
                                                                   "marriage_certificate"})),
                    DivorcePartyInput(name=bride.name, id_number=bride.id_number,
                                      documents=frozenset({"household_register", "id_card", "marriage_certificate"})),
                    marriage_certificate_number=certificate.number, agreement_signed=True, actor=clerk,
                    on=D(2020, 12, 1))
    with pytest.raises(DomainError) as raised:
        reissue_certificate(certificate, office=office, holder_id_number=groom.id_number, actor=clerk)
    assert raised.value.code == "marriage.reissue_dissolved"
    divorce_certificate = Certificate.objects.get(kind=CertificateKind.DIVORCE)
    replacement = reissue_certificate(divorce_certificate, office=office, holder_id_number=groom.id_number,
                                      actor=clerk)
    assert (replacement.number, replacement.divorce) == ("BL120101-2026-000001", divorce_certificate.divorce)


def test_another_districts_clerk_cannot_reissue_here(office, hexi_clerk, couple, certificate):
    _groom, bride = couple
    with pytest.raises(PermissionsViolation):
        reissue_certificate(certificate, office=office, holder_id_number=bride.id_number, actor=hexi_clerk)
    assert Certificate.objects.count() == 1


def test_printing_shows_full_numbers_to_the_clerk_and_is_logged(login_as, clerk, couple, certificate, tree,
                                                                 make_user):
    groom, bride = couple
    page = login_as(clerk).get(reverse("marriage:certificate_print", args=[certificate.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and groom.id_number in html and bride.id_number in html
    assert html.count('class="page"') == 2 and certificate.number in html
    assert AuditEvent.objects.filter(code="marriage.certificate.printed", actor=clerk).count() == 1
    leader = make_user("city_leader", tree.city)
    assert login_as(leader).get(reverse("marriage:certificate_print", args=[certificate.pk])).status_code == 403
    hexi = make_user("marriage_clerk", tree.hexi)
    assert login_as(hexi).get(reverse("marriage:certificate_print", args=[certificate.pk])).status_code == 404
    assert AuditEvent.objects.filter(code="marriage.certificate.printed").count() == 1


def test_the_certificate_page_masks_and_offers_the_replacement(login_as, clerk, couple, certificate):
    groom, _bride = couple
    client = login_as(clerk)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert groom.id_number not in page and "print/" in page and "reissue/" in page
    response = client.post(reverse("marriage:certificate_reissue", args=[certificate.pk]),
                           {"office": certificate.office_id, "holder_id_number": groom.id_number})
    replacement = Certificate.objects.get(kind=CertificateKind.MARRIAGE_REISSUE)
    assert response.status_code == 302 and response.url == replacement.get_absolute_url()
