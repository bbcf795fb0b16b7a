"""A district approver approves a 低保 case at the district step in the browser, with the amount and first month."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from minzheng.assistance.tests.conftest import assistance, documents, household, staff  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-pw-123"


def _case_at_district_step(assistance, household, staff, documents):  # noqa: F811
    from minzheng.assistance import flows, procedure
    from minzheng.assistance.tests.test_procedure import AFTER_NOTICE, apply, to_notice

    case = apply(assistance, household, staff, documents)
    to_notice(case, staff)
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.NOTICE, decision="approve",
                          now=timezone.now() + AFTER_NOTICE)
    return case


def test_district_approver_approves_the_case(page, live_server, assistance, household, staff,  # noqa: F811
                                             documents, screenshot_dir):  # noqa: F811
    from minzheng.assistance.choices import CaseStatus
    from minzheng.assistance.models import AssistanceCase

    case = _case_at_district_step(assistance, household, staff, documents)
    approver = staff["approver"]
    approver.set_password(PASSWORD)
    approver.save()

    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", approver.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert page.locator("#case-decision-form").count() == 1
    assert "区县审批" in page.inner_text("main")
    assert "900" not in page.inner_text(".panel")  # the income stays masked
    page.select_option("#case-decision-form select[name=decision]", "approve")
    page.fill("#case-decision-form input[name=amount]", "1250.00")
    first_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    page.fill("#case-decision-form input[name=benefit_from]", first_month.isoformat())
    page.screenshot(path=str(screenshot_dir / "assistance-district-step.png"), full_page=True)
    page.click("#case-decision-form button[type=submit]")
    page.wait_for_selector("#benefit-periods td:has-text('1250.00')")
    page.screenshot(path=str(screenshot_dir / "assistance-approved.png"), full_page=True)

    case = AssistanceCase.objects.get(pk=case.pk)
    assert case.status == CaseStatus.ACTIVE and case.approved_amount == Decimal("1250.00")
    assert case.benefitperiods.get().starts == first_month
    assert page.locator("#case-decision-form").count() == 0  # nothing left to decide
