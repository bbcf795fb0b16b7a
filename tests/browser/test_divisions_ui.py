"""Log in, open the division list, filter it, open a detail page, and keep a screenshot."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-pw-123"


@pytest.fixture
def officer(make_user, tree):
    user = make_user("district_approver", tree.heping, username="browser_user", full_name="浏览器测试员")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_list_filter_detail(page, live_server, officer, tree, screenshot_dir):
    log_in(page, live_server, "browser_user")
    assert "和平区" in page.content()

    page.goto(f"{live_server.url}/divisions/divisions/")
    rows = page.locator("table.table tbody tr")
    assert rows.count() == 3  # 和平区, its street and its community; nothing of 河西区
    assert "河西区" not in page.inner_text("table.table")

    page.fill("input[name=q]", "劝业场示范")
    page.click("#filter-form button[type=submit]")
    page.wait_for_function("document.querySelectorAll('table.table tbody tr').length === 1")
    assert "q=%E5%8A%9D" in page.url  # htmx pushed the filter into the address bar

    page.click("table.table tbody tr a")
    page.wait_for_url("**/divisions/divisions/*/")
    assert "120101001001" in page.inner_text("main")
    page.screenshot(path=str(screenshot_dir / "division-detail.png"), full_page=True)

    page.click("nav.tabs >> text=变更记录")
    page.wait_for_url("**/changelog/")
    assert page.locator("table.table").count() == 1


def test_lazy_picker_chooses_a_parent(page, live_server, officer, tree, screenshot_dir):
    from minzheng.divisions.models import Division

    log_in(page, live_server, "browser_user")
    page.goto(f"{live_server.url}/divisions/divisions/{tree.hp_community.pk}/edit/")
    search = page.locator("input[name=parent__search]")
    search.fill("")
    search.type("和平")
    page.wait_for_selector(".picker-results [data-pick]")
    assert "大营门" not in page.inner_text(".picker-results")
    page.click(f".picker-results [data-pick='{tree.heping.pk}']")
    assert page.input_value("input[name=parent]") == str(tree.heping.pk)
    page.screenshot(path=str(screenshot_dir / "division-picker.png"), full_page=True)
    page.click("form.edit-form button[type=submit]")
    page.wait_for_url(f"**/divisions/divisions/{tree.hp_community.pk}/")
    assert Division.objects.get(pk=tree.hp_community.pk).parent_id == tree.heping.pk
