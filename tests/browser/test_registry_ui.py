"""Search a person, open the person page, reveal the identity number (htmx), and keep screenshots."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-pw-123"


@pytest.fixture
def officer(make_user, tree):
    """A 和平区 city administrator: may reveal identity numbers in 和平区."""
    user = make_user("city_admin", tree.heping, username="registry_user", full_name="户籍测试员")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_search_then_reveal(page, live_server, officer, tree, screenshot_dir):
    from minzheng.audit.models import AuditEvent
    from minzheng.registry.tests.factories import make_household, make_person

    zhang = make_person(tree.hp_community, name="张三")
    make_household(zhang, members=[(make_person(tree.hp_community, name="张帅", sex="2"), "spouse")])
    make_person(tree.hx_community, name="张三")

    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "registry_user")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/registry/persons/")
    assert page.locator(".search-prompt").count() == 1
    assert page.locator("table.table").count() == 0  # search first: nobody is listed yet
    page.fill(".searchbox input[name=q]", "zs")
    page.click(".searchbox button[type=submit]")
    page.wait_for_function("document.querySelectorAll('table.table tbody tr').length === 2")
    table = page.inner_text("table.table")
    assert zhang.id_number not in table and f"{zhang.id_number[:6]}********{zhang.id_number[-4:]}" in table
    assert "q=zs" in page.get_attribute("a[href*='export=csv']", "href")  # the export follows the search
    page.screenshot(path=str(screenshot_dir / "registry-search.png"), full_page=True)

    page.click("table.table >> text=张三")
    page.wait_for_url(f"**/registry/persons/{zhang.pk}/")
    assert zhang.id_number not in page.inner_text("main")
    page.click(".sensitive button")
    page.wait_for_selector(".sensitive.revealed")
    assert zhang.id_number in page.inner_text("main")
    page.screenshot(path=str(screenshot_dir / "registry-person.png"), full_page=True)
    assert AuditEvent.objects.filter(code="privacy.person.id_revealed", actor=officer).count() == 1
