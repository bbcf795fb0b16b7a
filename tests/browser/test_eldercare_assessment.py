"""An assessor fills in an ability assessment on a tablet, dimension by dimension with touch, watches the live
preview grade each dimension, records it and sees the level; the health answers stay masked afterwards."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-pw-123"
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True, "locale": "zh-CN"}


@pytest.fixture
def assessor(make_user, tree):
    from minzheng.eldercare.services.reference import seed_reference

    seed_reference()
    user = make_user("care_assessor", tree.heping, username="assessor_ui", full_name="评估员甲")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def tablet(browser):
    context = browser.new_context(**TABLET)
    yield context.new_page()
    context.close()


def _answers(grades):
    from minzheng.eldercare.assessment.examples import answers_for_grades
    from minzheng.eldercare.models import AssessmentRuleTable

    rules = AssessmentRuleTable.objects.order_by("effective_from").first().rules
    return answers_for_grades(rules, dict(zip((d.code for d in rules.dimensions), grades, strict=True)))


def test_fill_in_an_assessment_and_see_the_level(tablet, live_server, assessor, tree, screenshot_dir):
    from minzheng.eldercare.models import Assessment
    from minzheng.eldercare.tests.factories import elder

    person = elder(tree.hp_community, name="赵德顺")
    answers = _answers((2, 1, 0, 1))  # ADL 中度受损 with others at 0–1: 中度失能
    page = tablet
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", assessor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/eldercare/assessments/add/?person={person.pk}")
    assert page.locator("fieldset.dimension").count() == 4
    button = page.locator("label.score-button").first.bounding_box()
    assert button["width"] >= 44 and button["height"] >= 44  # a finger-sized target
    assert "0 of 22" in page.inner_text("#preview-level") or "0/" in page.inner_text("#assessment-preview")

    for code, score in answers.items():
        choice = f"input[name=item_{code}][value='{score}']"
        button = page.locator(f"label.score-button:has({choice})")
        button.evaluate("label => label.scrollIntoView({block: 'center'})")  # as a finger scrolls, above the bar
        button.tap()
        page.wait_for_selector(f"{choice}:checked", state="attached")
    page.wait_for_function("document.querySelector('#preview-level strong').textContent.includes('中度失能')")
    assert "中度受损" in page.inner_text("[data-dimension=adl]")
    page.screenshot(path=str(screenshot_dir / "eldercare-assessment-form.png"), full_page=True)

    page.locator("label.check-button:has(input[name=findings][value=dementia])").tap()
    page.wait_for_function("document.querySelector('#preview-level strong').textContent.includes('重度失能')")
    page.locator("label.check-button:has(input[name=findings][value=dementia])").tap()
    page.wait_for_function("document.querySelector('#preview-level strong').textContent.includes('中度失能')")

    page.locator("button.submit-assessment").tap()
    page.wait_for_selector("#assessment-level")
    assert "中度失能" in page.inner_text("#assessment-level")
    assert "确诊痴呆" not in page.inner_text("main") and "****" in page.inner_text("main")
    page.screenshot(path=str(screenshot_dir / "eldercare-assessment-level.png"), full_page=True)

    assessment = Assessment.objects.get(person=person)
    assert (assessment.level_name, assessment.answers, assessment.assessor) == ("中度失能", answers, assessor)
    assert page.url.endswith(assessment.get_absolute_url())
